// What the Slack app needs from the workspace, in one place: the manifest an admin pastes into
// api.slack.com (slack-app-manifest.json) is checked against this by its test, so a new event or
// Web API method cannot ship without its scope.

/** The bot events the app listens to, and the listener that handles each. */
export const slackBotEvents = {
  app_home_opened: 'the Home tab (slack-home.ts)',
  app_mention: 'a mention in a channel (question-listeners.ts)',
  'message.im': 'a DM in the Messages tab (question-listeners.ts, slack-assistant.ts)',
  assistant_thread_started: 'the assistant pane opened (slack-assistant.ts)',
  assistant_thread_context_changed: 'the assistant pane moved to another channel (slack-assistant.ts, kept nowhere)',
} as const;

/** The bot scopes, each with what needs it. chat.getPermalink needs none. */
export const slackBotScopes = {
  'chat:write': 'chat.postMessage, chat.update, chat.postEphemeral',
  commands: '/asn',
  'im:write': 'conversations.open and posting into a DM',
  'users:read': 'users.info',
  'users:read.email': 'users.lookupByEmail, users.info with the email',
  'app_mentions:read': 'the app_mention event',
  'im:history': 'the message.im event',
  'assistant:write': 'assistant.threads.setStatus, setSuggestedPrompts, setTitle, and the assistant events',
} as const;
