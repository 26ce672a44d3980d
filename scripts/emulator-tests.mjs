// The emulator's test files, in one place: every projects/kratos-emulator/src/test/*.test.ts, as tsc compiles it to
// dist/kratos-emulator/test/. Named from the sources, so a compiled test whose source is gone never runs.
// `node scripts/emulator-tests.mjs` runs them (npm run test:emulator); scripts/test.mjs imports the list.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Paths relative to the workspace root. */
export function emulatorTestFiles() {
  return readdirSync(join(root, 'projects/kratos-emulator/src/test'))
    .filter((name) => name.endsWith('.test.ts'))
    .sort()
    .map((name) => `dist/kratos-emulator/test/${name.replace(/\.ts$/, '.js')}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { status } = spawnSync(process.execPath, ['--test', ...emulatorTestFiles()], { cwd: root, stdio: 'inherit' });
  process.exit(status ?? 1);
}
