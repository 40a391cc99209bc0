import type { WebClient } from '@slack/web-api';
import type { Database } from '../../db/database.js';
import { loadFlagViews } from '../../flags/load-flag-view.js';
import { loadTeamWeek, type PersonWeek } from '../../flags/team-week.js';
import { formatIndonesianDate, localDateOf, officeZone } from '../../calendar/local-time.js';
import { periodsOn } from '../../posts/election-periods.js';
import { employeeUnitScopes } from '../../posts/employee-unit-scopes.js';
import { esc, maxViewBlocks } from './block-kit.js';
import { homeView, type ComplianceRow } from './views/home-view.js';
import type { SlackDirectory } from './slack-directory.js';

export interface SlackViewerDeps {
  db: Database;
  client: WebClient;
  directory: SlackDirectory;
  hrUsers: string[];
  now: () => Date;
}

/**
 * The App Home tab: the open flags addressed to the viewer (HR: those with HR) and this week's
 * compliance of their direct reports. Someone outside the records sees an explanation, no data.
 */
export async function publishHome(deps: SlackViewerDeps, slackUserId: string): Promise<void> {
  const { db } = deps;
  const isHr = deps.hrUsers.includes(slackUserId);
  const viewer = await deps.directory.employeeOf(slackUserId);
  if (!viewer && !isHr) return void (await deps.client.views.publish({ user_id: slackUserId, view: strangerHome }));
  const open = { in: ['open' as const, 'escalated' as const, 'acknowledged' as const] };
  const flags =
    viewer || isHr
      ? await loadFlagViews(db, { assigneeId: isHr && !viewer ? null : viewer!.id, status: open }, { take: 200 })
      : [];
  if (isHr && viewer) flags.push(...(await loadFlagViews(db, { assigneeId: null, status: open }, { take: 200 })));
  const today = localDateOf(deps.now(), officeZone);
  const team = viewer
    ? (await db.prisma.employee.findMany({ where: { supervisorId: viewer.id, active: true }, select: { id: true } })).map(
        (e) => e.id,
      )
    : [];
  const weeks = await loadTeamWeek(db, team, today);
  const view = homeView({
    viewerName: viewer?.name ?? '',
    isHr,
    flags,
    week: {
      weekStart: weeks[0]?.weekStart ?? today,
      weekEnd: weeks[0]?.weekEnd ?? today,
      people: weeks.map((w) => compliance(w)),
    },
  });
  // The election periods running today (HR sees every one): the neutrality reminder is on and /asn cekpost knows the candidates.
  const periods = await periodsOn(db, today, isHr ? undefined : await employeeUnitScopes(db, viewer!.id));
  if (periods.length > 0) {
    const lines = periods.map(
      (p) =>
        `• *${esc(p.name)}*: ${formatIndonesianDate(p.startDate)} s.d. ${formatIndonesianDate(p.endDate)}` +
        (p.votingDate ? `, pemungutan suara ${formatIndonesianDate(p.votingDate)}` : '') +
        (p.reminder ? ' · pengingat netralitas aktif' : ''),
    );
    const text = ['*Masa pemilu berlangsung*', ...lines, 'Periksa draf postingan sebelum diunggah: `/asn cekpost <teks>`.'];
    view.blocks.splice(2, 0, { type: 'section', text: { type: 'mrkdwn', text: text.join('\n').slice(0, 3000) } });
    view.blocks = view.blocks.slice(0, maxViewBlocks);
  }
  await deps.client.views.publish({ user_id: slackUserId, view });
}

const strangerHome = {
  type: 'home' as const,
  blocks: [
    { type: 'header' as const, text: { type: 'plain_text' as const, text: 'Asisten ASN' } },
    {
      type: 'section' as const,
      text: {
        type: 'mrkdwn' as const,
        text:
          'Akun Slack Anda belum tercatat sebagai pegawai, jadi belum ada tanda atau tim yang dapat ditampilkan. ' +
          'Minta tim SDM mengisi email kantor atau ID Slack Anda pada data pegawai.',
      },
    },
  ],
};

/** A person's line on the Home tab: the week's counts up to today, as `/asn minggu` shows them. */
export function compliance(week: PersonWeek): ComplianceRow {
  const { kpiDays, workingDays, remindersAnswered, remindersSent } = week.counts;
  return { name: week.name, nip: week.nip, kpiDays, workingDays, remindersAnswered, remindersSent };
}
