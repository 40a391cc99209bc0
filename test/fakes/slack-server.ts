/**
 * A protocol-faithful fake of the Slack Web API (https://api.slack.com/web), for end-to-end tests.
 *
 * Only `node:http`; listens on 127.0.0.1 on an ephemeral port. A real `@slack/web-api` WebClient (or a Bolt app, through
 * `clientOptions`) works against it unchanged: `new WebClient(token, { slackApiUrl: `${fake.url}/api/` })`.
 *
 * The wire, as Slack has it and as @slack/web-api 8.x speaks it:
 * - Requests are `POST /api/<method>` (GET works too) with arguments in a `application/x-www-form-urlencoded` body
 *   (what WebClient sends: nested values JSON-encoded into strings), `multipart/form-data` (WebClient, when an
 *   argument is a Buffer), or `application/json` (write methods only; a JSON body sent to a method that does not
 *   accept JSON, here `users.lookupByEmail`, is ignored, as Slack ignores it). Query-string arguments are merged in.
 * - The token comes from `Authorization: Bearer <token>`, else a `token` form argument (never from a JSON body), else
 *   the query string. None: `not_authed`; another token: `invalid_auth`.
 * - Every answer to a call that reached a method is HTTP 200 with `{"ok":true,...}` or `{"ok":false,"error":"..."}`,
 *   plus `response_metadata.messages` ("[ERROR] ... [json-pointer:/...]") where Slack explains an invalid argument.
 *   An unknown method is HTTP 200 `{"ok":false,"error":"unknown_method","req_method":"..."}`, as Slack answers it
 *   (that includes real Slack methods this fake does not serve: it fails loudly rather than pretending).
 * - Rate limits are HTTP 429 with a `Retry-After` header (seconds) and `{"ok":false,"error":"ratelimited"}`.
 *   WebClient then waits Retry-After seconds and retries (`retryConfig` permitting), or, with
 *   `rejectRateLimitedCalls: true`, throws `slack_webapi_rate_limited_error` carrying `retryAfter`.
 * - `down(true)`: HTTP 503 (WebClient: `slack_webapi_http_error`), or with `down(true, 'reset')` the socket is destroyed
 *   (WebClient: `slack_webapi_request_error`). WebClient retries both per `retryConfig`; its default keeps retrying for
 *   about 30 minutes, so tests that use down() want `retryConfig: { retries: 0 }` or a short policy.
 *
 * Files (what WebClient.filesUploadV2 does): files.getUploadURLExternal needs `filename` and a positive `length`
 *   (`invalid_arguments`) and answers an `upload_url` on this server and a `file_id`; the bytes are POSTed there,
 *   raw or as the file part of multipart/form-data (HTTP 200 "OK - <bytes>"; an unknown URL 404); files.completeUploadExternal takes `files` (JSON [{id, title}]),
 *   each uploaded before (else `file_not_found`), shared to `channel_id` (and `thread_ts`) when given; uploads()
 *   reads them.
 * Methods: api.test, auth.test, chat.postMessage, chat.update, chat.postEphemeral, chat.getPermalink, views.open,
 * views.publish, users.lookupByEmail, users.info, conversations.open, assistant.threads.setStatus,
 * assistant.threads.setSuggestedPrompts, assistant.threads.setTitle. Behaviours kept from Slack:
 * - `channel` may be a channel id added with addChannel() (`C_HR` exists from the start) or its name (`#hr` when one
 *   was given), a DM id (`D...`) opened by conversations.open, or a member's user id (chat.postMessage and
 *   chat.postEphemeral only), which posts into that member's DM with the app: the answer's `channel` is then the DM id
 *   (`'D' + userId`). A user id nobody has, or any other value, is `channel_not_found`. messages('U1') reads that DM.
 * - chat.postMessage needs `text`, `blocks` or `attachments` (`no_text`); text past 40,000 characters is truncated, not
 *   refused. Blocks: a JSON array (else `invalid_blocks_format`) of at most 50 known, well-formed blocks (else
 *   `invalid_blocks`, with the reasons); Block Kit's documented limits are checked (section text 3,000, fields 10,
 *   header 150, actions 25 elements, context 10, block_id 255 and unique). Blocks without a `block_id` and interactive
 *   elements without an `action_id` are given one, as Slack does, so compare stored blocks with toMatchObject.
 * - chat.update: `channel_not_found` (a user id is not accepted there, as Slack documents), `message_not_found`
 *   (unknown ts, or an ephemeral one), `no_text`, `msg_too_long` past 4,000 characters. New `blocks` replace the old;
 *   `text` without `blocks` drops the old blocks. The message gets `edited` and `updatedAt`.
 * - chat.postEphemeral: `user` must be a known member (`user_not_found`); in a DM only its member, and in a channel
 *   added with `members` only one of them (`user_not_in_channel`). Answers `{ok, message_ts}`.
 * - views.open: `trigger_id` missing or empty is `invalid_trigger_id`; one issued by issueTriggerId() is good once
 *   (`trigger_exchanged` after) and for 3 seconds (`expired_trigger_id`); any other non-empty one is accepted (tests
 *   forge interaction payloads). `view` (JSON string or object) must be a modal with a plain_text title of at most 24
 *   characters and at most 100 blocks, and a `submit` when it has an input block; otherwise `invalid_arguments` with
 *   the reasons. views.publish: `user_id` required, a `home` view of at most 100 blocks, `hash` checked
 *   (`hash_conflict`). Both answer Slack's view object (`id`, `hash`, `state`, ...).
 * - users.lookupByEmail: case-insensitive; `users_not_found`; no email is `invalid_arguments`.
 * - conversations.open: `users` (comma-separated) or `channel`; an unknown user is `user_not_found`, none
 *   `users_list_not_supplied`; one user opens `'D' + userId` (`already_open`/`no_op` on the next call), 2-8 a group
 *   DM (`G...`), more `too_many_users`.
 * - chat.getPermalink: `channel` and `message_ts` of a message posted or typed (userTyped) there, else
 *   `channel_not_found` / `message_not_found`; answers `https://<domain>.slack.com/archives/<channel>/p<ts digits>`
 *   (in a thread `?thread_ts=...&cid=...`).
 * - assistant.threads.*: `channel_id` must be a DM (`D...`, opened or a member's), else `channel_not_found`;
 *   `thread_ts` required (`invalid_arguments`). setStatus takes `status` (empty clears it) and optional
 *   `loading_messages` (at most 10); setSuggestedPrompts 1-4 `prompts` of `{title, message}`; setTitle a `title`.
 *   Each is kept in `assistant` for tests to read. Scope `assistant:write`.
 * - response_url: responseUrl({channel, user}) issues one, as Slack puts it in a slash command or an interaction;
 *   a JSON POST to it answers `{"ok":true}` and (as Slack) works 5 times within 30 minutes, then HTTP 404
 *   `{"ok":false,"error":"expired_url"}`/`used_url`. `response_type: 'in_channel'` posts a message in the channel
 *   (seen by all, no bot membership needed), otherwise an ephemeral to the user; `replace_original: true` replaces
 *   the message the URL belongs to (an ephemeral's text and blocks), `delete_original: true` deletes it. Every POST is
 *   kept in `responses`.
 * - With `scopes` given, each method wants its scope (`chat:write`, `users:read.email`, `im:write`/`mpim:write`) and
 *   answers `missing_scope` with `needed`/`provided`; answers then carry `x-oauth-scopes` and `x-accepted-oauth-scopes`.
 * Not modelled: channel membership of the bot (`not_in_channel`), archived channels, threads' reply bookkeeping (a
 * `thread_ts` is recorded as given), message text formatting, per-method rate-limit tiers (only rateLimitNext).
 *
 * `calls` records every request: its method (or path, for one outside /api/), its arguments as the fake read them (form
 * values are strings, so `blocks` there is a JSON string; the token is left out), when it arrived, and the HTTP status
 * answered (0 for a destroyed socket).
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

export interface SlackMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: any[];
  attachments?: any[];
  thread_ts?: string;
  /** For ephemeral messages: the one member who sees it. */
  user?: string;
  ephemeral?: boolean;
  /** Date.now() of the last chat.update. */
  updatedAt?: number;
  /** Set by chat.update, as Slack does: who edited and when (a Slack ts). */
  edited?: { user: string; ts: string };
}

