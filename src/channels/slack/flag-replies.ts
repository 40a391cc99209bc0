// The ephemeral answers to a flag button or the resolve modal when nothing was done: only the one
// who pressed sees them. They name where the flag stands, never more than the pressed message
// itself shows (its status line names the last step and who took it).

import type { SeenStateRefusal } from '../../flags/flag-actions.js';
import { flagEventLabels, flagStatusLabels, type FlagEventView, type FlagStatus } from '../../flags/flag-view.js';

/** The ephemeral answer when a button or modal cannot act on a flag. */
export function refusalText(reason: 'not_allowed' | 'already_resolved' | 'unknown_flag'): string {
  switch (reason) {
    case 'not_allowed':
      return 'Anda tidak berwenang menindaklanjuti tanda ini: hanya atasan yang dituju, atasan di atasnya, atau tim SDM.';
    case 'already_resolved':
      return 'Tanda ini sudah diselesaikan sebelumnya, jadi tidak ada tindakan lagi yang diperlukan.';
    case 'unknown_flag':
      return 'Tanda ini tidak ditemukan. Mungkin sudah dihapus; silakan buka kembali tab Beranda Asisten ASN.';
  }
}

export const topOfChainText = 'Tanda ini sudah ada pada tim SDM, tingkat terakhir: tidak dapat dieskalasi lagi.';

/**
 * A press on a state the flag has left (a second press, a copy not yet updated, a modal opened
 * before someone else acted): what happened, by whom, where the flag stands now, and that nothing
 * was changed. `presser` is the Slack user who pressed, told "Anda" for their own earlier step.
 */
export function staleText(stale: Extract<SeenStateRefusal, { reason: 'stale' }>, presser: string): string {
  const last = stale.lastStep;
  const step =
    last === null
      ? 'Tanda ini sudah ditindaklanjuti.'
      : `Tanda ini sudah ditindaklanjuti: ${stepLabel(last.action).toLowerCase()} oleh ${actorText(last.actor, presser)}.`;
  const status = flagStatusLabels[stale.status as FlagStatus] ?? stale.status;
  const now = `Sekarang: ${status}${stale.level > 0 ? `, eskalasi tingkat ${stale.level}` : ''}.`;
  const after = stale.allowed
    ? 'Periksa pesan yang sudah diperbarui (atau tab Beranda) sebelum bertindak lagi.'
    : 'Tanda ini kini tidak lagi menunggu tindakan Anda.';
  return `${step} ${now} Tombol yang Anda tekan berasal dari keadaan sebelumnya, jadi tidak ada yang diubah. ${after}`;
}

/**
 * A press of Eskalasi on a message posted before buttons carried their state: it cannot tell
 * whether the flag climbed since, so it is not applied; the message was brought up to date.
 */
export const outdatedEscalationText =
  'Tombol Eskalasi ini berasal dari versi pesan yang lama, jadi tidak dijalankan. Pesannya sudah diperbarui ' +
  'ke keadaan tanda sekarang; tekan Eskalasi lagi bila masih perlu.';

function stepLabel(action: string): string {
  return flagEventLabels[action as FlagEventView['action']] ?? action;
}

/** Who took a step, as the message's status line shows it: a Slack mention, the system, or HR's tools. */
function actorText(actor: string, presser: string): string {
  if (actor === `slack:${presser}`) return 'Anda';
  const slackUser = /^slack:([UW][A-Z0-9]+)$/.exec(actor);
  if (slackUser) return `<@${slackUser[1]}>`;
  if (actor === 'sistem') return 'sistem (otomatis)';
  if (actor.startsWith('admin:') || actor === 'cli') return 'tim SDM';
  return 'pengguna lain';
}

/** A Tindak lanjuti pressed on an old message (no state carried) when someone acknowledged it already. */
export const alreadyAcknowledgedText = 'Tanda ini sudah ditindaklanjuti sebelumnya, jadi tidak ada yang diubah.';
