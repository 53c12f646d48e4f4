// Entry of the import's scan helper process (scan-helper.ts). Plain JavaScript so it starts without
// a loader: it registers tsx and runs the helper with the configuration on its command line.
import { register } from 'tsx/esm/api';

register();
const { runScanHelper } = await import(new URL('./scan-helper.process.ts', import.meta.url).href);
await runScanHelper(JSON.parse(process.argv[2] ?? '{}'));
