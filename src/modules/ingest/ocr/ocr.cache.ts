import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { OcrRun } from './ocr.exec.ts';

/** Which version a kept result belongs to (the sweep asks whether its extraction has committed). */
export type OcrCacheOwner = { tenantId: string; dokumentId: string; version: number };

type Header = OcrCacheOwner & {
  format: 1;
  key: string;
  pdfSha256: string | null;
  pdfSize: number | null;
} & Omit<OcrRun, 'pdf'>;

const FORMAT = 1;
const DAY_MS = 24 * 60 * 60 * 1000;
const KEY = /^[0-9a-f]{64}$/;
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/**
 * Finished OCR results kept on disk (VERBUND_DATA_DIR/ocr-ergebnisse) between Tesseract and the
 * commit of the job that stores them: if that transaction fails (PostgreSQL killed, connection
 * cut), the retried job takes the result from here instead of running Tesseract again.
 * One file per result, `<key>.ocr`: a JSON header line, then the rendition's bytes. Written to a
 * temporary name, fsynced, renamed. The key is the SHA-256 of tenant, input SHA-256 and the OCR
 * settings (engine version, path, limits); a file whose header, key, tenant or rendition hash does
 * not match is ignored and deleted (then OCR runs). Entries leave after their commit (sweep) and at
 * the latest after a day.
 */
export function createOcrResultCache({ dir, maxAgeMs = DAY_MS }: { dir: string; maxAgeMs?: number }) {
  const file = (key: string) => path.join(dir, `${key}.ocr`);
  let ready: Promise<unknown> | undefined;
  const ensureDir = () => {
    ready ??= mkdir(dir, { recursive: true });
    return ready;
  };

  function keyOf({
    tenantId,
    inputSha256,
    settings,
  }: {
    tenantId: string;
    inputSha256: string;
    settings: unknown;
  }) {
    return sha256(JSON.stringify({ format: FORMAT, tenantId, inputSha256, settings }));
  }

  async function read(key: string): Promise<{ header: Header; pdf: Buffer | null } | null> {
    if (!KEY.test(key)) return null;
    let bytes: Buffer;
    try {
      bytes = await readFile(file(key));
    } catch {
      return null;
    }
    const newline = bytes.indexOf(0x0a);
    try {
      if (newline < 0) throw new Error('no header');
      const header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as Header;
      const body = bytes.subarray(newline + 1);
      if (header.format !== FORMAT || header.key !== key) throw new Error('foreign header');
      const pdf = header.pdfSha256 === null ? null : body;
      if (
        pdf === null ? body.length !== 0 : pdf.length !== header.pdfSize || sha256(pdf) !== header.pdfSha256
      )
        throw new Error('rendition does not match its hash');
      return { header, pdf };
    } catch {
      await unlink(file(key)).catch(() => {}); // corrupt or partial: ignored, OCR runs again
      return null;
    }
  }

  return {
    dir,
    keyOf,
    /** The kept result of this key for this county, or null (none, corrupt, another county's). */
    async get(key: string, tenantId: string): Promise<OcrRun | null> {
      const found = await read(key);
      if (!found || found.header.tenantId !== tenantId) return null;
      const { header, pdf } = found;
      return {
        pdf,
        pdfa: header.pdfa,
        text: header.text,
        confidence: header.confidence,
        words: header.words,
        pagesRecognised: header.pagesRecognised,
      };
    },
    /** Keeps a finished run durably (temp name, fsync, rename, fsync of the directory). */
    async put(key: string, owner: OcrCacheOwner, run: OcrRun) {
      await ensureDir();
      const { pdf, ...rest } = run;
      const header: Header = {
        format: FORMAT,
        key,
        ...owner,
        ...rest,
        pdfSha256: pdf ? sha256(pdf) : null,
        pdfSize: pdf ? pdf.length : null,
      };
      const temp = path.join(dir, `.${key}.${process.pid}.${Date.now()}.tmp`);
      const handle = await open(temp, 'w');
      try {
        await handle.writeFile(
          Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), pdf ?? Buffer.alloc(0)]),
        );
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, file(key));
      const folder = await open(dir, 'r');
      await folder.sync().finally(() => folder.close());
    },
    /**
     * Deletes the entries whose version no longer waits for its extraction (`pending` answers which
     * still do, per county), those older than `maxAgeMs`, and temporary files left by a crash.
     * Returns how many were deleted.
     */
    async sweep(pending: (owners: OcrCacheOwner[]) => Promise<Set<string>>) {
      const names = await readdir(dir).catch(() => [] as string[]);
      const now = Date.now();
      const kept: Array<{ name: string; owner: OcrCacheOwner }> = [];
      let deleted = 0;
      const drop = async (name: string) => {
        await unlink(path.join(dir, name)).catch(() => {});
        deleted++;
      };
      for (const name of names) {
        const info = await stat(path.join(dir, name)).catch(() => null);
        if (!info) continue;
        const old = now - info.mtimeMs > maxAgeMs;
        if (name.endsWith('.tmp')) {
          if (now - info.mtimeMs > 60 * 60 * 1000) await drop(name);
          continue;
        }
        const found = name.endsWith('.ocr') ? await read(name.slice(0, -4)) : null;
        if (!found || old) {
          if (found || name.endsWith('.ocr')) await drop(name);
          continue;
        }
        const { tenantId, dokumentId, version } = found.header;
        kept.push({ name, owner: { tenantId, dokumentId, version } });
      }
      if (kept.length === 0) return deleted;
      const waiting = await pending(kept.map((entry) => entry.owner));
      for (const { name, owner } of kept) if (!waiting.has(ownerKey(owner))) await drop(name);
      return deleted;
    },
  };
}

export const ownerKey = (o: OcrCacheOwner) => `${o.tenantId}/${o.dokumentId}/${o.version}`;

export type OcrResultCache = ReturnType<typeof createOcrResultCache>;
