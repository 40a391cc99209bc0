// Block Kit pieces every Slack surface builds with (flags, answers, the Home tab): Slack's mrkdwn
// escaping and the documented limits, so that no block is ever refused for its length (Slack
// refuses the whole message when one block is too long).

import type { types } from '@slack/bolt';

// Block Kit's documented limits (https://docs.slack.dev/reference/block-kit/blocks).
export const maxMessageBlocks = 50;
export const maxViewBlocks = 100;
export const maxSectionText = 3000;
export const maxHeaderText = 150;
export const maxContextText = 2000;
export const maxContextElements = 10;

/** Slack's mrkdwn escaping: the three characters that start links, mentions and entities. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts plain text to `max` characters with "…", never inside a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** As clip, for escaped mrkdwn: never leaves half an entity (`&am`) or half a mention (`<@U1`). */
export function clipMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = clip(text, max).slice(0, -1);
  return `${cut.replace(/&[a-z]*$/, '').replace(/<[^>]*$/, '')}…`;
}

/** A plain_text object (emoji shortcodes shown). */
export function plain(text: string): types.PlainTextElement {
  return { type: 'plain_text', text, emoji: true };
}

/** A header block, cut to 150 characters. */
export function header(text: string): types.KnownBlock {
  return { type: 'header', text: plain(clip(text, maxHeaderText)) };
}

/** A mrkdwn section, cut to 3,000 characters. */
export function section(text: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clipMrkdwn(text, maxSectionText) } };
}

/** A context block of at most 10 mrkdwn elements of at most 2,000 characters. */
export function context(texts: string[]): types.KnownBlock {
  return {
    type: 'context',
    elements: texts.slice(0, maxContextElements).map((text) => ({ type: 'mrkdwn', text: clipMrkdwn(text, maxContextText) })),
  };
}
