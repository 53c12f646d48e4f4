import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClamdHandle, clamdInstalled, EICAR, startClamd } from '../../../../test/support/clamd.ts';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { createVirusScanner } from '../virenscan/virenscan.ts';
import { type IntakeScanner, scanBeforeFiling } from './intake-filing.ts';

// The virus scan before filing against a real clamd (own EICAR signature database). The scanner is
// the product's; the test only counts how often clamd is asked.

const needsClamd = clamdInstalled() || process.env.CI ? describe : describe.skip;
let t: TestContext;
let clamd: ClamdHandle;
let asked = 0;
let scanner: IntakeScanner;

beforeAll(async () => {
  t = await createTestContext();
  if (!clamdInstalled() && !process.env.CI) return;
  clamd = await startClamd();
  const real = createVirusScanner({
    address: clamd.socket,
    required: 'alle',
    timeoutMs: 20_000,
    maxBytes: 1 << 20,
  });
  scanner = {
    configured: real.configured,
    scanForViruses: (input) => {
      asked += 1;
      return real.scanForViruses(input);
    },
  };
}, 60_000);
afterAll(async () => {
  await clamd?.stop();
  await t?.close();
});

const scan = (tenantId: string, bytes: Buffer) =>
  scanBeforeFiling(
    { scanner, database: t.services.database },
    {
      tenantId,
      actor: 'test',
      source: 'import',
      fileName: 'brief.txt',
      sha256: createHash('sha256').update(bytes).digest('hex'),
      open: () =>
        (async function* () {
          yield bytes;
        })(),
    },
  );

needsClamd('virus scan before filing', () => {
  it('a file scanned clean is not scanned again when its intake is repeated after a crash before the commit', async () => {
    const bytes = Buffer.from(`Antrag auf Wohngeld ${Math.random()}`);
    asked = 0;
    expect(await scan('nordhausen', bytes)).toEqual({ ok: true });
    expect(asked).toBe(1);
    // The importer died before its document was committed: the repeated intake passes without clamd.
    expect(await scan('nordhausen', bytes)).toEqual({ ok: true });
    expect(asked).toBe(1);
  });

  it('a verdict older than a day is not used, and another county scans its own bytes itself', async () => {
    const bytes = Buffer.from(`Bauantrag ${Math.random()}`);
    const sha = createHash('sha256').update(bytes).digest('hex');
    asked = 0;
    await scan('nordhausen', bytes);
    await scan('wartburgkreis', bytes);
    expect(asked).toBe(2);
    await t.superuser.query(
      `update virenscan_befunde set geprueft_at = now() - interval '25 hours' where sha256 = $1 and tenant_id = 'nordhausen'`,
      [sha],
    );
    await scan('nordhausen', bytes);
    expect(asked).toBe(3);
  });

  it('an infected file is refused every time and never remembered as scanned', async () => {
    const bytes = Buffer.concat([Buffer.from('Anhang: '), EICAR]);
    asked = 0;
    for (let i = 0; i < 2; i++)
      expect(await scan('nordhausen', bytes)).toEqual({
        ok: false,
        grund: expect.stringContaining('Schadsoftware gefunden („Eicar-Test-Signature'),
      });
    expect(asked).toBe(2);
    const { rows } = await t.superuser.query(
      'select count(*)::int as n from virenscan_befunde where sha256 = $1',
      [createHash('sha256').update(bytes).digest('hex')],
    );
    expect(rows[0].n).toBe(0);
  });
});
