// The pool's options and the error of a stopped parser (bounded-pool.ts), apart from the pool.

/** Why a parser process was stopped: out of its heap (or memory), out of its time, or died otherwise. */
export type BreachKind = 'heap' | 'time' | 'crash';

/** A task whose parser process was stopped; the process is replaced and the pool goes on. */
export class ParserBreach extends Error {
  constructor(
    readonly kind: BreachKind,
    message: string,
  ) {
    super(message);
  }
}

export type BoundedPoolOptions = {
  /** Module (URL) whose export `task` runs in the parser processes: `(input) => value`. */
  module: URL;
  task: string;
  size: number;
  /** V8 heap per process (--max-old-space-size); the resident memory is capped at twice that + 256 MiB. */
  heapMb: number;
  /** Wall time per task, counted from the moment a process starts it (never while queued). */
  timeoutMs: number;
  /** An idle process ends after this long (default: never) and is started again when needed. */
  idleMs?: number;
};
