// The worker's entry point. A worker thread starts as plain Node, whoever started its parent
// (`tsx` for `npm start` and `asn`, vitest for the tests): this registers tsx, then loads the
// TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
