#!/usr/bin/env node
// `npm test`: unit and adapter tests (Vitest), then the built extension end to end in real
// Chromium (Playwright). Ends with one line "N passed, N failed" over both layers.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

mkdirSync('test-results', { recursive: true });
for (const f of ['test-results/unit.json', 'test-results/e2e.json']) rmSync(f, { force: true });

const unitStatus = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile=test-results/unit.json',
]);
const buildStatus = run('npx', ['wxt', 'build']);
const e2eStatus = buildStatus === 0 ? run('npx', ['playwright', 'test']) : 1;

function counts(file, read) {
  if (!existsSync(file)) return { passed: 0, failed: 1, note: `${file} missing` };
  try {
    return read(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    return { passed: 0, failed: 1, note: `${file}: ${error.message}` };
  }
}
const unit = counts('test-results/unit.json', (r) => ({
  passed: r.numPassedTests,
  failed: r.numFailedTests,
}));
const e2e = counts('test-results/e2e.json', (r) => ({
  passed: r.stats.expected,
  failed: r.stats.unexpected + (r.stats.flaky ?? 0),
}));
if (buildStatus !== 0) console.error('The extension build failed: end-to-end tests did not run.');
for (const c of [unit, e2e]) if (c.note) console.error(c.note);

const passed = unit.passed + e2e.passed;
const failed = unit.failed + e2e.failed + (buildStatus !== 0 ? 1 : 0);
console.log(
  `\nunit ${unit.passed} passed, ${unit.failed} failed; end to end ${e2e.passed} passed, ${e2e.failed} failed`,
);
console.log(`${passed} passed, ${failed} failed`);
process.exit(unitStatus === 0 && e2eStatus === 0 && failed === 0 ? 0 : 1);
