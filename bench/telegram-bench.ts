import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { parseEvalSet } from '../src/answering/evaluate-retrieval.js';
import { createBot } from '../src/channels/telegram/create-bot.js';
import { startTelegram } from '../src/channels/telegram/start-telegram.js';
import { openDatabase } from '../src/db/database.js';
import { ingestPaths } from '../src/knowledge/ingest-paths.js';
import { startFakeTelegram } from '../test/fakes/telegram-server.js';
import { botDeps } from '../test/helpers/bot-deps.js';
import { percentile, printRow } from './measure.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const questions = parseEvalSet(readFileSync(join(root, 'bench/eval/dev.jsonl'), 'utf8')).map((c) => c.question);
const logger = pino({ level: 'silent' });

interface Scenario {
  name: string;
  users: number;
  /** Milliseconds over which the users' questions arrive (0: all at the same moment). */
  spreadMs: number;
  globalPerSecond: number;
  perChatPerSecond: number;
}

/** Simulated users ask once each through the fake Bot API server; the real bot answers by long polling. */
async function runScenario(s: Scenario): Promise<void> {
  const db = await openDatabase({ dataDir: 'memory://' });
  await ingestPaths(db, [join(root, 'knowledge')]);
  const fake = await startFakeTelegram({ globalPerSecond: s.globalPerSecond, perChatPerSecond: s.perChatPerSecond });
  const deps = botDeps(db, { logger });
  const bot = createBot(deps, {
    token: fake.token,
    apiRoot: fake.url,
    throttle: { globalPerSecond: s.globalPerSecond, perChatIntervalMs: Math.ceil(1000 / s.perChatPerSecond) },
  });
  const running = await startTelegram(bot, { db, log: logger });
  const sentAt = new Map<number, number>();
  const start = performance.now();
  for (let i = 0; i < s.users; i++) {
    const userId = 500_000 + i;
    const at = s.spreadMs ? (i / s.users) * s.spreadMs : 0;
    setTimeout(() => {
      sentAt.set(userId, Date.now());
      fake.sendText({ id: userId, first_name: `Pegawai ${i}` }, questions[i % questions.length]!);
    }, at);
  }
  const deadline = Date.now() + 180_000;
  const answered = () => new Set(fake.messages().map((m) => m.chat_id)).size;
  while (answered() < s.users && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const elapsed = performance.now() - start;
  await new Promise((r) => setTimeout(r, 1_500)); // anything sent twice would show up now

  const latencies: number[] = [];
  const perChat = new Map<number, number>();
  for (const m of fake.messages()) perChat.set(m.chat_id, (perChat.get(m.chat_id) ?? 0) + 1);
  for (const [chatId, sent] of sentAt) {
    const reply = fake.calls.find((c) => c.method === 'sendMessage' && c.status === 200 && Number(c.body.chat_id) === chatId);
    if (reply) latencies.push(reply.at - sent);
  }
  const logged = await db.prisma.questionLog.count({ where: { channel: 'telegram' } });
  const duplicated = [...perChat.values()].filter((n) => n > 1).length;
  printRow(
    `${s.name}: reply latency`,
    `p50 ${(percentile(latencies, 50) / 1000).toFixed(2)} s, p95 ${(percentile(latencies, 95) / 1000).toFixed(2)} s`,
    `${s.users} users, limits ${s.globalPerSecond}/s and ${s.perChatPerSecond}/s per chat, all done in ${(elapsed / 1000).toFixed(1)} s`,
  );
  printRow(
    `${s.name}: lost / duplicated / 429s`,
    `${s.users - latencies.length} / ${duplicated} / ${fake.stats().tooManyRequests}`,
    `${logged} questions logged; every 429 waited out by auto-retry`,
  );
  await running.stop();
  await fake.close();
  await db.close();
}

export async function telegramBench(): Promise<void> {
  console.log('\n## Telegram: 500 users asking through the fake Bot API server (offline answers, PGlite)');
  await runScenario({
    name: 'arriving over 20 s, Telegram limits',
    users: 500,
    spreadMs: 20_000,
    globalPerSecond: 30,
    perChatPerSecond: 1,
  });
  await runScenario({ name: 'all at once, Telegram limits', users: 500, spreadMs: 0, globalPerSecond: 30, perChatPerSecond: 1 });
  await runScenario({
    name: 'all at once, limit raised to 1000/s',
    users: 500,
    spreadMs: 0,
    globalPerSecond: 1_000,
    perChatPerSecond: 1,
  });
}
