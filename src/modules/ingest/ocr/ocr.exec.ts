import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';

/** A run that did not give a result; `message` is German, shown at the document. */
export class OcrRunError extends Error {
  constructor(
    readonly reasonCode: string,
    message: string,
  ) {
    super(message);
  }
}

/** What an OCR run gives, whichever path (Tesseract directly or OCRmyPDF) made it. */
export type OcrRun = {
  /** The searchable PDF/A (null when only the text was wanted). */
  pdf: Buffer | null;
  /** Whether the rendition is a PDF/A (OCRmyPDF exit 10: a valid PDF whose PDF/A conversion failed). */
  pdfa: boolean;
  text: string;
  /** Mean word confidence of Tesseract over all recognised words, 0–100; null without words. */
  confidence: number | null;
  words: number;
  /** Pages Tesseract read (pages with a text layer are skipped). */
  pagesRecognised: number;
};

const MAX_OUTPUT = 64 * 1024;

/**
 * Runs an OCR tool in its own process group, niced, killed as a group on timeout; stdout kept up to
 * 8 MB, stderr bounded. `cpuSeconds` is not measured here: the bench reads it from /proc.
 */
export function execTool(
  command: string,
  args: string[],
  { env, timeoutMs }: { env: NodeJS.ProcessEnv; timeoutMs: number },
) {
  return new Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }>(
    (resolve, reject) => {
      const child = spawn(command, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      if (child.pid) setPriority(child.pid, 10);
      let stdout = '';
      let stderr = '';
      let timedOut = false;
      child.stdout.on('data', (chunk: Buffer) => {
        if (stdout.length < 8 * 1024 * 1024) stdout += chunk.toString('utf8');
      });
      child.stderr.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString('utf8')).slice(-MAX_OUTPUT);
      });
      const timer = setTimeout(() => {
        timedOut = true;
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      }, timeoutMs);
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr, timedOut });
      });
    },
  );
}

export const tooLong = (timeoutMs: number) =>
  new OcrRunError(
    'ocr.timeout',
    `Die Texterkennung hat länger als ${Math.round(timeoutMs / 1000)} s gebraucht und wurde abgebrochen.`,
  );

/** The environment of every OCR tool: one thread each (the slots count processes, not threads). */
export const toolEnv = (tmp: string): NodeJS.ProcessEnv & { TMPDIR: string } => ({
  ...process.env,
  OMP_THREAD_LIMIT: '1',
  TMPDIR: tmp,
});
