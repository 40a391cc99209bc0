// The worker thread that reads one PDF, DOCX or HTML file and exits. It runs under the memory
// limit its parent set; whatever a file makes it do, the parent's event loop is not involved.
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../errors.js';
import type { ParentMessage, ParseRequest, WorkerMessage } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('parse-worker.ts runs as a worker thread (see run-in-worker.ts)');
const send = (message: WorkerMessage) => port.postMessage(message);

port.on('message', (message: ParentMessage) => {
  if (message.type === 'warm') return void warm();
  port.removeAllListeners('message');
  const request = message;
  parse(request).then(send, (error: unknown) => {
    // Each reader turns what it expects into an AppError; anything else is a file it could not read.
    const refusal =
      error instanceof AppError
        ? error
        : new AppError(`unreadable_${request.format}`, `Berkas ${request.fileName} rusak atau tidak dapat dibaca.`);
    send({ type: 'refused', code: refusal.code, userMessage: refusal.userMessage });
  });
});

/**
 * A spare loads every reader, and pdf.js itself, before it is given a file. Errors are left for
 * `parse` to meet: a warm-up has no one to tell.
 */
async function warm(): Promise<void> {
  try {
    await Promise.all([import('./read-docx.js'), import('./read-html.js'), import('./read-pdf.js')]);
    await (await import('unpdf')).getResolvedPDFJS();
  } catch {
    // parse() imports the same modules and reports what fails.
  }
}

/** Only the reader for the file's format is loaded: starting pdf.js for a DOCX would be wasted time. */
async function parse({ format, fileName, content, limits }: ParseRequest): Promise<WorkerMessage> {
  switch (format) {
    case 'pdf': {
      const { readPdf } = await import('./read-pdf.js');
      const pdf = await readPdf(fileName, content, limits, (page) => send({ type: 'page', page }));
      return { type: 'done', text: pdf.text, pageCount: pdf.pageCount };
    }
    case 'docx': {
      const { readDocx } = await import('./read-docx.js');
      return { type: 'done', text: await readDocx(fileName, content, limits) };
    }
    case 'html': {
      const { readHtml } = await import('./read-html.js');
      return { type: 'done', text: readHtml(fileName, content, limits) };
    }
  }
}
