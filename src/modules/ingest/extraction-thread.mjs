// Entry of an extraction worker thread. Plain JavaScript so it starts without a loader; it
// registers tsx itself and then runs the TypeScript implementation.
import { register } from 'tsx/esm/api';

register();
await import('./extraction-thread.ts');
