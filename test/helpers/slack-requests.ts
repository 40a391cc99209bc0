import { createHmac } from 'node:crypto';

/**
 * Sends a request to the app's Slack endpoint the way Slack does: signed with the signing secret
 * (v0 HMAC-SHA256 over "v0:<timestamp>:<body>"), interactions as a form field `payload`, slash
 * commands as form fields, events as JSON. The same body and timestamp give the same bytes and
 * signature, i.e. a replay; `headers` adds Slack's others (X-Slack-Retry-Num).
 */
export async function postToSlackEndpoint(
  url: string,
  secret: string,
  body: { payload: unknown } | { command: Record<string, string> } | { event: unknown },
  options: { timestamp?: number; forge?: boolean; headers?: Record<string, string> } = {},
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
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
      ...options.headers,
    },
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

let presses = 0;

/**
 * A block_actions payload as Slack sends it when a button of a message (with `channel`) or of the
 * Home tab is pressed. `value` is the button's value as rendered (see buttonValue). Every call is a
 * press of its own (its own action_ts), as two clicks on one button are for Slack.
 */
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
        block_id: `flag:${input.value.split(':')[0]}`,
        value: input.value,
        action_ts: `${Math.floor(Date.now() / 1000)}.${String(++presses).padStart(6, '0')}`,
      },
    ],
  };
}

/** The value of the button `actionId` in a message's or view's blocks, as Slack sends it back when pressed. */
export function buttonValue(blocks: unknown[] | undefined, actionId: string): string {
  for (const block of (blocks ?? []) as { type?: string; elements?: { action_id?: string; value?: string }[] }[]) {
    const button = block.type === 'actions' ? block.elements?.find((e) => e.action_id === actionId) : undefined;
    if (button?.value !== undefined) return button.value;
  }
  throw new Error(`no button ${actionId} in the blocks`);
}

/**
 * The view_submission payload of the resolve modal with a note typed in; `metadata` is the modal's
 * private_metadata as it was opened (see FakeSlack.views.opened), by default the bare flag id.
 */
export function resolveSubmission(input: { user: string; flagId: number; note: string; metadata?: string }) {
  return {
    type: 'view_submission',
    ...envelope(input.user),
    view: {
      id: 'V0MODAL',
      type: 'modal',
      callback_id: 'flag_resolve_modal',
      private_metadata: input.metadata ?? String(input.flagId),
      state: { values: { resolution: { note: { type: 'plain_text_input', value: input.note } } } },
    },
  };
}
