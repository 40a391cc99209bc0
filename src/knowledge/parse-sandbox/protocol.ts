import type { DocumentLimits } from '../document-limits.js';
import type { AppErrorCode } from '../../errors.js';

/** The formats read in a worker: those whose parsers do work out of proportion to the file's size. */
export type SandboxedFormat = 'pdf' | 'docx' | 'html';

/** What the caller asks the worker to read: one file, once. */
export interface ParseRequest {
  format: SandboxedFormat;
  fileName: string;
  content: Uint8Array;
  limits: DocumentLimits;
}

/** What the parent sends: `warm` to a spare (load the readers while idle), then one file. */
export type ParentMessage = { type: 'warm' } | ({ type: 'parse' } & ParseRequest);

/** What the worker sends back: progress through a PDF, then one answer. */
export type WorkerMessage =
  | { type: 'page'; page: number }
  | { type: 'done'; text: string; pageCount?: number }
  | { type: 'refused'; code: AppErrorCode; userMessage: string };
