import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LexiconCache } from '../../src/answering/lexicon.js';
import type { Database } from '../../src/db/database.js';
import { ingestDocument } from '../../src/knowledge/ingest-document.js';
import { openDatabasePair } from '../helpers/database-pair.js';
import { backends } from '../helpers/test-database.js';

describe.each(backends)('the lexicon cache follows the knowledge base, whoever changes it (%s)', (backend) => {
  let first: Database;
  let second: Database;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ first, second, close } = await openDatabasePair(backend));
  });
  afterAll(() => close?.());

  it('sees a document ingested through another connection at the next question, with no timer and no invalidate()', async () => {
    const cache = new LexiconCache(second);
    const before = await cache.get();
    expect(before.documentFrequency.has('trotoar')).toBe(false);
    expect(await cache.get()).toBe(before); // unchanged: the same lexicon, not rebuilt

    await ingestDocument(first, {
      fileName: 'perwali-12-2026-trotoar.md',
      content: Buffer.from(
        '---\ntitle: Perwali 12/2026 tentang Trotoar\nregulation: Perwali 12/2026\nstatus: berlaku\n---\n## Pasal 1\nPNS menjaga trotoar di depan kantor tetap bersih dan lapang.\n',
      ),
    });
    const after = await cache.get();
    expect(after).not.toBe(before);
    expect(after.documentFrequency.get('trotoar')).toBe(1);
    expect(after.passages).toBe(before.passages + 1);
  });
});
