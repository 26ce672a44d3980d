// Both servers' JSON answers against two Kratos OpenAPI specs: v1.3.1's own (spec/api.json in the Kratos module, in
// Go's module cache after the Kratos build) and the later one in ../shared/kratos/openapi.json. Without the spec
// quirks corrected: the point is to list where each spec disagrees with what v1.3.1 sends. An emulator answer that
// breaks a spec at an operation and status where real Kratos's answers keep it is an emulator bug.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { KRATOS_VERSION } from '../tools/kratos/build.mjs';

const { specValidator, SHARED_SPEC } = createRequire(import.meta.url)('../dist/kratos-emulator/test/conformance.js');

function specs() {
  const modules = spawnSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).stdout?.trim();
  const own = modules && join(modules, `github.com/ory/kratos@${KRATOS_VERSION}`, 'spec', 'api.json');
  return [
    { name: `v1.3.1 spec/api.json`, file: own },
    { name: '../shared/kratos/openapi.json (later)', file: SHARED_SPEC },
  ];
}

/**
 * `answers`: `{ emulator: [exchange], real: [exchange] }` (client.mjs's records). Returns `{ lines, emulatorOnly }`:
 * the report, and the emulator's failures that real Kratos does not share.
 */
export function conformance(answers) {
  const lines = [];
  const emulatorOnly = [];
  for (const { name, file } of specs()) {
    if (!file || !existsSync(file)) {
      lines.push(`openapi: ${name}: skipped, ${file ?? 'the Go module cache'} is absent`);
      continue;
    }
    const validate = specValidator(file, { correctQuirks: false });
    const failures = { emulator: new Map(), real: new Map() };
    const checked = { emulator: 0, real: 0 };
    for (const which of ['emulator', 'real']) {
      for (const exchange of answers[which]) {
        if (exchange.json === undefined) continue;
        const errors = validate({
          method: exchange.method,
          path: exchange.path,
          status: exchange.status,
          body: exchange.json,
        });
        if (errors === undefined) continue;
        checked[which]++;
        const operation = `${exchange.method} ${exchange.path} ${exchange.status}`;
        for (const error of errors) {
          const key = `${operation}: ${error.replace(/\/\d+(?=\/|$)/g, '/<i>')}`;
          failures[which].set(key, (failures[which].get(key) ?? 0) + 1);
        }
      }
    }
    lines.push(
      `openapi: ${name}: ${checked.real} answers of real Kratos and ${checked.emulator} of the emulator had a schema; ` +
        `${failures.real.size} kinds of disagreement with real Kratos, ${failures.emulator.size} with the emulator`,
    );
    for (const [key, count] of [...failures.real].sort()) lines.push(`  spec ≠ real Kratos (${count}×) ${key}`);
    for (const key of [...failures.emulator.keys()].sort()) {
      if (!failures.real.has(key)) emulatorOnly.push(`${name}: ${key}`);
    }
  }
  return { lines, emulatorOnly };
}
