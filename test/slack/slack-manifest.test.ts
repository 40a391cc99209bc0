// The manifest an admin pastes into api.slack.com must describe the app this code is: its
// command and subcommands, its events, its endpoint, its assistant pane and the scopes of every
// Web API method the app calls (slack-requirements.ts names them, with what needs each).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { slackEventsPath } from '../../src/channels/slack/slack-app.js';
import { suggestedPrompts } from '../../src/channels/slack/slack-assistant.js';
import { slackBotEvents, slackBotScopes } from '../../src/channels/slack/slack-requirements.js';
import { subcommands } from '../../src/channels/slack/slash-command.js';

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
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  it('subscribes to the events the app listens to, and no more', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(Object.keys(slackBotEvents).sort());
  });

  it('asks for the scopes of the methods and events the app uses, and no more', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(Object.keys(slackBotScopes).sort());
  });

  it('lets people write to the app in its Messages tab and offers the assistant pane with the same prompts', () => {
    expect(manifest.features.app_home).toMatchObject({ messages_tab_enabled: true, messages_tab_read_only_enabled: false });
    expect(manifest.features.assistant_view.suggested_prompts).toEqual(suggestedPrompts);
  });

  it("names every subcommand in the command's usage hint", () => {
    const hint: string = manifest.features.slash_commands[0].usage_hint;
    for (const subcommand of subcommands) expect(hint, subcommand.names[0]).toContain(subcommand.names[0]!);
  });
});
