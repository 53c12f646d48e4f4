import { type ChildProcess, spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/context.ts';
import { exited } from '../../../../test/support/verbund-process.ts';

// The process that receives mail (the worker's mail runner – SMTP listener and spool loop – built
// from the product's services in a child process, test/support/mail-intake-process.ts) is killed
// with SIGKILL while senders deliver: once in the middle of a DATA transfer, once right after a 250, and at
// random points. A sender behaves as SMTP requires of it: a message that did not get its 250 is
// sent again later, byte for byte. Afterwards every message is filed exactly once.

const ADDRESS = 'poststelle@uhk.verbund.test';
const MESSAGES = 20;
let t: TestContext;
let app: ChildProcess | undefined;
let port: number;

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port: chosen } = server.address() as net.AddressInfo;
      server.close(() => resolve(chosen));
    });
  });

/** A message with fixed bytes (a resend is the same message), ~12 KB so DATA takes a moment. */
const message = (n: number) =>
  Buffer.from(
    [
      'From: Bürger <buerger@example.org>',
      `To: ${ADDRESS}`,
      `Subject: Antrag Nummer ${n}`,
      `Message-ID: <kill-${n}@example.org>`,
      'Date: Sun, 6 Dec 2026 08:00:00 +0100',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      ...Array.from({ length: 150 }, (_, i) => `Zeile ${i} des Antrags ${n}: Wohngeld für Familie Schäfer.`),
      '',
    ].join('\r\n'),
  );

/** One SMTP transaction; resolves with the reply of DATA or throws (connection lost, 4xx, 5xx). */
const deliver = (raw: Buffer) =>
  nodemailer
    .createTransport({
      host: '127.0.0.1',
      port,
      secure: false,
      ignoreTLS: true,
      connectionTimeout: 2_000,
      socketTimeout: 10_000,
    })
    .sendMail({ envelope: { from: 'buerger@example.org', to: [ADDRESS] }, raw });

/**
 * A sending mail server's queue: each message is tried until it gets its 250; a failed transaction
 * (refused connection, dropped connection, 4xx) is retried after a pause, a 5xx fails the test.
 */
function startSender(numbers: number[], onAccepted?: (n: number) => void) {
  const attempts = new Map<number, number>();
  const accepted: number[] = [];
  const done = (async () => {
    for (const n of numbers) {
      for (;;) {
        attempts.set(n, (attempts.get(n) ?? 0) + 1);
        const info = await deliver(message(n)).catch((error: { responseCode?: number }) => {
          if (error.responseCode !== undefined && error.responseCode >= 500) throw error;
          return null;
        });
        if (info) {
          if (!/^250/.test(info.response)) throw new Error(`unexpected reply ${info.response}`);
          accepted.push(n);
          onAccepted?.(n);
          break;
        }
        await sleep(200);
      }
    }
  })();
  return { attempts, accepted, done };
}

/** Reads SMTP replies from a raw socket: waits for the final line of the next reply. */
function rawSession(socket: net.Socket) {
  let buffer = '';
  const waiters: Array<() => void> = [];
  socket.on('data', (chunk) => {
    buffer += chunk.toString('latin1');
    for (const wake of waiters.splice(0)) wake();
  });
  socket.on('error', () => {});
  return async (expected: number) => {
    for (;;) {
      const end = buffer.search(/^\d{3} .*\r\n/m);
      if (end >= 0) {
        const line = /^(\d{3}) .*\r\n/m.exec(buffer)!;
        buffer = buffer.slice(end + line[0].length);
        expect(Number(line[1])).toBe(expected);
        return;
      }
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
}

/** A raw SMTP session up to the 354 of DATA (the caller writes the message, or half of it). */
async function openData() {
  const socket = net.connect(port, '127.0.0.1');
  const reply = rawSession(socket);
  await reply(220);
  for (const [command, code] of [
    ['EHLO sender.example.org', 250],
    ['MAIL FROM:<buerger@example.org>', 250],
    [`RCPT TO:<${ADDRESS}>`, 250],
    ['DATA', 354],
  ] as const) {
    socket.write(`${command}\r\n`);
    await reply(code);
  }
  return { socket };
}

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await sleep(10);
  }
}

const spoolFiles = async (sub: 'new' | 'tmp') =>
  readdir(path.join(t.config.dataDir, 'mail-spool', sub)).catch(() => [] as string[]);

/** Starts the receiving process; resolves once its SMTP listener is up. */
function startIntake() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/mail-intake-process.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: t.ownerUrl,
      DATABASE_APP_URL: t.appUrl,
      VERBUND_DATA_DIR: t.config.dataDir,
      VERBUND_MAIL_EINGANG_PORT: String(port),
      VERBUND_MAIL_EINGANG_HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise<ChildProcess>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (output.includes(`ready ${port}`)) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`mail intake exited with ${code}: ${output}`)));
  });
}

async function killAndRestart() {
  app!.kill('SIGKILL');
  await exited(app!);
  app = await startIntake();
}

