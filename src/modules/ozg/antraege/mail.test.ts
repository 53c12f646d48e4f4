import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { drainJobs } from '../../../../test/support/jobs.ts';
import { bewohnerparkenDaten } from '../../../../test/support/ozg.ts';

type Mail = { from: string; to: string[]; raw: string };
const received: Mail[] = [];
let smtp: SMTPServer;
let t: TestContext;

beforeAll(async () => {
  // A real SMTP server on a free local port (npm smtp-server), plain SMTP like an internal relay.
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => (raw += chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  t = await createTestContext({
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    SMTP_FROM: 'Landkreis <noreply@example.org>',
  });
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => smtp.close(resolve));
});

describe('e-mail notices over SMTP', () => {
  it('sends the receipt and each status change to the applicant, after commit, through the job queue', async () => {
    const token = await t.tokenFor('nordhausen', ['sachbearbeitung']);
    const form = new FormData();
    form.set('leistung', 'bewohnerparkausweis');
    form.set('gemeinde', '16062041');
    form.set('daten', JSON.stringify(bewohnerparkenDaten()));
    const antrag = await t.request('/api/v1/antraege', { token, body: form });
    expect(antrag.status).toBe(201);
    // Nothing is sent inside the request: the notice is a job of the same transaction.
    expect(received).toHaveLength(0);
    await drainJobs(t);
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(['joerg.mueller@example.org']);
    expect(received[0]!.from).toBe('noreply@example.org');
    expect(received[0]!.raw).toContain(antrag.json.nummer);
    expect(received[0]!.raw).toMatch(/Subject: =\?UTF-8\?|Subject: Eingangsbest/);

    await t.request(`/api/v1/antraege/${antrag.json.id}/status`, {
      token,
      json: { status: 'nachforderung', nachricht: 'Bitte den Fahrzeugschein nachreichen.' },
    });
    await drainJobs(t);
    expect(received).toHaveLength(2);
    expect(received[1]!.raw.replace(/=\r?\n/g, '')).toContain('Fahrzeugschein');
  });
});
