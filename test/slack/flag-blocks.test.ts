// Flags as a supervisor sees them in Slack: what each message, modal and Home tab says, and that Slack (the fake,
// which checks Block Kit's limits) accepts every one of them from a real WebClient.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebClient } from '@slack/web-api';
import type { types } from '@slack/bolt';
import { digestMessage } from '../../src/channels/slack/views/digest-message.js';
import { flagMessage } from '../../src/channels/slack/views/flag-message.js';
import { homeView } from '../../src/channels/slack/views/home-view.js';
import { resolveModal } from '../../src/channels/slack/views/resolve-modal.js';
import { weekSummaryText } from '../../src/channels/slack/views/week-summary.js';
import { refusalText } from '../../src/channels/slack/flag-replies.js';
import {
  absenceRule,
  defaultThresholds,
  disciplineRule,
  kpiMissingRule,
  type FlagCandidate,
} from '../../src/flags/flag-rules.js';
import type { FlagEventView, FlagView, PersonRef } from '../../src/flags/flag-view.js';
import { addDays } from '../../src/calendar/local-time.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-server.js';
import { silentSlackLogger } from '../helpers/silent-logger.js';

const budi: PersonRef = {
  id: 11,
  nip: '198703152010011002',
  name: 'Budi Santoso',
  position: 'Analis Kebijakan',
  unitName: 'Bidang Aplikasi Informatika',
};
const sri: PersonRef = { id: 5, nip: '197501012000032001', name: 'Sri Wahyuni', position: 'Kepala Bidang', unitName: null };
const rahmat: PersonRef = { id: 23, nip: '199002022015031003', name: 'Rahmat Hidayat', position: null, unitName: null };

const noHolidays = () => false;
const raised: FlagEventView = {
  at: new Date('2026-12-23T11:00:00Z'),
  actor: 'sistem',
  actorName: null,
  action: 'raised',
  detail: {},
};

/** A FlagView as load-flag-view would give it, around a candidate from the real rules. */
function view(candidate: FlagCandidate, overrides: Partial<FlagView> = {}): FlagView {
  return {
    id: 7,
    kind: candidate.kind,
    period: candidate.period,
    title: candidate.title,
    severity: candidate.severity,
    status: 'open',
    level: 0,
    article: candidate.article ?? null,
    evidence: candidate.evidence,
    employee: budi,
    assignee: sri,
    raisedAt: raised.at,
    updatedAt: raised.at,
    acknowledgedAt: null,
    resolvedAt: null,
    resolution: null,
    report: null,
    events: [raised],
    ...overrides,
  };
}

// Monday 21 to Wednesday 23 December 2026 without a KPI log; the last one on Friday 18 December.
const kpiCandidate = kpiMissingRule({
  today: '2026-12-23',
  kpiLogDates: new Set(['2026-12-18']),
  isOff: noHolidays,
  thresholds: defaultThresholds,
})!;
const disciplineCandidate = disciplineRule({
  today: '2026-12-24',
  reminders: [
    { localDate: '2026-12-21', status: 'sent', answered: false },
    { localDate: '2026-12-22', status: 'sent', answered: true, answeredLate: true },
    { localDate: '2026-12-23', status: 'sent', answered: false },
    { localDate: '2026-12-24', status: 'sent', answered: true },
  ],
  thresholds: defaultThresholds,
})!;
// Five unexcused days in December 2026: the 4-6 band (teguran tertulis).
const absenceCandidate = absenceRule({
  today: '2026-12-10',
  unexcusedDates: ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-07', '2026-12-09'],
  isOff: noHolidays,
})!;
// Every working day from 2 November to 4 December 2026: 25 days, a run of 10 or more, a heavy band.
const longAbsenceCandidate = absenceRule({
  today: '2026-12-04',
  unexcusedDates: workingDaysFrom('2026-11-02', '2026-12-04'),
  isOff: noHolidays,
})!;

function workingDaysFrom(start: string, end: string): string[] {
  const dates: string[] = [];
  for (let date = start; date <= end; date = addDays(date, 1)) {
    const day = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (day !== 0 && day !== 6) dates.push(date);
  }
  return dates;
}

function reportView(
  reporter: PersonRef | null,
  description = 'Petugas loket meminta uang tambahan untuk mempercepat izin.',
): FlagView {
  return view(
    {
      kind: 'kpi_missing',
      period: 'report:3',
      title: 'Laporan: dugaan pungutan liar di loket perizinan',
      evidence: {},
      severity: 'info',
    },
    {
      kind: 'report',
      employee: null,
      assignee: null,
      report: { id: 3, category: 'Pungutan liar', subject: 'Loket perizinan DPMPTSP', description, reporter },
    },
  );
}

