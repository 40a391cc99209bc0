// `/asn <subcommand> ...`: a table of subcommands, each with its names, its line of help and
// whether it shows personal data (then only to someone on record or HR). A new subcommand is one
// more entry in `subcommands`.

import type { types } from '@slack/bolt';
import type { Database } from '../../db/database.js';
import { supervisorChain } from '../../flags/flag-addressing.js';
import { loadFlagViews } from '../../flags/load-flag-view.js';
import { loadTeamWeek } from '../../flags/team-week.js';
import { flagKindLabels, flagStatusLabels } from '../../flags/flag-view.js';
import { normalizeNip } from '../../people/nip.js';
import { localDateOf, officeZone } from '../../calendar/local-time.js';
import { AppError } from '../../errors.js';
import { checkDraftPost } from '../../posts/check-draft-post.js';
import type { PostCheckerSetup } from '../../posts/create-post-checker.js';
import { describeDraftCheck } from '../../posts/describe-check.js';
import { employeeUnitScopes } from '../../posts/employee-unit-scopes.js';
import { weekSummaryText } from './views/week-summary.js';
import type { SlackDirectory } from './slack-directory.js';
import { answerFor, askingClosedText, mayAsk, questionText, type SlackAskingDeps } from './slack-questions.js';

export interface SlashDeps {
  db: Database;
  directory: SlackDirectory;
  hrUsers: string[];
  now: () => Date;
  /** For `/asn tanya`; without it the subcommand says it is not available. */
  asking?: SlackAskingDeps;
  /** For `/asn cekpost`; without it the subcommand says it is not available. */
  posts?: PostCheckerSetup;
}

/** Who typed the command, and where. */
export interface SlashCaller {
  userId: string;
  teamId: string;
  channelId: string;
}

/** One ephemeral message of the reply; a long answer is several. */
export interface SlashMessage {
  text: string;
  blocks?: types.KnownBlock[];
}

/** What a subcommand is given: the caller, their record (if any) and whether they act as HR. */
export interface SlashContext {
  deps: SlashDeps;
  caller: SlashCaller;
  viewer: { id: number; name: string } | null;
  isHr: boolean;
  args: string[];
  /** The text after the subcommand's name, as typed. */
  rest: string;
}

export interface Subcommand {
  names: string[];
  /** The help line: `/asn ...` and what it does. */
  help: string;
  /** Shows flags or a team's records: only for people on record and HR. */
  personal: boolean;
  run(context: SlashContext): Promise<string | SlashMessage[]>;
}

export const notOnRecordText =
  'Akun Slack Anda belum tercatat sebagai pegawai. Minta tim SDM mengisi email atau ID Slack Anda pada data pegawai.';

const open = { in: ['open' as const, 'escalated' as const, 'acknowledged' as const] };

const status: Subcommand = {
  names: ['status'],
  help: '`/asn status` — ringkasan tanda yang ditujukan kepada Anda',
  personal: true,
  async run({ deps, viewer, isHr }) {
    const mine = viewer ? await loadFlagViews(deps.db, { assigneeId: viewer.id, status: open }) : [];
    const hr = isHr ? await loadFlagViews(deps.db, { assigneeId: null, status: open }) : [];
    const count = (s: string) => [...mine, ...hr].filter((f) => f.status === s).length;
    return [
      `*Status tanda untuk ${viewer?.name ?? 'tim SDM'}*`,
      `Terbuka: ${count('open')} · Dieskalasi: ${count('escalated')} · Ditindaklanjuti: ${count('acknowledged')}`,
      isHr ? `Di antaranya ${hr.length} tanda ditujukan kepada tim SDM.` : '',
      'Rinciannya ada di tab Home aplikasi ini, atau ketik `/asn tanda`.',
    ]
      .filter(Boolean)
      .join('\n');
  },
};

const flags: Subcommand = {
  names: ['tanda', 'flags'],
  help: '`/asn tanda` — daftar tanda terbuka',
  personal: true,
  async run({ deps, viewer, isHr }) {
    const list = [
      ...(viewer ? await loadFlagViews(deps.db, { assigneeId: viewer.id, status: open }) : []),
      ...(isHr ? await loadFlagViews(deps.db, { assigneeId: null, status: open }) : []),
    ];
    if (list.length === 0) return 'Tidak ada tanda terbuka. 👍';
    const lines = list
      .slice(0, 20)
      .map((f) => `• #${f.id} ${flagKindLabels[f.kind]} — ${f.employee?.name ?? 'laporan'} — ${flagStatusLabels[f.status]}`);
    if (list.length > 20) lines.push(`dan ${list.length - 20} lainnya — lihat tab Home.`);
    return ['*Tanda terbuka*', ...lines].join('\n');
  },
};

