#!/bin/bash
# Ingest before/after (issue 11, point 7): runs `npm run bench:ingest` alternately in the baseline
# worktree (commit 268672b, before issue 11) and in the current tree, ROUNDS rounds each, and prints
# documents/s and CPU ms per document (server, PostgreSQL; from /proc), medians and after/before.
# Run it on a quiet machine (nothing else busy: `uptime` is printed for every run).
#
#   bench/ingest-compare.sh            # 3 rounds × 2000 documents (about 10 min on a quiet machine)
#   ROUNDS=5 DOCS=2000 bench/ingest-compare.sh
#
# Environment: BASE (the commit to compare with, default 268672b), BEFORE (its worktree, default
# /var/tmp/base11), AFTER (default: this repository), ROUNDS (3), DOCS (2000),
# OUT (a new directory under /var/tmp for the JSON files and logs of each run).
set -euo pipefail
BEFORE=${BEFORE:-/var/tmp/base11}
AFTER=${AFTER:-$(cd "$(dirname "$0")/.." && pwd)}
BASE=${BASE:-268672b}
ROUNDS=${ROUNDS:-3}
DOCS=${DOCS:-2000}
OUT=${OUT:-$(mktemp -d /var/tmp/ingest-compare.XXXXXX)}
mkdir -p "$OUT"

if [ ! -d "$BEFORE" ]; then
  echo "Basis-Worktree fehlt, wird angelegt: $BEFORE"
  git -C "$AFTER" worktree add "$BEFORE" "$BASE"
  cp -al "$AFTER/node_modules" "$BEFORE/node_modules"
fi
# The baseline measures with the same benchmark code (not committed there).
for f in bench/ingest.ts bench/process-watch.ts bench/upload-client.ts; do
  cmp -s "$AFTER/$f" "$BEFORE/$f" || { cp "$AFTER/$f" "$BEFORE/$f"; echo "kopiert: $f → $BEFORE"; }
done
echo "before: $BEFORE @ $(git -C "$BEFORE" rev-parse --short HEAD)   after: $AFTER @ $(git -C "$AFTER" rev-parse --short HEAD)"
echo "Ergebnisse: $OUT"

run() { # side round
  local side=$1 dir=$2 round=$3
  echo "$(date -u +%T) $side Runde $round  uptime:$(uptime | sed 's/.*load average://')" | tee -a "$OUT/runs.log"
  (cd "$dir" && npm run --silent bench:ingest -- --docs "$DOCS" --json "$OUT/$side-$round.json") \
    >"$OUT/$side-$round.txt" 2>"$OUT/$side-$round.err" || { echo "FEHLER, siehe $OUT/$side-$round.err"; tail -5 "$OUT/$side-$round.err"; exit 1; }
  echo "         ende  uptime:$(uptime | sed 's/.*load average://')" | tee -a "$OUT/runs.log"
}
for round in $(seq 1 "$ROUNDS"); do
  # Alternate which side goes first, so that a drift of the machine hits both alike.
  if [ $((round % 2)) -eq 1 ]; then
    run before "$BEFORE" "$round"; run after "$AFTER" "$round"
  else
    run after "$AFTER" "$round"; run before "$BEFORE" "$round"
  fi
done

node - "$OUT" "$ROUNDS" <<'JS'
const [dir, rounds] = process.argv.slice(2);
const { readFileSync } = require('node:fs');
const load = (side) =>
  Array.from({ length: Number(rounds) }, (_, i) => JSON.parse(readFileSync(`${dir}/${side}-${i + 1}.json`, 'utf8')));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const cols = [
  ['Dok/s', (j) => j.docsPerSecond, 1],
  ['Server ms/Dok', (j) => j.cpu.perDocMs.server, 2],
  ['davon Node', (j) => j.cpu.perDocMs.node, 2],
  ['davon Parser', (j) => j.cpu.perDocMs.parsers, 2],
  ['PostgreSQL ms/Dok', (j) => j.cpu.perDocMs.postgres, 2],
  ['CPU zus. ms/Dok', (j) => j.cpu.perDocMs.sum, 2],
  ['Basislinie Dok/s', (j) => j.rawDocsPerSecond, 1],
  ['Last vor/nach', (j) => `${j.load.before.toFixed(1)}/${j.load.after.toFixed(1)}`, 0],
];
const before = load('before');
const after = load('after');
const pad = (s, n) => String(s).padStart(n);
const w = 18;
console.log(`\nIngest vorher/nachher (${before[0].docs} Dokumente je Lauf, ${rounds} Runden je Seite)`);
console.log(pad('', 14) + cols.map(([name]) => pad(name, w)).join(''));
const row = (label, cells) => console.log(label.padEnd(14) + cells.map((c) => pad(c, w)).join(''));
const fmt = (v, d) => (typeof v === 'number' ? v.toFixed(d) : v);
for (const [side, runs] of [['vorher', before], ['nachher', after]]) {
  runs.forEach((j, i) => row(`${side} ${i + 1}`, cols.map(([, f, d]) => fmt(f(j), d))));
}
const numeric = cols.filter(([, f]) => typeof f(before[0]) === 'number');
const mb = numeric.map(([, f]) => median(before.map(f)));
const ma = numeric.map(([, f]) => median(after.map(f)));
const pick = (vals) => cols.map(([name, , d]) => {
  const i = numeric.findIndex(([n]) => n === name);
  return i < 0 ? '' : fmt(vals[i], d);
});
row('Median vorher', pick(mb));
row('Median nachher', pick(ma));
row('nachher/vorher', cols.map(([name]) => {
  const i = numeric.findIndex(([n]) => n === name);
  return i < 0 ? '' : (ma[i] / mb[i]).toFixed(3);
}));
const ratio = ma[0] / mb[0];
console.log(
  `\nDurchsatz nachher/vorher: ${ratio.toFixed(3)} (Ziel ≥ 0,9: ${ratio >= 0.9 ? 'erfüllt' : 'NICHT erfüllt'})`,
);
JS