const textOf = (rendered: unknown) => JSON.stringify(rendered);
const actions = (blocks: types.KnownBlock[]) => blocks.filter((b): b is types.ActionsBlock => b.type === 'actions');
const actionIds = (blocks: types.KnownBlock[]) =>
  actions(blocks).flatMap((b) => b.elements.map((e) => (e as types.Button).action_id));
/** Every mrkdwn or plain text in the blocks, with its length. */
function texts(blocks: readonly types.AnyBlock[]): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if ((record.type === 'mrkdwn' || record.type === 'plain_text') && typeof record.text === 'string') found.push(record.text);
      Object.values(record).forEach(walk);
    }
  };
  walk(blocks);
  return found;
}

describe('flagMessage', () => {
  it('shows a missing KPI log with the person, the Indonesian dates and the buttons', () => {
    const message = flagMessage(view(kpiCandidate));
    const all = textOf(message.blocks);
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Catatan kinerja kosong', emoji: true },
    });
    for (const expected of [
      'Budi Santoso',
      '198703152010011002',
      'Analis Kebijakan',
      'Bidang Aplikasi Informatika',
      'Senin, 21 Desember 2026',
      'Selasa, 22 Desember 2026',
      'Rabu, 23 Desember 2026',
      'Hari kerja tanpa catatan kinerja (3 hari)',
      'Hari kerja terakhir dengan catatan kinerja:* Jumat, 18 Desember 2026',
      'Ditujukan kepada: Sri Wahyuni',
      'Status: Terbuka',
      'Dibuat oleh sistem pada Rabu, 23 Desember 2026 pukul 18.00 WIB',
    ])
      expect(all).toContain(expected);
    expect(all).not.toContain('Tingkat hukuman'); // 'info' never reads as a disciplinary level
    expect(all).not.toContain('2026-12-21'); // dates in words, not ISO
    expect(message.text).toBe(`Catatan kinerja kosong: Budi Santoso (NIP 198703152010011002): ${kpiCandidate.title}`);

    // Each button carries the state it shows, so a press on an old copy is recognised.
    const [buttons] = actions(message.blocks);
    expect(buttons?.block_id).toBe('flag:7');
    expect(buttons?.elements).toMatchObject([
      { action_id: 'flag_acknowledge', style: 'primary', value: '7:open:0', text: { text: 'Tindak lanjuti' } },
      { action_id: 'flag_resolve', value: '7:open:0', text: { text: 'Selesaikan' } },
      {
        action_id: 'flag_escalate',
        value: '7:open:0',
        text: { text: 'Eskalasi' },
        confirm: { confirm: { text: 'Ya, eskalasi' } },
      },
      // The rule behind the flag, answered in the message's thread.
      { action_id: 'flag_rule', value: '7', text: { text: 'Aturan terkait' } },
    ]);
    const escalated = actions(flagMessage(view(kpiCandidate, { status: 'escalated', level: 2 })).blocks)[0]!;
    expect(escalated.elements.map((e) => (e as types.Button).value)).toEqual([...Array(3).fill('7:escalated:2'), '7']);
  });

  it('shows unanswered and late reminders with the week', () => {
    const all = textOf(flagMessage(view(disciplineCandidate)).blocks);
    expect(all).toContain('Pekan:* Senin, 21 Desember 2026 s.d. Minggu, 27 Desember 2026');
    expect(all).toContain('Tidak dijawab (2 hari):*\\n• Senin, 21 Desember 2026\\n• Rabu, 23 Desember 2026');
    expect(all).toContain('Dijawab setelah batas waktu (1 hari):*\\n• Selasa, 22 Desember 2026');
  });

  it('shows an absence flag with its count, band, article, severity in words and the note', () => {
    const all = textOf(flagMessage(view(absenceCandidate)).blocks);
    expect(all).toContain('Tanpa keterangan tahun 2026:* 5 hari kerja');
    expect(all).toContain('Rentang:* 4-6 hari kerja (teguran tertulis)');
    expect(all).toContain('PP 94/2021 Pasal 9 ayat (2) huruf b angka 2');
    expect(all).toContain('Tingkat hukuman menurut PP 94/2021: ringan');
    expect(all).toContain('Rabu, 9 Desember 2026');
    expect(all).toContain('Hukuman disiplin hanya dijatuhkan setelah pemeriksaan');
  });

  it('shows a run of absences, lists at most 15 dates and says how many more', () => {
    const all = textOf(flagMessage(view(longAbsenceCandidate)).blocks);
    expect(longAbsenceCandidate.severity).toBe('berat');
    expect(all).toContain('Tingkat hukuman menurut PP 94/2021: berat');
    expect(all).toContain('Berturut-turut:* 25 hari kerja (Senin, 2 November 2026 s.d. Jumat, 4 Desember 2026)');
    expect(all).toContain('• dan 10 lainnya');
    expect(all).not.toContain('Jumat, 4 Desember 2026\\n'); // the 25th date is among those not listed
    expect(all).toContain(longAbsenceCandidate.article!);
    expect(all).toContain('diberhentikan pembayaran gajinya'); // the salary note of Pasal 15 ayat (2)
  });

  it('ignores evidence keys it does not know instead of dumping them', () => {
    const flag = view(kpiCandidate, { evidence: { ...kpiCandidate.evidence, internalScore: { raw: 42 }, debug: 'x' } });
    const all = texts(flagMessage(flag).blocks).join('\n');
    expect(all).not.toMatch(/internalScore|debug|raw|\{/);
  });

  it('never names the reporter of a hidden report, in the blocks or the text', () => {
    const message = flagMessage(reportView(null));
    const all = textOf(message);
    expect(all).not.toContain('Rahmat');
    expect(all).not.toContain(rahmat.nip);
    expect(all).toContain('Pelapor dirahasiakan atas permintaannya');
    expect(all).toContain('Kategori:* Pungutan liar');
    expect(all).toContain('Tentang:* Loket perizinan DPMPTSP');
    expect(all).toContain('Petugas loket meminta uang tambahan');
    expect(all).toContain('Ditujukan kepada: Tim SDM');
    expect(message.text).toBe(
      'Laporan pegawai: Pungutan liar, tentang Loket perizinan DPMPTSP: Laporan: dugaan pungutan liar di loket perizinan',
    );
  });

  it('names the reporter who agreed to be named', () => {
    const message = flagMessage(reportView(rahmat));
    expect(textOf(message.blocks)).toContain('Pelapor:* *Rahmat Hidayat* (NIP 199002022015031003)');
    expect(textOf(message.blocks)).not.toContain('dirahasiakan');
    expect(message.text).not.toContain('Rahmat'); // notifications stay about the subject
  });

  it('hides the acknowledge button once acknowledged and shows who did it', () => {
    const acknowledged: FlagEventView = {
      at: new Date('2026-12-24T02:15:00Z'),
      actor: 'slack:U0SRI',
      actorName: 'Sri Wahyuni',
      action: 'acknowledged',
      detail: {},
    };
    const delivered: FlagEventView = { ...raised, at: new Date('2026-12-24T03:00:00Z'), action: 'delivered' };
    const message = flagMessage(view(kpiCandidate, { status: 'acknowledged', events: [raised, acknowledged, delivered] }));
    expect(actionIds(message.blocks)).toEqual(['flag_resolve', 'flag_escalate', 'flag_rule']);
    const all = textOf(message.blocks);
    expect(all).toContain('Status: Ditindaklanjuti');
    expect(all).toContain('Ditindaklanjuti oleh Sri Wahyuni pada Kamis, 24 Desember 2026 pukul 09.15 WIB');
  });

  it('shows the escalation level and a Slack actor without a name as a mention', () => {
    const escalated: FlagEventView = {
      at: new Date('2026-12-28T01:00:00Z'),
      actor: 'slack:U0SRI',
      actorName: null,
      action: 'escalated',
      detail: {},
    };
    const all = textOf(flagMessage(view(kpiCandidate, { status: 'escalated', level: 1, events: [raised, escalated] })).blocks);
    expect(all).toContain('Eskalasi tingkat 1 · Status: Dieskalasi');
    expect(all).toContain('Dieskalasi oleh <@U0SRI> pada Senin, 28 Desember 2026 pukul 08.00 WIB');
  });

  it('drops the buttons once resolved and shows the note', () => {
    const resolved: FlagEventView = {
      at: new Date('2026-12-24T03:30:00Z'),
      actor: 'slack:U0SRI',
      actorName: 'Sri Wahyuni',
      action: 'resolved',
      detail: {},
    };
    const message = flagMessage(
      view(kpiCandidate, {
        status: 'resolved',
        resolvedAt: resolved.at,
        resolution: 'Sudah dibina, catatan kinerja kembali diisi.',
        events: [raised, resolved],
      }),
    );
    // Nothing left to do on it but read the rule it rested on.
    expect(actionIds(message.blocks)).toEqual(['flag_rule']);
    const all = textOf(message.blocks);
    expect(all).toContain('*Selesai:* Sudah dibina, catatan kinerja kembali diisi.');
    expect(all).toContain('Diselesaikan oleh Sri Wahyuni pada Kamis, 24 Desember 2026 pukul 10.30 WIB');
  });

  it('escapes what people typed, so no HTML, link or mention gets through', () => {
    const flag = reportView(null, 'Lihat <https://contoh.id|di sini> & tanya <@U123> atau <!channel>');
    flag.report!.subject = '<script>alert(1)</script>';
    flag.status = 'resolved';
    flag.resolution = 'Ditutup <@U999>';
    const message = flagMessage(flag);
    const all = texts(message.blocks).join('\n') + message.text;
    expect(all).not.toMatch(/<script>|<@U123>|<!channel>|<https:|<@U999>/);
    expect(all).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(all).toContain('&lt;@U123&gt;');
    expect(all).toContain('&amp; tanya');
    expect(all).toContain('Ditutup &lt;@U999&gt;');

    const person = { ...budi, name: '<@U123> Budi & <b>' };
    const kpi = flagMessage(view(kpiCandidate, { employee: person }));
    expect(texts(kpi.blocks).join('\n') + kpi.text).not.toContain('<@U123>');
    expect(kpi.text).toContain('&lt;@U123&gt; Budi &amp; &lt;b&gt;');
  });

  it('cuts a long description under 3000 characters, never inside an escape', () => {
    const message = flagMessage(reportView(null, 'Uraian panjang & rinci. '.repeat(500)));
    const sections = message.blocks.filter((b): b is types.SectionBlock => b.type === 'section');
    for (const block of sections) expect(block.text!.text.length).toBeLessThanOrEqual(3000);
    const description = sections.find((b) => b.text!.text.startsWith('*Uraian:*'))!.text!.text;
    expect(description.endsWith('…')).toBe(true);
    expect(description.length).toBeGreaterThan(2900);
    expect(description).not.toMatch(/&[a-z]*…$/);
  });
});

