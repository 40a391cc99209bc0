/**
 * HR's checker data (knowledge/cek-post/kategori.yaml): the shipped file loads, every rule it
 * cites is a section of the default knowledge base, and a broken file is refused with messages
 * that name the place and the problem, in Indonesian.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  loadPostRules,
  parsePostRules,
  postRulesPath,
  readKnowledgeIndex,
  type KnowledgeEntry,
} from '../../src/posts/post-rules.js';

const knowledgeDir = fileURLToPath(new URL('../../knowledge/', import.meta.url));

describe('the checker data HR maintains', () => {
  let index: KnowledgeEntry[];
  beforeAll(async () => {
    index = await readKnowledgeIndex(knowledgeDir);
  });

  it('loads, with the seven categories of the issue, each citing rules that exist in the knowledge base', async () => {
    const rules = await loadPostRules(knowledgeDir);
    expect(rules.categories.map((c) => c.code)).toEqual([
      'netralitas',
      'sara',
      'hoaks',
      'rahasia',
      'gratifikasi',
      'menghina-pemerintah',
      'data-pribadi',
    ]);
    for (const category of rules.categories) {
      expect(category.rules.length, category.code).toBeGreaterThan(0);
      for (const rule of [...category.rules, ...(category.rulesBeforeCandidates ?? [])]) {
        // The file is a knowledge base file, and one of its ## headings is this section (or its article).
        const text = await readFile(`${knowledgeDir}/${rule.source}`, 'utf8');
        const headings = [...text.matchAll(/^##\s+(.+)$/gmu)].map((m) =>
          m[1]!
            .split(/\s+[—–]\s+/u)[0]!
            .trim()
            .toLowerCase(),
        );
        const section = rule.section.toLowerCase();
        expect(
          headings.some((h) => h === section || section.startsWith(`${h} `)),
          `${category.code}: ${rule.regulation} ${rule.section} in ${rule.source}`,
        ).toBe(true);
        expect(text).toContain(`regulation: "${rule.regulation}"`);
      }
    }
    // Neutrality rests on PP 94/2021 Pasal 5 huruf n once candidates are official, on ethics before.
    const neutrality = rules.categories[0]!;
    expect(neutrality.rules[0]).toMatchObject({
      regulation: 'PP 94/2021',
      section: 'Pasal 5 huruf n',
      source: 'pp-94-2021-disiplin-pns.md',
    });
    expect(neutrality.rulesBeforeCandidates?.[0]).toMatchObject({ regulation: 'PP 42/2004', section: 'Pasal 6 huruf h' });
  });

  const base = `versi: 1
kategori:
  - kode: hoaks
    nama: Hoaks
    aturan:
      - peraturan: SE MenPANRB 137/2018
        bagian: Angka 7
    saran: Cek sumbernya.
    kelompok:
      klaim: [tercemar]
      sebar: [sebarkan]
    pola:
      - jika: [klaim, sebar]
        putusan: melanggar
        alasan: Kabar yang belum terbukti
`;

  it('accepts a minimal file and compiles its phrases', () => {
    const rules = parsePostRules(base, index, 'kategori.yaml');
    expect(rules.categories[0]!.rules[0]).toMatchObject({ source: 'se-menpanrb-137-2018-media-sosial.md', section: 'Angka 7' });
  });

  it.each([
    [
      'an article the knowledge base does not have',
      base.replace('Angka 7', 'Angka 19'),
      /kategori hoaks, aturan: SE MenPANRB 137\/2018 Angka 19 tidak ada di basis pengetahuan \(se-menpanrb-137-2018-media-sosial\.md memuat: Angka 1, /,
    ],
    [
      'a regulation it does not have',
      base.replace('SE MenPANRB 137/2018', 'PP 99/2099'),
      /PP 99\/2099 Angka 7 tidak ada di basis pengetahuan \(peraturan yang ada: /,
    ],
    [
      'a pattern naming a group that is not there',
      base.replace('jika: [klaim, sebar]', 'jika: [klaim, bagikan]'),
      /kategori hoaks, pola 1: kelompok "bagikan" tidak ada \(yang ada: klaim, sebar\)/,
    ],
    [
      'a verdict that is not one of the two',
      base.replace('putusan: melanggar', 'putusan: berat'),
      /kategori hoaks > pola 1 > putusan: putusan harus melanggar atau hati-hati/,
    ],
    [
      'a phrase with a sign it does not read',
      base.replace('[tercemar]', '["terce%mar"]'),
      /kelompok klaim, frasa "terce%mar": kata "terce%mar" hanya boleh berisi huruf dan angka/,
    ],
    [
      'an unknown period entry',
      base.replace('[tercemar]', '["{kandidat}"]'),
      /"\{kandidat\}" tidak dikenal; yang ada: \{nomor\}, \{calon\}/,
    ],
    ['an unbalanced group', base.replace('[tercemar]', '["(tercemar|beracun"]'), /kurung tidak seimbang/],
    ['YAML that does not parse', `${base}\n  - kode: [`, /kategori\.yaml bukan YAML yang valid: /],
    ['a YAML alias (a leading *)', base.replace('[tercemar]', '[*tercemar]'), /bukan YAML yang valid/],
    [
      'a category without rules',
      base.replace(/ {4}aturan:\n {6}- peraturan: SE MenPANRB 137\/2018\n {8}bagian: Angka 7\n/, '    aturan: []\n'),
      /setiap kategori perlu sedikitnya satu aturan/,
    ],
  ])('refuses %s, naming the place', (_what, text, message) => {
    expect(() => parsePostRules(text, index, 'kategori.yaml')).toThrow(
      expect.objectContaining({ code: 'bad_post_rules', userMessage: expect.stringMatching(message) }),
    );
  });

  it('lives outside the Markdown the knowledge base ingests', () => {
    expect(postRulesPath(knowledgeDir)).toMatch(/knowledge\/cek-post\/kategori\.yaml$/);
  });
});
