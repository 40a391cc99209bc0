// How flags look in Slack: Block Kit for the supervisor's message, the resolve modal, the App Home
// tab, the daily digest and the `/asn minggu` answer. Pure: the listeners read the database and call
// Slack; everything here turns a FlagView into blocks, so every surface shows the same facts, and the
// same protection (a report's reporter appears only when `report.reporter` is set, as load-flag-view
// decides).
//
// User-provided text (names, report text, notes) is mrkdwn-escaped, so `<@U123>` or `<!channel>`
// typed into a report cannot ping anyone, and every text is cut to Slack's limits, because Slack
// refuses the whole message when one block is too long.

import type { types } from '@slack/bolt';
import {
  flagEventLabels,
  flagKindLabels,
  flagStatusLabels,
  type FlagEventView,
  type FlagView,
  type PersonRef,
} from '../../flags/flag-view.js';
import { evidenceFacts, evidenceNotes as sharedEvidenceNotes } from '../../flags/flag-evidence.js';
import { countWeek, type DayRecord, type WeekCounts } from '../../flags/team-week.js';
import {
  formatIndonesianDate,
  formatIndonesianDateRange,
  isoWeekday,
  localDateOf,
  localTimeOf,
  parseLocalDate,
  officeZone,
  zoneLabel,
} from '../../calendar/local-time.js';
import { clip, clipMrkdwn, context, esc, header, maxMessageBlocks, maxViewBlocks, plain, section } from './block-kit.js';
import { flagButtonValue } from './flag-button-value.js';

type KnownBlock = types.KnownBlock;
type View = types.View;
type Button = types.Button;

// Enough dates to check a flag against the records without a wall of text.
const maxListedDates = 15;
// Home tab: 2 blocks per flag and one section per 10 people keep it far under 100 blocks (see homeView).
const maxHomeFlags = 25;
const maxHomePeople = 150;
const peoplePerSection = 10;
const maxDigestFlags = 10;

const actionIds = { acknowledge: 'flag_acknowledge', resolve: 'flag_resolve', escalate: 'flag_escalate' } as const;

/**
 * The message posted to the supervisor (or the HR channel) and updated in place after each action:
 * who, what, the evidence in words, where the flag stands, and the buttons while it is open.
 */
export function flagMessage(flag: FlagView): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [header(flagKindLabels[flag.kind]), section(subjectText(flag))];
  blocks.push(section([`*${esc(flag.title)}*`, ...severityLines(flag)].join('\n')));
  if (flag.report !== null) blocks.push(section(`*Uraian:*\n${esc(flag.report.description) || '_(kosong)_'}`));
  const evidence = evidenceLines(flag);
  if (evidence.length > 0) blocks.push(section(evidence.join('\n')));
  const notes = evidenceNotes(flag);
  if (notes.length > 0) blocks.push(context(notes));
  blocks.push(context(statusTexts(flag)));
  if (flag.status === 'resolved') {
    blocks.push(context([`*Selesai:* ${esc(flag.resolution ?? '') || 'tanpa catatan'}`]));
    blocks.push({ type: 'actions', block_id: `flag:${flag.id}`, elements: [ruleButton(flag)] });
  } else blocks.push(flagActions(flag, { rule: true }));
  return { text: fallbackText(flag), blocks: blocks.slice(0, maxMessageBlocks) };
}

/** The modal behind "Selesaikan": a summary of the flag and the resolution note the supervisor must write. */
export function resolveModal(flag: FlagView): View {
  return {
    type: 'modal',
    callback_id: 'flag_resolve_modal',
    // The state it was opened on: the note is saved only if the flag still stands there.
    private_metadata: flagButtonValue(flag),
    title: plain('Selesaikan tanda'),
    submit: plain('Simpan'),
    close: plain('Batal'),
    blocks: [
      section(`*${flagKindLabels[flag.kind]}*: ${whoText(flag)}\n${esc(flag.title)}`),
      {
        type: 'input',
        block_id: 'resolution',
        label: plain('Catatan penyelesaian'),
        hint: plain(`Tuliskan apa yang sudah dilakukan, misalnya: ${resolutionExamples[flag.kind]}.`),
        element: {
          type: 'plain_text_input',
          action_id: 'note',
          multiline: true,
          min_length: 5,
          max_length: 2000,
        },
      },
      context(['Catatan ini disimpan dalam riwayat tanda dan terlihat oleh atasan serta tim SDM.']),
    ],
  };
}

