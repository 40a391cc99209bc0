import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusDir } from '../../helpers/knowledge.js';

/**
 * The corpus's texts under neutral names (`pp-53-2010.txt`, `uu-5-2014.txt`): without the
 * `-dicabut` that marks two of them revoked by file name, so that only the texts can tell.
 */
export function neutralCorpus(): { dir: string; file: (name: string) => string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'asn-corpus-'));
  for (const name of readdirSync(corpusDir).filter((n) => n.endsWith('.txt'))) {
    const neutral = /^([a-z]+-\d+-\d{4})/.exec(name)![1]!;
    copyFileSync(join(corpusDir, name), join(dir, `${neutral}.txt`));
  }
  return { dir, file: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
