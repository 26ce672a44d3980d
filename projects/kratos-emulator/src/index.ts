import { totpCode as code } from './totp';

export { startEmulator } from './server';
export type { RunningEmulator } from './server';
export type { EmulatorOptions } from './config';
export { SEED } from './state';
/**
 * The TOTP code (RFC 6238, SHA-1, six digits) of a base32 `secret` at `at`: `totpCode(grace.totpSecret, new Date())`,
 * or at the emulator's clock (`GET /__emulator/clock`) once a test has moved it. Declared here, not re-exported, so
 * that the package's typings need no @types/node.
 */
export const totpCode: (secret: string, at: Date, step?: number) => string = code;
