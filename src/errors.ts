/**
 * An error a user should be told about, with a stable code for programs and a message in
 * Indonesian for people.
 */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: string,
    readonly userMessage: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${userMessage}`, options);
  }
}

/**
 * An outside service (OpenAI, Telegram, Slack) answered, and said no. `status` is the HTTP-like
 * status of the refusal (429 rate limited, 403 forbidden, 5xx its own trouble); `retryAfterMs`
 * is how long it asked us to wait, when it said.
 */
export class UpstreamError extends Error {
  override name = 'UpstreamError';
  readonly retryAfterMs?: number;
  constructor(
    readonly service: string,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super(`${service}: ${message}`, options);
    this.retryAfterMs = options?.retryAfterMs;
  }
}

/** An outside service could not be reached or did not answer in time. */
export class UnreachableError extends Error {
  override name = 'UnreachableError';
  constructor(
    readonly service: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${service}: ${message}`, options);
  }
}
