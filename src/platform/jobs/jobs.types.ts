import type { TenantTrx } from '../database/database.ts';

// What a module registers with the job worker (main/services.ts wires them): its handlers per kind.

export type JobHandler = (args: {
  trx: TenantTrx;
  payload: Record<string, unknown>;
  attempt: number;
  jobId: string;
}) => Promise<void>;

export type ClaimedJob = { id: string; payload: Record<string, unknown>; attempt: number };

/**
 * Optional fast path for a kind: processes several claimed jobs of one tenant at once (e.g. one
 * round trip and one commit for eight extractions) and marks the ones it finished as done in its
 * own write. Returns their ids; every other job of the group – and the whole group if it throws –
 * then goes through the kind's JobHandler one by one, with its usual retries.
 */
export type BatchJobHandler = (args: {
  tenantId: string;
  jobs: ClaimedJob[];
  /** The claiming worker: its write completes the jobs with finishJobs({ jobIds, owner }). */
  owner?: string;
}) => Promise<string[]>;

/**
 * Optional per kind: runs in the job's tenant transaction when the queue gives the job up for good
 * (lost with its worker twice, or out of attempts), e.g. to show the reason instead of "pending".
 */
export type JobGivenUpHandler = (args: {
  trx: TenantTrx;
  payload: Record<string, unknown>;
  jobId: string;
  /** German, shown to users. */
  reason: string;
}) => Promise<void>;