describe('resolveModal', () => {
  it('asks for a resolution note with a hint of what to write', () => {
    const modal = resolveModal(view(kpiCandidate)) as types.ModalView;
    expect(modal).toMatchObject({
      type: 'modal',
      callback_id: 'flag_resolve_modal',
      private_metadata: '7:open:0',
      title: { text: 'Selesaikan tanda' },
      submit: { text: 'Simpan' },
      close: { text: 'Batal' },
    });
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
    const input = modal.blocks.find((b) => b.type === 'input') as types.InputBlock;
    expect(input).toMatchObject({
      block_id: 'resolution',
      label: { text: 'Catatan penyelesaian' },
      element: { type: 'plain_text_input', action_id: 'note', multiline: true, min_length: 5, max_length: 2000 },
    });
    expect(input.hint?.text).toContain('sudah dibina, catatan kinerja kembali diisi');
    expect(textOf(modal.blocks)).toContain('Budi Santoso');
  });

  it('does not name a hidden reporter', () => {
    expect(textOf(resolveModal(reportView(null)))).not.toContain('Rahmat');
  });
});

const people = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    name: `Pegawai ${i + 1}`,
    nip: `1990010120150310${String(i % 100).padStart(2, '0')}`,
    kpiDays: 3,
    workingDays: 5,
    remindersAnswered: 4,
    remindersSent: 5,
  }));
