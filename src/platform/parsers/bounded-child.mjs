// Entry of a bounded parser process (bounded-pool.ts). Plain JavaScript so it starts without a
// loader: it registers tsx, imports the task module named on its command line, says it is ready,
// and then runs one task per message. Small values come and go as IPC messages, bytes over the
// socket on fd 4 (bounded-wire.ts). Domain errors are part of a task's value; anything thrown is
// reported as a message (the pool turns it into an Error of the caller).
import { Socket } from 'node:net';
import { register } from 'tsx/esm/api';

register();
const { createBulkReader, pack, unpack } = await import(new URL('./bounded-wire.ts', import.meta.url).href);
const [moduleUrl, taskName] = process.argv.slice(2);
const module = await import(moduleUrl);
const task = module[taskName];
if (typeof task !== 'function') throw new Error(`${moduleUrl} has no task ${taskName}`);

const bulk = new Socket({ fd: 4, readable: true, writable: true });
const reader = createBulkReader(bulk);

process.on('message', async ({ shape, sizes }) => {
  try {
    const input = unpack(shape, await reader.read(sizes));
    const output = pack(await task(input));
    process.send({ value: output.shape, sizes: output.parts.map((part) => part.length) });
    for (const part of output.parts) bulk.write(part);
  } catch (error) {
    process.send({ error: error instanceof Error ? error.message : String(error) });
  }
});
// The web process went away: nothing left to parse for.
process.on('disconnect', () => process.exit(0));
process.send({ ready: true });
