// The App Home tab: the viewer's open flags and their team's week. Every text is cut to Slack's
// limits, because Slack refuses the whole view when one block is too long.

import type { types } from '@slack/bolt';
import { formatIndonesianDateRange } from '../../../calendar/local-time.js';
import { flagKindLabels, type FlagView } from '../../../flags/flag-view.js';
import { clip, context, esc, header, maxViewBlocks, section } from '../block-kit.js';
import { flagActions, moreText, statusTexts, whoText } from './flag-parts.js';

type KnownBlock = types.KnownBlock;
type View = types.View;

// Home tab: 2 blocks per flag and one section per 10 people keep it far under 100 blocks (see homeView).
const maxHomeFlags = 25;

const maxHomePeople = 150;

const peoplePerSection = 10;

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
