import {
  App,
  HTTPReceiver,
  LogLevel,
  SocketModeReceiver,
  type BufferedIncomingMessage,
  type Logger as BoltLogger,
} from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Hono } from 'hono';
import type { AnsweringDeps } from '../../answering/answer-question.js';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import type { PostCheckerSetup } from '../../posts/create-post-checker.js';
import { actOnSeenFlag, checkSeenFlag, minResolutionChars, type FlagAction, type FlagState } from '../../flags/flag-actions.js';
import { supervisorChain } from '../../flags/flag-addressing.js';
import type { FlagView } from '../../flags/flag-view.js';
import { loadFlagView } from '../../flags/load-flag-view.js';
import type { Tx } from '../../outbox/notifications.js';
import { cleanText } from '../../text/clean-text.js';
import { flagMessage } from './views/flag-message.js';
import { resolveModal } from './views/resolve-modal.js';
import { parseFlagButtonValue } from './flag-button-value.js';
import { alreadyAcknowledgedText, outdatedEscalationText, refusalText, staleText, topOfChainText } from './flag-replies.js';
import { registerAnswerActions } from './answer-actions.js';
import { registerQuestionListeners } from './question-listeners.js';
import { SeenSlackRequests, skipSeenEvents } from './seen-requests.js';
import { slackAssistant } from './slack-assistant.js';
import { answerClient, SlackPoster } from './slack-poster.js';
import type { SlackAskingDeps } from './slack-questions.js';
import { slackRequestGuard } from './slack-request-guard.js';
import { publishHome } from './slack-home.js';
import { answerSlashCommand } from './slash-command.js';
import { SlackDirectory } from './slack-directory.js';

export type SlackSettings = NonNullable<Config['slack']>;

/** What a button press or modal submission tells about who did it and where. */
interface Presser {
  user: { id: string };
  channel?: { id: string };
  container?: { type?: string; channel_id?: string; message_ts?: string };
}

export interface SlackRunning {
  client: WebClient;
  directory: SlackDirectory;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The path Slack's Event Subscriptions, Interactivity and Slash Commands point at in HTTP mode. */
export const slackEventsPath = '/slack/events';

/**
 * The Slack app (Bolt): flags for managers, and answers to anyone's questions (DMs, mentions, the
 * assistant pane, `/asn tanya`) when `answering` is given. Every handler acks first, within Slack's
 * 3 seconds, and does its work after; flag updates go through the notification outbox (`onChange`
 * wakes its dispatcher), so a Slack outage delays them and loses none; answers, which someone is
 * waiting for, are posted at once (slack-poster.ts: per-channel spacing, 429s waited out).
 */
export function createSlackApp(
  web: Hono,
  options: {
    settings: SlackSettings;
    db: Database;
    logger: Logger;
    now: () => Date;
    onChange: () => void;
    answering?: AnsweringDeps;
    /** The draft-post checker of `/asn cekpost` (or why it is off). */
    posts?: PostCheckerSetup;
  },
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
  // Bolt's own client carries no token with a custom authorize; this one is for everything the
  // app sends on its own (refusals, modals, Home, the outbox).
  const client = new WebClient(settings.botToken, { ...clientOptions, logger });
  // A fixed authorization instead of Bolt's auth.test at start: the app starts even while Slack is
  // down. The bot's own ids are asked once, on the first request, so that Bolt's ignoreSelf (and
  // ours) know the app's own messages; until Slack answers, they are known by their bot_id.
  let identity: { botUserId?: string; botId?: string } | undefined;
  const authorize = async () => {
    if (!identity) {
      try {
        const me = await client.auth.test();
        identity = { botUserId: me.user_id, botId: me.bot_id };
      } catch (error) {
        log.warn({ err: { message: (error as Error).message } }, 'slack auth.test failed; retried on the next request');
      }
    }
    return { botToken: settings.botToken, ...identity };
  };
  const seen = new SeenSlackRequests(db);
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
    // Bolt's receiver is given the shared web server's requests instead of listening on a port of
    // its own, behind our guard (slack-request-guard.ts: size, ±5 minutes, signature, replays),
    // which hands it the body it read.
    receiver = new HTTPReceiver({ signingSecret: settings.signingSecret, endpoints: slackEventsPath, logger });
    app = new App({ authorize, logger, clientOptions, receiver });
    const listener = receiver.requestListener;
    const guard = slackRequestGuard({ signingSecret: settings.signingSecret, seen, log });
    web.post(slackEventsPath, async (c) => {
      const verdict = await guard(c);
      if (!verdict.ok) return verdict.response;
      const { incoming, outgoing } = c.env as HttpBindings;
      const buffered: BufferedIncomingMessage = Object.assign(incoming, { rawBody: verdict.body });
      listener(buffered, outgoing);
      return RESPONSE_ALREADY_SENT;
    });
  }
  const directory = new SlackDirectory(db, client);
  app.use(skipSeenEvents(seen, log));

