import { CORE_SCHEMA, load } from 'js-yaml';
import { AppError } from '../errors.js';
import { cleanJson, cleanText } from '../text/clean-text.js';
import { MAX_FRONT_MATTER_CHARS } from './document-limits.js';

/** A Markdown file split into the data its front matter declares and the body after it. */
export interface FrontMatter {
  data: Record<string, unknown>;
  content: string;
}

/**
 * Splits a Markdown file's front matter from its body and reads it as YAML, and only YAML.
 *
 * Why not gray-matter: it picks a parser from the opening line, and `---js` made it `eval` an
 * uploaded file's front matter on the server. Here the opening line is either a bare `---` (or
 * `---yaml`) or the file is refused; the YAML is read with the core schema, which has no tag that
 * builds functions, regular expressions or other objects, and no aliases (the "billion laughs").
 */
export function readFrontMatter(fileName: string, source: string): FrontMatter {
  const firstBreak = source.indexOf('\n');
  const opening = (firstBreak === -1 ? source : source.slice(0, firstBreak)).trimEnd();
  // `----` is a Markdown rule, not front matter (gray-matter agreed; the default knowledge base relies on none).
  if (!opening.startsWith('---') || opening.startsWith('----')) return { data: {}, content: source };

  const language = opening.slice(3).trim();
  if (language !== '' && !/^ya?ml$/i.test(language)) {
    throw new AppError(
      'front_matter_language',
      `Front matter di ${fileName} meminta bahasa "${shortened(language)}"; hanya YAML yang diterima. ` +
        'Awali front matter dengan baris --- saja.',
    );
  }
  if (firstBreak === -1) return unclosed(fileName);

  // The block ends at the first line that is `---` alone (trailing spaces and \r allowed).
  const closing = /^---[ \t]*\r?$/m;
  const rest = source.slice(firstBreak + 1);
  const end = closing.exec(rest);
  if (!end) return unclosed(fileName);
  const block = rest.slice(0, end.index);
  if (block.length > MAX_FRONT_MATTER_CHARS) {
    throw new AppError(
      'front_matter_too_long',
      `Front matter di ${fileName} panjangnya ${block.length.toLocaleString('id-ID')} karakter; ` +
        `batasnya ${MAX_FRONT_MATTER_CHARS.toLocaleString('id-ID')} karakter.`,
    );
  }
  const afterClosing = rest.slice(end.index + end[0].length);
  return { data: parseYaml(fileName, block), content: afterClosing.replace(/^\n/, '') };
}

function parseYaml(fileName: string, block: string): Record<string, unknown> {
  // js-yaml refuses a document that is empty or only comments; for front matter that means "nothing declared".
  if (block.replace(/^\s*#.*$/gm, '').trim() === '') return {};
  let value: unknown;
  try {
    value = load(block, { schema: CORE_SCHEMA, maxAliases: 0, maxDepth: 20, filename: fileName });
  } catch (error) {
    const reason = cleanText((error as Error).message.split('\n')[0] ?? '');
    throw new AppError('bad_front_matter', `Front matter di ${fileName} tidak valid: ${reason}`, { cause: error });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new AppError('bad_front_matter', `Front matter di ${fileName} tidak valid: isinya harus berupa pasangan kunci: nilai.`);
  }
  return cleanJson(value as Record<string, unknown>);
}

function unclosed(fileName: string): never {
  throw new AppError('bad_front_matter', `Front matter di ${fileName} tidak ditutup dengan baris ---.`);
}

/** What the file asked for, safe to show: no control characters, not a paragraph. */
const shortened = (s: string) => {
  const clean = cleanText(s);
  return clean.length > 24 ? `${clean.slice(0, 24)}…` : clean;
};
