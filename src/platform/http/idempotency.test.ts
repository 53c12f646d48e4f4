import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/context.ts';
import { bewohnerparkenDatenFremdesFahrzeug } from '../../../test/support/ozg.ts';
import { runWithCommitStatement } from '../database/database.ts';
import { markCommittedStatement } from './idempotency.repository.ts';
import { createBodyHash } from './idempotency.ts';

let t: TestContext;
let token: string;
let vorgangId: string;

beforeAll(async () => {
  t = await createTestContext();
  token = await t.tokenFor('nordhausen', ['sachbearbeitung', 'leitung']);
  const akte = await t.request('/api/v1/akten', { token, json: { titel: 'Idempotenz', aktenplan: '00.40' } });
  const vorgang = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
    token,
    json: { betreff: 'Wiederholte Uploads' },
  });
  vorgangId = vorgang.json.id;
});
afterAll(() => t.close());

const uploadForm = (content: string, name = 'bescheid.txt') => {
  const form = new FormData();
  form.set('datei', new Blob([content]), name);
  return form;
};
const upload = (key: string, body: BodyInit, headers: Record<string, string> = {}, as = token) =>
  t.request(`/api/v1/vorgaenge/${vorgangId}/dokumente`, {
    token: as,
    body,
    headers: { 'idempotency-key': key, ...headers },
  });
const documentCount = async () =>
  (
    await t.superuser.query(
      'select count(*)::int as n from dokumente where tenant_id = $1 and vorgang_id = $2',
      ['nordhausen', vorgangId],
    )
  ).rows[0].n as number;

/** A multipart body as bytes, with the Content-Length a real client sends. */
async function multipartBytes(form: FormData) {
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  const bytes = new Uint8Array(await request.arrayBuffer());
  return {
    bytes,
    headers: {
      'content-type': request.headers.get('content-type')!,
      'content-length': String(bytes.byteLength),
    },
  };
}

