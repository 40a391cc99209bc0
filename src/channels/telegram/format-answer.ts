import { citationLabel, type Answer } from '../../answering/answer-types.js';
import { escapeHtml } from './html.js';

/** Telegram's limit is 4096 characters of text; tags do not count, but keep a margin anyway. */
export const maxMessageChars = 4000;

/**
 * The answer in Telegram HTML: escaped, with the regulation and article of each citation in bold,
 * split at paragraph boundaries into messages Telegram accepts.
 */
export function formatAnswerHtml(answer: Answer): string[] {
  let html = escapeHtml(answer.answer);
  const labels = [...new Set(answer.citations.map((c) => escapeHtml(citationLabel(c))))].sort((a, b) => b.length - a.length);
  for (const label of labels) html = html.split(label).join(`<b>${label}</b>`);
  html = html.replace(/<b><b>(.*?)<\/b><\/b>/g, '<b>$1</b>');
  return splitMessage(html, maxMessageChars);
}

/** Splits at blank lines, then single lines, then spaces; never inside a tag of this formatter. */
export function splitMessage(text: string, max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  const push = (piece: string, separator: string) => {
    if (current && current.length + separator.length + piece.length > max) {
      chunks.push(current);
      current = '';
    }
    current = current ? `${current}${separator}${piece}` : piece;
  };
  for (const paragraph of text.split('\n\n')) {
    if (paragraph.length <= max) {
      push(paragraph, '\n\n');
      continue;
    }
    for (const line of paragraph.split('\n')) {
      if (line.length <= max) push(line, '\n');
      else for (const word of line.split(' ')) push(word.length > max ? word.slice(0, max) : word, ' ');
    }
  }
  if (current) chunks.push(current);
  return chunks;
}