/** Filed rows of the intake per Message-ID, and documents per Message-ID, read as superuser. */
async function filed() {
  const { rows } = await t.superuser.query<{ message_id: string; abgelegt: number; duplikat: number }>(
    `select message_id, count(*) filter (where status = 'abgelegt')::int as abgelegt,
       count(*) filter (where status = 'duplikat')::int as duplikat
     from mail_nachrichten where tenant_id = 'unstrut-hainich-kreis' group by message_id`,
  );
  const { rows: documents } = await t.superuser.query<{ wert: string; n: number }>(
    `select m->>'wert' as wert, count(*)::int as n from dokumente d, jsonb_array_elements(d.metadaten) m
     where d.tenant_id = 'unstrut-hainich-kreis' and m->>'name' = 'Message-ID' and m->>'wert' like '<kill-%'
     group by 1`,
  );
  return { rows, documents };
}

beforeAll(async () => {
  t = await createTestContext();
  port = await freePort();
  const token = await t.tokenFor('unstrut-hainich-kreis', ['kreis-admin']);
  const created = await t.request('/api/v1/mail-eingaenge', {
    token,
    json: { adresse: ADDRESS, name: 'Poststelle', aktenplan: '00.40', absender: ['@example.org'] },
  });
  expect(created.status).toBe(201);
  app = await startIntake();
}, 120_000);

afterAll(async () => {
  if (app && app.exitCode === null && app.signalCode === null) {
    app.kill('SIGTERM');
    await exited(app);
  }
  await t?.close();
}, 60_000);

describe('SMTP intake under kill -9', () => {
  it('a kill in the middle of DATA leaves nothing half in the spool; a kill before the sender saw its 250 makes the resend "seen again", not a second document', async () => {
    const raw = message(0);
    // 1. Killed halfway through the message: the listener is writing spool/tmp, no 250 was given.
    const half = await openData();
    half.socket.write(raw.subarray(0, raw.length / 2));
    await until(async () => (await spoolFiles('tmp')).length > 0);
    await killAndRestart();
    half.socket.destroy();
    // Nothing of the interrupted message reached spool/new or the E-Akte.
    expect(await spoolFiles('new')).toEqual([]);
    expect((await filed()).rows).toEqual([]);

    // 2. The whole message sent, killed once it is spooled, before the sender read a reply: for
    // the sender the transaction failed, so it sends the same bytes again.
    const whole = await openData();
    whole.socket.write(Buffer.concat([raw, Buffer.from('.\r\n')]));
    await until(async () => (await spoolFiles('new')).length > 0 || (await filed()).rows.length > 0);
    await killAndRestart();
    whole.socket.destroy();
    const sender = startSender([0]);
    await sender.done;
    expect(sender.attempts.get(0)).toBe(1);
    await expect
      .poll(async () => (await filed()).rows, { timeout: 60_000, interval: 250 })
      .toEqual([{ message_id: '<kill-0@example.org>', abgelegt: 1, duplikat: 1 }]);
    expect((await filed()).documents).toEqual([{ wert: '<kill-0@example.org>', n: 1 }]);
  }, 120_000);

  it('kills right after a 250 and at random points while two senders deliver: every message is filed exactly once', async () => {
    let killAfter250: Promise<void> | undefined;
    let newAfterKill: string[] = [];
    // Two senders in parallel, like a mail server's queue runners.
    const lanes = [1, 2].map((lane) =>
      startSender(
        Array.from({ length: MESSAGES / 2 }, (_, i) => i * 2 + lane),
        (n) => {
          if (n === 7 && !killAfter250) {
            // Killed the instant the 250 arrives: the message is only in the spool, not yet filed.
            app!.kill('SIGKILL');
            killAfter250 = (async () => {
              await exited(app!);
              newAfterKill = await spoolFiles('new');
              app = await startIntake();
            })();
          }
        },
      ),
    );
    const accepted = () => lanes.reduce((sum, lane) => sum + lane.accepted.length, 0);
    // Random kills while both senders are busy (each one after at least a few more acceptances).
    const kills: number[] = [];
    for (const threshold of [9, 14]) {
      while (accepted() < threshold || !killAfter250) await sleep(10);
      await killAfter250;
      await sleep(Math.random() * 150);
      kills.push(accepted());
      await killAndRestart();
    }
    await Promise.all(lanes.map((lane) => lane.done));
    await killAfter250;
    const retried = lanes.flatMap((lane) => [...lane.attempts].filter(([, tries]) => tries > 1));
    console.log(
      'smtp kill figures',
      JSON.stringify({ kills, killAfter250: { spooledNotFiled: newAfterKill.length }, retried }),
    );

    const expected = Array.from({ length: MESSAGES + 1 }, (_, n) => `<kill-${n}@example.org>`).sort();
    await expect
      .poll(async () => (await filed()).rows.filter((r) => r.abgelegt === 1).length, {
        timeout: 90_000,
        interval: 500,
      })
      .toBe(MESSAGES + 1);
    const { rows, documents } = await filed();
    // Every message filed once; none twice (a resend of bytes already filed is a "duplikat" row).
    expect(rows.map((r) => r.message_id).sort()).toEqual(expected);
    expect(rows.filter((r) => r.abgelegt !== 1)).toEqual([]);
    expect(documents.map((d) => d.wert).sort()).toEqual(expected);
    expect(documents.filter((d) => d.n !== 1)).toEqual([]);
    // What lay in the spool when the process died was filed by the next start and then removed.
    expect(await spoolFiles('new')).toEqual([]);
  }, 180_000);
});
