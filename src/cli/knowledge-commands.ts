import { readFile } from 'node:fs/promises';
import { answerQuestion } from '../answering/answer-question.js';
import { citationLabel } from '../answering/answer-types.js';
import { evaluateRetrieval, mrrDepth, parseEvalSet, reportedDepths } from '../answering/evaluate-retrieval.js';
import { productRetriever } from '../answering/search-for-eval.js';
import { AppError } from '../errors.js';
import { out, progress } from './cli-io.js';
import { defineCommand } from './command-spec.js';
import { kbIngestCommand } from './kb-ingest-command.js';
import { kbList, kbMissing } from './kb-status-commands.js';
import { UsageError } from './usage-error.js';

const json = { type: 'boolean', help: 'Mencetak hasilnya sebagai JSON.' } as const;

const ask = defineCommand({
  name: 'ask',
  args: ['"<pertanyaan>"'],
  restInLast: true,
  options: {
    json: { ...json, help: 'Mencetak {"answer", "grounded", "citations": [{"source", "title", "section", "snippet"}]}.' },
  },
  summary: 'Menjawab dari basis pengetahuan, dengan kutipan pasal.',
  examples: ['asn ask "boleh gak PNS like postingan caleg di IG?" --json'],
  async run(ctx, input) {
    const answer = await answerQuestion(ctx.answering, { question: input.positionals.join(' '), channel: 'cli' });
    if (input.flag('json')) {
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
});

const evaluate = defineCommand({
  name: 'eval',
  args: ['<pertanyaan.jsonl>'],
  options: {
    k: { type: 'string', default: '5', help: 'Berapa kutipan teratas yang dinilai.' },
    json,
  },
  summary:
    'Mengukur kualitas pencarian: recall@k (juga @1, @3, @5, @10), MRR, penolakan di luar cakupan, dan setiap yang meleset.',
  details: [
    'Satu objek JSON per baris: {"question": "...", "expect": [{"source": "pp-94-2021", "section": "Pasal 9"}]};',
    '"expect" kosong berarti pertanyaan di luar cakupan dan harus ditolak.',
  ],
  plan(input) {
    const k = Number(input.text('k'));
    if (!Number.isInteger(k) || k < 1) throw new UsageError('--k harus bilangan bulat positif.');
    return { file: input.positionals[0]!, k, json: input.flag('json') };
  },
  async run(ctx, { file, k, json: asJson }) {
    const text = await readFile(file, 'utf8').catch(() => {
      throw new AppError('not_found', `Berkas tidak dapat dibaca: ${file}`);
    });
    let cases: ReturnType<typeof parseEvalSet>;
    try {
      cases = parseEvalSet(text);
    } catch (error) {
      throw new AppError('bad_eval_file', `${file} ${(error as Error).message}`);
    }
    // The search only cuts its ranking at `depth`, so the top k of a deeper search is the top k.
    const retrieve = productRetriever(ctx.db, ctx.lexicons, { depth: Math.max(k, mrrDepth), embedder: ctx.answering.embedder });
    const report = await evaluateRetrieval(cases, k, retrieve, (done, total) => done % 25 === 0 && progress(`${done}/${total}`));
    if (asJson) out(JSON.stringify(report, null, 2));
    else {
      const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
      out(`Pertanyaan: ${report.questions} (${report.inScope} dalam cakupan, ${report.outOfScope} di luar cakupan)`);
      out(`recall@${k}: ${report.recallAtK.toFixed(3)}   MRR: ${report.mrr.toFixed(3)}`);
      out(
        `${reportedDepths.map((d) => `recall@${d}: ${report.recallAt[d]!.toFixed(3)}`).join('   ')}   MRR@${mrrDepth}: ${report.mrrAt10.toFixed(3)}`,
      );
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
});

/** The knowledge base: documents in, questions out, and how well retrieval does. */
export const knowledgeCommands = [kbIngestCommand, kbList, kbMissing, ask, evaluate];
