// `npm run bench`: the speed and memory figures of every capability, printed as a list.
import { knowledgeBench } from './knowledge-bench.js';

console.log(`# Asisten ASN benchmarks (${new Date().toISOString()}, node ${process.version})`);
await knowledgeBench();