export interface SlackUser {
  id: string;
  email: string;
  name: string;
}

export interface SlackCall {
  method: string;
  body: any;
  at: number;
  status: number;
}

export interface FakeSlackOptions {
  /** The one valid bot token. Default 'xoxb-test-token'. */
  token?: string;
  /** Default 'T0TEST'. */
  teamId?: string;
  /** Default 'U0BOT'. */
  botUserId?: string;
  /** Default 'B0BOT'. */
  botId?: string;
  /** Default 'A0APP'. */
  appId?: string;
  /** Default 'Asisten ASN Test'. */
  teamName?: string;
  /** The workspace's subdomain, for auth.test's url. Default 'asisten-asn-test'. */
  teamDomain?: string;
  /** The bot token's scopes. When given, methods check them (missing_scope); when not, every scope is granted. */
  scopes?: string[];
}

/** What a member typed, as Slack holds it (userTyped): for permalinks and the events a test sends. */
export interface TypedMessage {
  channel: string;
  user: string;
  text: string;
  ts: string;
  thread_ts?: string;
}

/** A POST to a response_url, as the fake read it. */
export interface SlackResponse {
  /** The id in the URL (`/response/<id>`). */
  id: string;
  body: any;
  status: number;
}

export interface SlackUpload {
  id: string;
  filename: string;
  title?: string;
  content: Buffer;
  channel?: string;
  thread_ts?: string;
  initial_comment?: string;
}

export interface FakeSlack {
  /** Base URL; clients use `${url}/api/`. */
  url: string;
  token: string;
  teamId: string;
  botUserId: string;
  botId: string;
  /** Members of the workspace; addUser() adds (pushing here works too). */
  users: SlackUser[];
  addUser(user: SlackUser): void;
  /** Makes a channel (C..., G...) exist. `members` (user ids) limits chat.postEphemeral's `user`. */
  addChannel(id: string, options?: { name?: string; members?: string[] }): void;
  /** Sent with chat.postMessage, in order; live objects that chat.update changes in place. A user id reads its DM. */
  messages(channel?: string): SlackMessage[];
  ephemerals(channel?: string): SlackMessage[];
  /** Files uploaded and completed (files.completeUploadExternal), in order. */
  uploads(): SlackUpload[];
  /** Resolves once `channel` holds at least `count` messages (rejects after timeoutMs, default 3000). */
  waitForMessages(channel: string, count: number, timeoutMs?: number): Promise<SlackMessage[]>;
  views: { opened: { trigger_id: string; view: any }[]; published: { user_id: string; view: any }[] };
  /** A trigger_id as Slack puts in an interaction payload: views.open takes it once, within 3 seconds. */
  issueTriggerId(): string;
  calls: SlackCall[];
  /** A member types `text` in `channel` (a thread when `thread_ts`); answers the message, its ts fresh. */
  userTyped(channel: string, user: string, text: string, threadTs?: string): TypedMessage;
  /**
   * A response_url for a slash command or an interaction in `channel` by `user`; `message_ts` names the message it
   * belongs to (an ephemeral's, for replace_original/delete_original).
   */
  responseUrl(input: { channel: string; user: string; message_ts?: string }): string;
  responses: SlackResponse[];
  /** What the app told Slack's AI-assistant surface, per call, in order. */
  assistant: {
    statuses: { channel_id: string; thread_ts: string; status: string; loading_messages?: string[] }[];
    prompts: { channel_id: string; thread_ts: string; title?: string; prompts: { title: string; message: string }[] }[];
    titles: { channel_id: string; thread_ts: string; title: string }[];
  };
  /** Slack unreachable until down(false): every request gets HTTP 503, or with 'reset' its socket destroyed. */
  down(on: boolean, how?: 'http' | 'reset'): void;
  /** The next n calls of `method` ('*': any) get HTTP 429 with `Retry-After: retryAfterSeconds`. */
  rateLimitNext(n: number, method: string | '*', retryAfterSeconds: number): void;
  /** The next n calls of `method` ('*': any) that pass authentication answer `{ok:false, error}` (HTTP 200). */
  failNext(n: number, method: string | '*', error: string): void;
  close(): Promise<void>;
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const fake = new FakeSlackServer(options);
  await fake.listen();
  return fake;
}

/** Makes a channel exist on a fake (same as fake.addChannel). */
export function addChannel(fake: FakeSlack, id: string, options?: { name?: string; members?: string[] }): void {
  fake.addChannel(id, options);
}

// ---------------------------------------------------------------------------
// Errors, parameters, helpers
// ---------------------------------------------------------------------------

/** An `ok:false` answer. `messages` become `response_metadata.messages` ("[ERROR] ..."). */
class SlackApiError extends Error {
  constructor(
    readonly error: string,
    readonly extra: Record<string, unknown> = {},
    readonly messages: string[] = [],
  ) {
    super(error);
  }
}

const invalidArguments = (messages: string[]) => new SlackApiError('invalid_arguments', {}, messages);

type Args = Record<string, any>;

interface MethodSpec {
  /** Whether an application/json body is read (Slack reads JSON for write methods only). */
  json: boolean;
  /** False only for api.test. */
  auth: boolean;
  /** The scope a bot token needs, if any. */
  scope?: (args: Args) => string | undefined;
  handle: (args: Args) => Record<string, unknown>;
}

interface ChannelRecord {
  id: string;
  name?: string;
  kind: 'channel' | 'im' | 'mpim';
  members?: Set<string>;
  created: number;
}

interface ParsedBody {
  args: Args;
  json: boolean;
  warnings: string[];
  /** A token found in a form or multipart body. */
  formToken?: string;
}

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomString(length: number, alphabet: string): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}

const present = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

function asString(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : String(v);
}

/** A JSON argument as WebClient sends it (a JSON string in a form) or as a JSON body holds it (already parsed). */
function jsonArg(v: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof v !== 'string') return { ok: true, value: v };
  try {
    return { ok: true, value: JSON.parse(v) };
  } catch {
    return { ok: false };
  }
}

const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

// ---------------------------------------------------------------------------
// Block Kit validation (the documented limits; https://api.slack.com/reference/block-kit/blocks)
// ---------------------------------------------------------------------------

