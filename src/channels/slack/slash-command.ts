import type { Database } from '../../db/database.js';
import { supervisorChain } from '../../flags/flag-addressing.js';
import { loadFlagViews } from '../../flags/load-flag-view.js';
import { loadTeamWeek } from '../../flags/team-week.js';
import { flagKindLabels, flagStatusLabels } from '../../flags/flag-view.js';
import { normalizeNip } from '../../people/nip.js';
import { localDateOf } from '../../reminders/local-time.js';
import { weekSummaryText } from './flag-blocks.js';
import type { SlackDirectory } from './slack-directory.js';

const help = [
  '*Perintah /asn*',
  '• `/asn status` — ringkasan tanda yang ditujukan kepada Anda',
  '• `/asn tanda` — daftar tanda terbuka',
  '• `/asn minggu <NIP>` — catatan kinerja dan pengingat seorang pegawai pekan ini (bawahan Anda)',
].join('\n');

/**
 * The text answer to `/asn ...` for one Slack user, shown only to them. Supervisors see their own
 * flags and the weeks of people below them in the org chart; HR sees everyone's; anyone else is
 * told how to get linked.
 */
export async function answerSlashCommand(
  deps: { db: Database; directory: SlackDirectory; hrUsers: string[]; now: () => Date },
  slackUserId: string,
  text: string,
): Promise<string> {
  const { db } = deps;
  const [command = 'status', ...args] = text.trim().split(/\s+/).filter(Boolean);
  const isHr = deps.hrUsers.includes(slackUserId);
  const viewer = await deps.directory.employeeOf(slackUserId);
  if (!viewer && !isHr)
    return 'Akun Slack Anda belum tercatat sebagai pegawai. Minta tim SDM mengisi email atau ID Slack Anda pada data pegawai.';
  const open = { in: ['open' as const, 'escalated' as const, 'acknowledged' as const] };
  switch (command.toLowerCase()) {
    case 'status': {
      const mine = viewer ? await loadFlagViews(db, { assigneeId: viewer.id, status: open }) : [];
      const hr = isHr ? await loadFlagViews(db, { assigneeId: null, status: open }) : [];
      const count = (status: string) => [...mine, ...hr].filter((f) => f.status === status).length;
      return [
        `*Status tanda untuk ${viewer?.name ?? 'tim SDM'}*`,
        `Terbuka: ${count('open')} · Dieskalasi: ${count('escalated')} · Ditindaklanjuti: ${count('acknowledged')}`,
        isHr ? `Di antaranya ${hr.length} tanda ditujukan kepada tim SDM.` : '',
        'Rinciannya ada di tab Home aplikasi ini, atau ketik `/asn tanda`.',
      ]
        .filter(Boolean)
        .join('\n');
    }
    case 'tanda':
    case 'flags': {
      const flags = [
        ...(viewer ? await loadFlagViews(db, { assigneeId: viewer.id, status: open }) : []),
        ...(isHr ? await loadFlagViews(db, { assigneeId: null, status: open }) : []),
      ];
      if (flags.length === 0) return 'Tidak ada tanda terbuka. 👍';
      const lines = flags
        .slice(0, 20)
        .map((f) => `• #${f.id} ${flagKindLabels[f.kind]} — ${f.employee?.name ?? 'laporan'} — ${flagStatusLabels[f.status]}`);
      if (flags.length > 20) lines.push(`dan ${flags.length - 20} lainnya — lihat tab Home.`);
      return ['*Tanda terbuka*', ...lines].join('\n');
    }
    case 'minggu':
    case 'week': {
      const nip = normalizeNip(args.join(''));
      if (!nip) return 'Tuliskan NIP pegawai, misalnya `/asn minggu 198501012010011001`.';
      const person = await db.prisma.employee.findUnique({ where: { nip }, select: { id: true } });
      // The same answer for "no such NIP" and "not yours": a NIP is personal data.
      const allowed = person && (isHr || (viewer && (await supervisorChain(db.prisma, person.id)).includes(viewer.id)));
      if (!person || !allowed) return `Tidak ada bawahan Anda dengan NIP ${nip}.`;
      const [week] = await loadTeamWeek(db, [person.id], localDateOf(deps.now(), 'Asia/Jakarta'));
      return weekSummaryText(week!);
    }
    default:
      return help;
  }
}
