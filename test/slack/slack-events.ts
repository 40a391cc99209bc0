// Events and interactions as Slack sends them to the app for questions: a member's DM, a mention,
// the assistant pane's events, `/asn tanya` and presses of an answer's buttons. The messages are
// typed into the fake first (FakeSlack.userTyped), so they exist in Slack as they would.
import type { FakeSlack, SlackMessage, TypedMessage } from '../fakes/slack-server.js';

let events = 0;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** An Events API envelope around `event` (for postToSlackEndpoint), with a fresh event id unless one is given. */
export function eventCallback(event: Record<string, unknown>, eventId = `Ev0Q${String(++events).padStart(6, '0')}`) {
  return { event: envelope(event, eventId) };
}

function envelope(event: Record<string, unknown>, eventId: string) {
  return {
    token: 'legacy',
    team_id: 'T0TEST',
    api_app_id: 'A0APP',
    type: 'event_callback',
    event_id: eventId,
    event_time: nowSeconds(),
    event,
  };
}

/** The `message` event of what a member typed in their DM with the app (a thread in it when `thread_ts`). */
export function dmEvent(typed: TypedMessage) {
  return eventCallback({
    type: 'message',
    channel: typed.channel,
    user: typed.user,
    text: typed.text,
    ts: typed.ts,
    event_ts: typed.ts,
    channel_type: 'im',
    ...(typed.thread_ts ? { thread_ts: typed.thread_ts } : {}),
  });
}

/** The `app_mention` event of a message that mentions the app in a channel. */
export function mentionEvent(typed: TypedMessage) {
  return eventCallback({
    type: 'app_mention',
    channel: typed.channel,
    user: typed.user,
    text: typed.text,
    ts: typed.ts,
    event_ts: typed.ts,
    ...(typed.thread_ts ? { thread_ts: typed.thread_ts } : {}),
  });
}

/** `assistant_thread_started`: a member opened the assistant pane; Slack made the thread. */
export function assistantThreadStarted(user: string, channel: string, threadTs: string) {
  return eventCallback({
    type: 'assistant_thread_started',
    assistant_thread: { user_id: user, context: {}, channel_id: channel, thread_ts: threadTs },
    event_ts: threadTs,
  });
}

let commands = 0;
/** `/asn <text>` typed by `user` in `channel`, with a response_url the fake serves. */
export function asnCommand(slack: FakeSlack, input: { user: string; channel: string; text: string }) {
  return {
    command: {
      command: '/asn',
      text: input.text,
      user_id: input.user,
      team_id: 'T0TEST',
      team_domain: 'asisten-asn-test',
      channel_id: input.channel,
      response_url: slack.responseUrl({ channel: input.channel, user: input.user }),
      trigger_id: `tq${++commands}.${Date.now()}`,
      api_app_id: 'A0APP',
    },
  };
}

let presses = 0;
/**
 * A press of `actionId` on a message: one everyone sees (its blocks sent back, as Slack does) or
 * an ephemeral one (no message, `is_ephemeral`), with a response_url for the presser.
 */
export function pressOn(
  slack: FakeSlack,
  input: { user: string; actionId: string; message: Pick<SlackMessage, 'channel' | 'ts' | 'blocks'>; ephemeral?: boolean },
) {
  const { message } = input;
  const button = (message.blocks ?? [])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements)
    .find((e: { action_id?: string }) => e.action_id === input.actionId);
  if (!button) throw new Error(`no button ${input.actionId} on the message`);
  return {
    payload: {
      type: 'block_actions',
      team: { id: 'T0TEST', domain: 'asisten-asn-test' },
      user: { id: input.user, team_id: 'T0TEST' },
      api_app_id: 'A0APP',
      token: 'legacy',
      trigger_id: `${Date.now()}.trigger`,
      response_url: slack.responseUrl({ channel: message.channel, user: input.user, message_ts: message.ts }),
      container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: input.ephemeral ?? false },
      channel: { id: message.channel, name: 'percakapan' },
      ...(input.ephemeral ? {} : { message: { type: 'message', ts: message.ts, text: '', blocks: message.blocks } }),
      actions: [
        {
          type: 'button',
          action_id: input.actionId,
          block_id: 'b',
          value: button.value,
          action_ts: `${nowSeconds()}.${String(++presses).padStart(6, '0')}`,
        },
      ],
    },
  };
}

/** The action ids of a message's buttons, in order. */
export function buttonsOf(message: { blocks?: any[] }): string[] {
  return (message.blocks ?? []).filter((b) => b.type === 'actions').flatMap((b) => b.elements.map((e: any) => e.action_id));
}

/** Every text of a message's blocks, joined: what a reader sees. */
export function shownText(message: { blocks?: any[]; text?: string }): string {
  const texts: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.text === 'string') texts.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(message.blocks ?? []);
  return texts.length > 0 ? texts.join('\n') : (message.text ?? '');
}
