/** Whether Angular's dev mode is on (also before `ngDevMode` is defined, as in plain Node). */
export const devMode = (): boolean => typeof ngDevMode === 'undefined' || !!ngDevMode;
