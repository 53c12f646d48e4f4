#!/usr/bin/env node
// Moves tracked files by prefix rules (git mv) and rewrites every relative import/URL that points
// at a moved file. Usage: node scripts/move-files.mjs rules.txt   (lines: "old/prefix new/prefix")
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const rules = readFileSync(process.argv[2], 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => l.split(/\s+/));
const tracked = execFileSync('git', ['ls-files'], { encoding: 'utf8' }).split('\n').filter(Boolean);
const map = new Map();
for (const file of tracked) {
  for (const [from, to] of rules) {
    if (file === from || file.startsWith(from.endsWith('/') ? from : `${from}/`)) {
      map.set(file, to + file.slice(from.length));
      break;
    }
  }
}
const dirRules = rules.filter(([from]) => !tracked.includes(from));
const mapPath = (p) => {
  if (map.has(p)) return map.get(p);
  for (const [from, to] of dirRules) {
    const f = from.replace(/\/$/, '');
    if (p === f) return to.replace(/\/$/, '');
    if (p.startsWith(`${f}/`)) return to.replace(/\/$/, '') + p.slice(f.length);
  }
  return p;
};
const sources = tracked.filter((f) => /\.(ts|tsx|mjs|js)$/.test(f) && existsSync(f));
const rewrite = (file, spec) => {
  if (!spec.startsWith('.')) return spec;
  const oldDir = path.posix.dirname(file);
  const newFile = mapPath(file);
  const newDir = path.posix.dirname(newFile);
  const trailing = spec.endsWith('/') ? '/' : '';
  const target = path.posix.normalize(path.posix.join(oldDir, spec));
  const newTarget = mapPath(target);
  if (newTarget === target && newDir === oldDir) return spec;
  let rel = path.posix.relative(newDir, newTarget) || '.';
  if (!rel.startsWith('.')) rel = `./${rel}`;
  return rel + (trailing && !rel.endsWith('/') ? trailing : '');
};
const patterns = [
  /(\bfrom\s+')([^']+)(')/g,
  /(\bimport\s*\(\s*')([^']+)(')/g,
  /(\bimport\s+')([^']+)(')/g,
  /(new URL\(\s*')([^']+)(',\s*import\.meta\.url)/g,
  /(import\.meta\.dirname,\s*')([^']+)(')/g,
  /(vi\.mock\(\s*')([^']+)(')/g,
];
let changed = 0;
for (const file of sources) {
  const text = readFileSync(file, 'utf8');
  let next = text;
  for (const re of patterns) next = next.replace(re, (_m, a, spec, b) => a + rewrite(file, spec) + b);
  if (next !== text) {
    writeFileSync(file, next);
    changed += 1;
  }
}
for (const [from, to] of map) {
  mkdirSync(path.dirname(to), { recursive: true });
  execFileSync('git', ['mv', from, to]);
}
console.log(`moved ${map.size} files, rewrote ${changed} files`);
void root;