const MESSAGE_BLOCKS = new Set([
  'actions',
  'context',
  'context_actions',
  'divider',
  'file',
  'header',
  'image',
  'input',
  'markdown',
  'rich_text',
  'section',
  'table',
  'video',
]);
const VIEW_BLOCKS = new Set(['actions', 'context', 'divider', 'header', 'image', 'input', 'rich_text', 'section', 'video']);
const INTERACTIVE = new Set([
  'button',
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'email_text_input',
  'multi_channels_select',
  'multi_conversations_select',
  'multi_external_select',
  'multi_static_select',
  'multi_users_select',
  'number_input',
  'overflow',
  'plain_text_input',
  'radio_buttons',
  'rich_text_input',
  'channels_select',
  'conversations_select',
  'external_select',
  'static_select',
  'users_select',
  'timepicker',
  'url_text_input',
  'file_input',
]);

function checkText(
  errors: string[],
  obj: unknown,
  pointer: string,
  opts: { max: number; plainOnly?: boolean; required?: boolean },
): void {
  if (obj === undefined || obj === null) {
    if (opts.required) errors.push(`missing required field: ${pointer.split('/').pop()} [json-pointer:${pointer}]`);
    return;
  }
  if (!isObject(obj)) {
    errors.push(`must be an object [json-pointer:${pointer}]`);
    return;
  }
  const allowed = opts.plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
  if (!allowed.includes(obj.type)) {
    errors.push(`must be one of: ${allowed.join(', ')} [json-pointer:${pointer}/type]`);
  }
  if (typeof obj.text !== 'string') {
    errors.push(`missing required field: text [json-pointer:${pointer}/text]`);
  } else if (obj.text.length === 0) {
    errors.push(`must be more than 0 characters [json-pointer:${pointer}/text]`);
  } else if (obj.text.length > opts.max) {
    errors.push(`must be less than ${opts.max + 1} characters [json-pointer:${pointer}/text]`);
  }
}

function checkElements(errors: string[], elements: unknown, pointer: string, max: number): void {
  if (!Array.isArray(elements)) {
    errors.push(`missing required field: elements [json-pointer:${pointer}]`);
    return;
  }
  if (elements.length === 0) errors.push(`must provide at least 1 item [json-pointer:${pointer}]`);
  if (elements.length > max) errors.push(`must be less than ${max + 1} items [json-pointer:${pointer}]`);
  elements.forEach((element, i) => {
    if (!isObject(element) || typeof element.type !== 'string') {
      errors.push(`missing required field: type [json-pointer:${pointer}/${i}]`);
    }
  });
}

/** Checks blocks; returns Slack's reasons (without the "[ERROR] " prefix). */
function validateBlocks(blocks: unknown[], pointer: string, max: number, allowed: Set<string>): string[] {
  const errors: string[] = [];
  if (blocks.length > max) errors.push(`must be less than ${max + 1} items [json-pointer:${pointer}]`);
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => {
    const at = `${pointer}/${i}`;
    if (!isObject(block) || typeof block.type !== 'string') {
      errors.push(`missing required field: type [json-pointer:${at}]`);
      return;
    }
    if (!allowed.has(block.type)) {
      errors.push(`unsupported type: ${block.type} [json-pointer:${at}/type]`);
      return;
    }
    if (block.block_id !== undefined) {
      if (typeof block.block_id !== 'string' || block.block_id.length === 0) {
        errors.push(`must be a non-empty string [json-pointer:${at}/block_id]`);
      } else if (block.block_id.length > 255) {
        errors.push(`must be less than 256 characters [json-pointer:${at}/block_id]`);
      } else if (blockIds.has(block.block_id)) {
        errors.push(`duplicate block_id: ${block.block_id} [json-pointer:${at}/block_id]`);
      } else {
        blockIds.add(block.block_id);
      }
    }
    switch (block.type) {
      case 'section': {
        if (block.text === undefined && block.fields === undefined) {
          errors.push(`must provide either text or fields [json-pointer:${at}]`);
        }
        checkText(errors, block.text, `${at}/text`, { max: 3000 });
        if (block.fields !== undefined) {
          if (!Array.isArray(block.fields)) errors.push(`must be an array [json-pointer:${at}/fields]`);
          else {
            if (block.fields.length > 10) errors.push(`must be less than 11 items [json-pointer:${at}/fields]`);
            block.fields.forEach((field: unknown, j: number) =>
              checkText(errors, field, `${at}/fields/${j}`, { max: 2000, required: true }),
            );
          }
        }
        break;
      }
      case 'header':
        checkText(errors, block.text, `${at}/text`, { max: 150, plainOnly: true, required: true });
        break;
      case 'actions':
        checkElements(errors, block.elements, `${at}/elements`, 25);
        break;
      case 'context':
        checkElements(errors, block.elements, `${at}/elements`, 10);
        break;
      case 'image':
        if (!present(block.image_url) && !present(block.slack_file)) {
          errors.push(`missing required field: image_url [json-pointer:${at}]`);
        }
        if (typeof block.alt_text !== 'string') errors.push(`missing required field: alt_text [json-pointer:${at}]`);
        break;
      case 'input':
        checkText(errors, block.label, `${at}/label`, { max: 2000, plainOnly: true, required: true });
        if (!isObject(block.element) || typeof block.element.type !== 'string') {
          errors.push(`missing required field: element [json-pointer:${at}]`);
        }
        break;
      case 'markdown':
        if (typeof block.text !== 'string') errors.push(`missing required field: text [json-pointer:${at}]`);
        else if (block.text.length > 12000) errors.push(`must be less than 12001 characters [json-pointer:${at}/text]`);
        break;
      default:
        break;
    }
  });
  return errors;
}

/** A copy of valid blocks with the block_id / action_id Slack fills in where the app gave none. */
function withIds(blocks: any[]): any[] {
  const copy = structuredClone(blocks);
  const fill = (element: any) => {
    if (isObject(element) && INTERACTIVE.has(element.type) && element.action_id === undefined) {
      element.action_id = randomString(5, BASE62);
    }
  };
  for (const block of copy) {
    if (block.block_id === undefined) block.block_id = randomString(5, BASE62);
    if (Array.isArray(block.elements)) block.elements.forEach(fill);
    fill(block.accessory);
    fill(block.element);
  }
  return copy;
}

// ---------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------

class FakeSlackServer implements FakeSlack {
  url = '';
  readonly token: string;
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly users: SlackUser[] = [];
  readonly views: FakeSlack['views'] = { opened: [], published: [] };
  readonly calls: SlackCall[] = [];
  readonly responses: SlackResponse[] = [];
  readonly assistant: FakeSlack['assistant'] = { statuses: [], prompts: [], titles: [] };
  private readonly typed: TypedMessage[] = [];
  private readonly responseUrls = new Map<
    string,
    { channel: string; user: string; message_ts?: string; issuedAt: number; uses: number }
  >();

