import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { coalescedSync } from './scan-helper.process.ts';
import { journalLine, parseJournalLine } from './scan-helper.types.ts';

describe('the scan helper journal', () => {
  it('reads a verdict back as it was written and drops a line torn by a kill', () => {
    const entry = { tenant: 'wartburgkreis', sha256: 'ab'.repeat(32), at: 1_796_000_000_000 };
    const line = journalLine(entry);
    expect(parseJournalLine(line.trimEnd())).toEqual(entry);
    expect(parseJournalLine(line.slice(0, 40))).toBeNull();
    expect(parseJournalLine(`${entry.tenant}\t${'zz'.repeat(32)}\t${entry.at}`)).toBeNull();
  });

  it('lets verdicts that arrive while a sync runs share the next one, and none waits for none', async () => {
    let syncs = 0;
    const sync = coalescedSync(async () => {
      syncs += 1;
      await sleep(30);
    });
    const first = sync();
    await sleep(5);
    // Written after the first sync began: it may not cover them, one more sync covers all three.
    const later = [sync(), sync(), sync()];
    await Promise.all([first, ...later]);
    expect(syncs).toBe(2);
    await sync();
    expect(syncs).toBe(3);
  });
});
