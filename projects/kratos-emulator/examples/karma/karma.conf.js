const { createServer } = require('node:net');
const { startEmulator } = require('kratos-emulator');

// Debian's Chromium unless CHROME_BIN names another browser (karma-chrome-launcher reads it).
process.env.CHROME_BIN ||= '/usr/bin/chromium';

// A free port for Karma's page, so that its origin is known before the emulator starts.
const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

// `karma start` and Angular's Karma builder wait for the promise this returns.
module.exports = async (config) => {
  const port = await freePort();
  const kratos = await startEmulator({
    port: 0,
    adminPort: 0,
    testControls: true,
    allowedOrigins: [`http://127.0.0.1:${port}`], // Karma's page: CORS with credentials needs its exact origin
  });
  // A Karma plugin that stops the emulator when Karma exits (and lets Karma exit even if closing fails).
  const stopEmulator = (emitter) =>
    emitter.on('exit', (done) =>
      kratos
        .close()
        .catch((error) => console.error('kratos-emulator: closing failed:', error))
        .finally(done),
    );
  stopEmulator.$inject = ['emitter'];
  config.set({
    hostname: '127.0.0.1',
    listenAddress: '127.0.0.1',
    port,
    frameworks: ['jasmine', 'kratos-emulator'],
    plugins: ['karma-jasmine', 'karma-chrome-launcher', { 'framework:kratos-emulator': ['factory', stopEmulator] }],
    files: ['*.spec.js'],
    client: { args: ['--kratos-url', kratos.url] }, // the specs read it from __karma__.config.args
    // Chromium refuses to run as root with its sandbox: --no-sandbox only then (a CI container), never otherwise.
    browsers: [process.getuid?.() === 0 ? 'ChromeHeadlessNoSandbox' : 'ChromeHeadless'],
    customLaunchers: {
      ChromeHeadlessNoSandbox: { base: 'ChromeHeadless', flags: ['--no-sandbox'] },
    },
  });
};
