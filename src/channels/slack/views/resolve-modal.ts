// The modal behind "Selesaikan".

import type { types } from '@slack/bolt';
import { flagKindLabels, type FlagView } from '../../../flags/flag-view.js';
import { context, esc, plain, section } from '../block-kit.js';
import { flagButtonValue } from '../flag-button-value.js';
import { whoText } from './flag-parts.js';

type View = types.View;

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