const resolutionExamples: Record<FlagView['kind'], string> = {
  kpi_missing: '"sudah dibina, catatan kinerja kembali diisi"',
  discipline_unanswered: '"sudah diingatkan, pengingat kembali dijawab tepat waktu"',
  absence_threshold: '"sudah dipanggil dan diperiksa; cuti yang belum tercatat sudah diperbaiki"',
  report: '"laporan sudah diperiksa dan pegawai yang bersangkutan sudah dibina"',
};

/** One team member's week so far, as the Home tab lists it. */
export interface ComplianceRow {
  name: string;
  nip: string;
  kpiDays: number;
  workingDays: number;
  remindersAnswered: number;
  remindersSent: number;
}

/**
 * The App Home tab: the open flags the viewer can act on (same buttons as the message) and this
 * week's compliance of their team. At most 100 blocks, whatever the numbers.
 */
export function homeView(input: {
  viewerName: string;
  isHr: boolean;
  flags: FlagView[];
  week: {
    weekStart: string;
    weekEnd: string;
    people: ComplianceRow[];
  };
}): View {
  const open = input.flags.filter((flag) => flag.status !== 'resolved');
  const intro = input.isHr
    ? `Halo, ${esc(input.viewerName)}. Sebagai tim SDM, Anda melihat tanda yang ditujukan kepada tim SDM dan tanda yang telah dieskalasi.`
    : `Halo, ${esc(input.viewerName)}. Berikut tanda yang menunggu tindak lanjut Anda dan kepatuhan tim Anda pekan ini.`;
  const blocks: KnownBlock[] = [header('Asisten ASN'), section(intro), { type: 'divider' }];

  blocks.push(header(`Tanda terbuka tim Anda (${open.length})`));
  if (open.length === 0) blocks.push(section('Tidak ada tanda terbuka. 👍'));
  for (const flag of open.slice(0, maxHomeFlags)) {
    const title = esc(clip(flag.title, 500));
    blocks.push(
      section(`*${flagKindLabels[flag.kind]}*: ${whoText(flag)}\n${title}\n_${statusTexts(flag)[0]}_`),
      flagActions(flag),
    );
  }
  if (open.length > maxHomeFlags) blocks.push(context([moreText(open.length - maxHomeFlags)]));

  blocks.push(
    { type: 'divider' },
    header(`Kepatuhan pekan ini (${formatIndonesianDateRange(input.week.weekStart, input.week.weekEnd)})`),
  );
  const people = input.week.people;
  if (people.length === 0) blocks.push(section('Belum ada pegawai yang tercatat di bawah Anda.'));
  const shown = people.slice(0, maxHomePeople);
  for (let i = 0; i < shown.length; i += peoplePerSection) {
    blocks.push(
      section(
        shown
          .slice(i, i + peoplePerSection)
          .map(complianceLine)
          .join('\n'),
      ),
    );
  }
  if (people.length > maxHomePeople) blocks.push(context([moreText(people.length - maxHomePeople)]));
  return { type: 'home', blocks: blocks.slice(0, maxViewBlocks) };
}

function complianceLine(person: ComplianceRow): string {
  const reminders =
    person.remindersSent === 0
      ? 'Pengingat belum dikirim'
      : `Pengingat ${person.remindersAnswered}/${person.remindersSent} dijawab`;
  return `• *${esc(clip(person.name, 100))}* (NIP ${esc(person.nip)}): Kinerja ${person.kpiDays}/${person.workingDays} hari · ${reminders}`;
}

