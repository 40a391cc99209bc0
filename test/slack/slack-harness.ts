// The Slack app as it runs in HTTP mode, for the tests of its endpoint and its buttons: the real
// Bolt app on a Hono server on 127.0.0.1, the fake Slack Web API, the org chart of
// test/fixtures/people.csv (Dewi -> Andi -> Sri -> Bambang -> HR) and the Slack outbox delivered
// on demand.
import { readFileSync } from 'node:fs';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { AnsweringDeps } from '../../src/answering/answer-question.js';
import { LexiconCache } from '../../src/answering/lexicon.js';
import { loadPrompts } from '../../src/answering/prompts.js';
import { createSlackApp } from '../../src/channels/slack/slack-app.js';
import { createChatModel } from '../../src/llm/openai-models.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai-server.js';
import { slackNotificationSender } from '../../src/channels/slack/slack-sender.js';
import type { Database } from '../../src/db/database.js';
import { recordReport } from '../../src/flags/record-report.js';
import { dispatchNotifications } from '../../src/outbox/notifications.js';
import { importPeople } from '../../src/people/import-people.js';
import { startFakeSlack, type FakeSlack, type SlackMessage } from '../fakes/slack-server.js';
import { fixturesDir, loadKnowledge } from '../helpers/knowledge.js';
import { silentLogger } from '../helpers/silent-logger.js';
import { openTestDatabase, type Backend } from '../helpers/test-database.js';

export const secret = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
export const users = {
  andi: { id: 'U0ANDI', email: 'andi.pratama@samarindakota.go.id', name: 'andi' },
  sri: { id: 'U01SRIWAHYU', email: 'sri.wahyuni@samarindakota.go.id', name: 'sri' },
  bambang: { id: 'U01BAMBANG', email: 'bambang.sutrisno@samarindakota.go.id', name: 'bambang' },
  stranger: { id: 'U0ORANGLAIN', email: 'orang.lain@example.org', name: 'orang' },
};
export const dm = (user: { id: string }) => `D${user.id}`;

export interface SlackHarness {
  db: Database;
  slack: FakeSlack;
  /** The Slack endpoint: http://127.0.0.1:<port>/slack/events */
  endpoint: string;
  /** With `answering`: the fake OpenAI server the answers are composed with. */
  openai?: FakeOpenAI;
  /** A second instance of the app on the same database, as behind a load balancer. */
  secondEndpoint: string;
  /** Sends what the outbox holds for Slack (alerts, refreshes), as the dispatcher would. */
  deliver(): Promise<void>;
  /** A report by Dewi to her supervisor: a flag for Andi at level 0, posted to his DM. */
  raiseReport(subject: string): Promise<number>;
  /** The last message in `user`'s DM about the flag. */
  messageTo(user: { id: string }, flagId: number): SlackMessage;
  close(): Promise<void>;
}

/**
 * `answering`: the app answers questions from the default knowledge base, its answers composed by
 * a chat model behind the fake OpenAI server (a reply citing no passage falls back to quoting the
 * passages, as in production); `allowUnlinked: false` limits asking to people on record.
 */
export async function startSlackHarness(
  backend: Backend,
  options: { answering?: boolean; allowUnlinked?: boolean } = {},
): Promise<SlackHarness> {
  const db = await openTestDatabase(backend);
  expect((await importPeople(db, readFileSync(`${fixturesDir}/people.csv`, 'utf8'))).ok).toBe(true);
  const slack = await startFakeSlack();
  for (const u of Object.values(users)) slack.addUser(u);
  const now = () => new Date('2026-11-30T02:00:00Z');
  const settings = {
    botToken: slack.token,
    signingSecret: secret,
    apiUrl: `${slack.url}/api/`,
    hrChannel: 'C_HR',
    hrUsers: [],
    allowUnlinked: options.allowUnlinked,
  };
  let openai: FakeOpenAI | undefined;
  let answering: AnsweringDeps | undefined;
  if (options.answering) {
    openai = await startFakeOpenAI();
    await loadKnowledge(db);
    const timeoutMs = 5_000;
    answering = {
      db,
      lexicons: new LexiconCache(db),
      logger: silentLogger,
      maxQuestionChars: 2_000,
      llm: {
        model: createChatModel({ apiKey: 'test', baseURL: `${openai.url}/v1`, chatModel: 'gpt-test', timeoutMs }),
        prompts: await loadPrompts(fileURLToPath(new URL('../../prompts/', import.meta.url))),
        timeoutMs,
      },
    };
  }
  const servers: ServerType[] = [];
  const start = async () => {
    const web = new Hono();
    const app = createSlackApp(web, { settings, db, logger: silentLogger, now, onChange: () => undefined, answering });
    const server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: web.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    servers.push(server);
    return { app, endpoint: `http://127.0.0.1:${(server.address() as { port: number }).port}/slack/events` };
  };
  const first = await start();
  const second = await start();
  const sender = slackNotificationSender({
    db,
    client: first.app.client,
    directory: first.app.directory,
    hrChannel: 'C_HR',
    now,
  });
  const deliver = async () => void (await dispatchNotifications(db, { slack: sender }, { now: now() }));
  const dewi = await db.prisma.employee.findFirstOrThrow({ where: { name: 'Dewi Lestari' } });

  return {
    db,
    slack,
    openai,
    endpoint: first.endpoint,
    secondEndpoint: second.endpoint,
    deliver,
    async raiseReport(subject) {
      const { flagId } = await recordReport(
        db,
        {
          reporterId: dewi.id,
          category: 'pungli',
          subject,
          description: 'Meminta uang tambahan.',
          recipient: 'atasan',
          revealReporter: false,
        },
        now(),
      );
      await deliver();
      return flagId;
    },
    messageTo(user, flagId) {
      const about = slack.messages(dm(user)).filter((m) => JSON.stringify(m.blocks ?? []).includes(`"flag:${flagId}"`));
      expect(about.length).toBeGreaterThan(0);
      return about.at(-1)!;
    },
    async close() {
      for (const server of servers)
        await new Promise((resolve) => {
          server.close(resolve);
          // fetch keeps connections alive; closing waits for them otherwise.
          (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        });
      await slack.close();
      await openai?.close();
      await db.close();
    },
  };
}
