import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { AppContext } from '../app-context.js';
import { answerQuestion } from '../answering/answer-question.js';
import { citationLabel } from '../answering/answer-types.js';
import { evaluateRetrieval, parseEvalSet } from '../answering/evaluate-retrieval.js';
import { normalizeQuestion } from '../answering/normalize-question.js';
import { toCitation } from '../answering/compose-extractive.js';
import { defaultSearchOptions, searchPassages } from '../answering/search-passages.js';
import { AppError } from '../errors.js';
import { ingestPaths } from '../knowledge/ingest-paths.js';
import { importPeople } from '../people/import-people.js';
import { issueLinkCode } from '../people/issue-link-code.js';
import { out, parse, progress } from './cli-io.js';
import { adminCommands } from './admin-commands.js';
import { reminderCommands } from './reminder-commands.js';
import { flagCommands, flagUsage } from './flag-commands.js';
import { UsageError } from './usage-error.js';

export interface Command {
  run(ctx: AppContext, args: string[]): Promise<number>;
}

export const usage = `Pemakaian: asn <perintah>

  kb ingest <berkas-atau-folder>... [--status berlaku|dicabut] [--replaced-by "<peraturan>"]
                        Memasukkan dan menerbitkan dokumen (PDF, DOCX, Markdown, TXT, HTML).
  kb list [--json]      Menampilkan dokumen di basis pengetahuan.
  ask "<pertanyaan>" [--json]
                        Menjawab dari basis pengetahuan, dengan kutipan pasal.
  eval <pertanyaan.jsonl> [--k 5] [--json]
                        Mengukur kualitas pencarian (recall@k, MRR, penolakan di luar cakupan).
  people import <pegawai.csv>
                        Memasukkan unit dan pegawai dari CSV (nip, nama, unit_kode, unit_nama, jabatan,
                        eselon, ...). Bila ada baris salah, semua kesalahan ditampilkan dan tidak ada
                        yang diubah.
  people code <NIP> [--days 7]
                        Membuat kode sekali pakai agar pegawai dapat menghubungkan akun Telegram.
  reminders list        Jadwal pengingat (default dan per unit).
  reminders set <disiplin|kinerja|ringkasan|netralitas> [--unit KODE] [--time 07:15] [--days 1-5]
                [--text "..."] [--window 120] [--on|--off]
                        Mengubah jadwal; dengan --unit membuat atau mengubah jadwal khusus unit itu.
  reminders remove <disiplin|kinerja|ringkasan|netralitas> --unit KODE
                        Menghapus jadwal khusus unit: unit kembali memakai jadwal induk atau bawaan.
  reminders preview <NIP> [--date 2026-11-24]
                        Apa yang akan diterima seorang pegawai pada hari itu, dan mengapa (tidak).
  holidays add <TTTT-BB-HH> <nama> [--kind cuti_bersama|daerah|nasional] [--unit KODE]
  holidays list         Hari libur yang dimasukkan tim SDM (libur nasional dihitung otomatis).
  leave add <NIP> <mulai> [selesai] [--kind cuti|izin|sakit|dl]
                        Mencatat cuti atau izin pegawai (tanggal TTTT-BB-HH): tanpa pengingat.
${flagUsage}  admin create <email> [--role hr|viewer]
                        Membuat akun antarmuka admin (/admin), atau mengganti kata sandi dan perannya.
                        Kata sandi (min. 10 karakter) dari ASN_ADMIN_PASSWORD atau stdin.
  admin list            Akun admin yang ada.

Pengaturan dibaca dari lingkungan: DATA_DIR, DATABASE_URL, OPENAI_API_KEY, OPENAI_BASE_URL, ...
`;