describe('Idempotency-Key', () => {
  it('hashes a multipart body without its boundary, wherever the chunks split it', () => {
    const body = (boundary: string) =>
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="datei"; filename="a.txt"\r\n\r\nInhalt\r\n--${boundary}--\r\n`,
      );
    const hashOf = (boundary: string, chunkSize: number) => {
      const hash = createBodyHash(Buffer.from(`--${boundary}`));
      const bytes = body(boundary);
      for (let i = 0; i < bytes.length; i += chunkSize) hash.update(bytes.subarray(i, i + chunkSize));
      return hash.digest();
    };
    const whole = hashOf('----formdata-undici-012345678901', 10_000);
    for (const size of [1, 2, 3, 7, 31, 33])
      expect(hashOf('----formdata-undici-012345678901', size)).toBe(whole);
    expect(hashOf('xyz', 5)).toBe(whole);
    const other = createBodyHash(Buffer.from('--xyz'));
    other.update(Buffer.from(body('xyz').toString().replace('Inhalt', 'Inhalz')));
    expect(other.digest()).not.toBe(whole);
  });

  it('answers an upload retried with the same key with the first document and files it only once', async () => {
    const before = await documentCount();
    const first = await upload('upload-1', uploadForm('Bescheid vom 1. Dezember'));
    expect(first.status).toBe(201);
    // The retry draws a new multipart boundary, as clients do.
    const retry = await upload('upload-1', uploadForm('Bescheid vom 1. Dezember'));
    expect(retry.status).toBe(201);
    expect(retry.json.id).toBe(first.json.id);
    expect(retry.json).toEqual(first.json);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await documentCount()).toBe(before + 1);
    // Without a key, the same upload is a second document.
    const plain = await t.request(`/api/v1/vorgaenge/${vorgangId}/dokumente`, {
      token,
      body: uploadForm('Bescheid vom 1. Dezember'),
    });
    expect(plain.json.id).not.toBe(first.json.id);
  });

  it('answers an Antrag retried with the same key with the first Antrag and files it only once', async () => {
    const count = async () =>
      (await t.superuser.query('select count(*)::int as n from antraege')).rows[0].n as number;
    const before = await count();
    const daten = bewohnerparkenDatenFremdesFahrzeug();
    const form = () => {
      const f = new FormData();
      f.set('leistung', '99108001001000');
      f.set('gemeinde', '16062041');
      f.set('daten', JSON.stringify(daten));
      f.append('G05000499.F05001248', new Blob(['Nutzungsüberlassung']), 'nutzung.pdf');
      f.append('G05000499.F05001045', new Blob(['Fahrzeugschein']), 'fahrzeugschein.txt');
      return f;
    };
    const portal = await t.tokenFor('wartburgkreis', ['sachbearbeitung']);
    const send = () =>
      t.request('/api/v1/antraege', {
        token: portal,
        body: form(),
        headers: { 'idempotency-key': 'antrag-1' },
      });
    const first = await send();
    expect(first.status).toBe(201);
    const retry = await send();
    expect(retry.status).toBe(201);
    expect(retry.json).toEqual(first.json);
    expect(retry.json.trackingCode).toBe(first.json.trackingCode);
    expect(await count()).toBe(before + 1);
  });

  it('refuses the same key with another body (422) and keeps the first answer for the first body', async () => {
    const first = await t.request('/api/v1/akten', {
      token,
      json: { titel: 'Erste Akte', aktenplan: '00.40' },
      headers: { 'idempotency-key': 'akte-1' },
    });
    expect(first.status).toBe(201);
    const other = await t.request('/api/v1/akten', {
      token,
      json: { titel: 'Andere Akte', aktenplan: '00.40' },
      headers: { 'idempotency-key': 'akte-1' },
    });
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toBe('application/problem+json');
    expect(other.json.code).toBe('idempotency.key_reused');
    const again = await t.request('/api/v1/akten', {
      token,
      json: { titel: 'Erste Akte', aktenplan: '00.40' },
      headers: { 'idempotency-key': 'akte-1' },
    });
    expect(again.json.id).toBe(first.json.id);

    // An upload with another file under the same key (hashed as it streams past), with and
    // without Content-Length, and the same key on another path.
    expect((await upload('upload-2', uploadForm('erster Inhalt'))).status).toBe(201);
    const reused = await upload('upload-2', uploadForm('zweiter Inhalt'));
    expect(reused.status).toBe(422);
    expect(reused.json.code).toBe('idempotency.key_reused');
    const sized = await multipartBytes(uploadForm('erster Inhalt'));
    const replayed = await upload('upload-2', sized.bytes, sized.headers);
    expect(replayed.status).toBe(201);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    const otherSized = await multipartBytes(uploadForm('erster Inhalt, aber länger'));
    expect((await upload('upload-2', otherSized.bytes, otherSized.headers)).status).toBe(422);
    const elsewhere = await t.request('/api/v1/akten', {
      token,
      json: { titel: 'Erste Akte', aktenplan: '00.40' },
      headers: { 'idempotency-key': 'upload-2' },
    });
    expect(elsewhere.status).toBe(422);
  });

  it('answers a retry while the first request still runs with 409 and Retry-After, then with the result', async () => {
    const boundary = 'verbund-test-boundary';
    const head = new TextEncoder().encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="datei"; filename="langsam.txt"\r\nContent-Type: text/plain\r\n\r\nTeil eins, `,
    );
    const tail = new TextEncoder().encode(`Teil zwei\r\n--${boundary}--\r\n`);
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slowBody = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(head);
        await released;
        controller.enqueue(tail);
        controller.close();
      },
    });
    const headers = {
      authorization: `Bearer ${token}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'idempotency-key': 'slow-1',
      'content-length': String(head.byteLength + tail.byteLength),
    };
    const firstResponse = t.app.request(`/api/v1/vorgaenge/${vorgangId}/dokumente`, {
      method: 'POST',
      headers,
      body: slowBody,
      duplex: 'half',
    } as RequestInit);
    // Wait until the first request holds the key.
    for (let i = 0; i < 100; i++) {
      const { rows } = await t.superuser.query(`select state from idempotency_keys where key = 'slow-1'`);
      if (rows[0]?.state === 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const concurrent = await t.request(`/api/v1/vorgaenge/${vorgangId}/dokumente`, {
      body: new Blob([head, tail]),
      headers,
    });
    expect(concurrent.status).toBe(409);
    expect(concurrent.json.code).toBe('idempotency.in_progress');
    expect(Number(concurrent.headers.get('retry-after'))).toBeGreaterThan(0);

    release();
    const first = await firstResponse;
    expect(first.status).toBe(201);
    const firstJson = await first.json();
    const later = await t.request(`/api/v1/vorgaenge/${vorgangId}/dokumente`, {
      body: new Blob([head, tail]),
      headers,
    });
    expect(later.status).toBe(201);
    expect(later.json.id).toBe(firstJson.id);
  });

  it('keeps keys per caller: another token with the same key gets its own object', async () => {
    const other = await t.tokenFor('nordhausen', ['sachbearbeitung']);
    const mine = await upload('shared-key', uploadForm('A'));
    const theirs = await upload('shared-key', uploadForm('A'), {}, other);
    expect(theirs.status).toBe(201);
    expect(theirs.json.id).not.toBe(mine.json.id);
  });

  it('frees the key after an error, so a corrected request can use it', async () => {
    const wrong = await t.request('/api/v1/akten', {
      token,
      json: { titel: 'Ohne Plan', aktenplan: '99.99.99' },
      headers: { 'idempotency-key': 'after-error' },
    });
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    const right = await t.request('/api/v1/akten', {
      token,
      json: { titel: 'Mit Plan', aktenplan: '00.40' },
      headers: { 'idempotency-key': 'after-error' },
    });
    expect(right.status).toBe(201);
  });

  it('never runs a request again whose work committed before its holder died (409 outcome_unknown)', async () => {
    const first = await upload('dead-after-commit', uploadForm('vor dem Absturz'));
    expect(first.status).toBe(201);
    const committed = async () =>
      (
        await t.superuser.query(
          `select committed_at is not null as c from idempotency_keys where key = 'dead-after-commit'`,
        )
      ).rows[0].c as boolean;
    // Marked in the upload's own transaction.
    expect(await committed()).toBe(true);
    const count = await documentCount();
    // As if the process had died after the commit, before it stored the answer.
    await t.superuser.query(
      `update idempotency_keys set state = 'running', response_status = null, response_headers = null,
         response_body = null, body_hash = null, locked_until = now() + interval '30 seconds'
       where key = 'dead-after-commit'`,
    );
    const early = await upload('dead-after-commit', uploadForm('vor dem Absturz'));
    expect(early.status).toBe(409);
    expect(early.json.code).toBe('idempotency.in_progress');
    await t.superuser.query(
      `update idempotency_keys set locked_until = now() - interval '1 second' where key = 'dead-after-commit'`,
    );
    for (let attempt = 0; attempt < 2; attempt++) {
      const retry = await upload('dead-after-commit', uploadForm('vor dem Absturz'));
      expect(retry.status).toBe(409);
      expect(retry.headers.get('content-type')).toBe('application/problem+json');
      expect(retry.json.code).toBe('idempotency.outcome_unknown');
      expect(retry.json.detailDe).toMatch(/ausgeführt, ihre Antwort ging verloren/);
    }
    expect(await documentCount()).toBe(count);
  });

  it('runs a request again whose holder died before anything committed, once its lease has run out', async () => {
    // As if the process had claimed the key and died before the work committed.
    await upload('dead-before-commit', uploadForm('Vorlauf'));
    await t.superuser.query(
      `update idempotency_keys set state = 'running', response_status = null, response_headers = null,
         response_body = null, body_hash = null, committed_at = null,
         locked_until = now() + interval '30 seconds'
       where key = 'dead-before-commit'`,
    );
    const count = await documentCount();
    expect((await upload('dead-before-commit', uploadForm('Vorlauf'))).status).toBe(409);
    expect(await documentCount()).toBe(count);
    await t.superuser.query(
      `update idempotency_keys set locked_until = now() - interval '1 second' where key = 'dead-before-commit'`,
    );
    const retry = await upload('dead-before-commit', uploadForm('Vorlauf'));
    expect(retry.status).toBe(201);
    expect(await documentCount()).toBe(count + 1);
    const replay = await upload('dead-before-commit', uploadForm('Vorlauf'));
    expect(replay.json.id).toBe(retry.json.id);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });

  it('marks the key committed only from transactions of its county that wrote something', async () => {
    const { database } = t.services;
    const request = {
      tenantId: 'nordhausen',
      caller: 'test:mark',
      key: "mark-'1'",
      method: 'POST',
      path: '/x',
      fingerprint: 'f',
    };
    await t.superuser.query(
      `insert into idempotency_keys (tenant_id, caller, key, method, path, fingerprint, state, locked_until, expires_at)
       values ('nordhausen', 'test:mark', $1, 'POST', '/x', 'f', 'running', now() + interval '1 minute', now() + interval '1 day')`,
      [request.key],
    );
    const committed = async () =>
      (
        await t.superuser.query(`select committed_at is not null as c from idempotency_keys where key = $1`, [
          request.key,
        ])
      ).rows[0].c as boolean;
    const scope = { tenantId: 'nordhausen', statement: markCommittedStatement(request) };
    await runWithCommitStatement(scope, async () => {
      // Reads, in both paths, and writes of another county leave no mark.
      await database.executeAsTenant('nordhausen', sql`select count(*) from dokumente`);
      await database.withTenant('nordhausen', (trx) => sql`select count(*) from dokumente`.execute(trx));
      await database.withTenant('wartburgkreis', (trx) =>
        sql`insert into jobs (tenant_id, kind, payload) values ('wartburgkreis', 'idem-test', '{}')`.execute(
          trx,
        ),
      );
    });
    expect(await committed()).toBe(false);
    // A rolled-back write leaves no mark either.
    await expect(
      runWithCommitStatement(scope, () =>
        database.withTenant('nordhausen', async (trx) => {
          await sql`insert into jobs (tenant_id, kind, payload) values ('nordhausen', 'idem-test', '{}')`.execute(
            trx,
          );
          throw new Error('abgebrochen');
        }),
      ),
    ).rejects.toThrow('abgebrochen');
    expect(await committed()).toBe(false);
    await runWithCommitStatement(scope, () =>
      database.executeAsTenant(
        'nordhausen',
        sql`insert into jobs (tenant_id, kind, payload) values ('nordhausen', 'idem-test', '{}')`,
      ),
    );
    expect(await committed()).toBe(true);
    await t.superuser.query(`update idempotency_keys set committed_at = null where key = $1`, [request.key]);
    await runWithCommitStatement(scope, () =>
      database.withTenant('nordhausen', (trx) =>
        sql`insert into jobs (tenant_id, kind, payload) values ('nordhausen', 'idem-test', '{}')`.execute(
          trx,
        ),
      ),
    );
    expect(await committed()).toBe(true);
  });

  it('refuses malformed keys and stores keys under row-level security', async () => {
    const bad = await upload('mit leerzeichen', uploadForm('x'));
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe('idempotency.key_invalid');
    const { rows } = await t.superuser.query(
      `select c.relrowsecurity, c.relforcerowsecurity from pg_class c where c.relname = 'idempotency_keys'`,
    );
    expect(rows[0]).toEqual({ relrowsecurity: true, relforcerowsecurity: true });
  });

  it('documents the header on the POST operations of the OpenAPI document', async () => {
    const doc = await t.request('/api/v1/openapi.json');
    const parameters = (operation: { parameters?: Array<{ $ref?: string; name?: string }> }) =>
      (operation.parameters ?? []).map((p) => p.$ref ?? p.name);
    expect(parameters(doc.json.paths['/vorgaenge/{id}/dokumente'].post)).toContain(
      '#/components/parameters/IdempotencyKey',
    );
    expect(parameters(doc.json.paths['/antraege'].post)).toContain('#/components/parameters/IdempotencyKey');
    expect(parameters(doc.json.paths['/akten'].get ?? {})).not.toContain(
      '#/components/parameters/IdempotencyKey',
    );
    expect(doc.json.components.parameters.IdempotencyKey).toMatchObject({
      name: 'Idempotency-Key',
      in: 'header',
    });
  });
});
