import type { ClamdVerdict } from './clamd.client.ts';

/** What the scan helper needs: clamd, its limits, and where it journals clean verdicts. */
export type ScanHelperConfig = {
  address: string;
  timeoutMs: number;
  maxBytes: number;
  /** `<VERBUND_DATA_DIR>/virenscan`: one journal per helper process, `<pid>.journal`. */
  journalDir: string;
};

export type HelperRequest = { id: number; tenant: string; file: string };

/** clamd's verdict with the SHA-256 of the bytes it saw; or not scanned (clamd away, file unreadable). */
export type HelperResponse =
  | ({ id: number; sha256: string } & ClamdVerdict)
  | { id: number; status: 'unavailable' }
  | { id: number; status: 'unreadable'; reason: string };

export type JournalEntry = { tenant: string; sha256: string; at: number };

/** One clean verdict per line: county, SHA-256, time in ms; tab-separated. */
export const journalLine = ({ tenant, sha256, at }: JournalEntry) => `${tenant}\t${sha256}\t${at}\n`;

/** A journal line, or null for a torn or foreign one (a process killed in the middle of a write). */
export function parseJournalLine(line: string): JournalEntry | null {
  const match = /^([a-z0-9-]{1,63})\t([0-9a-f]{64})\t(\d{13})$/.exec(line);
  return match ? { tenant: match[1]!, sha256: match[2]!, at: Number(match[3]) } : null;
}