  private readonly appId: string;
  private readonly teamName: string;
  private readonly teamDomain: string;
  private readonly scopes?: string[];
  private readonly server: http.Server;
  private readonly methods: Map<string, MethodSpec>;
  private readonly channels = new Map<string, ChannelRecord>();
  private readonly posted: SlackMessage[] = [];
  private readonly pendingUploads = new Map<string, { filename: string; length: number; content?: Buffer }>();
  private readonly completedUploads: SlackUpload[] = [];
  private readonly ephemeralMessages: SlackMessage[] = [];
  private readonly triggers = new Map<string, { issuedAt: number; used: boolean }>();
  private readonly homeHashes = new Map<string, string>();
  private readonly rateLimits: { remaining: number; method: string; retryAfter: number }[] = [];
  private readonly failures: { remaining: number; method: string; error: string }[] = [];
  private readonly listeners = new Set<() => void>();
  private downMode: 'http' | 'reset' | undefined;
  private lastMicros = 0;
  private active = 0;
  private closed = false;

  constructor(options: FakeSlackOptions) {
    this.token = options.token ?? 'xoxb-test-token';
    this.teamId = options.teamId ?? 'T0TEST';
    this.botUserId = options.botUserId ?? 'U0BOT';
    this.botId = options.botId ?? 'B0BOT';
    this.appId = options.appId ?? 'A0APP';
    this.teamName = options.teamName ?? 'Asisten ASN Test';
    this.teamDomain = options.teamDomain ?? 'asisten-asn-test';
    this.scopes = options.scopes ? [...options.scopes] : undefined;
    this.addChannel('C_HR', { name: 'hr' });

    const chatWrite = () => 'chat:write';
    this.methods = new Map<string, MethodSpec>([
      ['api.test', { json: true, auth: false, handle: (a) => this.apiTest(a) }],
      ['auth.test', { json: true, auth: true, handle: () => this.authTest() }],
      ['chat.postMessage', { json: true, auth: true, scope: chatWrite, handle: (a) => this.postMessage(a) }],
      ['chat.update', { json: true, auth: true, scope: chatWrite, handle: (a) => this.update(a) }],
      ['chat.postEphemeral', { json: true, auth: true, scope: chatWrite, handle: (a) => this.postEphemeral(a) }],
      ['chat.getPermalink', { json: false, auth: true, handle: (a) => this.getPermalink(a) }],
      ['views.open', { json: true, auth: true, handle: (a) => this.viewsOpen(a) }],
      ['files.getUploadURLExternal', { json: false, auth: true, scope: () => 'files:write', handle: (a) => this.uploadUrl(a) }],
      [
        'files.completeUploadExternal',
        { json: false, auth: true, scope: () => 'files:write', handle: (a) => this.completeUpload(a) },
      ],
      ['views.publish', { json: true, auth: true, handle: (a) => this.viewsPublish(a) }],
      ['users.lookupByEmail', { json: false, auth: true, scope: () => 'users:read.email', handle: (a) => this.lookupByEmail(a) }],
      ['users.info', { json: false, auth: true, scope: () => 'users:read', handle: (a) => this.usersInfo(a) }],
      [
        'conversations.open',
        {
          json: true,
          auth: true,
          scope: (a) => (a.channel === undefined && splitUsers(a.users).length > 1 ? 'mpim:write' : 'im:write'),
          handle: (a) => this.conversationsOpen(a),
        },
      ],
      ...(['setStatus', 'setSuggestedPrompts', 'setTitle'] as const).map(
        (name) =>
          [
            `assistant.threads.${name}`,
            { json: true, auth: true, scope: () => 'assistant:write', handle: (a: Args) => this.assistantThreads(name, a) },
          ] as [string, MethodSpec],
      ),
    ]);

    this.server = http.createServer((req, res) => {
      this.active++;
      res.once('close', () => this.active--);
      this.onRequest(req, res).catch((error: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`fake Slack crashed: ${String(error)}`);
        }
      });
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
  }

  // ----- Test-facing helpers ------------------------------------------------

  addUser(user: SlackUser): void {
    this.users.push({ ...user });
  }

