/**
 * The OCR's share of the CPU: at most `size` Tesseract processes at once in this process, each
 * with one thread (OMP_THREAD_LIMIT=1). A document takes as many slots as it has pages to
 * recognise, but at least one and at most what is free — so two one-page scans run side by side,
 * a 20-page scan uses every core, and never do more Tesseract threads run than slots exist.
 */
export function createOcrSlots(size: number) {
  let free = Math.max(1, size);
  const waiting: Array<{ wanted: number; grant: (n: number) => void }> = [];

  function pump() {
    while (free > 0 && waiting.length > 0) {
      const next = waiting.shift()!;
      const n = Math.min(next.wanted, free);
      free -= n;
      next.grant(n);
    }
  }

  return {
    size: Math.max(1, size),
    /** Waits for at least one slot; returns how many were granted and their release. */
    async acquire(wanted: number): Promise<{ slots: number; release: () => void }> {
      const slots = await new Promise<number>((grant) => {
        waiting.push({ wanted: Math.max(1, wanted), grant });
        pump();
      });
      let released = false;
      return {
        slots,
        release: () => {
          if (released) return;
          released = true;
          free += slots;
          pump();
        },
      };
    },
    stats: () => ({ free, waiting: waiting.length }),
  };
}

export type OcrSlots = ReturnType<typeof createOcrSlots>;
