import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/context.ts';
import { canonicalJson } from '../../shared/canonical-json.ts';
import { chainHash, GENESIS_HASH } from './audit.models.ts';
import { appendAuditEvent } from './audit.repository.ts';

const run = promisify(execFile);
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await run('node', ['bin/verbund.js', ...args], {
      env: { ...process.env, DATABASE_URL: t.ownerUrl, DATABASE_APP_URL: t.appUrl, LOG_LEVEL: 'silent' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('audit chain', () => {
  it('hashes the canonical JSON, independent of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: 'ä' } })).toBe(
      '{"a":{"c":"ä","d":[1,{"x":1,"y":2}]},"b":1}',
    );
    const event = {
      tenantId: 'x',
      seq: 1,
      time: '2020-06-24T10:00:00.000Z',
      actor: 'a',
      action: 'b',
      objectType: 'c',
      objectId: 'd',
      data: { z: 1, a: 2 },
    };
    expect(chainHash(GENESIS_HASH, event)).toBe(chainHash(GENESIS_HASH, { ...event, data: { a: 2, z: 1 } }));
    expect(chainHash(GENESIS_HASH, event)).not.toBe(
      chainHash(GENESIS_HASH, { ...event, data: { a: 2, z: 2 } }),
    );
  });

  it('links each event to the previous one with SHA-256 over the previous hash and the event', async () => {
    await t.services.database.withTenant('kyffhaeuserkreis', async (trx) => {
      await appendAuditEvent(trx, {
        actor: 'user:test',
        action: 'test.one',
        objectType: 'thing',
        objectId: '1',
        data: { n: 1 },
      });
      await appendAuditEvent(trx, {
        actor: 'user:test',
        action: 'test.two',
        objectType: 'thing',
        objectId: '2',
      });
    });
    const { rows } = await t.superuser.query(
      `select * from audit_events where tenant_id = 'kyffhaeuserkreis' order by seq`,
    );
    expect(rows.length).toBeGreaterThan(2);
    expect(rows[0].prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) {
      expect(Number(rows[i].seq)).toBe(i + 1);
      expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    }
    const last = rows.at(-1);
    const recomputed = chainHash(last.prev_hash, {
      tenantId: 'kyffhaeuserkreis',
      seq: Number(last.seq),
      time: last.occurred_at.toISOString(),
      actor: last.actor,
      action: last.action,
      objectType: last.object_type,
      objectId: last.object_id,
      data: last.data,
    });
    expect(recomputed).toBe(last.hash);
  });

  it('numbers concurrent events of one county without gaps or duplicates', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.services.database.withTenant('nordhausen', (trx) =>
          appendAuditEvent(trx, {
            actor: 'user:test',
            action: 'test.parallel',
            objectType: 'n',
            objectId: String(i),
          }),
        ),
      ),
    );
    const result = await t.services.audit.verify({ tenantId: 'nordhausen' });
    expect(result.ok).toBe(true);
  });

  it('`verbund audit verify` passes on an intact chain and names the first broken seq after a superuser edited a row', async () => {
    const ok = await cli('audit', 'verify', '--tenant', 'unstrut-hainich-kreis');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/intakt, \d+ Ereignisse/);

    const { rows } = await t.superuser.query(
      `select seq from audit_events where tenant_id = 'unstrut-hainich-kreis' order by seq offset 2 limit 1`,
    );
    const target = Number(rows[0].seq);
    // A superuser bypasses the append-only trigger only by switching it off — and the chain still notices.
    const client = await t.superuser.connect();
    await client.query(`set session_replication_role = replica`);
    await client.query(
      `update audit_events set data = '{"login":"eve"}' where tenant_id = 'unstrut-hainich-kreis' and seq = $1`,
      [target],
    );
    await client.query(`set session_replication_role = origin`);
    client.release();

    const broken = await cli('audit', 'verify', '--tenant', 'unstrut-hainich-kreis');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`GEBROCHEN bei seq ${target}`);
    const json = await cli('audit', 'verify', '--tenant', 'unstrut-hainich-kreis', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, brokenSeq: target });
  });

  it('notices deleted events at the end of the chain', async () => {
    await t.services.database.withTenant('wartburgkreis', (trx) =>
      appendAuditEvent(trx, { actor: 'user:test', action: 'test.last', objectType: 'n', objectId: 'x' }),
    );
    const client = await t.superuser.connect();
    await client.query(`set session_replication_role = replica`);
    await client.query(
      `delete from audit_events where tenant_id = 'wartburgkreis' and seq = (select max(seq) from audit_events where tenant_id = 'wartburgkreis')`,
    );
    await client.query(`set session_replication_role = origin`);
    client.release();
    const result = await t.services.audit.verify({ tenantId: 'wartburgkreis' });
    expect(result).toMatchObject({ ok: false });
  });

  it('the append-only trigger stops even the table owner from rewriting history', async () => {
    await expect(
      t.superuser.query(`update audit_events set actor = 'x' where tenant_id = 'nordhausen'`),
    ).rejects.toThrow(/append-only/);
  });
});