const kbIngest: Command = {
  async run(ctx, args) {
    const { values, positionals } = parse(() =>
      parseArgs({ args, allowPositionals: true, options: { status: { type: 'string' }, 'replaced-by': { type: 'string' } } }),
    );
    if (positionals.length === 0) throw new UsageError('Sebutkan berkas atau folder yang akan dimasukkan.');
    const status = values.status as string | undefined;
    if (status !== undefined && status !== 'berlaku' && status !== 'dicabut')
      throw new UsageError('--status harus berlaku atau dicabut.');
    let failed = 0;
    const outcomes = await ingestPaths(ctx.db, positionals, {
      meta: { ...(status ? { status } : {}), ...(values['replaced-by'] ? { replacedBy: values['replaced-by'] as string } : {}) },
      onFile: (o, i, total) => {
        const n = `[${i + 1}/${total}]`;
        if ('error' in o) {
          failed++;
          progress(`${n} GAGAL ${o.path}: ${o.error.userMessage}`);
          return;
        }
        const r = o.result;
        const label = r.regulation ? `${r.regulation}, ` : '';
        const what = { added: 'ditambahkan', updated: `versi ${r.version} diterbitkan`, unchanged: 'tidak berubah' }[r.outcome];
        out(`${n} ${r.source}: ${what} (${label}${r.passages} bagian${r.pages ? `, ${r.pages} halaman` : ''})`);
      },
    });
    ctx.lexicons.invalidate();
    const embedded = await ctx.embedPassages((done, total) => progress(`embedding ${done}/${total}`));
    const ok = outcomes.length - failed;
    out(`Selesai: ${ok} berkas berhasil, ${failed} gagal${embedded ? `, ${embedded} bagian di-embed` : ''}.`);
    return failed > 0 ? 1 : 0;
  },
};

const kbList: Command = {
  async run(ctx, args) {
    const { values } = parse(() => parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } }));
    const documents = await ctx.db.prisma.document.findMany({
      orderBy: { source: 'asc' },
      include: { versions: { orderBy: { version: 'desc' }, include: { _count: { select: { passages: true } } } } },
    });
    const rows = documents.map((d) => {
      const published = d.versions.find((v) => v.published);
      return {
        source: d.source,
        title: d.title,
        regulation: d.regulation,
        status: d.status,
        versions: d.versions.length,
        publishedVersion: published?.version ?? null,
        passages: published?._count.passages ?? 0,
      };
    });
    if (values.json) out(JSON.stringify(rows, null, 2));
    else if (rows.length === 0) out('Basis pengetahuan masih kosong. Tambahkan dokumen dengan: asn kb ingest <berkas>');
    else
      for (const r of rows) {
        const state = r.publishedVersion ? `v${r.publishedVersion} terbit` : 'tidak terbit';
        out(`${r.source}\t${r.regulation ?? '-'}\t${r.status}\t${state}\t${r.passages} bagian\t${r.title}`);
      }
    return 0;
  },
};

const ask: Command = {
  async run(ctx, args) {
    const { values, positionals } = parse(() =>
      parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } }),
    );
    const question = positionals.join(' ');
    const answer = await answerQuestion(ctx.answering, { question, channel: 'cli' });
    if (values.json) {
      out(
        JSON.stringify({
          answer: answer.answer,
          grounded: answer.grounded,
          citations: answer.citations.map(({ source, title, section, snippet }) => ({ source, title, section, snippet })),
        }),
      );
    } else {
      out(answer.answer);
      if (answer.citations.length && answer.mode === 'extractive') {
        out('');
        for (const c of answer.citations) out(`Sumber: ${citationLabel(c)} — ${c.title} (${c.source})`);
      }
    }
    return 0;
  },
};

const evaluate: Command = {
  async run(ctx, args) {
    const { values, positionals } = parse(() =>
      parseArgs({ args, allowPositionals: true, options: { k: { type: 'string', default: '5' }, json: { type: 'boolean' } } }),
    );
    const k = Number(values.k);
    if (!Number.isInteger(k) || k < 1) throw new UsageError('--k harus bilangan bulat positif.');
    if (positionals.length !== 1) throw new UsageError('Sebutkan satu berkas JSONL pertanyaan.');
    const text = await readFile(positionals[0]!, 'utf8').catch(() => {
      throw new AppError('not_found', `Berkas tidak dapat dibaca: ${positionals[0]}`);
    });
    let cases: ReturnType<typeof parseEvalSet>;
    try {
      cases = parseEvalSet(text);
    } catch (error) {
      throw new AppError('bad_eval_file', `${positionals[0]} ${(error as Error).message}`);
    }
    const report = await evaluateRetrieval(
      cases,
      k,
      async (question) => {
        const result = await searchPassages(ctx.db, ctx.lexicons, normalizeQuestion(question), {
          ...defaultSearchOptions,
          k,
          embedder: ctx.answering.embedder,
        });
        return { grounded: result.grounded && result.hits.length > 0, citations: result.hits.map(toCitation) };
      },
      (done, total) => done % 25 === 0 && progress(`${done}/${total}`),
    );
    if (values.json) out(JSON.stringify(report, null, 2));
    else {
      const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
      out(`Pertanyaan: ${report.questions} (${report.inScope} dalam cakupan, ${report.outOfScope} di luar cakupan)`);
      out(`recall@${k}: ${report.recallAtK.toFixed(3)}   MRR: ${report.mrr.toFixed(3)}`);
      out(`Dijawab (dalam cakupan): ${pct(report.answeredRate)}   Ditolak (di luar cakupan): ${pct(report.refusalRate)}`);
      if (report.misses.length) {
        out(`\nMeleset (${report.misses.length}):`);
        for (const m of report.misses) {
          const expected = m.expected.length
            ? m.expected.map((e) => `${e.source} ${e.section ?? ''}`.trim()).join(' / ')
            : '(harus ditolak)';
          out(`- ${m.question}\n    harap: ${expected}\n    dapat: ${m.grounded ? m.got.join('; ') || '-' : '(ditolak)'}`);
        }
      }
    }
    return 0;
  },
};

