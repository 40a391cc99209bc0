// The manifest an admin pastes into api.slack.com must describe the app this code is: its
// command, its event, its endpoint and the scopes of every Web API method the app calls.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { slackEventsPath } from '../../src/channels/slack/slack-app.js';

const manifest = JSON.parse(readFileSync(new URL('../../slack-app-manifest.json', import.meta.url), 'utf8'));

describe('slack-app-manifest.json', () => {
  it('points the command, events and interactivity at the one endpoint the app serves', () => {
    const urls = [
      ...manifest.features.slash_commands.map((c: { url: string }) => c.url),
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe(slackEventsPath);
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(['/asn']);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened']);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  it('asks for the scopes of the methods the app calls, and no more', () => {
    // chat.postMessage/update/postEphemeral: chat:write; users.lookupByEmail: users:read.email;
    // users.info: users:read; conversations.open and DMs: im:write; /asn: commands.
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      'chat:write',
      'commands',
      'im:write',
      'users:read',
      'users:read.email',
    ]);
  });
});
