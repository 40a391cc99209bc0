/**
 * How much work one uploaded or ingested document may cost before it is refused. Every file goes
 * through them, from the admin upload, `asn kb ingest` and `KNOWLEDGE_DIR` alike.
 *
 * The defaults leave a wide margin over HR's real documents: the regulations in the corpus are
 * 13–240 KB of text, a PP as PDF has at most a few hundred pages, a DOCX of one inflates to a
 * few MB. The attacks they stop are files of a few hundred KB that unpack to hundreds of MB.
 */

const MB = 1024 * 1024;

/** Largest file accepted, of any kind (the admin upload has its own, smaller, limit too). */
export const MAX_DOCUMENT_BYTES = 50 * MB;
/**
 * Most characters of text one document may yield: 8 times the longest real regulation (240 KB),
 * about 800 dense pages. Splitting the text runs on the main thread (about 0.3 s per million).
 */
export const MAX_TEXT_CHARS = 2_000_000;
/** Longest front matter block of a Markdown file (real ones are under 1,000 characters). */
export const MAX_FRONT_MATTER_CHARS = 16 * 1024;

/** Most pages of a PDF; checked from the page count before any page is read. */
export const MAX_PDF_PAGES = 2_000;
/** Largest decoded size of one compressed stream of a PDF that is not an image (page contents, fonts). */
export const MAX_PDF_STREAM_BYTES = 32 * MB;
/** Largest decoded size of all those streams of a PDF together. */
export const MAX_PDF_DECODED_BYTES = 128 * MB;

/** Largest size of all the parts of a DOCX once unpacked, as its ZIP directory declares them. */
export const MAX_DOCX_UNCOMPRESSED_BYTES = 100 * MB;
/**
 * Largest size of the XML parts of a DOCX once unpacked, the part mammoth parses (images are not
 * read for text). mammoth needs 25 to 85 times the XML in memory: 10 MB reads in 4 s, 20 MB
 * exhausts the worker's 512 MB. A 300-page regulation in Word has 3–6 MB of XML.
 */
export const MAX_DOCX_XML_BYTES = 12 * MB;
/** Highest unpacked/packed ratio of a DOCX part of a MB or more (Word's XML packs 5–20 times). */
export const MAX_DOCX_RATIO = 100;
/** Most parts (files inside the ZIP) of a DOCX. */
export const MAX_DOCX_ENTRIES = 5_000;

/** Memory (V8 heap) of the worker that reads one PDF, DOCX or HTML file. */
export const PARSE_MEMORY_MB = 512;
/**
 * How far the process's RSS may grow while one file is read. The heap limit does not cover the
 * buffers pdf.js and jszip decode into; this watch does, whatever slipped past the stream checks.
 */
export const PARSE_RSS_GROWTH_MB = 1024;
/** Longest time reading one document may take, from the worker's start to its answer. */
export const PARSE_TIMEOUT_MS = 60_000;
/** Longest time one PDF page may take. */
export const PDF_PAGE_TIMEOUT_MS = 15_000;
/** Documents read at the same time; more wait their turn (the machine has a few cores). */
export const MAX_CONCURRENT_PARSES = 2;

/** The limits one load runs under; tests and the benchmark narrow them to reach them quickly. */
export interface DocumentLimits {
  maxDocumentBytes: number;
  maxTextChars: number;
  maxPdfPages: number;
  maxPdfStreamBytes: number;
  maxPdfDecodedBytes: number;
  maxDocxUncompressedBytes: number;
  maxDocxXmlBytes: number;
  maxDocxRatio: number;
  maxDocxEntries: number;
  parseMemoryMb: number;
  parseRssGrowthMb: number;
  parseTimeoutMs: number;
  pdfPageTimeoutMs: number;
}

export const defaultDocumentLimits: Readonly<DocumentLimits> = Object.freeze({
  maxDocumentBytes: MAX_DOCUMENT_BYTES,
  maxTextChars: MAX_TEXT_CHARS,
  maxPdfPages: MAX_PDF_PAGES,
  maxPdfStreamBytes: MAX_PDF_STREAM_BYTES,
  maxPdfDecodedBytes: MAX_PDF_DECODED_BYTES,
  maxDocxUncompressedBytes: MAX_DOCX_UNCOMPRESSED_BYTES,
  maxDocxXmlBytes: MAX_DOCX_XML_BYTES,
  maxDocxRatio: MAX_DOCX_RATIO,
  maxDocxEntries: MAX_DOCX_ENTRIES,
  parseMemoryMb: PARSE_MEMORY_MB,
  parseRssGrowthMb: PARSE_RSS_GROWTH_MB,
  parseTimeoutMs: PARSE_TIMEOUT_MS,
  pdfPageTimeoutMs: PDF_PAGE_TIMEOUT_MS,
});

/** A count as Indonesian readers write it: 25.000. */
export const formatCount = (n: number) => Math.round(n).toLocaleString('id-ID');

/** A size as Indonesian readers write it: 600 KB, 0,5 MB, 204 MB. */
export const formatSize = (bytes: number) =>
  bytes < MB
    ? `${formatCount(Math.max(1, Math.ceil(bytes / 1024)))} KB`
    : `${(bytes / MB).toLocaleString('id-ID', { maximumFractionDigits: bytes < 10 * MB ? 1 : 0 })} MB`;

/** A duration in seconds, with a decimal under ten: 0,2 detik, 60 detik. */
export const formatSeconds = (ms: number) =>
  `${(ms / 1000).toLocaleString('id-ID', { maximumFractionDigits: ms < 10_000 ? 1 : 0 })} detik`;