const week = (n: number) => ({ weekStart: '2026-12-21', weekEnd: '2026-12-27', people: people(n) });
const manyFlags = (n: number) => Array.from({ length: n }, (_, i) => view(kpiCandidate, { id: 1000 + i }));

describe('homeView', () => {
  it('lists open flags with the same buttons and the week compliance', () => {
    const home = homeView({
      viewerName: 'Sri Wahyuni',
      isHr: false,
      flags: [view(kpiCandidate), view(absenceCandidate, { id: 8, status: 'acknowledged' })],
      week: week(2),
    });
    expect(home.type).toBe('home');
    const all = textOf(home.blocks);
    expect(all).toContain('Tanda terbuka tim Anda (2)');
    expect(all).toContain('Kepatuhan pekan ini (21-27 Desember 2026)');
    expect(all).toContain('*Pegawai 1* (NIP 199001012015031000): Kinerja 3/5 hari · Pengingat 4/5 dijawab');
    const blocks = home.blocks as types.KnownBlock[];
    expect(actions(blocks).map((b) => b.block_id)).toEqual(['flag:7', 'flag:8']);
    expect(actionIds(blocks)).toEqual(['flag_acknowledge', 'flag_resolve', 'flag_escalate', 'flag_resolve', 'flag_escalate']);
  });

  it('says so in words when there is nothing', () => {
    const all = textOf(homeView({ viewerName: 'Sri', isHr: true, flags: [], week: week(0) }).blocks);
    expect(all).toContain('Tidak ada tanda terbuka. 👍');
    expect(all).toContain('tim SDM');
  });

  it('stays within 100 blocks with 200 flags and 300 people, and says how many more', () => {
    const home = homeView({ viewerName: 'Sri', isHr: true, flags: manyFlags(200), week: week(300) });
    expect(home.blocks.length).toBeLessThanOrEqual(100);
    const all = textOf(home.blocks);
    expect(all).toContain('dan 175 lainnya — lihat antarmuka admin');
    expect(all).toContain('dan 150 lainnya — lihat antarmuka admin');
    for (const text of texts(home.blocks)) expect(text.length).toBeLessThanOrEqual(3000);
  });
});

