import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { metadataFromText } from '../../../src/knowledge/document-metadata.js';
import { detectStatusClauses, type DetectedRelation } from '../../../src/knowledge/legal-status/detect-status-clauses.js';
import { findLooseReferences, findRegulationReferences } from '../../../src/knowledge/legal-status/regulation-references.js';
import { splitDocument } from '../../../src/knowledge/split-document.js';
import { corpusDir, fixturesDir, hasCorpus } from '../../helpers/knowledge.js';

const detect = (text: string, regulation = 'PP 94/2021', section = 'Pasal 45') =>
  detectStatusClauses({ regulation, passages: [{ section, text }] });
const brief = (r: DetectedRelation[]) => r.map((x) => `${x.actor} ${x.kind} ${x.target} @${x.section}`);

describe('findRegulationReferences', () => {
  it('reads names as OCR wrote them', () => {
    const text =
      'Peraturan Pemerintah Nomor 53 Tahun 2O1O, Undang- Undang Nomor 5 Tahun 2Ol4, Peraturan\nPemerintah\nNomor 94 Tahun\n2021, PP 17/2020, Peraturan Badan Kepegawaian Negara Nomor 6 Tahun 2022 dan Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 6 Tahun 2022';
    expect(findRegulationReferences(text).map((r) => r.name)).toEqual([
      'PP 53/2010',
      'UU 5/2014',
      'PP 94/2021',
      'PP 17/2020',
      'Peraturan BKN 6/2022',
      'PermenPANRB 6/2022',
    ]);
  });

  it('takes neither the constitution, a gazette number nor "Peraturan Pemerintah ini" for a regulation', () => {
    const text =
      'Undang-Undang Dasar Negara Republik Indonesia Tahun 1945; Lembaran Negara Republik Indonesia Tahun 2010 Nomor 74; Peraturan Pemerintah ini mulai berlaku.';
    expect(findRegulationReferences(text)).toEqual([]);
  });

  it('reads loose names in questions, with or without the year', () => {
    expect(findLooseReferences('PP 53 tahun 2010 masih berlaku?')).toEqual([{ kind: 'PP', number: 53, year: 2010 }]);
    expect(findLooseReferences('hukuman disiplin menurut pp 53')).toEqual([{ kind: 'PP', number: 53 }]);
    expect(findLooseReferences('apa itu PPPK?')).toEqual([]);
  });
});

