import { sql } from 'kysely';

// The outbox row itself is outboxInsert (outbox.ts); this file holds the other statement pieces.

/** Wakes the delivery workers for the county's outbox (the notification recordEventInTrx sends). */
export const outboxWakeUp = (tenantId: string) => sql`pg_notify('verbund_outbox', ${tenantId})`;
