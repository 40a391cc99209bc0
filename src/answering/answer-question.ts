import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { cleanText } from '../text/clean-text.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import { answerAboutStatus, withLegalStatus } from './answer-about-status.js';
import type { Answer, AnswerReason, Citation } from './answer-types.js';
import { composeExtractive } from './compose-extractive.js';
import { composeWithLlm, type Turn } from './compose-with-llm.js';
import type { LexiconCache } from './lexicon.js';
import { hasNoWords, looksLikeInjection, normalizeQuestion, type NormalizedQuestion } from './normalize-question.js';
import type { Prompts } from './prompts.js';
import type { Reranker } from './rerank.js';
import { defaultSearchOptions, searchPassages, type Embedder, type SearchOptions } from './search-passages.js';

export interface AnsweringDeps {
  db: Database;
  lexicons: LexiconCache;
  logger: Logger;
  maxQuestionChars: number;
  /** With a chat model, answers are written by it from the passages; without, they are quoted. */
  llm?: { model: BaseChatModel; prompts: Prompts; timeoutMs: number };
  embedder?: Embedder;
  /** Reorders the best passages (RERANK); off by default. */
  reranker?: Reranker;
  search?: Partial<SearchOptions>;
}

export interface QuestionInput {
  question: string;
  /** Where it was asked: `cli`, `web`, `telegram`... stored with the log entry. */
  channel: string;
  history?: Turn[];
  /** Pseudonymous asker (`tg:<user id>`), stored so that only the asker may rate the answer. */
  asker?: string;
}

/** Said first when an amount was asked for: the regulations found are about the subject, not its amount. */
const amountNotStated = {
  id: 'Peraturan yang ada di basis pengetahuan tidak menyebutkan besaran atau nominalnya (besaran gaji, tunjangan dan pensiun biasanya diatur dalam peraturan tersendiri).',
  en: 'The regulations in the knowledge base do not state this amount (salary, allowance and pension amounts are usually set by separate regulations).',
};

const messages: Record<Exclude<AnswerReason, 'answered'>, { id: string; en: string }> = {
  not_found: {
    id: 'Maaf, basis pengetahuan belum memuat jawaban untuk pertanyaan ini, jadi saya tidak akan menebak. Pertanyaan Anda sudah dicatat untuk ditinjau tim SDM. Coba tanyakan dengan kata lain, atau hubungi bagian kepegawaian.',
    en: 'Sorry, the knowledge base does not cover this question yet, so I will not guess. Your question has been recorded for the HR team to review. Try asking in other words, or contact the personnel office.',
  },
  empty: {
    id: 'Pertanyaannya masih kosong. Tulis pertanyaan tentang disiplin, netralitas, media sosial, kinerja (SKP), kode etik atau cuti.',
    en: 'The question is empty. Ask about discipline, neutrality, social media, performance (SKP), ethics or leave.',
  },
  too_long: {
    id: 'Pertanyaan terlalu panjang (lebih dari {max} karakter). Ringkas pertanyaan Anda menjadi satu atau dua kalimat, lalu kirim lagi.',
    en: 'The question is too long (more than {max} characters). Please shorten it to one or two sentences and send it again.',
  },
  no_words: {
    id: 'Saya hanya bisa membaca pertanyaan tertulis. Tulis pertanyaan Anda dengan kata-kata, misalnya: "Apa sanksi jika tidak masuk kerja 5 hari?"',
    en: 'I can only read written questions. Please type your question in words.',
  },
  injection: {
    id: 'Saya hanya menjawab pertanyaan tentang peraturan ASN dari basis pengetahuan, dan tidak dapat mengubah cara kerja saya. Silakan ajukan pertanyaan tentang disiplin, netralitas, media sosial, kinerja, kode etik atau cuti.',
    en: 'I only answer questions about civil-service regulations from the knowledge base and cannot change how I work. Please ask about discipline, neutrality, social media, performance, ethics or leave.',
  },
};

/** Longest question text kept in the log, so that a flood cannot fill the database. */
const maxLoggedChars = 10_000;

/**
 * Answers a question from the knowledge base: cited, grounded in retrieved passages, or an honest
 * "not covered" that is recorded for HR. Never throws for bad input or an unavailable model.
 */
