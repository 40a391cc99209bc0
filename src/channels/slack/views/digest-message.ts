// The supervisors' daily digest DM.

import type { types } from '@slack/bolt';
import { formatIndonesianDate } from '../../../calendar/local-time.js';
import { flagKindLabels, type FlagView } from '../../../flags/flag-view.js';
import { context, esc, header, section } from '../block-kit.js';
import { ageInDays, whoText } from './flag-parts.js';

type KnownBlock = types.KnownBlock;

const maxDigestFlags = 10;

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
