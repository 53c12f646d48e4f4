import { connect, type Socket } from 'node:net';
import type { Readable } from 'node:stream';

/** Where clamd listens: its LocalSocket (a path) or its TCPSocket (host and port). */
export type ClamdAddress = { path: string } | { host: string; port: number };

/** What clamd answered for one stream. `too_large`: over clamd's StreamMaxLength or a Max* limit. */
export type ClamdVerdict =
  | { status: 'clean' }
  | { status: 'infected'; signature: string }
  | { status: 'too_large'; signature?: string };

/** clamd could not be reached or broke off; the scan did not happen (never read as "clean"). */
export class ClamdUnavailable extends Error {}

/** `tcp://host:port`, `host:port` or a socket path; null for an empty or unreadable value. */
export function parseClamdAddress(value: string): ClamdAddress | null {
  const text = value.trim();
  if (!text) return null;
  if (text.startsWith('/')) return { path: text };
  const match = /^(?:tcp:\/\/)?([\w.-]+|\[[\d:a-f]+\]):(\d{1,5})$/i.exec(text);
  if (!match) return null;
  const port = Number(match[2]);
  return port >= 1 && port <= 65535 ? { host: match[1]!.replace(/^\[|\]$/g, ''), port } : null;
}

const CHUNK = 64 * 1024;
// Signatures of clamd's own limits (with AlertExceedsMax yes): over the limit is flagged, not passed.
const LIMIT_SIGNATURE = /^Heuristics\.Limits\.Exceeded/;

/** Reads the verdict of an INSTREAM answer (`stream: OK`, `stream: X FOUND`, `… size limit exceeded. ERROR`). */
export function parseInstreamReply(reply: string): ClamdVerdict {
  const text = reply.replace(/\0/g, '').trim();
  if (/size limit exceeded/i.test(text)) return { status: 'too_large' };
  const found = /^(?:stream: )?(.+) FOUND$/.exec(text);
  if (found) {
    const signature = found[1]!.trim();
    return LIMIT_SIGNATURE.test(signature)
      ? { status: 'too_large', signature }
      : { status: 'infected', signature };
  }
  if (/^(?:stream: )?OK$/.test(text)) return { status: 'clean' };
  throw new ClamdUnavailable(`unexpected clamd reply: ${text.slice(0, 200)}`);
}

function open(address: ClamdAddress, timeoutMs: number) {
  const socket = 'path' in address ? connect(address.path) : connect(address.port, address.host);
  socket.setTimeout(timeoutMs);
  return socket;
}

/** Collects the reply (clamd closes the connection after an z-command reply) with a time limit. */
function reply(socket: Socket, timeoutMs: number) {
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    socket.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 64 * 1024) socket.destroy(new ClamdUnavailable('clamd reply too long'));
      else chunks.push(chunk);
      // z-commands end their reply with NUL; no need to wait for the close.
      if (chunk.includes(0)) {
        resolve(Buffer.concat(chunks).toString('utf8'));
        socket.end();
      }
    });
    socket.on('timeout', () =>
      socket.destroy(new ClamdUnavailable(`clamd: no answer within ${timeoutMs} ms`)),
    );
    socket.on('error', (error) => {
      // A reply that arrived before the error (clamd answered, then closed) still counts.
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.includes('\0')) resolve(text);
      else
        reject(error instanceof ClamdUnavailable ? error : new ClamdUnavailable(`clamd: ${error.message}`));
    });
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

const write = (socket: Socket, data: Buffer) =>
  new Promise<void>((resolve, reject) => {
    if (socket.destroyed) return reject(new ClamdUnavailable('clamd closed the connection'));
    socket.write(data, (error) =>
      error ? reject(new ClamdUnavailable(`clamd: ${error.message}`)) : resolve(),
    );
  });

function frame(data: Buffer) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, data]);
}

/**
 * Scans bytes with clamd's INSTREAM command: `zINSTREAM\0`, then chunks of `<uint32 length><data>`,
 * then a zero length. clamd may answer (and close) early when the stream passes StreamMaxLength;
 * the reply is read as soon as it comes.
 */
export async function clamdInstream({
  address,
  source,
  timeoutMs = 60_000,
  maxBytes = Number.POSITIVE_INFINITY,
}: {
  address: ClamdAddress;
  source: Buffer | Readable | AsyncIterable<Uint8Array>;
  timeoutMs?: number;
  /**
   * clamd's StreamMaxLength: a longer stream is too large, decided here without sending the rest.
   * (When clamd itself closes over its limit while we still write, the reset can swallow its reply.)
   */
  maxBytes?: number;
}): Promise<ClamdVerdict> {
  if (Buffer.isBuffer(source) && source.length > maxBytes - Math.min(CHUNK, maxBytes / 8))
    return { status: 'too_large' };
  let sent = 0;
  const socket = open(address, timeoutMs);
  const answer = reply(socket, timeoutMs);
  answer.catch(() => {});
  let early = false;
  socket.once('data', () => {
    early = true;
  });
  try {
    await write(socket, Buffer.from('zINSTREAM\0'));
    const chunks: AsyncIterable<Uint8Array> | Uint8Array[] = Buffer.isBuffer(source)
      ? Array.from({ length: Math.ceil(source.length / CHUNK) }, (_, i) =>
          source.subarray(i * CHUNK, (i + 1) * CHUNK),
        )
      : source;
    for await (const chunk of chunks) {
      if (early) break;
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      // Decided before the crossing bytes are sent, with a margin of one frame: clamd closes at
      // its limit (measured: sometimes a frame early) and a write after that close resets the
      // connection before its reply can be read.
      sent += buffer.length;
      if (sent > maxBytes - Math.min(CHUNK, maxBytes / 8)) {
        socket.destroy();
        return { status: 'too_large' };
      }
      for (let offset = 0; offset < buffer.length && !early; offset += CHUNK)
        await write(socket, frame(buffer.subarray(offset, offset + CHUNK)));
    }
    if (!early) await write(socket, Buffer.alloc(4));
  } catch (error) {
    // clamd may close after "size limit exceeded" while we still write: its reply counts.
    const text = await answer.catch(() => '');
    if (text) return parseInstreamReply(text);
    socket.destroy();
    throw error instanceof ClamdUnavailable ? error : new ClamdUnavailable(String(error));
  }
  return parseInstreamReply(await answer);
}

/** `zVERSION`: the engine and signature version, or ClamdUnavailable. */
export async function clamdVersion({
  address,
  timeoutMs = 2_000,
}: {
  address: ClamdAddress;
  timeoutMs?: number;
}) {
  const socket = open(address, timeoutMs);
  const answer = reply(socket, timeoutMs);
  answer.catch(() => {});
  await write(socket, Buffer.from('zVERSION\0')).catch(async (error) => {
    await answer.catch((cause) => {
      throw cause;
    });
    throw error;
  });
  const text = (await answer).replace(/\0/g, '').trim();
  if (!text.startsWith('ClamAV')) throw new ClamdUnavailable(`unexpected clamd reply: ${text.slice(0, 200)}`);
  return text;
}
