import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  ExtractionError,
  type ExtractionInput,
  type ExtractionResult,
  type Extractor,
} from './extractors.ts';

type Pending = {
  resolve: (r: ExtractionResult) => void;
  reject: (e: Error) => void;
  slot: Slot;
  timer: NodeJS.Timeout;
};
type Slot = { worker: Worker; busy: number };

/**
 * The extractor registry of the running product: the default extractors (PDF, DOCX, ODT, e-mail,
 * HTML, text) run in a pool of worker threads so that parsing never blocks the web server's event
 * loop. Extractors registered later (OCR, for instance) run first, on the main thread; they
 * typically hand work to an external process anyway. Same interface as createExtractorRegistry.
 */
export function createExtractionPool({
  size = Math.max(1, availableParallelism()),
  timeoutMs = 60_000,
}: {
  size?: number;
  timeoutMs?: number;
} = {}) {
  const extra: Extractor[] = [];
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let slots: Slot[] = [];

  function spawn(): Slot {
    const worker = new Worker(new URL('./extraction-thread.mjs', import.meta.url));
    const slot: Slot = { worker, busy: 0 };
    worker.unref();
    worker.on(
      'message',
      (message: {
        id: number;
        result?: ExtractionResult;
        error?: { reasonCode: string; message: string; internal?: boolean };
      }) => {
        const waiter = pending.get(message.id);
        if (!waiter) return;
        pending.delete(message.id);
        clearTimeout(waiter.timer);
        slot.busy--;
        if (message.error)
          waiter.reject(
            message.error.internal
              ? new Error(message.error.message)
              : new ExtractionError(message.error.reasonCode, message.error.message),
          );
        else
          waiter.resolve({
            ...message.result!,
            attachments: message.result!.attachments?.map((a) => ({ ...a, bytes: Buffer.from(a.bytes) })),
          });
      },
    );
    // A crashed or hung thread (a hostile file) is replaced; what it was working on fails.
    const fail = (error: Error) => {
      slots = slots.filter((s) => s !== slot);
      for (const [id, waiter] of pending)
        if (waiter.slot === slot) {
          pending.delete(id);
          clearTimeout(waiter.timer);
          waiter.reject(error);
        }
    };
    worker.on('error', (error) => fail(error));
    worker.on('exit', () => fail(new Error('extraction thread exited')));
    return slot;
  }

  const ensure = () => {
    while (slots.length < size) slots.push(spawn());
  };

  return {
    register(extractor: Extractor) {
      extra.unshift(extractor);
    },
    list: () => [...extra.map((e) => e.name), 'pdf', 'docx', 'odt', 'eml', 'html', 'text'],
    async extract(input: ExtractionInput): Promise<ExtractionResult> {
      const own = extra.find((e) => e.accepts(input.mime));
      if (own && input.bytes.length > 0) return own.extract(input);
      ensure();
      const slot = slots.reduce((a, b) => (b.busy < a.busy ? b : a));
      slot.busy++;
      const id = nextId++;
      return new Promise<ExtractionResult>((resolve, reject) => {
        const timer = setTimeout(() => {
          // The thread is stuck in this file: kill it, the file fails with a reason.
          const waiter = pending.get(id);
          pending.delete(id);
          slots = slots.filter((s) => s !== slot);
          void slot.worker.terminate();
          waiter?.reject(
            new ExtractionError(
              'timeout',
              `Die Textextraktion dauerte länger als ${timeoutMs / 1000} s und wurde abgebrochen.`,
            ),
          );
        }, timeoutMs);
        pending.set(id, { resolve, reject, slot, timer });
        slot.worker.postMessage({ id, input: { ...input, bytes: new Uint8Array(input.bytes) } });
      });
    },
    async close() {
      const running = slots;
      slots = [];
      await Promise.all(running.map((s) => s.worker.terminate()));
      for (const [, waiter] of pending) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error('extraction pool closed'));
      }
      pending.clear();
    },
  };
}

export type ExtractionPool = ReturnType<typeof createExtractionPool>;