const peopleImport: Command = {
  async run(ctx, args) {
    const { positionals } = parse(() => parseArgs({ args, allowPositionals: true, options: {} }));
    if (positionals.length !== 1) throw new UsageError('Sebutkan satu berkas CSV pegawai.');
    const file = positionals[0]!;
    const bytes = await readFile(file).catch(() => {
      throw new AppError('not_found', `Berkas tidak dapat dibaca: ${file}`);
    });
    let text: string;
    try {
      // Strict: a file saved as ANSI by Excel would otherwise import names with broken letters.
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new AppError('not_utf8', `${file} bukan UTF-8. Di Excel, simpan sebagai "CSV UTF-8 (Comma delimited)".`);
    }
    const report = await importPeople(ctx.db, text);
    if (!report.ok) {
      for (const e of report.errors) progress(`baris ${e.line}: ${e.message}`);
      progress(`Tidak ada yang diubah: ${report.errors.length} kesalahan di ${file}. Perbaiki lalu ulangi.`);
      return 1;
    }
    const { created, updated, unchanged, units } = report;
    out(
      `Selesai: ${created} dibuat, ${updated} diperbarui, ${unchanged} tidak berubah; ` +
        `unit: ${units.created} dibuat, ${units.updated} diperbarui.`,
    );
    return 0;
  },
};

const peopleCode: Command = {
  async run(ctx, args) {
    const { values, positionals } = parse(() =>
      parseArgs({ args, allowPositionals: true, options: { days: { type: 'string', default: '7' } } }),
    );
    const ttlDays = Number(values.days);
    if (!Number.isInteger(ttlDays) || ttlDays < 1) throw new UsageError('--days harus bilangan bulat positif.');
    // `asn people code 19870512 201001 1 001` works too: the NIP is often written in groups.
    const nip = positionals.join('');
    if (!nip) throw new UsageError('Sebutkan NIP pegawai.');
    const issued = await issueLinkCode(ctx.db, nip, { now: new Date(), ttlDays });
    const expires = new Intl.DateTimeFormat('id-ID', { timeZone: 'Asia/Jakarta', dateStyle: 'full', timeStyle: 'short' });
    out(`Kode untuk ${issued.employee.name} (NIP ${issued.employee.nip}): ${issued.code}`);
    out(`Berlaku sampai: ${expires.format(issued.expiresAt)} WIB. Sekali pakai; kode lama pegawai ini tidak berlaku lagi.`);
    out('');
    out('Cara memakai (berikan kepada pegawai):');
    out(`  1. Buka bot Telegram instansi dan kirim: /daftar ${issued.code}`);
    const bot = ctx.config.telegram?.username ?? '<nama_bot>';
    // Deep-link payloads allow only A-Z, a-z, 0-9, _ and -: the code's dash is fine.
    out(`  2. Atau buka tautan https://t.me/${bot}?start=${issued.code} lalu tekan Mulai (/start ${issued.code}).`);
    return 0;
  },
};

export const commands: Record<string, Command> = {
  ...reminderCommands,
  ...flagCommands,
  ...adminCommands,
  'kb ingest': kbIngest,
  'kb list': kbList,
  ask,
  eval: evaluate,
  'people import': peopleImport,
  'people code': peopleCode,
};