export async function answerQuestion(deps: AnsweringDeps, input: QuestionInput): Promise<Answer> {
  const startedAt = performance.now();
  // Every channel cleans at its edge; the service stores the question, so it makes sure too.
  const question = cleanText(input.question).trim();
  const normalized = normalizeQuestion(question.slice(0, deps.maxQuestionChars));
  const language = normalized.language;
  const refuse = (reason: Exclude<AnswerReason, 'answered'>): Answer => ({
    answer: messages[reason][language].replace('{max}', String(deps.maxQuestionChars)),
    grounded: false,
    citations: [],
    mode: 'refusal',
    reason,
  });

  let answer: Answer;
  let topScore: number | undefined;
  if (question === '') answer = refuse('empty');
  else if (question.length > deps.maxQuestionChars) answer = refuse('too_long');
  else if (hasNoWords(question)) answer = refuse('no_words');
  else if (looksLikeInjection(question)) answer = refuse('injection');
  else {
    // A question about a regulation's status is answered from the texts' relations (legal-status/).
    const status = await answerAboutStatus(deps.db, question);
    if (status?.answer) answer = { ...status.answer, mode: 'extractive', reason: 'answered' };
    else {
      const result = await searchPassages(deps.db, deps.lexicons, normalized, {
        ...defaultSearchOptions,
        ...deps.search,
        embedder: deps.embedder,
        reranker: deps.reranker,
      });
      if (result.reranked && result.reranked !== 'reordered') {
        deps.logger.warn({ reranker: deps.reranker?.name, error: result.reranked.failed }, 'reranker failed, lexical order kept');
      }
      topScore = result.bestCoverage;
      if (!result.grounded || result.hits.length === 0) {
        answer = refuse('not_found');
        if (result.amountMissing) answer.answer = `${amountNotStated[language]} ${answer.answer}`;
      } else answer = await compose(deps, input, result.hits, normalized);
    }
    answer = await withLegalStatus(deps.db, answer, status);
  }

  const latencyMs = Math.round(performance.now() - startedAt);
  if (question !== '') {
    const entry = await deps.db.prisma.questionLog.create({
      data: {
        channel: input.channel,
        asker: input.asker ?? null,
        question: question.slice(0, maxLoggedChars),
        normalized: normalized.text.slice(0, maxLoggedChars),
        grounded: answer.grounded,
        mode: answer.mode,
        reason: answer.reason,
        answer: answer.answer,
        citations: answer.citations as unknown as object,
        topScore: topScore ?? null,
        latencyMs,
      },
    });
    answer.logId = entry.id;
  }
  deps.logger.info(
    {
      logId: answer.logId,
      channel: input.channel,
      grounded: answer.grounded,
      mode: answer.mode,
      reason: answer.reason,
      citations: answer.citations.length,
      latencyMs,
    },
    'question answered',
  );
  return answer;
}

async function compose(
  deps: AnsweringDeps,
  input: QuestionInput,
  hits: Parameters<typeof composeExtractive>[0],
  normalized: NormalizedQuestion,
): Promise<Answer> {
  const language = normalized.language;
  if (deps.llm) {
    try {
      const result = await composeWithLlm({ ...deps.llm, question: input.question, hits, language, history: input.history });
      if (result.kind === 'not_found') {
        return { answer: messages.not_found[language], grounded: false, citations: [], mode: 'llm', reason: 'not_found' };
      }
      if (result.kind === 'answer') {
        return { answer: result.answer, grounded: true, citations: result.citations, mode: 'llm', reason: 'answered' };
      }
      // An uncited reply breaks the grounding rule: it is not shown; the passages are quoted instead.
      deps.logger.warn({ mode: 'llm' }, 'llm reply cited no passage, answering extractively');
    } catch (error) {
      // The model is a convenience: when it fails or is slow, quote the passages instead.
      deps.logger.warn(
        { err: { name: (error as Error).name, message: (error as Error).message } },
        'llm failed, answering extractively',
      );
    }
  }
  const extractive: { answer: string; citations: Citation[] } = composeExtractive(
    hits,
    normalized,
    await deps.lexicons.get(),
    language,
  );
  return { ...extractive, grounded: true, mode: 'extractive', reason: 'answered' };
}
