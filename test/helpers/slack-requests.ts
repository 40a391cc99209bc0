import { createHmac } from 'node:crypto';

/**
 * Sends a request to the app's Slack endpoint the way Slack does: signed with the signing secret
 * (v0 HMAC-SHA256 over "v0:<timestamp>:<body>"), interactions as a form field `payload`, slash
 * commands as form fields, events as JSON.
 */
export async function postToSlackEndpoint(
  url: string,
  secret: string,
  body: { payload: unknown } | { command: Record<string, string> } | { event: unknown },
  options: { timestamp?: number; forge?: boolean } = {},
): Promise<Response> {
  let raw: string;
  let contentType: string;
  if ('payload' in body) {
    raw = new URLSearchParams({ payload: JSON.stringify(body.payload) }).toString();
    contentType = 'application/x-www-form-urlencoded';
  } else if ('command' in body) {
    raw = new URLSearchParams(body.command).toString();
    contentType = 'application/x-www-form-urlencoded';
  } else {
    raw = JSON.stringify(body.event);
    contentType = 'application/json';
  }
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', options.forge ? 'not-the-secret' : secret)
    .update(`v0:${timestamp}:${raw}`)
    .digest('hex')}`;
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature },
    body: raw,
  });
}

/** What every interaction payload carries: the workspace, the user, the app and a trigger id. */
const envelope = (user: string, triggerId = `${Date.now()}.trigger`) => ({
  team: { id: 'T0TEST', domain: 'asisten-asn-test' },
  user: { id: user, team_id: 'T0TEST' },
  api_app_id: 'A0APP',
  token: 'legacy-verification-token',
  trigger_id: triggerId,
});

/** A block_actions payload as Slack sends it when a button of a message is pressed. */
export function buttonPress(input: {
  user: string;
  actionId: string;
  value: string;
  channel?: string;
  ts?: string;
  triggerId?: string;
}) {
  return {
    type: 'block_actions',
    ...envelope(input.user, input.triggerId),
    container: input.channel
      ? { type: 'message', message_ts: input.ts, channel_id: input.channel }
      : { type: 'view', view_id: 'V0HOME' },
    ...(input.channel
      ? { channel: { id: input.channel, name: 'directmessage' }, message: { ts: input.ts, type: 'message' } }
      : {}),
    actions: [
      {
        type: 'button',
        action_id: input.actionId,
        block_id: `flag:${input.value}`,
        value: input.value,
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
}

/** The view_submission payload of the resolve modal with a note typed in. */
export function resolveSubmission(input: { user: string; flagId: number; note: string }) {
  return {
    type: 'view_submission',
    ...envelope(input.user),
    view: {
      id: 'V0MODAL',
      type: 'modal',
      callback_id: 'flag_resolve_modal',
      private_metadata: String(input.flagId),
      state: { values: { resolution: { note: { type: 'plain_text_input', value: input.note } } } },
    },
  };
}
