// `npm run bench`: the speed and memory figures of every capability, printed as a list.
// `npm run bench -- telegram` runs one part only.
import { cliBench } from './cli-bench.js';
import { documentLimitsBench } from './document-limits-bench.js';
import { flagsBench } from './flags.js';
import { knowledgeBench } from './knowledge-bench.js';
import { remindersBench } from './reminders-bench.js';
import { telegramBench } from './telegram-bench.js';

const parts: Record<string, () => Promise<void>> = {
  knowledge: knowledgeBench,
  telegram: telegramBench,
  reminders: remindersBench,
  flags: flagsBench,
  documents: documentLimitsBench,
  cli: cliBench,
};
const chosen = process.argv.slice(2).filter((a) => a in parts);
console.log(`# Asisten ASN benchmarks (${new Date().toISOString()}, node ${process.version})`);
for (const name of chosen.length ? chosen : Object.keys(parts)) await parts[name]!();
