import { UnreachableError, UpstreamError } from '../../errors.js';
import { platformError } from './slack-directory.js';

// Slack answers these when the trouble is on its side: they stand for a 503, worth trying later.
const transientErrors = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited']);

/**
 * Slack's one error taxonomy, used by every sender: a rate limit becomes UpstreamError 429 with
 * its Retry-After in ms; a platform error (`ok: false`) UpstreamError 400 naming it (503 for
 * Slack's own transient ones); an HTTP error answer its status; a request that got no answer
 * UnreachableError. Anything else (a bug, the database) is returned as it is.
 */
export function slackError(error: unknown): unknown {
  if (error instanceof UpstreamError || error instanceof UnreachableError) return error;
  const e = error as { code?: string; retryAfter?: number; statusCode?: number; message?: string };
  if (typeof e?.code !== 'string' || !e.code.startsWith('slack_')) return error;
  if (e.code === 'slack_webapi_rate_limited_error')
    return new UpstreamError('slack', 'ratelimited', 429, { cause: error, retryAfterMs: (e.retryAfter ?? 1) * 1000 });
  const platform = platformError(error);
  if (platform !== undefined)
    return new UpstreamError('slack', platform, transientErrors.has(platform) ? 503 : 400, { cause: error });
  if (e.code === 'slack_webapi_http_error' && typeof e.statusCode === 'number')
    return new UpstreamError('slack', `HTTP ${e.statusCode}`, e.statusCode, { cause: error });
  return new UnreachableError('slack', e.message ?? 'tidak dapat dihubungi', { cause: error });
}
