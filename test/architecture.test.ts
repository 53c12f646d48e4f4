import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cruise, type IConfiguration, type ICruiseResult } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { afterAll, describe, expect, it } from 'vitest';

// The layer rule of the README ("Aufbau"), the same rule set `npm test` runs through the depcruise
// command line (.dependency-cruiser.cjs).
const ROOT = path.resolve(import.meta.dirname, '..');
const config: IConfiguration = createRequire(import.meta.url)(path.join(ROOT, '.dependency-cruiser.cjs'));

async function violationsIn(baseDir: string, tsConfig?: ReturnType<typeof extractTSConfig>) {
  const { tsConfig: _named, ...options } = config.options ?? {};
  const result = await cruise(
    ['src'],
    { ...options, validate: true, ruleSet: { forbidden: config.forbidden }, baseDir, outputType: 'json' },
    undefined,
    tsConfig ? { tsConfig } : undefined,
  );
  const output = (
    typeof result.output === 'string' ? JSON.parse(result.output) : result.output
  ) as ICruiseResult;
  return output.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
}

/** Non-test source files of src/ and their line counts. */
function sourceFiles(dir = path.join(ROOT, 'src')): Array<{ file: string; lines: number }> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    if (!/\.(ts|tsx|mjs)$/.test(entry.name) || /\.(test|fixture)\.tsx?$/.test(entry.name)) return [];
    const text = readFileSync(full, 'utf8');
    return [
      { file: path.relative(ROOT, full), lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0) },
    ];
  });
}

/** Data, not logic: generated types and demo vocabulary may be long. */
const DECLARED_DATA_FILES = [/^src\/platform\/database\/database\.types\.ts$/, /^src\/demo\//];
const MAX_LINES = 400;

const temp: string[] = [];
afterAll(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

describe('the layer rule', () => {
  it('fails on a wrong arrow and names the rule: platform importing a module, a module reaching into another', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'verbund-layers-'));
    temp.push(dir);
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    };
    write('src/platform/x.ts', "import { y } from '../modules/records/y.ts';\nexport const x = y;\n");
    write('src/modules/records/y.ts', 'export const y = 1;\n');
    write('src/modules/a/a.ts', "import { b } from '../b/internal.ts';\nexport const a = b;\n");
    write('src/modules/b/internal.ts', 'export const b = 2;\n');
    write('src/modules/b/b.module.ts', "export { b } from './internal.ts';\n");
    write('src/modules/c/c.ts', "import { b } from '../b/b.module.ts';\nexport const c = b;\n");

    const violations = await violationsIn(dir);
    expect(violations).toEqual(
      expect.arrayContaining([
        { rule: 'platform-imports-only-shared', from: 'src/platform/x.ts', to: 'src/modules/records/y.ts' },
        {
          rule: 'modules-meet-through-module-ts',
          from: 'src/modules/a/a.ts',
          to: 'src/modules/b/internal.ts',
        },
      ]),
    );
    // Through b.module.ts is the allowed way.
    expect(violations.filter((v) => v.from === 'src/modules/c/c.ts')).toEqual([]);
    expect(violations).toHaveLength(2);
  });

  it('holds for the real src/ tree: no violation, no cycle', { timeout: 120_000 }, async () => {
    const violations = await violationsIn(ROOT, extractTSConfig(path.join(ROOT, 'tsconfig.json')));
    expect(violations).toEqual([]);
  });
});

describe('file sizes', () => {
  it(`no source file of src/ is longer than ${MAX_LINES} lines, except declared data files`, () => {
    const files = sourceFiles();
    const lines = files.map((f) => f.lines).sort((a, b) => a - b);
    const median =
      lines.length % 2
        ? lines[(lines.length - 1) / 2]!
        : (lines[lines.length / 2 - 1]! + lines[lines.length / 2]!) / 2;
    console.log(`${files.length} source files in src/, median ${median} lines`);
    const tooLong = files
      .filter((f) => f.lines > MAX_LINES && !DECLARED_DATA_FILES.some((data) => data.test(f.file)))
      .map((f) => `${f.file} (${f.lines})`);
    expect(tooLong).toEqual([]);
  });
});
