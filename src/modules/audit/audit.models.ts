import { createHash } from 'node:crypto';
import { canonicalJson } from '../../shared/canonical-json.ts';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditEventInput = {
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  data?: Record<string, unknown>;
};

export type ChainedEvent = {
  tenantId: string;
  seq: number;
  time: string; // ISO 8601 with milliseconds, UTC
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  data: Record<string, unknown>;
};

/** The part of an event that is hashed besides its seq: canonical JSON of everything else. */
export const eventBody = ({ seq: _seq, ...body }: ChainedEvent) => canonicalJson(body);

/**
 * hash = SHA-256(previous hash ‖ "\n" ‖ seq ‖ "\n" ‖ canonical JSON of the event without seq), hex.
 * PostgreSQL computes the same in appendAuditEvent; verification recomputes it here.
 */
export function chainHash(prevHash: string, event: ChainedEvent): string {
  return createHash('sha256')
    .update(`${prevHash}\n${event.seq}\n${eventBody(event)}`)
    .digest('hex');
}

export type VerifyResult =
  | { ok: true; events: number; head: string }
  | { ok: false; events: number; brokenSeq: number; reason: string };

/** Recomputes a chain from its stored rows in seq order; reports the first row that does not fit. */
export function verifyChain(
  rows: Iterable<ChainedEvent & { prevHash: string; hash: string }>,
  state: { prev: string; expectedSeq: number; events: number } = {
    prev: GENESIS_HASH,
    expectedSeq: 1,
    events: 0,
  },
): { state: typeof state; failure?: { brokenSeq: number; reason: string } } {
  for (const row of rows) {
    const { prevHash, hash, ...event } = row;
    if (event.seq !== state.expectedSeq) {
      return { state, failure: { brokenSeq: state.expectedSeq, reason: `seq ${state.expectedSeq} fehlt` } };
    }
    if (prevHash !== state.prev) {
      return { state, failure: { brokenSeq: event.seq, reason: 'Vorgänger-Hash passt nicht' } };
    }
    if (chainHash(prevHash, event) !== hash) {
      return { state, failure: { brokenSeq: event.seq, reason: 'Inhalt verändert (Hash passt nicht)' } };
    }
    state.prev = hash;
    state.expectedSeq += 1;
    state.events += 1;
  }
  return { state };
}

/** An event as stored: the chained fields plus the hashes that link it. */
export type StoredEvent = ChainedEvent & { prevHash: string; hash: string };

/** A row of audit_events as the database returns it. */
export type AuditEventRow = {
  tenant_id: string;
  seq: string;
  occurred_at: Date;
  actor: string;
  action: string;
  object_type: string;
  object_id: string;
  data: Record<string, unknown>;
  prev_hash: string;
  hash: string;
};

export const storedEventOf = (r: AuditEventRow): StoredEvent => ({
  tenantId: r.tenant_id,
  seq: Number(r.seq),
  time: r.occurred_at.toISOString(),
  actor: r.actor,
  action: r.action,
  objectType: r.object_type,
  objectId: r.object_id,
  data: r.data,
  prevHash: r.prev_hash,
  hash: r.hash,
});
