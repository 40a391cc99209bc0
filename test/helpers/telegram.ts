import type { FakeTelegram, SentMessage } from '../fakes/telegram-server.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `condition` holds (it may be async), failing with `what` after `timeoutMs`. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

/** What the user sees in a chat, in order (texts as Telegram shows them, markup parsed away). */
export function textsIn(fake: FakeTelegram, chatId: number): string[] {
  return fake.messages(chatId).map((m) => m.text);
}

/** Waits for the next message in a chat whose text contains `needle`, after the first `after` messages. */
export async function waitForText(
  fake: FakeTelegram,
  chatId: number,
  needle: string | RegExp,
  options: { after?: number; timeoutMs?: number } = {},
): Promise<SentMessage> {
  const { after = 0, timeoutMs = 10_000 } = options;
  const matches = (m: SentMessage) => (typeof needle === 'string' ? m.text.includes(needle) : needle.test(m.text));
  let found: SentMessage | undefined;
  await waitUntil(
    () => (found = fake.messages(chatId).slice(after).find(matches)) !== undefined,
    `a message matching ${String(needle)} in chat ${chatId}`,
    timeoutMs,
  ).catch((error: Error) => {
    // Say what the chat did get, not only what it lacked.
    throw new Error(`${error.message}; chat now holds ${JSON.stringify(textsIn(fake, chatId).slice(after))}`);
  });
  return found!;
}

/** The callback_data of every inline button of a message, row by row flattened. */
export function buttonData(message: SentMessage): string[] {
  const rows = (message.reply_markup?.inline_keyboard ?? []) as { text: string; callback_data?: string }[][];
  return rows.flat().map((b) => b.callback_data ?? '');
}

/** The labels of every inline button of a message. */
export function buttonLabels(message: SentMessage): string[] {
  const rows = (message.reply_markup?.inline_keyboard ?? []) as { text: string }[][];
  return rows.flat().map((b) => b.text);
}

export { sleep };

/**
 * The callback_data of the message's button whose data ends with `suffix` (`:cat:pungli`): flow
 * buttons carry a token of their step, so tests name a button by what it does.
 */
export function buttonFor(message: SentMessage, suffix: string): string {
  const data = buttonData(message).find((d) => d.endsWith(suffix));
  if (!data) throw new Error(`no button ending with ${suffix} under "${message.text}": ${JSON.stringify(buttonData(message))}`);
  return data;
}