describe('digestMessage', () => {
  it('counts by status and lists the oldest open flags first, at most 10', () => {
    const open = Array.from({ length: 12 }, (_, i) =>
      view(kpiCandidate, {
        id: 100 + i,
        employee: { ...budi, name: `Pegawai ${i}` },
        raisedAt: new Date(Date.UTC(2026, 11, 20 - i, 3)),
        status: i % 3 === 0 ? 'escalated' : i % 3 === 1 ? 'acknowledged' : 'open',
      }),
    );
    const digest = digestMessage({ supervisorName: 'Sri Wahyuni', date: '2026-12-24', open, resolvedYesterday: 2 });
    const all = textOf(digest.blocks);
    expect(all).toContain('Terbuka: *4* · Dieskalasi: *4* · Ditindaklanjuti: *4* · Selesai kemarin: *2*');
    expect(all).toContain('Kamis, 24 Desember 2026');
    expect(all).toContain('Beranda');
    const list = texts(digest.blocks).find((t) => t.startsWith('*Tanda terbuka'))!;
    const lines = list.split('\n').slice(1);
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe('• *Pegawai 11* (NIP 198703152010011002): Catatan kinerja kosong, 15 hari');
    expect(lines[9]).toContain('Pegawai 2*');
    expect(lines[10]).toBe('• dan 2 lainnya');
    expect(digest.text).toBe('Ringkasan tanda Kamis, 24 Desember 2026: 12 terbuka, 2 selesai kemarin.');
  });

  it('says so when nothing is open', () => {
    const digest = digestMessage({ supervisorName: 'Sri', date: '2026-12-24', open: [], resolvedYesterday: 0 });
    expect(textOf(digest.blocks)).toContain('Tidak ada tanda terbuka. 👍');
  });
});

describe('weekSummaryText', () => {
  it('writes one line per day with the Indonesian weekday and date', () => {
    const days = Array.from({ length: 7 }, (_, i) => ({
      date: addDays('2026-12-21', i),
      working: i < 3,
      kpiLogs: i === 0 ? 2 : 0,
      reminder: (['dijawab', 'terlambat', 'tidak dijawab', null, null, null, null] as const)[i]!,
      leave: i === 3 ? 'Cuti bersama' : null,
    }));
    const text = weekSummaryText({ name: 'Budi <Santoso>', nip: budi.nip, weekStart: '2026-12-21', weekEnd: '2026-12-27', days });
    const lines = text.split('\n');
    expect(lines[0]).toBe('*Budi &lt;Santoso&gt;* (NIP 198703152010011002), pekan 21-27 Desember 2026:');
    expect(lines.slice(1, 8)).toEqual([
      '• Senin, 21 Desember 2026: 2 catatan kinerja · pengingat dijawab',
      '• Selasa, 22 Desember 2026: belum ada catatan kinerja · pengingat dijawab terlambat',
      '• Rabu, 23 Desember 2026: belum ada catatan kinerja · pengingat tidak dijawab',
      '• Kamis, 24 Desember 2026: cuti/izin: Cuti bersama',
      '• Jumat, 25 Desember 2026: hari libur',
      '• Sabtu, 26 Desember 2026: akhir pekan',
      '• Minggu, 27 Desember 2026: akhir pekan',
    ]);
    expect(lines[8]).toBe('Jumlah: catatan kinerja 1/3 hari kerja · pengingat dijawab tepat waktu 1/3');
  });
});

