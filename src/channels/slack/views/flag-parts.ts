// The parts every flag surface shares: who and what, severity, evidence in words, where the flag
// stands, and its buttons. User-provided text (names, report text, notes) is mrkdwn-escaped, so
// `<@U123>` or `<!channel>` typed into a report cannot ping anyone, and a report's reporter
// appears only when `report.reporter` is set, as load-flag-view decides.

import type { types } from '@slack/bolt';
import {
  formatIndonesianDate,
  localDateOf,
  localTimeOf,
  parseLocalDate,
  officeZone,
  zoneLabel,
} from '../../../calendar/local-time.js';
import { evidenceFacts, evidenceNotes as sharedEvidenceNotes } from '../../../flags/flag-evidence.js';
import {
  flagEventLabels,
  flagKindLabels,
  flagStatusLabels,
  type FlagEventView,
  type FlagView,
  type PersonRef,
} from '../../../flags/flag-view.js';
import { clip, clipMrkdwn, esc, plain } from '../block-kit.js';
import { flagButtonValue } from '../flag-button-value.js';

type KnownBlock = types.KnownBlock;
type Button = types.Button;

// Enough dates to check a flag against the records without a wall of text.
const maxListedDates = 15;

const actionIds = { acknowledge: 'flag_acknowledge', resolve: 'flag_resolve', escalate: 'flag_escalate' } as const;

/** Who the flag is about (or who reported what), as the first section says it. */
export function subjectText(flag: FlagView): string {
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

/** The severity in words, and the article the threshold comes from. */
export function severityLines(flag: FlagView): string[] {
  const lines: string[] = [];
  if (flag.severity !== 'info') {
    lines.push(`Tingkat hukuman menurut PP 94/2021: ${flag.severity}`);
    lines.push('_Tanda ini berasal dari catatan di sistem, bukan keputusan hukuman._');
  }
  if (flag.article) lines.push(`*Dasar:* ${esc(flag.article)}`);
  return lines;
}

/** The evidence in words (src/flags/flag-evidence.ts), as mrkdwn: bold labels, dates as bullets, asides in italics. */
export function evidenceLines(flag: FlagView): string[] {
  return evidenceFacts(flag).flatMap((f) => {
    if (f.aside && !f.dates) return [`_${esc(f.label)}: ${esc(f.text ?? '')}._`];
    const head = f.text === undefined ? `*${esc(f.label)}:*` : `*${esc(f.label)}:* ${esc(f.text)}`;
    return f.dates ? [head, ...dateBullets(f.dates)] : [head];
  });
}

/** Explanations the rule attached (how the count was made, the salary rule): shown small, below the evidence. */
export function evidenceNotes(flag: FlagView): string[] {
  return sharedEvidenceNotes(flag).map(esc);
}

/** [where it stands, the last action]: who must act, the level, the status, and who did what when. */
export function statusTexts(flag: FlagView): string[] {
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
export function flagActions(flag: FlagView, options: { rule?: boolean } = {}): KnownBlock {
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

/** The button that explains the rule behind the flag. */
export function ruleButton(flag: FlagView): Button {
  return { type: 'button', action_id: flagRuleActionId, text: plain('Aturan terkait'), value: String(flag.id) };
}

/** Notification text: kind, person and title; for a report its category and subject, never the reporter. */
export function fallbackText(flag: FlagView): string {
  const about =
    flag.report !== null
      ? `${flag.report.category}, tentang ${flag.report.subject}`
      : flag.employee !== null
        ? `${flag.employee.name} (NIP ${flag.employee.nip})`
        : 'pegawai tidak tercatat';
  return clipMrkdwn(esc(`${flagKindLabels[flag.kind]}: ${about}: ${flag.title}`), 300);
}

/** "Nama (NIP ...)" for a flag about an employee, "Tentang: ..." for a report. Escaped. */
export function whoText(flag: FlagView): string {
  if (flag.employee !== null) return personText(flag.employee);
  if (flag.report !== null) return `Tentang: ${esc(clip(flag.report.subject, 200))}`;
  return 'pegawai tidak tercatat';
}

function personText(person: PersonRef): string {
  return `*${esc(clip(person.name, 200))}* (NIP ${esc(person.nip)})`;
}

/** "dan N lainnya": what a list cut at its limit leaves out. */
export function moreText(n: number): string {
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
export function ageInDays(raisedAt: Date, date: string): number {
  const raised = localDateOf(raisedAt, officeZone);
  return Math.max(0, Math.round((parseLocalDate(date) - parseLocalDate(raised)) / 86_400_000));
}