/** The daily digest DM to a supervisor: counts by status and the oldest open flags, pointing to the Home tab. */
export function digestMessage(input: { supervisorName: string; date: string; open: FlagView[]; resolvedYesterday: number }): {
  text: string;
  blocks: KnownBlock[];
} {
  const open = input.open.filter((flag) => flag.status !== 'resolved');
  const count = (status: FlagView['status']) => open.filter((flag) => flag.status === status).length;
  const counts =
    `Terbuka: *${count('open')}* · Dieskalasi: *${count('escalated')}* · Ditindaklanjuti: *${count('acknowledged')}* · ` +
    `Selesai kemarin: *${input.resolvedYesterday}*`;
  const blocks: KnownBlock[] = [
    header('Ringkasan tanda harian'),
    section(`Yth. ${esc(input.supervisorName)}, berikut ringkasan tanda per ${formatIndonesianDate(input.date)}.\n${counts}`),
  ];
  if (open.length === 0) blocks.push(section('Tidak ada tanda terbuka. 👍'));
  else {
    const oldest = [...open].sort((a, b) => a.raisedAt.getTime() - b.raisedAt.getTime());
    const lines = oldest.slice(0, maxDigestFlags).map((flag) => {
      const age = ageInDays(flag.raisedAt, input.date);
      return `• ${whoText(flag)}: ${flagKindLabels[flag.kind]}, ${age === 0 ? 'hari ini' : `${age} hari`}`;
    });
    if (open.length > maxDigestFlags) lines.push(`• dan ${open.length - maxDigestFlags} lainnya`);
    blocks.push(section(`*Tanda terbuka, yang terlama lebih dulu:*\n${lines.join('\n')}`));
  }
  blocks.push(context(['Buka tab *Beranda* (Home) Asisten ASN untuk menindaklanjuti tanda.']));
  const text =
    `Ringkasan tanda ${formatIndonesianDate(input.date)}: ${open.length} terbuka, ` +
    `${input.resolvedYesterday} selesai kemarin.`;
  return { text, blocks };
}

/** The answer to `/asn minggu <NIP>`: one mrkdwn line per day of the week, with the Indonesian weekday and date. */
export function weekSummaryText(input: {
  name: string;
  nip: string;
  weekStart: string;
  weekEnd: string;
  days: DayRecord[];
  /** The counts up to today (loadTeamWeek's); without them every listed day counts. */
  counts?: WeekCounts;
}): string {
  const lines = [
    `*${esc(input.name)}* (NIP ${esc(input.nip)}), pekan ${formatIndonesianDateRange(input.weekStart, input.weekEnd)}:`,
  ];
  for (const day of input.days) {
    const parts: string[] = [];
    if (day.leave !== null) parts.push(`cuti/izin: ${esc(day.leave)}`);
    else if (!day.working) parts.push(isoWeekday(day.date) >= 6 ? 'akhir pekan' : 'hari libur');
    if (day.working || day.kpiLogs > 0)
      parts.push(day.kpiLogs > 0 ? `${day.kpiLogs} catatan kinerja` : 'belum ada catatan kinerja');
    if (day.reminder !== null) parts.push(reminderTexts[day.reminder]);
    lines.push(`• ${formatIndonesianDate(day.date)}: ${parts.join(' · ')}`);
  }
  const counts = input.counts ?? countWeek(input.days);
  lines.push(
    `Jumlah: catatan kinerja ${counts.kpiDays}/${counts.workingDays} hari kerja · ` +
      `pengingat dijawab tepat waktu ${counts.remindersOnTime}/${counts.remindersSent}`,
  );
  return lines.join('\n');
}

const reminderTexts = {
  dijawab: 'pengingat dijawab',
  terlambat: 'pengingat dijawab terlambat',
  'tidak dijawab': 'pengingat tidak dijawab',
  'tidak dikirim': 'pengingat tidak dikirim',
} as const;