  addChannel(id: string, options: { name?: string; members?: string[] } = {}): void {
    this.channels.set(id, {
      id,
      name: options.name?.replace(/^#/, ''),
      kind: 'channel',
      members: options.members ? new Set(options.members) : undefined,
      created: Math.floor(Date.now() / 1000),
    });
  }

  uploads(): SlackUpload[] {
    return this.completedUploads.map((u) => ({ ...u }));
  }

  messages(channel?: string): SlackMessage[] {
    if (channel === undefined) return [...this.posted];
    const id = this.readableChannelId(channel);
    return this.posted.filter((m) => m.channel === id);
  }

  ephemerals(channel?: string): SlackMessage[] {
    if (channel === undefined) return [...this.ephemeralMessages];
    const id = this.readableChannelId(channel);
    return this.ephemeralMessages.filter((m) => m.channel === id);
  }

  async waitForMessages(channel: string, count: number, timeoutMs = 3000): Promise<SlackMessage[]> {
    const ready = () => this.messages(channel).length >= count;
    if (ready()) return this.messages(channel);
    await new Promise<void>((resolve, reject) => {
      const listener = () => {
        if (!ready()) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve();
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`fake Slack: ${channel} has ${this.messages(channel).length} of ${count} messages`));
      }, timeoutMs);
      this.listeners.add(listener);
    });
    return this.messages(channel);
  }

  userTyped(channel: string, user: string, text: string, threadTs?: string): TypedMessage {
    // A member writing in their DM with the app: that DM exists from then on.
    if (channel === `D${user}` && this.user(user)) this.openIm(user);
    const message: TypedMessage = { channel: this.readableChannelId(channel), user, text, ts: this.nextTs() };
    if (threadTs !== undefined) message.thread_ts = threadTs;
    this.typed.push(message);
    return { ...message };
  }

  responseUrl(input: { channel: string; user: string; message_ts?: string }): string {
    const id = randomString(24, BASE62);
    this.responseUrls.set(id, { ...input, channel: this.readableChannelId(input.channel), issuedAt: Date.now(), uses: 0 });
    return `${this.url}/response/${id}`;
  }

  issueTriggerId(): string {
    const id = `${Math.floor(Date.now() / 1000)}.${randomString(10, '0123456789')}.${randomBytes(16).toString('hex')}`;
    this.triggers.set(id, { issuedAt: Date.now(), used: false });
    return id;
  }

  down(on: boolean, how: 'http' | 'reset' = 'http'): void {
    this.downMode = on ? how : undefined;
  }

  rateLimitNext(n: number, method: string, retryAfterSeconds: number): void {
    if (n > 0) this.rateLimits.push({ remaining: n, method, retryAfter: retryAfterSeconds });
  }

  failNext(n: number, method: string, error: string): void {
    if (n > 0) this.failures.push({ remaining: n, method, error });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const stopped = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // Let answers being written out reach their clients, then cut idle keep-alive connections (fetch keeps them).
    const deadline = Date.now() + 2000;
    while (this.active > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    this.server.closeAllConnections();
    await stopped;
  }

  // ----- HTTP -----------------------------------------------------------------

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const at = Date.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^\/api\/([^/]+)$/.exec(url.pathname);
    const method = match ? decodeURIComponent(match[1]!) : url.pathname;
    const record = (body: any, status: number) => this.calls.push({ method, body, at, status });
    const spec = this.methods.get(method);
    let parsed: ParsedBody | undefined;
    let parseError: SlackApiError | undefined;
    try {
      parsed = await parseBody(req.headers['content-type'], raw, url.searchParams, spec?.json ?? true);
    } catch (error) {
      if (!(error instanceof SlackApiError)) throw error;
      parseError = error;
    }
    const args: Args = { ...(parsed?.args ?? Object.fromEntries(url.searchParams)) };
    const queryToken = url.searchParams.get('token') ?? undefined;
    delete args.token;

    if (this.downMode === 'reset') {
      record(args, 0);
      req.socket.destroy();
      return;
    }
    if (this.downMode === 'http') {
      record(args, 503);
      res.writeHead(503, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><body><h1>503 Service Unavailable</h1>No server is available to handle this request.</body></html>');
      return;
    }
    const response = /^\/response\/([A-Za-z0-9]+)$/.exec(url.pathname);
    if (response && req.method === 'POST') return this.onResponse(response[1]!, raw, res, record);
    const upload = /^\/upload\/(F[A-Z0-9]+)$/.exec(url.pathname);
    const pending = upload ? this.pendingUploads.get(upload[1]!) : undefined;
    if (upload && req.method === 'POST' && pending && !pending.content) {
      // The bytes as sent (raw), or the file part of a multipart body (what WebClient sends).
      pending.content = uploadedBytes(req.headers['content-type'], raw);
      record({ bytes: raw.length }, 200);
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`OK - ${raw.length}`);
      return;
    }
    if (!match) {
      record(args, 404);
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><body><h1>404 Not Found</h1></body></html>');
      return;
    }

    const limit = takeRule(this.rateLimits, method);
    if (limit) {
      record(args, 429);
      return this.write(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(limit.retryAfter) });
    }
    const answer = (body: Record<string, unknown>, headers: Record<string, string> = {}) => {
      record(args, 200);
      if (parsed && parsed.warnings.length > 0 && body.ok === true) {
        body.warning = parsed.warnings.join(',');
        body.response_metadata = { ...(body.response_metadata as object), warnings: parsed.warnings };
      }
      this.write(res, 200, body, headers);
    };
    if (!spec) return answer({ ok: false, error: 'unknown_method', req_method: method });
    if (parseError) return answer(errorBody(parseError));

    const scopeHeaders: Record<string, string> = {};
    if (spec.auth) {
      const authorization = req.headers.authorization;
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
      const token = bearer ?? parsed!.formToken ?? queryToken;
      if (!present(token)) return answer({ ok: false, error: 'not_authed' });
      if (token !== this.token) return answer({ ok: false, error: 'invalid_auth' });
      const needed = spec.scope?.(args);
      if (this.scopes) {
        scopeHeaders['x-oauth-scopes'] = this.scopes.join(',');
        if (needed) scopeHeaders['x-accepted-oauth-scopes'] = needed;
      }
      const failure = takeRule(this.failures, method);
      if (failure) return answer({ ok: false, error: failure.error }, scopeHeaders);
      if (this.scopes && needed && !this.scopes.includes(needed)) {
        return answer({ ok: false, error: 'missing_scope', needed, provided: this.scopes.join(',') }, scopeHeaders);
      }
    }

    try {
      const result = spec.handle(args);
      answer({ ok: true, ...result }, scopeHeaders);
      this.notify();
    } catch (error) {
      if (!(error instanceof SlackApiError)) throw error;
      answer(errorBody(error), scopeHeaders);
    }
  }

  /** A POST to a response_url: Slack's incoming-webhook-like answer to a command or an interaction. */
  private onResponse(id: string, raw: Buffer, res: http.ServerResponse, record: (body: any, status: number) => void): void {
    let body: any;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      body = undefined;
    }
    const fail = (status: number, error: string) => {
      record(body ?? {}, status);
      this.responses.push({ id, body, status });
      this.write(res, status, { ok: false, error });
    };
    const issued = this.responseUrls.get(id);
    if (!issued) return fail(404, 'expired_url');
    if (Date.now() - issued.issuedAt > 30 * 60_000) return fail(404, 'expired_url');
    if (issued.uses >= 5) return fail(404, 'used_url');
    if (!isObject(body)) return fail(400, 'invalid_payload');
    issued.uses++;
    const original = issued.message_ts
      ? [...this.ephemeralMessages, ...this.posted].find((m) => m.channel === issued.channel && m.ts === issued.message_ts)
      : undefined;
    if (body.delete_original === true || body.delete_original === 'true') {
      if (original) {
        for (const list of [this.ephemeralMessages, this.posted]) {
          const index = list.indexOf(original);
          if (index >= 0) list.splice(index, 1);
        }
      }
    } else {
      let content: { text?: string; blocks?: any[] };
      try {
        content = this.content(body, 'truncate');
      } catch (error) {
        if (!(error instanceof SlackApiError)) throw error;
        return fail(400, error.error);
      }
      const replace = body.replace_original === true || body.replace_original === 'true';
      if (replace && original) {
        original.text = content.text ?? '';
        if (content.blocks) original.blocks = content.blocks;
        else delete original.blocks;
        original.updatedAt = Date.now();
      } else if (body.response_type === 'in_channel') {
        const message: SlackMessage = { channel: issued.channel, ts: this.nextTs(), ...content };
        if (present(body.thread_ts)) message.thread_ts = String(body.thread_ts);
        this.posted.push(message);
      } else {
        this.ephemeralMessages.push({
          channel: issued.channel,
          ts: this.nextTs(),
          user: issued.user,
          ephemeral: true,
          ...content,
        });
      }
    }
    record(body, 200);
    this.responses.push({ id, body, status: 200 });
    this.write(res, 200, { ok: true });
    this.notify();
  }

  private write(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const payload = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(payload),
      ...headers,
    });
    res.end(payload);
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  // ----- Model ------------------------------------------------------------------

  /** Unique, increasing Slack timestamps ("seconds.micros") on the wall clock. */
  private nextTs(): string {
    this.lastMicros = Math.max(Date.now() * 1000, this.lastMicros + 1);
    const seconds = Math.floor(this.lastMicros / 1_000_000);
    const micros = this.lastMicros % 1_000_000;
    return `${seconds}.${String(micros).padStart(6, '0')}`;
  }

  private user(id: unknown): SlackUser | undefined {
    return typeof id === 'string' ? this.users.find((u) => u.id === id) : undefined;
  }

  private openIm(userId: string): { channel: ChannelRecord; existed: boolean } {
    const id = `D${userId}`;
    const existing = this.channels.get(id);
    if (existing) return { channel: existing, existed: true };
    const channel: ChannelRecord = {
      id,
      kind: 'im',
      members: new Set([userId]),
      created: Math.floor(Date.now() / 1000),
    };
    this.channels.set(id, channel);
    return { channel, existed: false };
  }

  /** A channel argument as Slack resolves it, or channel_not_found. */
  private resolveChannel(value: unknown, allowUserId: boolean): ChannelRecord {
    const id = asString(value);
    if (!present(id)) throw new SlackApiError('channel_not_found');
    const byId = this.channels.get(id!);
    if (byId) return byId;
    const name = id!.replace(/^#/, '');
    for (const channel of this.channels.values()) if (channel.name !== undefined && channel.name === name) return channel;
    if (allowUserId && this.user(id)) return this.openIm(id!).channel;
    throw new SlackApiError('channel_not_found');
  }

  /** For messages()/ephemerals(): a user id means that member's DM with the app; a name, its channel. */
  private readableChannelId(channel: string): string {
    if (this.channels.has(channel)) return channel;
    if (this.user(channel)) return `D${channel}`;
    const name = channel.replace(/^#/, '');
    for (const c of this.channels.values()) if (c.name === name) return c.id;
    return channel;
  }

  /** text / blocks / attachments of a chat.* call, checked as Slack checks them. */
  private content(args: Args, maxText: number | 'truncate'): { text?: string; blocks?: any[]; attachments?: any[] } {
    const out: { text?: string; blocks?: any[]; attachments?: any[] } = {};
    if (present(args.blocks)) {
      const parsed = jsonArg(args.blocks);
      if (!parsed.ok || !Array.isArray(parsed.value)) throw new SlackApiError('invalid_blocks_format');
      const reasons = validateBlocks(parsed.value, '/blocks', 50, MESSAGE_BLOCKS);
      if (reasons.length > 0) throw new SlackApiError('invalid_blocks', { errors: reasons }, reasons);
      out.blocks = withIds(parsed.value);
    }
    if (present(args.attachments)) {
      const parsed = jsonArg(args.attachments);
      if (!parsed.ok || !Array.isArray(parsed.value)) throw new SlackApiError('invalid_attachments');
      if (parsed.value.length > 100) throw new SlackApiError('too_many_attachments');
      out.attachments = parsed.value;
    }
    const text = asString(args.text);
    if (present(text)) {
      if (maxText === 'truncate') out.text = text!.slice(0, 40000);
      else if (text!.length > maxText) throw new SlackApiError('msg_too_long');
      else out.text = text;
    }
    if (out.text === undefined && !out.blocks?.length && !out.attachments?.length) {
      throw new SlackApiError('no_text');
    }
    return out;
  }

  /** The message object Slack answers with. */
  private messageObject(m: SlackMessage): Record<string, unknown> {
    return {
      user: this.botUserId,
      type: 'message',
      ts: m.ts,
      bot_id: this.botId,
      app_id: this.appId,
      text: m.text ?? '',
      team: this.teamId,
      bot_profile: {
        id: this.botId,
        app_id: this.appId,
        user_id: this.botUserId,
        name: 'asisten-asn',
        deleted: false,
        team_id: this.teamId,
        updated: Math.floor(Date.now() / 1000),
        icons: {},
      },
      ...(m.blocks ? { blocks: m.blocks } : {}),
      ...(m.attachments ? { attachments: m.attachments } : {}),
      ...(m.thread_ts ? { thread_ts: m.thread_ts, parent_user_id: this.botUserId } : {}),
      ...(m.edited ? { edited: m.edited } : {}),
    };
  }

  // ----- Methods ------------------------------------------------------------------

  private apiTest(args: Args): Record<string, unknown> {
    if (present(args.error)) throw new SlackApiError(String(args.error), { args });
    return { args };
  }

  private authTest(): Record<string, unknown> {
    return {
      url: `https://${this.teamDomain}.slack.com/`,
      team: this.teamName,
      user: 'asisten-asn',
      team_id: this.teamId,
      user_id: this.botUserId,
      bot_id: this.botId,
      is_enterprise_install: false,
    };
  }

  private postMessage(args: Args): Record<string, unknown> {
    const channel = this.resolveChannel(args.channel, true);
    const content = this.content(args, 'truncate');
    const message: SlackMessage = { channel: channel.id, ts: this.nextTs(), ...content };
    const threadTs = asString(args.thread_ts);
    if (present(threadTs)) message.thread_ts = threadTs;
    this.posted.push(message);
    return { channel: channel.id, ts: message.ts, message: this.messageObject(message) };
  }

  private update(args: Args): Record<string, unknown> {
    const channel = this.resolveChannel(args.channel, false);
    const ts = asString(args.ts);
    const message = this.posted.find((m) => m.channel === channel.id && m.ts === ts);
    if (!message) throw new SlackApiError('message_not_found');
    const content = this.content(args, 4000);
    message.text = content.text ?? '';
    if (content.blocks) message.blocks = content.blocks;
    else delete message.blocks;
    if (content.attachments) message.attachments = content.attachments;
    message.edited = { user: this.botUserId, ts: this.nextTs() };
    message.updatedAt = Date.now();
    return { channel: channel.id, ts: message.ts, text: message.text, message: this.messageObject(message) };
  }

  private postEphemeral(args: Args): Record<string, unknown> {
    const channel = this.resolveChannel(args.channel, true);
    const user = asString(args.user);
    if (!this.user(user)) throw new SlackApiError('user_not_found');
    if (channel.members && !channel.members.has(user!)) throw new SlackApiError('user_not_in_channel');
    const content = this.content(args, 'truncate');
    const message: SlackMessage = { channel: channel.id, ts: this.nextTs(), user, ephemeral: true, ...content };
    const threadTs = asString(args.thread_ts);
    if (present(threadTs)) message.thread_ts = threadTs;
    this.ephemeralMessages.push(message);
    return { message_ts: message.ts };
  }

  private uploadUrl(args: Args): Record<string, unknown> {
    const filename = asString(args.filename);
    const length = Number(args.length);
    if (!filename || !Number.isInteger(length) || length <= 0)
      throw invalidArguments(['[ERROR] filename and a positive length are required']);
    const id = `F${randomString(10, '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ')}`;
    this.pendingUploads.set(id, { filename, length });
    return { upload_url: `${this.url}/upload/${id}`, file_id: id };
  }

  private completeUpload(args: Args): Record<string, unknown> {
    let files: { id?: unknown; title?: unknown }[];
    try {
      files = typeof args.files === 'string' ? JSON.parse(args.files) : (args.files as typeof files);
    } catch {
      throw invalidArguments(['[ERROR] files must be a JSON array']);
    }
    if (!Array.isArray(files) || files.length === 0) throw invalidArguments(['[ERROR] files must be a non-empty array']);
    const channel = args.channel_id === undefined ? undefined : this.resolveChannel(args.channel_id, false).id;
    const done = files.map((f) => {
      const pending = this.pendingUploads.get(String(f.id));
      if (!pending?.content) throw new SlackApiError('file_not_found');
      return { f, pending };
    });
    const answer = done.map(({ f, pending }) => {
      this.pendingUploads.delete(String(f.id));
      const upload: SlackUpload = { id: String(f.id), filename: pending.filename, content: pending.content! };
      if (typeof f.title === 'string') upload.title = f.title;
      if (channel) upload.channel = channel;
      if (typeof args.thread_ts === 'string') upload.thread_ts = args.thread_ts;
      if (typeof args.initial_comment === 'string') upload.initial_comment = args.initial_comment;
      this.completedUploads.push(upload);
      return { id: upload.id, name: upload.filename, title: upload.title ?? upload.filename };
    });
    this.notify();
    return { files: answer };
  }

  private getPermalink(args: Args): Record<string, unknown> {
    const channel = this.resolveChannel(args.channel, false);
    const ts = asString(args.message_ts);
    const message =
      this.posted.find((m) => m.channel === channel.id && m.ts === ts) ??
      this.typed.find((m) => m.channel === channel.id && m.ts === ts);
    if (!message) throw new SlackApiError('message_not_found');
    const base = `https://${this.teamDomain}.slack.com/archives/${channel.id}/p${ts!.replace('.', '')}`;
    const permalink = message.thread_ts ? `${base}?thread_ts=${message.thread_ts}&cid=${channel.id}` : base;
    return { channel: channel.id, permalink };
  }

  /** assistant.threads.setStatus / setSuggestedPrompts / setTitle, on a DM thread. */
  private assistantThreads(name: 'setStatus' | 'setSuggestedPrompts' | 'setTitle', args: Args): Record<string, unknown> {
    const channelId = asString(args.channel_id);
    const threadTs = asString(args.thread_ts);
    const missing = [
      ...(present(channelId) ? [] : ['missing required field: channel_id [json-pointer:/channel_id]']),
      ...(present(threadTs) ? [] : ['missing required field: thread_ts [json-pointer:/thread_ts]']),
    ];
    if (missing.length > 0) throw invalidArguments(missing);
    const channel =
      this.channels.get(channelId!) ??
      (channelId!.startsWith('D') && this.user(channelId!.slice(1)) ? this.openIm(channelId!.slice(1)).channel : undefined);
    if (!channel || channel.kind !== 'im') throw new SlackApiError('channel_not_found');
    const where = { channel_id: channel.id, thread_ts: threadTs! };
    if (name === 'setStatus') {
      if (typeof args.status !== 'string') throw invalidArguments(['missing required field: status [json-pointer:/status]']);
      const loading = jsonArg(args.loading_messages);
      const messages = loading.ok && Array.isArray(loading.value) ? loading.value.map(String) : undefined;
      if (messages && messages.length > 10)
        throw invalidArguments(['must be less than 11 items [json-pointer:/loading_messages]']);
      this.assistant.statuses.push({ ...where, status: args.status, ...(messages ? { loading_messages: messages } : {}) });
    } else if (name === 'setSuggestedPrompts') {
      const parsed = jsonArg(args.prompts);
      const prompts = parsed.ok && Array.isArray(parsed.value) ? parsed.value : undefined;
      const valid =
        prompts !== undefined &&
        prompts.length >= 1 &&
        prompts.length <= 4 &&
        prompts.every((p) => isObject(p) && typeof p.title === 'string' && p.title && typeof p.message === 'string' && p.message);
      if (!valid) throw invalidArguments(['must provide 1 to 4 prompts with a title and a message [json-pointer:/prompts]']);
      this.assistant.prompts.push({ ...where, ...(present(args.title) ? { title: String(args.title) } : {}), prompts: prompts! });
    } else {
      if (!present(args.title)) throw invalidArguments(['missing required field: title [json-pointer:/title]']);
      this.assistant.titles.push({ ...where, title: String(args.title) });
    }
    return {};
  }

  /** The view argument, parsed and checked for `type`; answers Slack's view object. */
  private view(args: Args, type: 'modal' | 'home'): { view: any; answer: Record<string, unknown> & { hash: string } } {
    if (!present(args.view)) throw invalidArguments(['missing required field: view [json-pointer:/view]']);
    const parsed = jsonArg(args.view);
    if (!parsed.ok || !isObject(parsed.value)) {
      throw invalidArguments(['failed to parse JSON or not an object [json-pointer:/view]']);
    }
    const view = parsed.value;
    const errors: string[] = [];
    if (view.type !== type) errors.push(`must be ${type} [json-pointer:/view/type]`);
    if (!Array.isArray(view.blocks)) {
      errors.push('missing required field: blocks [json-pointer:/view/blocks]');
    } else {
      errors.push(...validateBlocks(view.blocks, '/view/blocks', 100, VIEW_BLOCKS));
    }
    if (type === 'modal') {
      checkText(errors, view.title, '/view/title', { max: 24, plainOnly: true, required: true });
      checkText(errors, view.close, '/view/close', { max: 24, plainOnly: true });
      checkText(errors, view.submit, '/view/submit', { max: 24, plainOnly: true });
      const hasInput = Array.isArray(view.blocks) && view.blocks.some((b: any) => isObject(b) && b.type === 'input');
      if (hasInput && view.submit === undefined) {
        errors.push('must provide submit when the view has an input block [json-pointer:/view/submit]');
      }
    }
    if (typeof view.private_metadata === 'string' && view.private_metadata.length > 3000) {
      errors.push('must be less than 3001 characters [json-pointer:/view/private_metadata]');
    }
    for (const field of ['callback_id', 'external_id']) {
      if (typeof view[field] === 'string' && view[field].length > 255) {
        errors.push(`must be less than 256 characters [json-pointer:/view/${field}]`);
      }
    }
    if (errors.length > 0) throw invalidArguments(errors);
    const id = `V${randomString(10, UPPER_ALNUM)}`;
    const answer = {
      id,
      team_id: this.teamId,
      type,
      blocks: withIds(view.blocks),
      private_metadata: view.private_metadata ?? '',
      callback_id: view.callback_id ?? '',
      state: { values: {} },
      hash: `${Math.floor(Date.now() / 1000)}.${randomString(8, BASE62)}`,
      title: view.title ?? { type: 'plain_text', text: 'View Title' },
      clear_on_close: view.clear_on_close ?? false,
      notify_on_close: view.notify_on_close ?? false,
      close: view.close ?? null,
      submit: view.submit ?? null,
      previous_view_id: null,
      root_view_id: id,
      app_id: this.appId,
      external_id: view.external_id ?? '',
      app_installed_team_id: this.teamId,
      bot_id: this.botId,
    };
    return { view, answer };
  }

  private viewsOpen(args: Args): Record<string, unknown> {
    const triggerId = asString(args.trigger_id);
    if (!present(triggerId)) throw new SlackApiError('invalid_trigger_id');
    const issued = this.triggers.get(triggerId!);
    if (issued?.used) throw new SlackApiError('trigger_exchanged');
    if (issued && Date.now() - issued.issuedAt > 3000) throw new SlackApiError('expired_trigger_id');
    const { view, answer } = this.view(args, 'modal');
    if (issued) issued.used = true;
    this.views.opened.push({ trigger_id: triggerId!, view });
    return { view: answer };
  }

  private viewsPublish(args: Args): Record<string, unknown> {
    const userId = asString(args.user_id);
    if (!present(userId)) throw invalidArguments(['missing required field: user_id [json-pointer:/user_id]']);
    const { view, answer } = this.view(args, 'home');
    const hash = asString(args.hash);
    const current = this.homeHashes.get(userId!);
    if (present(hash) && hash !== current) throw new SlackApiError('hash_conflict');
    this.homeHashes.set(userId!, answer.hash);
    this.views.published.push({ user_id: userId!, view });
    return { view: answer };
  }

  // users.info: `user` required (`user_not_found` for an unknown id); the email is in the profile, as
  // Slack gives it to an app with users:read.email.
  private usersInfo(args: Args): Record<string, unknown> {
    const id = asString(args.user);
    if (!present(id)) throw invalidArguments(['missing required field: user']);
    const user = this.users.find((u) => u.id === id);
    if (!user) throw new SlackApiError('user_not_found');
    return this.userObject(user);
  }

  private lookupByEmail(args: Args): Record<string, unknown> {
    const email = asString(args.email);
    if (!present(email)) throw invalidArguments(['missing required field: email']);
    const user = this.users.find((u) => u.email.toLowerCase() === email!.toLowerCase());
    if (!user) throw new SlackApiError('users_not_found');
    return this.userObject(user);
  }

  private userObject(user: SlackUser): Record<string, unknown> {
    return {
      user: {
        id: user.id,
        team_id: this.teamId,
        name: user.name,
        deleted: false,
        real_name: user.name,
        tz: 'Asia/Jakarta',
        tz_label: 'Western Indonesia Time',
        tz_offset: 25200,
        profile: {
          real_name: user.name,
          display_name: user.name,
          real_name_normalized: user.name,
          display_name_normalized: user.name,
          email: user.email,
          team: this.teamId,
        },
        is_admin: false,
        is_owner: false,
        is_bot: false,
        is_app_user: false,
        updated: Math.floor(Date.now() / 1000),
      },
    };
  }

  private conversationsOpen(args: Args): Record<string, unknown> {
    const full = (c: ChannelRecord) => ({
      id: c.id,
      created: c.created,
      is_im: c.kind === 'im',
      is_org_shared: false,
      ...(c.kind === 'im' ? { user: [...(c.members ?? [])][0] } : {}),
      last_read: '0000000000.000000',
      latest: null,
      unread_count: 0,
      unread_count_display: 0,
      is_open: true,
      priority: 0,
    });
    const returnIm = args.return_im === true || args.return_im === 'true' || args.return_im === '1';
    if (present(args.channel)) {
      const channel = this.channels.get(String(args.channel));
      if (!channel) throw new SlackApiError('channel_not_found');
      if (channel.kind === 'channel') throw new SlackApiError('method_not_supported_for_channel_type');
      return { no_op: true, already_open: true, channel: returnIm ? full(channel) : { id: channel.id } };
    }
    const ids = splitUsers(args.users);
    if (ids.length === 0) throw new SlackApiError('users_list_not_supplied');
    if (ids.some((id) => !this.user(id))) throw new SlackApiError('user_not_found');
    if (ids.length > 8) throw new SlackApiError('too_many_users');
    let opened: { channel: ChannelRecord; existed: boolean };
    if (ids.length === 1) {
      opened = this.openIm(ids[0]!);
    } else {
      const key = [...new Set(ids)].sort().join(',');
      const existing = [...this.channels.values()].find(
        (c) => c.kind === 'mpim' && [...(c.members ?? [])].sort().join(',') === key,
      );
      if (existing) opened = { channel: existing, existed: true };
      else {
        const channel: ChannelRecord = {
          id: `G${randomString(10, UPPER_ALNUM)}`,
          kind: 'mpim',
          members: new Set(ids),
          created: Math.floor(Date.now() / 1000),
        };
        this.channels.set(channel.id, channel);
        opened = { channel, existed: false };
      }
    }
    const channel = returnIm ? full(opened.channel) : { id: opened.channel.id };
    return opened.existed ? { no_op: true, already_open: true, channel } : { channel };
  }
}

function splitUsers(users: unknown): string[] {
  const parsed = typeof users === 'string' && users.trim().startsWith('[') ? jsonArg(users) : { ok: true, value: users };
  const value = parsed.ok ? (parsed as { value: unknown }).value : users;
  const list = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : [];
  return list.map((s) => s.trim()).filter((s) => s.length > 0);
}

function takeRule<T extends { remaining: number; method: string }>(rules: T[], method: string): T | undefined {
  const index = rules.findIndex((r) => r.method === '*' || r.method === method);
  if (index < 0) return undefined;
  const rule = rules[index]!;
  rule.remaining--;
  if (rule.remaining <= 0) rules.splice(index, 1);
  return rule;
}

function errorBody(error: SlackApiError): Record<string, unknown> {
  return {
    ok: false,
    error: error.error,
    ...error.extra,
    ...(error.messages.length > 0 ? { response_metadata: { messages: error.messages.map((m) => `[ERROR] ${m}`) } } : {}),
  };
}

/** Reads a request body as Slack does: by Content-Type, with query-string arguments merged under it. */
async function parseBody(
  contentTypeHeader: string | undefined,
  raw: Buffer,
  query: URLSearchParams,
  acceptsJson: boolean,
): Promise<ParsedBody> {
  const args: Args = Object.fromEntries(query);
  const warnings: string[] = [];
  const checkNames = (names: Iterable<string>) => {
    for (const name of names) if (/\[.*\]$/.test(name)) throw new SlackApiError('invalid_array_arg');
  };
  checkNames(query.keys());
  if (raw.length === 0) return { args, json: false, warnings };
  if (!contentTypeHeader) throw new SlackApiError('missing_post_type');
  const [mediaType = '', ...paramParts] = contentTypeHeader.split(';').map((s) => s.trim());
  const type = mediaType.toLowerCase();
  const charset = paramParts
    .map((p) => /^charset=(.+)$/i.exec(p)?.[1]?.replace(/"/g, '').toLowerCase())
    .find((c) => c !== undefined);
  if (charset !== undefined && !['utf-8', 'utf8', 'iso-8859-1', 'latin1'].includes(charset)) {
    throw new SlackApiError('invalid_charset');
  }
  const text = charset === 'iso-8859-1' || charset === 'latin1' ? raw.toString('latin1') : raw.toString('utf8');

  if (type === 'application/json') {
    if (charset === undefined) warnings.push('missing_charset');
    if (!acceptsJson) return { args, json: true, warnings };
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new SlackApiError('invalid_json');
    }
    if (!isObject(body)) throw new SlackApiError('json_not_object');
    // A token in a JSON body is not read: JSON calls authenticate with the Authorization header only.
    return { args: { ...args, ...body }, json: true, warnings };
  }
  if (type === 'application/x-www-form-urlencoded' || type === 'text/plain') {
    const form = new URLSearchParams(text);
    checkNames(form.keys());
    const fields = Object.fromEntries(form);
    return { args: { ...args, ...fields }, json: false, warnings, formToken: fields.token };
  }
  if (type === 'multipart/form-data') {
    let form: FormData;
    try {
      form = await new Response(raw, { headers: { 'content-type': contentTypeHeader } }).formData();
    } catch {
      throw new SlackApiError('invalid_form_data');
    }
    const fields: Args = {};
    for (const [name, value] of form.entries()) {
      fields[name] = typeof value === 'string' ? value : { filename: value.name, size: value.size, type: value.type };
    }
    checkNames(Object.keys(fields));
    const formToken = typeof fields.token === 'string' ? fields.token : undefined;
    return { args: { ...args, ...fields }, json: false, warnings, formToken };
  }
  throw new SlackApiError('invalid_post_type');
}

/** The uploaded file's bytes: the body itself, or a multipart body's first part that has a filename. */
function uploadedBytes(contentType: string | undefined, raw: Buffer): Buffer {
  const boundary = /multipart\/form-data;.*boundary="?([^";]+)"?/i.exec(contentType ?? '')?.[1];
  if (!boundary) return raw;
  const delimiter = Buffer.from(`--${boundary}`);
  let at = raw.indexOf(delimiter);
  while (at !== -1) {
    const next = raw.indexOf(delimiter, at + delimiter.length);
    if (next === -1) break;
    const part = raw.subarray(at + delimiter.length, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1 && /filename=/i.test(part.subarray(0, headerEnd).toString('latin1')))
      return part.subarray(headerEnd + 4, part.length - 2); // the part ends with CRLF before the delimiter
    at = next;
  }
  return raw;
}
