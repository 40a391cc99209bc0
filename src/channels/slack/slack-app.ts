import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Hono } from 'hono';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import { actOnFlag, minResolutionChars, type FlagAction } from '../../flags/flag-actions.js';
import { supervisorChain } from '../../flags/flag-addressing.js';
import { loadFlagView } from '../../flags/load-flag-view.js';
import { refusalText, resolveModal } from './flag-blocks.js';
import { publishHome } from './slack-home.js';
import { answerSlashCommand } from './slash-command.js';
import { SlackDirectory } from './slack-directory.js';

export type SlackSettings = NonNullable<Config['slack']>;

export interface SlackRunning {
  client: WebClient;
  directory: SlackDirectory;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const topOfChainText = 'Tanda ini sudah ada pada tim SDM, tingkat terakhir: tidak dapat dieskalasi lagi.';

/** The path Slack's Event Subscriptions, Interactivity and Slash Commands point at in HTTP mode. */
export const slackEventsPath = '/slack/events';

/**
 * The managers' Slack app (Bolt). Every handler acks first, within Slack's 3 seconds, and does its
 * work after; what it sends to Slack beyond ephemeral answers goes through the notification outbox
 * (`onChange` wakes its dispatcher), so a Slack outage delays updates and loses none.
 */
export function createSlackApp(
  web: Hono,
  options: { settings: SlackSettings; db: Database; logger: Logger; now: () => Date; onChange: () => void },
): SlackRunning {
  const { settings, db, now } = options;
  const log = options.logger.child({ channel: 'slack' });
  const logger = boltLogger(log);
  const clientOptions = {
    slackApiUrl: settings.apiUrl,
    // The outbox retries; a call blocked for half an hour inside the client would stall it.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  };
  // A fixed authorization instead of Bolt's auth.test at start: the app starts even while Slack is down.
  const authorize = async () => ({ botToken: settings.botToken });
  let app: App;
  let receiver: HTTPReceiver | undefined;
  if (settings.appToken) {
    app = new App({
      authorize,
      logger,
      clientOptions,
      receiver: new SocketModeReceiver({ appToken: settings.appToken, logger, installerOptions: { clientOptions } }),
    });
  } else {
    if (!settings.signingSecret) throw new Error('SLACK_SIGNING_SECRET wajib diisi untuk mode HTTP (tanpa SLACK_APP_TOKEN)');
    // Bolt's own receiver checks the signature and refuses requests older than 5 minutes; it is
    // given the shared web server's requests instead of listening on a port of its own.
    receiver = new HTTPReceiver({ signingSecret: settings.signingSecret, endpoints: slackEventsPath, logger });
    app = new App({ authorize, logger, clientOptions, receiver });
    const listener = receiver.requestListener;
    web.post(slackEventsPath, (c) => {
      const { incoming, outgoing } = c.env as HttpBindings;
      listener(incoming, outgoing);
      return RESPONSE_ALREADY_SENT;
    });
  }
  // Bolt's own client carries no token with a custom authorize; this one is for everything the
  // app sends on its own (refusals, modals, Home, the outbox).
  const client = new WebClient(settings.botToken, { ...clientOptions, logger });
  const directory = new SlackDirectory(db, client);

  /** The addressee, everyone above them, and HR may act; for a flag with HR, only HR. */
  async function mayAct(flagId: number, slackUserId: string): Promise<boolean | 'unknown_flag'> {
    if (settings.hrUsers.includes(slackUserId)) return true;
    const flag = await db.prisma.flag.findUnique({ where: { id: flagId }, select: { assigneeId: true } });
    if (!flag) return 'unknown_flag';
    if (flag.assigneeId === null) return false;
    for (const employeeId of [flag.assigneeId, ...(await supervisorChain(db.prisma, flag.assigneeId))])
      if ((await directory.slackIdOf(employeeId)) === slackUserId) return true;
    return false;
  }

  async function tell(body: { user: { id: string }; channel?: { id: string } }, text: string) {
    // In a channel only the one who pressed sees it; from the Home tab, in their DM with the app.
    await client.chat.postEphemeral({ channel: body.channel?.id ?? body.user.id, user: body.user.id, text });
  }

  const refuse = (body: { user: { id: string }; channel?: { id: string } }, reason: Parameters<typeof refusalText>[0]) =>
    tell(body, refusalText(reason));

  async function act(flagId: number, action: FlagAction, slackUserId: string, note?: string) {
    const result = await actOnFlag(db, { flagId, action, actor: `slack:${slackUserId}`, note, now: now() });
    if (result.ok) {
      log.info({ flagId, action, status: result.status }, 'flag action');
      options.onChange();
    }
    return result;
  }

  for (const [actionId, action] of [
    ['flag_acknowledge', 'acknowledge'],
    ['flag_escalate', 'escalate'],
  ] as const) {
    app.action(actionId, async ({ ack, body, action: element }) => {
      await ack();
      const b = body as { user: { id: string }; channel?: { id: string } };
      const flagId = Number((element as { value?: string }).value);
      const allowed = await mayAct(flagId, b.user.id);
      if (allowed !== true) return refuse(b, allowed === 'unknown_flag' ? 'unknown_flag' : 'not_allowed');
      const result = await act(flagId, action, b.user.id);
      if (result.ok || result.reason === 'already_acknowledged') return;
      if (result.reason === 'top_of_chain') await tell(b, topOfChainText);
      else await refuse(b, result.reason === 'already_resolved' ? 'already_resolved' : 'unknown_flag');
    });
  }

  app.action('flag_resolve', async ({ ack, body, action: element }) => {
    await ack();
    const b = body as { user: { id: string }; channel?: { id: string }; trigger_id: string };
    const flagId = Number((element as { value?: string }).value);
    const allowed = await mayAct(flagId, b.user.id);
    if (allowed !== true) return refuse(b, allowed === 'unknown_flag' ? 'unknown_flag' : 'not_allowed');
    const view = await loadFlagView(db, flagId);
    if (!view) return refuse(b, 'unknown_flag');
    if (view.status === 'resolved') return refuse(b, 'already_resolved');
    await client.views.open({ trigger_id: b.trigger_id, view: resolveModal(view) });
  });

  app.view('flag_resolve_modal', async ({ ack, body, view }) => {
    const note = view.state.values.resolution?.note?.value?.trim() ?? '';
    if (note.length < minResolutionChars)
      return void (await ack({
        response_action: 'errors',
        errors: { resolution: `Tuliskan catatan penyelesaian, paling sedikit ${minResolutionChars} karakter.` },
      }));
    await ack();
    const flagId = Number(view.private_metadata);
    if ((await mayAct(flagId, body.user.id)) !== true) return void (await refuse(body, 'not_allowed'));
    const result = await act(flagId, 'resolve', body.user.id, note);
    if (!result.ok) await refuse(body, result.reason === 'already_resolved' ? 'already_resolved' : 'unknown_flag');
  });

  app.command('/asn', async ({ ack, command }) => {
    // Answered in the ack itself when quick (ephemeral, only to the caller); otherwise acked at
    // once and the answer follows as a DM.
    const answer = answerSlashCommand({ db, directory, hrUsers: settings.hrUsers, now }, command.user_id, command.text);
    const quick = await Promise.race([answer, new Promise<undefined>((r) => setTimeout(r, 2_000, undefined))]);
    if (quick !== undefined) return void (await ack({ response_type: 'ephemeral', text: quick }));
    await ack({ response_type: 'ephemeral', text: 'Sedang diproses; jawaban dikirim lewat pesan langsung.' });
    await client.chat.postMessage({ channel: command.user_id, text: await answer });
  });

  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    await publishHome({ db, client, directory, hrUsers: settings.hrUsers, now }, event.user);
  });

  app.error(async (error) => {
    log.error({ err: { name: error.name, message: error.message } }, 'slack handler failed');
  });

  return {
    client,
    directory,
    // HTTP mode has nothing to start: the shared web server delivers the requests.
    start: async () => {
      if (settings.appToken) await app.start();
    },
    stop: async () => {
      if (settings.appToken) await app.stop();
    },
  };
}

function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  return {
    debug: (...m) => log.debug({ bolt: m.map(String).join(' ') }),
    info: (...m) => log.info({ bolt: m.map(String).join(' ') }),
    warn: (...m) => log.warn({ bolt: m.map(String).join(' ') }),
    error: (...m) => log.error({ bolt: m.map(String).join(' ') }),
    setLevel: (l) => void (level = l),
    getLevel: () => level,
    setName: () => undefined,
  };
}
