import { Worker } from 'node:worker_threads';
import { AppError } from '../../errors.js';
import { MAX_CONCURRENT_PARSES, PARSE_MEMORY_MB, formatCount, formatSeconds } from '../document-limits.js';
import type { ParentMessage, ParseRequest, WorkerMessage } from './protocol.js';

/** What a worker extracted from a file. */
export interface ParsedText {
  text: string;
  pageCount?: number;
}

const MB = 1024 * 1024;
// A plain .mjs entry, so the worker starts the same under tsx, vitest or plain node.
const entry = new URL('./parse-worker.mjs', import.meta.url);

/**
 * Reads one file in a worker thread with a heap limit, a watch on the process's memory, a total
 * time limit and (for PDFs) a time limit per page. Whatever happens inside (a refusal, running out of memory, a hang, a crash),
 * the caller gets the text or an AppError, and the worker is gone afterwards.
 *
 * One worker per file, so nothing a hostile file leaves behind (pdf.js caches, a heap near its
 * limit) reaches the next. Starting one costs 300-400 ms (tsx, then pdf.js): a spare started
 * after each file saves the next one that wait (bench/document-limits-bench.ts).
 */
export async function parseInWorker(request: ParseRequest): Promise<ParsedText> {
  const release = await parseSlots.acquire();
  try {
    return await runWorker(request);
  } finally {
    release();
  }
}

function runWorker({ format, fileName, content, limits }: ParseRequest): Promise<ParsedText> {
  const worker = takeWorker(limits.parseMemoryMb);
  return new Promise<ParsedText>((resolve, reject) => {
    let settled = false;
    let pageTimer: NodeJS.Timeout | undefined;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(totalTimer);
      clearTimeout(pageTimer);
      clearInterval(memoryWatch);
      // terminate() stops the worker even inside a synchronous loop; its memory goes with it.
      void worker.terminate();
      outcome();
      // Started now rather than beside the parse, so that its start does not compete with it for a core.
      if (limits.parseMemoryMb === PARSE_MEMORY_MB) spare ??= startSpare();
    };
    const refuse = (error: AppError) => settle(() => reject(error));
    const unreadable = (cause: unknown) =>
      refuse(new AppError(`unreadable_${format}`, `Berkas ${fileName} rusak atau tidak dapat dibaca.`, { cause }));
    const outOfMemory = (limitMb: number, cause?: unknown) =>
      refuse(
        new AppError(
          'parse_out_of_memory',
          `Membaca berkas ${fileName} memerlukan lebih dari ${formatCount(limitMb)} MB memori; batasnya ${formatCount(limitMb)} MB.`,
          { cause },
        ),
      );

    // Buffers are not on the heap the worker's limit counts: the process's RSS is watched too.
    const rssAtStart = process.memoryUsage.rss();
    const memoryWatch = setInterval(() => {
      if (process.memoryUsage.rss() - rssAtStart > limits.parseRssGrowthMb * MB) outOfMemory(limits.parseRssGrowthMb);
    }, 25);

    const totalTimer = setTimeout(
      () =>
        refuse(
          new AppError(
            'parse_timeout',
            `Membaca berkas ${fileName} tidak selesai dalam ${formatSeconds(limits.parseTimeoutMs)}; ` +
              `batasnya ${formatSeconds(limits.parseTimeoutMs)} per berkas.`,
          ),
        ),
      limits.parseTimeoutMs,
    );

    worker.on('message', (message: WorkerMessage) => {
      switch (message.type) {
        case 'page':
          clearTimeout(pageTimer);
          pageTimer = setTimeout(
            () =>
              refuse(
                new AppError(
                  'pdf_page_timeout',
                  `Halaman ${formatCount(message.page)} PDF ${fileName} tidak selesai dibaca dalam ` +
                    `${formatSeconds(limits.pdfPageTimeoutMs)}; batasnya ${formatSeconds(limits.pdfPageTimeoutMs)} per halaman.`,
                ),
              ),
            limits.pdfPageTimeoutMs,
          );
          return;
        case 'done':
          return settle(() => resolve({ text: message.text, pageCount: message.pageCount }));
        case 'refused':
          return refuse(new AppError(message.code, message.userMessage));
      }
    });
    worker.on('error', (error: Error & { code?: string }) =>
      error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? outOfMemory(limits.parseMemoryMb, error) : unreadable(error),
    );
    worker.on('exit', (code) => unreadable(new Error(`parse worker exited with code ${code} before answering`)));

    // The worker gets its own copy: the caller's bytes stay usable (and hashable) after the call.
    const copy = new Uint8Array(content);
    worker.postMessage({ type: 'parse', format, fileName, content: copy, limits } satisfies ParentMessage, [copy.buffer]);
  });
}

function startWorker(memoryMb: number): Worker {
  return new Worker(entry, {
    // The parent's flags (vitest's, tsx's loader) are not the worker's business; the entry registers tsx itself.
    execArgv: [],
    resourceLimits: {
      maxOldGenerationSizeMb: memoryMb,
      maxYoungGenerationSizeMb: Math.min(64, Math.max(8, Math.floor(memoryMb / 8))),
      stackSizeMb: 4,
    },
  });
}

let spare: Worker | undefined;

/** The spare worker, when it has the heap limit asked for, or a new one. */
function takeWorker(memoryMb: number): Worker {
  const taken = memoryMb === PARSE_MEMORY_MB ? spare : undefined;
  if (!taken) return startWorker(memoryMb);
  spare = undefined;
  taken.removeAllListeners();
  taken.ref();
  return taken;
}

/**
 * A worker for the next file, started when a file is done, that loads the readers and waits.
 * It waits unreferenced, so it never keeps a finished `asn` command alive.
 */

function startSpare(): Worker {
  const worker = startWorker(PARSE_MEMORY_MB);
  worker.unref();
  worker.postMessage({ type: 'warm' } satisfies ParentMessage);
  const drop = () => {
    if (spare === worker) spare = undefined;
  };
  worker.once('error', drop).once('exit', drop);
  return worker;
}

/** At most MAX_CONCURRENT_PARSES workers at once; a finished one hands its slot to the next in line. */
const parseSlots = (() => {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  return {
    async acquire(): Promise<() => void> {
      if (running < MAX_CONCURRENT_PARSES) running++;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      return release;
    },
  };
})();
