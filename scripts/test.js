#!/usr/bin/env node
// `npm test`: type check, lint + format check, the layer rule (dependency-cruiser), then the whole Vitest suite against real PostgreSQL
// and a real browser. Ends with one line "N passed, N failed, N skipped" (CI reads it).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

const results = { passed: 0, failed: 0, skipped: 0 };
const step = (name, command, args) => {
  console.log(`\n▶ ${name}`);
  const { status } = spawnSync(command, args, { stdio: 'inherit' });
  if (status === 0) results.passed += 1;
  else {
    results.failed += 1;
    console.log(`✗ ${name} fehlgeschlagen (Exit ${status})`);
  }
};

step('Typprüfung (tsc --noEmit)', 'npx', ['tsc', '--noEmit', '-p', '.']);
step('Lint und Format (biome check)', 'npx', ['biome', 'check', '.']);
// The layer rule (README, "Aufbau"): a wrong import fails here, and the message names the rule.
step('Schichtenregel (dependency-cruiser)', 'npx', [
  'depcruise',
  'src',
  '--config',
  '.dependency-cruiser.cjs',
  '--output-type',
  'err',
]);

// Files that measure the product's own start time (first start ≤ 30 s, restart ≤ 10 s) or latency
// (/health p99 while hostile FIM imports are parsed) run alone after the rest: next to another test
// file on 2 cores they measure the neighbour, not the product (fim-hostile failed in 2 of 6 suite runs
// on 6./7.12.2026 with /health p99 720–891 ms while other files loaded both cores, and passed alone
// beside a running search benchmark: p99 46 ms).
const ALONE = ['test/start.test.ts', 'src/modules/ozg/formulare/fim-hostile.test.ts'];
const extra = process.argv.slice(2);
const phases =
  extra.length > 0
    ? [{ name: 'Tests (vitest)', args: extra }]
    : [
        { name: 'Tests (vitest)', args: ALONE.flatMap((file) => ['--exclude', file]) },
        {
          name: `Tests allein (vitest, ${ALONE.join(', ')})`,
          args: [...ALONE, '--maxWorkers=1', '--minWorkers=1'],
        },
      ];
phases.forEach((phase, index) => {
  const report = `test-results${index === 0 ? '' : `-${index + 1}`}.json`;
  rmSync(report, { force: true });
  console.log(`\n▶ ${phase.name}`);
  const vitest = spawnSync(
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...phase.args],
    { stdio: 'inherit' },
  );
  const before = results.failed;
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    results.passed += json.numPassedTests;
    results.failed += json.numFailedTests;
    results.skipped += json.numPendingTests + json.numTodoTests;
    // A file that fails to load (e.g. an error in beforeAll) has no failed test of its own; count it.
    results.failed += json.testResults.filter(
      (f) => f.status === 'failed' && f.assertionResults.every((a) => a.status !== 'failed'),
    ).length;
  } catch {
    results.failed += 1;
    console.log('✗ Vitest hat keinen Bericht geschrieben');
  }
  if (vitest.status !== 0 && results.failed === before) results.failed += 1;
});

console.log(`\n${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
process.exit(results.failed > 0 ? 1 : 0);
