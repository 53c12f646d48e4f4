/**
 * Where the time of a search goes (bench:search prints it per stage): each stage reports its wall
 * time to the recorder set here. Without a recorder (the product) nothing is measured.
 */
export type SearchStage =
  | 'filter'
  | 'plan'
  | 'statement'
  | 'fallback'
  | 'details'
  | 'beside'
  | 'snippets'
  | 'suggest';

export const searchStages: { record: ((stage: SearchStage, ms: number) => void) | undefined } = {
  record: undefined,
};

/** Runs one stage and reports its wall time (milliseconds) to the recorder, if one is set. */
export async function timed<T>(stage: SearchStage, run: () => Promise<T> | T): Promise<T> {
  const record = searchStages.record;
  if (!record) return run();
  const started = performance.now();
  try {
    return await run();
  } finally {
    record(stage, performance.now() - started);
  }
}
