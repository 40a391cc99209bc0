/** Small regulations as HR might upload them: a revoked one, the one revoking it, one naming an absent amendment. */
export const syntheticTexts: Record<string, string> = {
  'pp-53-2010.txt': [
    'PERATURAN PEMERINTAH REPUBLIK INDONESIA NOMOR 53 TAHUN 2010 TENTANG DISIPLIN PEGAWAI NEGERI SIPIL',
    'Pasal 1',
    'PNS wajib masuk kerja dan menaati ketentuan jam kerja.',
    'Pasal 2',
    'Pada saat Peraturan Pemerintah ini mulai berlaku, Peraturan Pemerintah Nomor 30 Tahun 1980 tentang Peraturan Disiplin Pegawai Negeri Sipil dicabut dan dinyatakan tidak berlaku.',
  ].join('\n'),
  'pp-94-2021.txt': [
    'PERATURAN PEMERINTAH REPUBLIK INDONESIA NOMOR 94 TAHUN 2021 TENTANG DISIPLIN PEGAWAI NEGERI SIPIL',
    'Pasal 1',
    'Cuti PNS diatur dalam Peraturan Pemerintah Nomor 11 Tahun 2017 sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 17 Tahun 2020.',
    'Pasal 2',
    'Gaji PNS yang dijatuhi hukuman diatur menurut Peraturan Pemerintah Nomor 17 Tahun 2O2O.',
    'Pasal 3',
    'Pada saat Peraturan Pemerintah ini mulai berlaku, Peraturan Pemerintah Nomor 53 Tahun 2O1O tentang Disiplin Pegawai Negeri Sipil, sepanjang tidak mengatur jenis Hukuman Disiplin sedang, dicabut dan\ndinyatakan tidak berlaku.',
  ].join('\n'),
};
