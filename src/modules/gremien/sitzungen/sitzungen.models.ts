/** The states of a session and which changes are allowed (cancelling is possible until it was held). */
export type SitzungStatus = 'geplant' | 'eingeladen' | 'durchgefuehrt' | 'abgesagt';

const NEXT: Record<SitzungStatus, SitzungStatus[]> = {
  geplant: ['eingeladen', 'abgesagt'],
  eingeladen: ['durchgefuehrt', 'abgesagt', 'geplant'],
  durchgefuehrt: [],
  abgesagt: ['geplant'],
};

export const canChangeStatus = (from: SitzungStatus, to: SitzungStatus) =>
  from === to || NEXT[from].includes(to);

/** A reorder must name every item of the agenda exactly once. */
export function isPermutation(current: string[], wanted: string[]) {
  if (current.length !== wanted.length) return false;
  const seen = new Set(wanted);
  return seen.size === wanted.length && current.every((id) => seen.has(id));
}
