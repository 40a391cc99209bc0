import {
  WebClient,
  type ChatPostMessageArguments,
  type ChatPostMessageResponse,
  type Logger as SlackLogger,
} from '@slack/web-api';

/**
 * Slack allows chat.postMessage about once a second per channel (short bursts are tolerated): the
 * pieces of one long answer, or answers to several people in one channel, leave at least this far apart.
 */
export const perChannelIntervalMs = 1_000;

/**
 * The client that posts answers, which someone is waiting for: unlike the outbox's client (which
 * gives up at once and retries later), it waits out a 429's Retry-After and tries again, as
 * @slack/web-api does when rate-limited calls are not rejected, and a brief outage a few times.
 */
export function answerClient(options: { token: string; apiUrl: string; logger: SlackLogger }): WebClient {
  return new WebClient(options.token, {
    slackApiUrl: options.apiUrl,
    logger: options.logger,
    rejectRateLimitedCalls: false,
    retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
  });
}

/**
 * Posts messages one channel at a time: each channel's posts are queued and spaced by
 * `intervalMs`, different channels go in parallel. Per instance: several instances share Slack's
 * limit between them, and a 429 that still comes is waited out by the client.
 */
export class SlackPoster {
  private readonly lastSent = new Map<string, { at: number; done: Promise<unknown> }>();

  constructor(
    private readonly client: WebClient,
    private readonly intervalMs = perChannelIntervalMs,
  ) {}

  /** chat.postMessage, after the channel's previous post and its spacing. */
  async post(args: ChatPostMessageArguments): Promise<ChatPostMessageResponse> {
    const channel = args.channel;
    const previous = this.lastSent.get(channel);
    const entry: { at: number; done: Promise<unknown> } = { at: Number.POSITIVE_INFINITY, done: Promise.resolve() };
    const send = (async () => {
      if (previous) {
        await previous.done.catch(() => undefined);
        const wait = previous.at + this.intervalMs - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      try {
        return await this.client.chat.postMessage(args);
      } finally {
        entry.at = Date.now();
      }
    })();
    entry.done = send;
    this.lastSent.set(channel, entry);
    // Forget a quiet channel, so the map does not grow with every channel ever answered.
    void send
      .catch(() => undefined)
      .then(() =>
        setTimeout(() => this.lastSent.get(channel) === entry && this.lastSent.delete(channel), this.intervalMs).unref(),
      );
    return send;
  }
}