const week: Subcommand = {
  names: ['minggu', 'week'],
  help: '`/asn minggu <NIP>` — catatan kinerja dan pengingat seorang pegawai pekan ini (bawahan Anda)',
  personal: true,
  async run({ deps, viewer, isHr, args }) {
    const nip = normalizeNip(args.join(''));
    if (!nip) return 'Tuliskan NIP pegawai, misalnya `/asn minggu 198501012010011001`.';
    const person = await deps.db.prisma.employee.findUnique({ where: { nip }, select: { id: true } });
    // The same answer for "no such NIP" and "not yours": a NIP is personal data.
    const allowed = person && (isHr || (viewer && (await supervisorChain(deps.db.prisma, person.id)).includes(viewer.id)));
    if (!person || !allowed) return `Tidak ada bawahan Anda dengan NIP ${nip}.`;
    const [summary] = await loadTeamWeek(deps.db, [person.id], localDateOf(deps.now(), officeZone));
    return weekSummaryText(summary!);
  },
};

const ask: Subcommand = {
  names: ['tanya', 'ask'],
  help: '`/asn tanya <pertanyaan>` — jawaban dari peraturan, dengan pasalnya (hanya terlihat oleh Anda; bisa dibagikan ke kanal)',
  personal: false,
  async run({ deps, caller, rest }) {
    const asking = deps.asking;
    if (!asking) return 'Fitur tanya jawab belum aktif di Slack.';
    if (!(await mayAsk(asking, caller.userId))) return askingClosedText;
    const question = questionText(rest);
    if (!question) return 'Tuliskan pertanyaan Anda, misalnya `/asn tanya PNS bolos 5 hari sanksinya apa?`';
    // Each /asn tanya stands alone: an ephemeral answer has no thread to follow up in.
    const conversation = { team: caller.teamId, user: caller.userId, channel: caller.channelId };
    const { messages } = await answerFor(asking, conversation, question, { share: true, history: false });
    return messages;
  },
};

/** mrkdwn: Slack's three escapes, *bold*, _italic_. */
const slackMarkup = {
  escape: (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
  bold: (t: string) => `*${t}*`,
  italic: (t: string) => `_${t}_`,
};

const checkPostCommand: Subcommand = {
  names: ['cekpost', 'post'],
  help: '`/asn cekpost <teks draf>` — periksa draf postingan media sosial sebelum diunggah (hanya terlihat oleh Anda; draf tidak disimpan)',
  personal: false,
  async run({ deps, caller, rest }) {
    const setup = deps.posts;
    if (!setup?.posts) return 'Pemeriksaan draf sedang tidak tersedia karena data pemeriksaannya perlu diperbaiki tim SDM.';
    if (!rest) return 'Tuliskan draf postingan Anda, misalnya `/asn cekpost Selamat pagi, semangat melayani!`';
    // The caller's units decide which Pilkada applies; someone outside the records gets the periods for everyone.
    const employee = await deps.directory.employeeOf(caller.userId);
    try {
      const result = await checkDraftPost(setup.posts, {
        text: rest,
        channel: 'slack',
        unitScopes: employee ? await employeeUnitScopes(deps.db, employee.id) : [],
      });
      return describeDraftCheck(result, slackMarkup);
    } catch (error) {
      if (error instanceof AppError) return error.userMessage;
      throw error;
    }
  },
};

/** Every subcommand of `/asn`, in the order the help lists them. */
export const subcommands: Subcommand[] = [ask, checkPostCommand, status, flags, week];

function helpText(): string {
  return ['*Perintah /asn*', ...subcommands.map((s) => `• ${s.help}`)].join('\n');
}

/**
 * The reply to `/asn ...` for one Slack user, shown only to them. A general question is anyone's
 * to ask (unless HR closed it); flags and a team's weeks only for people on record (their own and
 * their subordinates') and HR (everyone's). Without a subcommand: `status`; an unknown one: the help.
 */
export async function answerSlashCommand(deps: SlashDeps, caller: SlashCaller, text: string): Promise<SlashMessage[]> {
  const trimmed = text.trim();
  const [name = 'status', ...args] = trimmed.split(/\s+/).filter(Boolean);
  const subcommand = subcommands.find((s) => s.names.includes(name.toLowerCase()));
  if (!subcommand) return [{ text: helpText() }];
  const isHr = deps.hrUsers.includes(caller.userId);
  const viewer = subcommand.personal ? await deps.directory.employeeOf(caller.userId) : null;
  if (subcommand.personal && !viewer && !isHr) return [{ text: notOnRecordText }];
  const rest = trimmed.slice(name.length).trim();
  const reply = await subcommand.run({ deps, caller, viewer, isHr, args, rest });
  return typeof reply === 'string' ? [{ text: reply }] : reply;
}