describe('refusalText', () => {
  it('explains each refusal in Indonesian', () => {
    expect(refusalText('not_allowed')).toBe(
      'Anda tidak berwenang menindaklanjuti tanda ini: hanya atasan yang dituju, atasan di atasnya, atau tim SDM.',
    );
    expect(refusalText('already_resolved')).toContain('sudah diselesaikan');
    expect(refusalText('unknown_flag')).toContain('tidak ditemukan');
  });
});

describe('Slack accepts what we render', () => {
  let fake: FakeSlack;
  let client: WebClient;
  beforeAll(async () => {
    fake = await startFakeSlack();
    fake.addUser({ id: 'U0SRI', email: 'sri@pemkot.go.id', name: 'Sri Wahyuni' });
    client = new WebClient(fake.token, {
      slackApiUrl: `${fake.url}/api/`,
      retryConfig: { retries: 0 },
      logger: silentSlackLogger,
    });
  });
  afterAll(async () => {
    await fake.close();
  });

  const escaped = reportView(null, '<script>alert(1)</script> <@U123> & '.repeat(200));
  escaped.report!.subject = '<@U123> & <!channel>';
  const messages = {
    kpi: flagMessage(view(kpiCandidate)),
    discipline: flagMessage(view(disciplineCandidate)),
    absence: flagMessage(view(absenceCandidate)),
    longAbsence: flagMessage(view(longAbsenceCandidate, { level: 2, assignee: null, status: 'escalated' })),
    hiddenReport: flagMessage(reportView(null)),
    namedReport: flagMessage(reportView(rahmat)),
    escaped: flagMessage(escaped),
    resolved: flagMessage(view(kpiCandidate, { status: 'resolved', resolution: 'x'.repeat(2000) })),
    digest: digestMessage({ supervisorName: 'Sri Wahyuni', date: '2026-12-24', open: manyFlags(30), resolvedYesterday: 1 }),
    emptyDigest: digestMessage({ supervisorName: 'Sri Wahyuni', date: '2026-12-24', open: [], resolvedYesterday: 0 }),
  };

  it.each(Object.entries(messages))('posts the %s message', async (_name, message) => {
    const posted = await client.chat.postMessage({ channel: 'C_HR', ...message });
    expect(posted.ok).toBe(true);
    expect(fake.messages('C_HR').at(-1)).toMatchObject({ text: message.text, blocks: message.blocks });
  });

  it('updates a message in place after an action', async () => {
    const posted = await client.chat.postMessage({ channel: 'C_HR', ...messages.kpi });
    const after = flagMessage(view(kpiCandidate, { status: 'acknowledged' }));
    await client.chat.update({ channel: 'C_HR', ts: posted.ts!, ...after });
    const stored = fake.messages('C_HR').find((m) => m.ts === posted.ts)!;
    expect(actionIds(stored.blocks!)).toEqual(['flag_resolve', 'flag_escalate', 'flag_rule']);
  });

  it('posts the week summary', async () => {
    const text = weekSummaryText({
      name: 'Budi',
      nip: budi.nip,
      weekStart: '2026-12-21',
      weekEnd: '2026-12-27',
      days: [{ date: '2026-12-21', working: true, kpiLogs: 1, reminder: 'dijawab', leave: null }],
    });
    expect((await client.chat.postEphemeral({ channel: 'C_HR', user: 'U0SRI', text })).ok).toBe(true);
  });

  it('opens the resolve modal', async () => {
    for (const flag of [view(kpiCandidate), escaped]) {
      const opened = await client.views.open({ trigger_id: fake.issueTriggerId(), view: resolveModal(flag) });
      expect(opened.ok).toBe(true);
    }
    expect(fake.views.opened).toHaveLength(2);
  });

  it('publishes the Home tab, full and empty', async () => {
    const full = homeView({ viewerName: 'Sri <HR>', isHr: true, flags: [...manyFlags(199), escaped], week: week(300) });
    expect((await client.views.publish({ user_id: 'U0SRI', view: full })).ok).toBe(true);
    const empty = homeView({ viewerName: 'Sri', isHr: false, flags: [], week: week(0) });
    expect((await client.views.publish({ user_id: 'U0SRI', view: empty })).ok).toBe(true);
    expect(fake.views.published).toHaveLength(2);
  });
});
