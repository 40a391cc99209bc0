// "Aturan terkait" on a flag message: the question put to the knowledge base for the rule a flag
// rests on, and what the supervisor is expected to do about it. Pure. The question is derived from
// the flag's kind (and, for absence, its count of days, so the answer lands on the right band of
// PP 94/2021); the duties are fixed texts citing the articles of the procedure, so they are the same
// whatever the knowledge base holds.

import type { FlagView } from '../../flags/flag-view.js';

export interface FlagRuleQuestion {
  /** Asked through the answering service, as an employee would ask it. */
  question: string;
  /** What the supervisor is expected to do, one step a line, each with its article. */
  duties: string[];
}

// PP 94/2021's procedure, as every disciplinary matter starts: summons, examination, the record.
const examine = [
  'Panggil pegawai secara tertulis untuk diperiksa; bila tidak hadir, lakukan panggilan kedua (PP 94/2021 Pasal 26).',
  'Periksa secara tertutup, langsung atau secara virtual, dan tuangkan dalam berita acara pemeriksaan (PP 94/2021 Pasal 27).',
  'Atasan yang tidak memanggil dan memeriksa bawahan yang diduga melanggar dapat dijatuhi hukuman disiplin (PP 94/2021 Pasal 28).',
];

const reportQuestions: Record<string, string> = {
  pungli: 'Apa larangan pungutan liar dan menerima hadiah bagi PNS, dan apa hukumannya?',
  netralitas: 'Apa larangan PNS mendukung calon dalam pemilu atau pilkada, dan apa hukumannya?',
  medsos: 'Bagaimana aturan ASN bermedia sosial dan apa sanksinya?',
  disiplin: 'Apa saja kewajiban dan larangan disiplin PNS?',
};

/** The question and the supervisor's duties for one flag. */
export function flagRuleQuestion(flag: Pick<FlagView, 'kind' | 'evidence' | 'severity' | 'report'>): FlagRuleQuestion {
  switch (flag.kind) {
    case 'absence_threshold': {
      const run = (flag.evidence.run as { days?: unknown } | undefined)?.days;
      const total = flag.evidence.totalDays;
      // A run of 10 working days carries no band penalty in its evidence: its own article applies.
      const question =
        typeof run === 'number' && flag.evidence.penalty === undefined
          ? `PNS tidak masuk kerja tanpa alasan yang sah ${run} hari kerja berturut-turut, apa hukuman disiplinnya?`
          : `PNS tidak masuk kerja tanpa alasan yang sah ${typeof total === 'number' ? total : 'beberapa'} hari dalam setahun, apa hukuman disiplinnya?`;
      return {
        question,
        duties: [
          'Pastikan dulu tidak ada izin, sakit, cuti atau dinas luar yang belum tercatat.',
          ...examine,
          ...(flag.severity === 'sedang' || flag.severity === 'berat'
            ? ['Untuk hukuman sedang dapat, dan untuk hukuman berat wajib, dibentuk tim pemeriksa (PP 94/2021 Pasal 29).']
            : []),
        ],
      };
    }
    case 'kpi_missing':
      return {
        question: 'Bagaimana pemantauan dan pembimbingan kinerja pegawai oleh atasan menurut PermenPANRB 6/2022?',
        duties: [
          'Tanyakan kendalanya dan bimbing pegawai agar catatan kinerjanya kembali diisi terhadap SKP (PermenPANRB 6/2022).',
          'Catat hasil pembinaan saat menyelesaikan tanda ini; capaian yang tetap kurang dinilai pada evaluasi kinerja (PP 30/2019).',
        ],
      };
    case 'discipline_unanswered':
      return {
        question: 'Apa kewajiban PNS masuk kerja dan menaati ketentuan jam kerja?',
        duties: [
          'Ingatkan pegawai akan kewajiban masuk kerja dan menaati jam kerja (PP 94/2021 Pasal 4).',
          'Bila ternyata tidak masuk kerja tanpa alasan yang sah, hari itu dihitung menurut PP 94/2021 Pasal 9 sampai 11.',
        ],
      };
    case 'report':
      return {
        question:
          reportQuestions[flag.report?.category ?? ''] ??
          'Bagaimana atasan memanggil dan memeriksa PNS yang diduga melanggar disiplin?',
        duties: ['Periksa laporan tanpa mengungkap pelapor kepada pihak yang dilaporkan.', ...examine],
      };
  }
}