describe('detectStatusClauses', () => {
  it('reads a revocation with its savings clause across line breaks and OCR digits', () => {
    const found = detect(
      'Pada saat Peraturan Pemerintah ini mulai berlaku:\n1. Peraturan Pemerintah Nomor 53 Tahun 2O1O tentang Disiplin Pegawai Negeri Sipil (Lembaran Negara Republik Indonesia Tahun 2010 Nomor 74), sepanjang tidak mengatur jenis Hukuman Disiplin sedang, dicabut dan\ndinyatakan tidak berlaku.',
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      kind: 'revokes',
      actor: 'PP 94/2021',
      target: 'PP 53/2010',
      section: 'Pasal 45',
      keeps: 'jenis Hukuman Disiplin sedang',
    });
    expect(found[0]!.evidence).toContain('dicabut dan dinyatakan tidak berlaku');
  });

  it('gives the verb that closes a list to every item of it', () => {
    const found = detect(
      'Pada saat Peraturan Pemerintah ini mulai berlaku: 1. Peraturan Pemerintah Nomor 4 Tahun 1966 tentang Pemberhentian sepanjang mengenai ketentuan yang berkaitan dengan PNS; 2. Peraturan Pemerintah Nomor 21 Tahun 1975 tentang Sumpah; dan 3. Peraturan Pemerintah Nomor 21 Tahun 2014 tentang Pemberhentian, dicabut dan dinyatakan tidak berlaku.',
      'PP 11/2017',
      'Pasal 362',
    );
    expect(brief(found).sort()).toEqual(
      [
        'PP 11/2017 partly_revokes PP 4/1966 @Pasal 362',
        'PP 11/2017 revokes PP 21/1975 @Pasal 362',
        'PP 11/2017 revokes PP 21/2014 @Pasal 362',
      ].sort(),
    );
    expect(found.find((f) => f.target === 'PP 4/1966')!.scope).toBe('mengenai ketentuan yang berkaitan dengan PNS');
  });

  it('reads partial revocations of an article or a chapter', () => {
    expect(
      detect('Ketentuan Pasal 12 Peraturan Pemerintah Nomor 32 Tahun 1979 tentang Pemberhentian, dicabut dan dinyatakan tidak berlaku.')[0],
    ).toMatchObject({ kind: 'partly_revokes', target: 'PP 32/1979', scope: 'Pasal 12' });
  });

  it('reads amendments stated of other regulations and of itself', () => {
    expect(
      brief(
        detect(
          'PNS yang melanggar Peraturan Pemerintah Nomor 10 Tahun 1983 tentang Izin Perkawinan sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 45 Tahun 1990 tentang Perubahan atas Peraturan Pemerintah Nomor 10 Tahun 1983 dijatuhi hukuman disiplin berat.',
          'PP 94/2021',
          'Pasal 41',
        ),
      ),
    ).toEqual(['PP 45/1990 amends PP 10/1983 @Pasal 41']);
    const own = detectStatusClauses({
      regulation: 'PP 17/2020',
      title: 'Peraturan Pemerintah Nomor 17 Tahun 2020 tentang Perubahan atas Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil',
      passages: [{ section: 'Pasal I', text: 'Beberapa ketentuan dalam Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen PNS diubah sebagai berikut: 1. Ketentuan Pasal 1 diubah.' }],
    });
    expect(brief(own).sort()).toEqual(['PP 17/2020 amends PP 11/2017 @Judul', 'PP 17/2020 amends PP 11/2017 @Pasal I']);
  });

  it('credits a revocation a text only retells to the regulation that made it, or to none', () => {
    const found = detectStatusClauses({
      regulation: 'SKB 1/2022',
      passages: [
        { section: 'Latar', text: 'Ketentuan serupa ada di UU 5/2014 yang sudah dicabut. PP 53/2010 sudah dicabut oleh PP 94/2021.' },
      ],
    });
    expect(brief(found)).toEqual(['PP 94/2021 revokes PP 53/2010 @Latar']);
  });

  it('finds nothing in texts that state no relation', () => {
    const texts = [
      'PNS yang dijatuhi sanksi berat dicabut haknya untuk memakai tanda kehormatan berdasarkan Undang-Undang ini.',
      'LAN berwenang: a. mencabut izin penyelenggaraan pendidikan dan latihan Pegawai ASN; b. memberikan rekomendasi.',
      'Peraturan pelaksanaan dari Peraturan Pemerintah Nomor 46 Tahun 2011 dinyatakan masih tetap berlaku sepanjang tidak bertentangan dengan Peraturan Pemerintah ini.',
      'Ketentuan penyusunan SKP sebagaimana dimaksud dalam Pasal 8 tidak berlaku bagi PNS yang diangkat menjadi Pejabat Negara.',
      'Keberatan yang diajukan sebelum berlakunya Peraturan Pemerintah ini diselesaikan sesuai dengan Peraturan Pemerintah Nomor 53 Tahun 2010 beserta peraturan pelaksanaannya.',
      'PNS wajib masuk kerja dan menaati ketentuan jam kerja. Peraturan Pemerintah ini mulai berlaku pada tanggal diundangkan.',
    ];
    for (const text of texts) expect(detect(text), text).toEqual([]);
  });
});

interface GoldRelation {
  file: string;
  section: string;
  kind: DetectedRelation['kind'];
  actor: string;
  target: string;
}
const gold = JSON.parse(readFileSync(join(fixturesDir, 'legal-status/corpus-status-clauses.json'), 'utf8')) as {
  withoutRelations: string[];
  relations: GoldRelation[];
};
const keyOf = (r: Omit<GoldRelation, 'file'>, file: string) => `${file}|${r.section}|${r.kind}|${r.actor}|${r.target}`;

// The corpus lives outside the project; a clone without it skips this, the synthetic texts above stay.
describe.skipIf(!hasCorpus)('the detector over every status clause of the corpus', () => {
  it('finds the hand-read relations with high precision and recall', async () => {
    const files = hasCorpus ? (await import('node:fs')).readdirSync(corpusDir).filter((n) => n.endsWith('.txt')) : [];
    const found = new Set<string>();
    for (const name of files) {
      const text = readFileSync(join(corpusDir, name), 'utf8');
      const meta = metadataFromText(text);
      const passages = await splitDocument({ text, markdown: false, label: meta.regulation ?? name });
      const file = /^([a-z]+-\d+-\d{4})/.exec(name)![1]!;
      const relations = detectStatusClauses({ regulation: meta.regulation, title: meta.title, passages });
      if (gold.withoutRelations.includes(file)) expect(relations, file).toEqual([]);
      for (const r of relations) found.add(keyOf(r, file));
    }
    const expected = new Set(gold.relations.map((r) => keyOf(r, r.file)));
    const hits = [...found].filter((k) => expected.has(k)).length;
    const precision = hits / found.size;
    const recall = hits / expected.size;
    console.info(`status clauses: ${hits} of ${expected.size} found, ${found.size - hits} wrong; precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`);
    expect({ missed: [...expected].filter((k) => !found.has(k)), wrong: [...found].filter((k) => !expected.has(k)) }).toEqual({
      missed: [],
      wrong: [],
    });
    expect(precision).toBe(1);
    expect(recall).toBe(1);
  });
});
