// The one Chromium every browser test uses (Karma, the end-to-end suites, the bench): Debian's, unless CHROME_BIN
// names another, with the same flags. --no-sandbox because CI runs as root; the rest keep a headless run quiet and
// alike on every machine (no GPU, no /dev/shm limits, no background traffic, no first-run or update work).
const CHROMIUM_BIN = process.env.CHROME_BIN || '/usr/bin/chromium';

const CHROMIUM_FLAGS = Object.freeze([
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]);

module.exports = { CHROMIUM_BIN, CHROMIUM_FLAGS };