  /**
   * Who may act, decided on the locked flag (flag-actions.ts): HR always; otherwise the addressee
   * and everyone above them, never anyone on a flag that is with HR. The presser's employee record
   * is looked up before the lock (it may ask Slack), the chain inside it.
   */
  async function mayActAs(slackUserId: string) {
    if (settings.hrUsers.includes(slackUserId)) return async () => true;
    const employeeId = (await directory.employeeOf(slackUserId))?.id ?? null;
    return async (flag: { assigneeId: number | null }, tx: Tx) => {
      if (employeeId === null || flag.assigneeId === null) return false;
      return flag.assigneeId === employeeId || (await supervisorChain(tx, flag.assigneeId)).includes(employeeId);
    };
  }

  async function tell(body: Presser, text: string) {
    // In a channel only the one who pressed sees it; from the Home tab, in their DM with the app.
    await client.chat.postEphemeral({ channel: body.channel?.id ?? body.user.id, user: body.user.id, text });
  }

  /** What the presser is told when nothing was done; nothing when the step was applied. */
  async function reply(body: Presser, result: Awaited<ReturnType<typeof actOnSeenFlag>>) {
    if (result.ok) return;
    if (result.reason === 'stale') return tell(body, staleText(result, body.user.id));
    if (result.reason === 'top_of_chain') return tell(body, topOfChainText);
    if (result.reason === 'not_allowed' || result.reason === 'already_resolved') return tell(body, refusalText(result.reason));
    if (result.reason === 'already_acknowledged') return tell(body, alreadyAcknowledgedText);
    return tell(body, refusalText('unknown_flag'));
  }

  async function act(input: { flagId: number; action: FlagAction; user: string; seen?: FlagState; note?: string }) {
    const { flagId, action } = input;
    const result = await actOnSeenFlag(db, {
      flagId,
      action,
      actor: `slack:${input.user}`,
      note: input.note,
      now: now(),
      seen: input.seen,
      mayAct: await mayActAs(input.user),
    });
    if (result.ok) {
      log.info({ flagId, action, status: result.status }, 'flag action');
      options.onChange();
    } else log.info({ flagId, action, reason: result.reason }, 'flag action not applied');
    return result;
  }

  for (const [actionId, action] of [
    ['flag_acknowledge', 'acknowledge'],
    ['flag_escalate', 'escalate'],
  ] as const) {
    app.action(actionId, async ({ ack, body, action: element }) => {
      await ack();
      const b = body as Presser;
      const pressed = parseFlagButtonValue((element as { value?: string }).value);
      if (!pressed) return tell(b, refusalText('unknown_flag'));
      // An old message's Eskalasi cannot tell whether the flag climbed since it was posted: pressed
      // twice it would climb twice. Acknowledging twice is refused by the lifecycle itself.
      if (action === 'escalate' && !pressed.seen) return outdatedEscalation(b, pressed.flagId);
      await reply(b, await act({ flagId: pressed.flagId, action, user: b.user.id, seen: pressed.seen }));
    });
  }

