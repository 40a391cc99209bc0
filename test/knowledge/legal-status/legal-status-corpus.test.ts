import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citablePassagesSql } from '../../../src/answering/lexicon.js';
import type { Database } from '../../../src/db/database.js';
import { ingestDocument } from '../../../src/knowledge/ingest-document.js';
import { ingestPaths } from '../../../src/knowledge/ingest-paths.js';
import { describeStatus, legalStatusOfDocuments } from '../../../src/knowledge/legal-status/legal-status.js';
import { hasCorpus } from '../../helpers/knowledge.js';
import { backends, openTestDatabase } from '../../helpers/test-database.js';
import { neutralCorpus } from './corpus-files.js';

const citableSources = async (db: Database) =>
  (
    await db.prisma.$queryRawUnsafe<{ source: string }[]>(`SELECT DISTINCT d.source FROM ${citablePassagesSql} ORDER BY 1`)
  ).map((r) => r.source);

const statusOf = async (db: Database, source: string) => {
  const doc = await db.prisma.document.findUniqueOrThrow({ where: { source } });
  const status = (await legalStatusOfDocuments(db)).get(doc.id)!;
  return { doc, status, line: describeStatus(status, doc.replacedBy) };
};

const ingestFile = (db: Database, path: string) =>
  ingestDocument(db, { fileName: path.split('/').pop()!, content: readFileSync(path) });

// The corpus lives outside the project (../shared/corpus); a clone without it skips this block,
// and the synthetic texts in detect-status-clauses.test.ts cover the same clauses.
describe.skipIf(!hasCorpus).each(backends)('legal status read from the corpus under neutral names (%s)', (backend) => {
  let corpus: ReturnType<typeof neutralCorpus>;
  beforeAll(() => {
    corpus = neutralCorpus();
  });
  afterAll(() => corpus.remove());

  for (const order of [
    ['pp-53-2010.txt', 'pp-94-2021.txt'],
    ['pp-94-2021.txt', 'pp-53-2010.txt'],
  ]) {
    it(`marks PP 53/2010 revoked by PP 94/2021 Pasal 45 when ${order[0]} comes first`, async () => {
      const db = await openTestDatabase(backend);
      try {
        await ingestFile(db, corpus.file(order[0]!));
        await ingestFile(db, corpus.file(order[1]!));
        const { doc, status, line } = await statusOf(db, 'pp-53-2010.txt');
        expect(doc.status).toBe('berlaku'); // the file name no longer says so: the text does
        expect(status.status).toBe('dicabut');
        expect(status.revokedBy).toMatchObject({ actor: 'PP 94/2021', section: 'Pasal 45', keeps: 'jenis Hukuman Disiplin sedang' });
        expect(line).toBe('dicabut oleh PP 94/2021 Pasal 45, kecuali jenis Hukuman Disiplin sedang');
        expect(await citableSources(db)).toEqual(['pp-94-2021.txt']);
      } finally {
        await db.close();
      }
    });
  }

  it('leaves UU 5/2014 as its metadata says, and revokes nothing held but PP 53/2010', async () => {
    const db = await openTestDatabase(backend);
    try {
      const outcomes = await ingestPaths(db, [corpus.dir]);
      expect(outcomes.filter((o) => 'error' in o)).toEqual([]);
      const uu = await statusOf(db, 'uu-5-2014.txt');
      expect(uu.status).toMatchObject({ status: 'berlaku', decidedBy: 'metadata' });
      expect(uu.status.revokedBy).toBeUndefined();
      expect((await citableSources(db)).sort()).toEqual(
        ['pp-11-2017.txt', 'pp-30-2019.txt', 'pp-42-2004.txt', 'pp-49-2018.txt', 'pp-94-2021.txt', 'uu-5-2014.txt'].sort(),
      );
      // Under its real name UU 5/2014 stays revoked: the metadata's status is kept beside the texts'.
      const real = await ingestDocument(db, {
        fileName: 'uu-5-2014-asn-dicabut.txt',
        content: readFileSync(corpus.file('uu-5-2014.txt')),
        duplicates: 'separate',
      });
      const named = await statusOf(db, real.source);
      expect(named.status).toMatchObject({ status: 'dicabut', decidedBy: 'metadata' });
    } finally {
      await db.close();
    }
  });
});
