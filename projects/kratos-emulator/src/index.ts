export { startEmulator } from './server';
export type { RunningEmulator } from './server';
export type { EmulatorOptions } from './config';
export { SEED } from './state';
export { totpCode } from './totp';