// ---------------------------------------------------------------------------
// Parts of the flag message
// ---------------------------------------------------------------------------

function subjectText(flag: FlagView): string {
  const lines: string[] = [];
  if (flag.employee !== null) {
    lines.push(`*Pegawai:* ${personText(flag.employee)}`);
    if (flag.employee.position) lines.push(`*Jabatan:* ${esc(flag.employee.position)}`);
    if (flag.employee.unitName) lines.push(`*Unit kerja:* ${esc(flag.employee.unitName)}`);
  }
  if (flag.report !== null) {
    lines.push(`*Kategori:* ${esc(flag.report.category)}`, `*Tentang:* ${esc(flag.report.subject)}`);
    lines.push(
      flag.report.reporter === null
        ? '*Pelapor:* _Pelapor dirahasiakan atas permintaannya_'
        : `*Pelapor:* ${personText(flag.report.reporter)}`,
    );
  }
  return lines.length > 0 ? lines.join('\n') : '*Pegawai:* tidak tercatat';
}

function severityLines(flag: FlagView): string[] {
  const lines: string[] = [];
  if (flag.severity !== 'info') {
    lines.push(`Tingkat hukuman menurut PP 94/2021: ${flag.severity}`);
    lines.push('_Tanda ini berasal dari catatan di sistem, bukan keputusan hukuman._');
  }
  if (flag.article) lines.push(`*Dasar:* ${esc(flag.article)}`);
  return lines;
}

/** The evidence in words (src/flags/flag-evidence.ts), as mrkdwn: bold labels, dates as bullets, asides in italics. */
function evidenceLines(flag: FlagView): string[] {
  return evidenceFacts(flag).flatMap((f) => {
    if (f.aside && !f.dates) return [`_${esc(f.label)}: ${esc(f.text ?? '')}._`];
    const head = f.text === undefined ? `*${esc(f.label)}:*` : `*${esc(f.label)}:* ${esc(f.text)}`;
    return f.dates ? [head, ...dateBullets(f.dates)] : [head];
  });
}

/** Explanations the rule attached (how the count was made, the salary rule): shown small, below the evidence. */
function evidenceNotes(flag: FlagView): string[] {
  return sharedEvidenceNotes(flag).map(esc);
}

/** [where it stands, the last action]: who must act, the level, the status, and who did what when. */
function statusTexts(flag: FlagView): string[] {
  const parts = [`Ditujukan kepada: ${flag.assignee === null ? 'Tim SDM' : esc(flag.assignee.name)}`];
  if (flag.level > 0) parts.push(`Eskalasi tingkat ${flag.level}`);
  parts.push(`Status: ${flagStatusLabels[flag.status]}`);
  const texts = [parts.join(' · ')];
  const last = lastAction(flag.events);
  if (last !== undefined) texts.push(`${eventLabels[last.action]} oleh ${actorText(last)} pada ${formatWib(last.at)}`);
  return texts;
}

// Inside Slack "ke Slack" goes without saying.
const eventLabels: Record<FlagEventView['action'], string> = { ...flagEventLabels, delivered: 'Dikirim' };

/** The latest event a person would call an action: a delivery is bookkeeping, shown only when nothing else happened. */
function lastAction(events: FlagEventView[]): FlagEventView | undefined {
  const sorted = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  return sorted.filter((event) => event.action !== 'delivered').at(-1) ?? sorted.at(-1);
}

function actorText(event: FlagEventView): string {
  if (event.actorName) return esc(event.actorName);
  if (event.actor === 'sistem') return 'sistem';
  if (event.actor === 'cli') return 'admin (CLI)';
  const slackUser = /^slack:([UW][A-Z0-9]+)$/.exec(event.actor);
  if (slackUser) return `<@${slackUser[1]}>`;
  const admin = /^admin:(\S+)$/.exec(event.actor);
  if (admin) return `admin #${esc(admin[1]!)}`;
  return esc(event.actor);
}