  /** Brings the pressed copy (a message or the Home tab) up to date, then says why nothing happened. */
  async function outdatedEscalation(b: Presser, flagId: number) {
    const checked = await checkSeenFlag(db, { flagId, mayAct: await mayActAs(b.user.id) });
    if (!checked.ok) return reply(b, checked);
    const view = await loadFlagView(db, flagId);
    const { channel_id: channel, message_ts: ts } = b.container ?? {};
    if (view && b.container?.type === 'message' && channel && ts) {
      const message = flagMessage(view);
      await client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
    } else if (b.container?.type === 'view')
      await publishHome({ db, client, directory, hrUsers: settings.hrUsers, now }, b.user.id);
    await tell(b, outdatedEscalationText);
  }

  app.action('flag_resolve', async ({ ack, body, action: element }) => {
    await ack();
    const b = body as Presser & { trigger_id: string };
    const pressed = parseFlagButtonValue((element as { value?: string }).value);
    if (!pressed) return tell(b, refusalText('unknown_flag'));
    const checked = await checkSeenFlag(db, { flagId: pressed.flagId, seen: pressed.seen, mayAct: await mayActAs(b.user.id) });
    if (!checked.ok) return reply(b, checked);
    const view = await loadFlagView(db, pressed.flagId);
    if (!view) return tell(b, refusalText('unknown_flag'));
    // The modal carries the state the button was pressed on: the note is saved only if it still holds.
    const state = checked.state as { status: FlagView['status']; level: number };
    await client.views.open({ trigger_id: b.trigger_id, view: resolveModal({ ...view, ...state }) });
  });

  app.view('flag_resolve_modal', async ({ ack, body, view }) => {
    const note = cleanText(view.state.values.resolution?.note?.value ?? '').trim();
    if (note.length < minResolutionChars)
      return void (await ack({
        response_action: 'errors',
        errors: { resolution: `Tuliskan catatan penyelesaian, paling sedikit ${minResolutionChars} karakter.` },
      }));
    await ack();
    const opened = parseFlagButtonValue(view.private_metadata);
    if (!opened) return void (await tell(body, refusalText('unknown_flag')));
    await reply(body, await act({ flagId: opened.flagId, action: 'resolve', user: body.user.id, seen: opened.seen, note }));
  });

  let asking: SlackAskingDeps | undefined;
  if (options.answering) {
    const answers = answerClient({ token: settings.botToken, apiUrl: settings.apiUrl, logger });
    asking = {
      db,
      answering: options.answering,
      client: answers,
      poster: new SlackPoster(answers),
      seen,
      directory,
      settings: { allowUnlinked: settings.allowUnlinked ?? true, hrUsers: settings.hrUsers, hrChannel: settings.hrChannel },
      log,
    };
    app.assistant(slackAssistant(asking));
    registerQuestionListeners(app, asking);
    registerAnswerActions(app, asking);
  }

  app.command('/asn', async ({ ack, command, respond }) => {
    // Answered in the ack itself when quick (ephemeral, only to the caller); otherwise acked at
    // once and the answer follows through the command's response_url, ephemeral as well.
    const caller = { userId: command.user_id, teamId: command.team_id, channelId: command.channel_id };
    const answer = answerSlashCommand(
      { db, directory, hrUsers: settings.hrUsers, now, asking, posts: options.posts },
      caller,
      command.text,
    );
    const quick = await Promise.race([answer, new Promise<undefined>((r) => setTimeout(r, 2_000, undefined))]);
    if (quick !== undefined) {
      const [first, ...more] = quick;
      await ack({ response_type: 'ephemeral', ...first! });
      for (const message of more) await respond({ response_type: 'ephemeral', ...message });
      return;
    }
    await ack({ response_type: 'ephemeral', text: 'Sedang diproses; jawabannya muncul di sini sebentar lagi.' });
    for (const message of await answer) await respond({ response_type: 'ephemeral', ...message });
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
