import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  globalSetup: './global-setup.ts',
  // One emulator, reset before each test: the tests take turns.
  workers: 1,
  timeout: 30_000,
  use: {
    // A Chromium already installed (no `npx playwright install`).
    launchOptions: { executablePath: process.env.CHROME_BIN || '/usr/bin/chromium' },
  },
});