/**
 * The three buttons; block_id `flag:<id>`, each value the flag and the state shown
 * (flag-button-value.ts), so the listener needs nothing else and a press on an old copy is known.
 */
function flagActions(flag: FlagView, options: { rule?: boolean } = {}): KnownBlock {
  const value = flagButtonValue(flag);
  const elements: Button[] = [];
  if (flag.status !== 'acknowledged')
    elements.push({ type: 'button', action_id: actionIds.acknowledge, text: plain('Tindak lanjuti'), style: 'primary', value });
  elements.push({ type: 'button', action_id: actionIds.resolve, text: plain('Selesaikan'), value });
  elements.push({
    type: 'button',
    action_id: actionIds.escalate,
    text: plain('Eskalasi'),
    value,
    confirm: {
      title: plain('Eskalasi tanda ini?'),
      text: plain(
        'Tanda akan diteruskan kepada atasan satu tingkat di atas penerima sekarang, atau kepada tim SDM bila tidak ada. ' +
          'Lakukan ini bila Anda tidak dapat menindaklanjutinya sendiri.',
      ),
      confirm: plain('Ya, eskalasi'),
      deny: plain('Batal'),
    },
  });
  // In a message only: its answer goes in the message's thread, which the Home tab has not.
  if (options.rule) elements.push(ruleButton(flag));
  return { type: 'actions', block_id: `flag:${flag.id}`, elements };
}

/** "Aturan terkait": the article the flag rests on and what the supervisor is expected to do, in the thread. */
export const flagRuleActionId = 'flag_rule';

function ruleButton(flag: FlagView): Button {
  return { type: 'button', action_id: flagRuleActionId, text: plain('Aturan terkait'), value: String(flag.id) };
}

/** Notification text: kind, person and title; for a report its category and subject, never the reporter. */
function fallbackText(flag: FlagView): string {
  const about =
    flag.report !== null
      ? `${flag.report.category}, tentang ${flag.report.subject}`
      : flag.employee !== null
        ? `${flag.employee.name} (NIP ${flag.employee.nip})`
        : 'pegawai tidak tercatat';
  return clipMrkdwn(esc(`${flagKindLabels[flag.kind]}: ${about}: ${flag.title}`), 300);
}

/** "Nama (NIP ...)" for a flag about an employee, "Tentang: ..." for a report. Escaped. */
function whoText(flag: FlagView): string {
  if (flag.employee !== null) return personText(flag.employee);
  if (flag.report !== null) return `Tentang: ${esc(clip(flag.report.subject, 200))}`;
  return 'pegawai tidak tercatat';
}

function personText(person: PersonRef): string {
  return `*${esc(clip(person.name, 200))}* (NIP ${esc(person.nip)})`;
}

function moreText(n: number): string {
  return `dan ${n} lainnya — lihat antarmuka admin`;
}

// ---------------------------------------------------------------------------
// Dates and evidence values
// ---------------------------------------------------------------------------

function dateBullets(dates: string[]): string[] {
  const lines = dates.slice(0, maxListedDates).map((date) => `• ${formatIndonesianDate(date)}`);
  if (dates.length > maxListedDates) lines.push(`• dan ${dates.length - maxListedDates} lainnya`);
  return lines;
}

/** 'Senin, 21 Desember 2026 pukul 09.15 WIB'. */
function formatWib(at: Date): string {
  return `${formatIndonesianDate(localDateOf(at, officeZone))} pukul ${localTimeOf(at, officeZone).replace(':', '.')} ${zoneLabel(officeZone)}`;
}

/** Whole days from the day a flag was raised (WIB) to `date`. */
function ageInDays(raisedAt: Date, date: string): number {
  const raised = localDateOf(raisedAt, officeZone);
  return Math.max(0, Math.round((parseLocalDate(date) - parseLocalDate(raised)) / 86_400_000));
}
