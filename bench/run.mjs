#!/usr/bin/env node
// `npm run bench`: builds what it needs, measures the three parts in this one run and prints one report (bundle
// cost, round trips, memory), also written to dist/bench/latest.txt. Figures are printed, never asserted.
// Flags: --skip-build (use dist/ as it is), --only=bundle,round-trips,memory (a subset of the parts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { bundleCost } from './bundle-cost.mjs';
import { outDir, progress } from './lib.mjs';
import { memory } from './memory.mjs';
import { roundTrips, ssrFirstLoad } from './round-trips.mjs';

// Round trips: the CSR demo's navigations, then the SSR demo's first load.
const roundTripsAll = async (options) => `${await roundTrips(options)}\n\n${await ssrFirstLoad(options)}`;
const PARTS = { bundle: bundleCost, 'round-trips': roundTripsAll, memory };
const args = process.argv.slice(2);
const skipBuild = args.includes('--skip-build');
const only =
  args
    .find((a) => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',') ?? Object.keys(PARTS);
const unknown = only.filter((name) => !PARTS[name]);
if (unknown.length) throw new Error(`bench: unknown part(s) ${unknown.join(', ')}; parts: ${Object.keys(PARTS)}`);
if (process.env.KRATOS_PUBLIC_URL) {
  // Round trips and memory read the emulator's request log and counters, which a real Kratos does not have.
  progress('KRATOS_PUBLIC_URL is ignored: the bench always runs on the embedded emulator.');
  delete process.env.KRATOS_PUBLIC_URL;
}

/** The machine line: the figures mean little without it. Chromium's version comes from the browser itself. */
async function machine() {
  const { launchChromium } = await import('../e2e/harness.mjs');
  const browser = await launchChromium();
  const chromiumVersion = browser.version();
  await browser.close();
  const cpu = cpus();
  return (
    `machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ` +
    `${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, Chromium ${chromiumVersion}, ` +
    `${process.platform}/${process.arch}; ${new Date().toISOString()}`
  );
}

const started = Date.now();
const sections = [`ngx-kratos bench: ${await machine()}`];
for (const name of only) {
  const part = await PARTS[name]({ skipBuild });
  sections.push(part);
}
sections.push(`(run took ${((Date.now() - started) / 1000).toFixed(0)} s${skipBuild ? ', --skip-build' : ''})`);
const report = `${sections.join('\n\n')}\n`;
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'latest.txt'), report);
progress(`written to ${join(outDir, 'latest.txt')}`);
process.stdout.write(`\n${report}`);
