// Questions typed to the app: in its Messages tab (a DM) and as a mention in a channel, answered in
// the mention's thread, where follow-ups see the earlier turns. The assistant pane's threads are
// slack-assistant.ts's; both answer through slack-questions.ts.

import type { App } from '@slack/bolt';
import { answerTyped, type SlackAskingDeps } from './slack-questions.js';

/** The fields of a `message` or `app_mention` event that decide whether and where to answer. */
export interface TypedEvent {
  type: string;
  channel: string;
  user?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  channel_type?: string;
  subtype?: string;
  bot_id?: string;
}

/**
 * A person typing, not an edit, a deletion, a join or a bot: the app's own replies come back as
 * `message.im` events, and another bot's message is no question (two bots answering each other never stop).
 */
export function isPersonTyping(event: TypedEvent, botUserId: string | undefined): boolean {
  if (event.subtype !== undefined || event.bot_id !== undefined || !event.user) return false;
  return event.user !== botUserId;
}

/** Registers the DM and mention listeners on the app. */
export function registerQuestionListeners(app: App, deps: SlackAskingDeps): void {
  app.event('message', async ({ event, context, body }) => {
    const message = event as TypedEvent;
    // Threads of a DM are the assistant's (Bolt routes them there); channels speak through mentions.
    if (message.channel_type !== 'im' || message.thread_ts || !isPersonTyping(message, context.botUserId)) return;
    await answerTyped(
      deps,
      { team: context.teamId ?? (body as { team_id?: string }).team_id ?? '', user: message.user!, channel: message.channel },
      { ts: message.ts, text: message.text ?? '', botUserId: context.botUserId },
    );
  });

  app.event('app_mention', async ({ event, context, body }) => {
    const mention = event as TypedEvent;
    if (!isPersonTyping(mention, context.botUserId)) return;
    await answerTyped(
      deps,
      {
        team: context.teamId ?? (body as { team_id?: string }).team_id ?? '',
        user: mention.user!,
        channel: mention.channel,
        // Answered in the mention's thread; a mention inside a thread is a follow-up there.
        threadTs: mention.thread_ts ?? mention.ts,
      },
      { ts: mention.ts, text: mention.text ?? '', botUserId: context.botUserId },
    );
  });
}
