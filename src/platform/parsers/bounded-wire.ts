import type { Readable } from 'node:stream';

/**
 * How tasks and results travel between the web process and a parser process. Small values go as
 * IPC messages; bytes (and long texts) go raw over a socket of their own: Node's IPC serializer
 * copies a Uint8Array at some 8 ms per MiB on the event loop (a 100 MiB upload would stall the web
 * process for a second), while a socket write is handed to libuv and costs the loop nothing.
 */

const BULK = '__bulk';
/** Strings longer than this travel as UTF-8 bytes (V8 serialization of a 5 MB text takes ~50 ms). */
const LONG_TEXT = 64 * 1024;

type Placeholder = { [BULK]: number; text?: true };

/** Bytes that are not all in memory: a stored blob on its way from the blob store, of known size. */
export class ByteStream {
  constructor(
    readonly size: number,
    readonly body: AsyncIterable<Uint8Array>,
  ) {}
}

/** Replaces byte arrays, byte streams and long strings in a value by placeholders; returns the parts in order. */
export function pack(value: unknown): { shape: unknown; parts: Array<Uint8Array | ByteStream> } {
  const parts: Array<Uint8Array | ByteStream> = [];
  const walk = (v: unknown): unknown => {
    if (v instanceof Uint8Array || v instanceof ByteStream) {
      parts.push(v);
      return { [BULK]: parts.length - 1 } satisfies Placeholder;
    }
    if (typeof v === 'string' && v.length > LONG_TEXT) {
      parts.push(Buffer.from(v, 'utf8'));
      return { [BULK]: parts.length - 1, text: true } satisfies Placeholder;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const proto = Object.getPrototypeOf(v);
      if (proto === Object.prototype || proto === null)
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return { shape: walk(value), parts };
}

/** The value of `pack`, with its parts read back (byte arrays are views on the received bytes). */
export function unpack(shape: unknown, parts: Buffer[]): unknown {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      if (BULK in v) {
        const placeholder = v as Placeholder;
        const part = parts[placeholder[BULK]]!;
        return placeholder.text ? part.toString('utf8') : part;
      }
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(shape);
}

/** All bytes of a stream, for a reader that needs them whole in this process. */
export async function readAll(stream: ByteStream) {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream.body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export const partSize = (part: Uint8Array | ByteStream) =>
  part instanceof ByteStream ? part.size : part.length;

/**
 * Writes the parts to the socket, streams chunk by chunk with backpressure. A stream that breaks
 * (corrupt blob, storage gone) or does not have its announced size throws: the receiver then
 * waits for bytes that never come, and the caller must end it.
 */
export async function writeParts(
  socket: {
    write(chunk: Uint8Array): boolean;
    once(event: 'drain' | 'close', listener: () => void): unknown;
    off(event: 'drain' | 'close', listener: () => void): unknown;
    readonly destroyed: boolean;
  },
  parts: Array<Uint8Array | ByteStream>,
) {
  for (const part of parts) {
    if (!(part instanceof ByteStream)) {
      socket.write(part);
      continue;
    }
    let written = 0;
    for await (const chunk of part.body) {
      written += chunk.length;
      if (written > part.size) throw new Error(`stream longer than its announced ${part.size} bytes`);
      if (!socket.write(chunk))
        await new Promise<void>((resolve) => {
          const done = () => {
            socket.off('drain', done);
            socket.off('close', done);
            resolve();
          };
          socket.once('drain', done);
          socket.once('close', done);
        });
      if (socket.destroyed) throw new Error('parser went away while its input was written');
    }
    if (written !== part.size) throw new Error(`stream shorter than its announced ${part.size} bytes`);
  }
}

/** Reads exactly the announced sizes from a byte stream, one request at a time. */
export function createBulkReader(stream: Readable) {
  const chunks: Buffer[] = [];
  let buffered = 0;
  let waiting: { total: number; resolve: (bytes: Buffer) => void } | undefined;
  const take = (total: number) => {
    const all = Buffer.concat(chunks.splice(0), buffered);
    const bytes = all.subarray(0, total);
    const rest = all.subarray(total);
    buffered = rest.length;
    if (rest.length > 0) chunks.push(rest);
    return bytes;
  };
  stream.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    buffered += chunk.length;
    if (waiting && buffered >= waiting.total) {
      const { total, resolve } = waiting;
      waiting = undefined;
      resolve(take(total));
    }
  });
  return {
    /** The parts of the given sizes, as views on one buffer. */
    async read(sizes: number[]): Promise<Buffer[]> {
      const total = sizes.reduce((sum, size) => sum + size, 0);
      const bytes =
        total === 0
          ? Buffer.alloc(0)
          : buffered >= total
            ? take(total)
            : await new Promise<Buffer>((resolve) => {
                waiting = { total, resolve };
              });
      let at = 0;
      return sizes.map((size) => {
        const part = bytes.subarray(at, at + size);
        at += size;
        return part;
      });
    },
  };
}
