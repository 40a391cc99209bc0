import type { ElectionContext } from '../../../src/posts/check-post.js';

/** The period of the README's "Assumed election period" (the national Pemilu items are generic on purpose). */
export const assumedPeriod: ElectionContext = {
  name: 'Pilkada Kota Sukamaju',
  candidatesOfficial: true,
  region: 'Kota Sukamaju',
  candidates: [
    { number: 1, names: ['Budi Santoso', 'Rina Wulandari'] },
    { number: 2, names: ['Hendra Gunawan', 'Sari Dewi'] },
  ],
  parties: ['Partai Cahaya Bangsa', 'Partai Karya Rakyat'],
  slogans: ['Sukamaju Maju Bersama', 'Perubahan Nyata'],
  hashtags: ['#BudiRinaJilid1', '#HendraSariMenang'],
};

