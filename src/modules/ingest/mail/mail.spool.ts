import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

// The durable spool between the SMTP answer and the filing: a message is in `new/` (written,
// fsynced, renamed, directory fsynced) before the listener answers 250, so a kill -9 right after
// the 250 loses nothing; it leaves `new/` only after its document is committed.

export type SpooledMessage = { file: string; tenantId: string; eingangId: string };

const fsyncDir = async (dir: string) => {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
};

/** Streams a message into the spool; resolves when it is durable. Throws (and leaves nothing) on error. */
export async function spoolMessage(
  spoolDir: string,
  {
    tenantId,
    eingangId,
    stream,
    maxBytes,
  }: { tenantId: string; eingangId: string; stream: Readable; maxBytes: number },
) {
  const tmpDir = path.join(spoolDir, 'tmp');
  const newDir = path.join(spoolDir, 'new');
  await mkdir(tmpDir, { recursive: true });
  await mkdir(newDir, { recursive: true });
  const name = `${tenantId}~${eingangId}~${Date.now()}-${randomUUID()}.eml`;
  const tmp = path.join(tmpDir, name);
  const file = await open(tmp, 'wx', 0o600);
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) throw new SpoolTooLarge();
      await file.write(chunk as Buffer);
    }
    await file.sync();
    await file.close();
  } catch (error) {
    await file.close().catch(() => {});
    await rm(tmp, { force: true });
    stream.resume();
    throw error;
  }
  await rename(tmp, path.join(newDir, name));
  await fsyncDir(newDir);
  return name;
}

export class SpoolTooLarge extends Error {}

/** The messages waiting in the spool, oldest first. */
export async function listSpool(spoolDir: string): Promise<SpooledMessage[]> {
  const names = await readdir(path.join(spoolDir, 'new')).catch(() => [] as string[]);
  return names
    .filter((n) => n.endsWith('.eml'))
    .sort((a, b) => a.split('~')[2]!.localeCompare(b.split('~')[2]!))
    .map((n) => {
      const [tenantId = '', eingangId = ''] = n.split('~');
      return { file: path.join(spoolDir, 'new', n), tenantId, eingangId };
    });
}
