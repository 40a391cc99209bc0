welcome =
    Selamat datang di <b>Asisten ASN</b>.
    Tanyakan apa saja tentang aturan kerja ASN: disiplin, netralitas, media sosial, kinerja (SKP), kode etik, cuti. Setiap jawaban menyebut peraturan dan pasalnya.

    Hubungkan akun Anda dengan kode dari tim SDM: <code>/daftar KODE</code>
welcome-linked = Selamat datang kembali, { $name }. Silakan ajukan pertanyaan Anda.
help =
    <b>Yang bisa saya bantu</b>
    • Tulis pertanyaan biasa, misalnya: <i>apa sanksi jika tidak masuk kerja 5 hari?</i>
    • /topik — contoh pertanyaan per topik
    • /cekpost — periksa draf postingan media sosial sebelum diunggah (draf tidak disimpan)
    • /lapor — laporkan masalah ke atasan atau tim SDM (identitas Anda dilindungi)
    • /saya — profil Anda
    • /daftar KODE — hubungkan akun dengan kode dari tim SDM
    • /keluar — putuskan akun Telegram ini
    • /bahasa — Bahasa Indonesia / English
    • /batal — batalkan langkah yang sedang berjalan
link-usage = Kirim kode dari tim SDM seperti ini: <code>/daftar ABCD-EFGH</code>
link-ok = Akun terhubung. Halo, { $name } ({ $nip }). Sekarang Anda dapat menerima pengingat dan mengirim laporan.
link-invalid = Kode tidak dikenal. Periksa lagi kode dari tim SDM (huruf besar/kecil tidak berpengaruh).
link-expired = Kode ini sudah kedaluwarsa. Minta kode baru ke tim SDM.
link-used = Kode ini sudah pernah dipakai. Minta kode baru ke tim SDM.
link-locked = Terlalu banyak kode salah. Coba lagi dalam { $minutes } menit.
link-other-account = Akun Telegram ini sudah terhubung ke pegawai lain. Kirim /keluar dulu bila memang perlu diganti.
profile =
    <b>{ $name }</b>
    NIP: { $nip }
    Unit: { $unit }
    Jabatan: { $position }
    Atasan langsung: { $supervisor }
profile-unlinked = Akun Telegram ini belum terhubung. Kirim <code>/daftar KODE</code> dengan kode dari tim SDM.
unlink-ok = Akun Telegram ini sudah diputus dari data pegawai. Anda tetap bisa bertanya tentang peraturan.
unlink-none = Akun Telegram ini memang belum terhubung.
need-link = Fitur ini hanya untuk pegawai yang akunnya sudah terhubung. Kirim <code>/daftar KODE</code> dengan kode dari tim SDM.
unlinked-questions-off = Akun ini belum terhubung, jadi belum bisa bertanya. Kirim <code>/daftar KODE</code> dengan kode dari tim SDM.
topics = Pilih topik untuk melihat contoh pertanyaan:
topic-examples = Contoh pertanyaan tentang <b>{ $topic }</b> (ketuk untuk bertanya):
rate-thanks-up = Terima kasih atas penilaiannya 👍
rate-thanks-down = Terima kasih. Jawaban ini akan ditinjau tim SDM 👎
rate-refused = Penilaian ini tidak dapat diterima.
rate-up = 👍 Membantu
rate-down = 👎 Kurang tepat
language-choose = Pilih bahasa:
language-set = Bahasa diganti ke Bahasa Indonesia.
unsupported = Saya hanya dapat membaca pesan teks. Tulis pertanyaan Anda, atau ketik /bantuan.
flood = Pesan Anda terlalu banyak dalam waktu singkat. Tunggu sebentar, lalu kirim lagi satu pertanyaan.
error = Maaf, terjadi kesalahan di sistem. Silakan coba lagi sebentar lagi.
cancelled = Dibatalkan.
nothing-to-cancel = Tidak ada langkah yang sedang berjalan.
report-start = <b>Laporan</b> (ketik /batal kapan saja)
    Tentang apa laporan Anda?
report-category-disiplin = Disiplin
report-category-netralitas = Netralitas
report-category-medsos = Netralitas / media sosial
report-category-pungli = Pungli / gratifikasi
report-category-lainnya = Lainnya
report-subject = Siapa atau apa yang dilaporkan? (nama, jabatan atau unit)
report-description = Ceritakan singkat kejadiannya: kapan, di mana, apa yang terjadi.
report-too-long = Terlalu panjang (lebih dari { $max } karakter). Ringkas, lalu kirim lagi.
report-recipient = Laporan dikirim ke siapa?
report-recipient-atasan = Atasan saya
report-recipient-sdm = Tim SDM
report-reveal = Bolehkah nama Anda diberitahukan kepada atasan pihak terlapor? Nama Anda tidak pernah diberitahukan kepada pihak terlapor.
report-reveal-yes = Ya, boleh
report-reveal-no = Tidak, rahasiakan
report-confirm =
    <b>Periksa laporan Anda</b>
    Topik: { $category }
    Terlapor: { $subject }
    Kejadian: { $description }
    Dikirim ke: { $recipient }
    Identitas pelapor: { $reveal }
report-send = Kirim
report-cancel = Batal
report-reveal-shown = boleh diberitahukan ke atasan terlapor
report-reveal-hidden = dirahasiakan
report-sent = Laporan #{ $id } tercatat dan diteruskan. Terima kasih; identitas Anda dilindungi.
report-use-buttons = Pilih salah satu tombol di atas, atau ketik /batal.
kpi-start = <b>Catatan kinerja { $date }</b> (ketik /batal untuk berhenti)
    Apa yang Anda kerjakan hari ini?
kpi-week-empty = Belum ada catatan kinerja minggu ini. Mulai dengan /kinerja.
kpi-week-title = <b>Kinerja minggu ini</b> ({ $count } kegiatan)
kpi-saved-more = Tersimpan. Ada kegiatan lain hari ini?
kpi-add = Tambah kegiatan
kpi-done = Selesai
kpi-next = Kegiatan berikutnya?
kpi-finished = Terima kasih, catatan kinerja hari ini tersimpan. Lihat minggu ini dengan /kinerja minggu.
kpi-target = Untuk target SKP yang mana? (tulis singkat, atau "-" bila tidak ada)
kpi-progress = Seberapa jauh kemajuannya?
leave-usage = Tulis tanggal cuti seperti ini: <code>/cuti 24-11-2026 26-11-2026</code> atau <code>/cuti besok</code>.
leave-end-before-start = Tanggal selesai tidak boleh sebelum tanggal mulai.
leave-past = Cuti hanya dapat dicatat mulai hari ini.
leave-too-long = Paling lama { $max } hari sekaligus; untuk cuti panjang hubungi tim SDM.
leave-saved = Cuti tercatat: { $range }. Tidak ada pengingat pada hari-hari itu. Pengajuan cuti resmi tetap melalui atasan/SDM.
leave-range = { $start } sampai { $end }
leave-too-far = Tanggal mulai terlalu jauh ke depan: paling lambat { $max } hari dari hari ini.
leave-absence-recorded = Pada hari itu Anda tercatat tidak masuk tanpa keterangan; hubungi tim SDM bila catatan itu keliru.
leave-already = Cuti { $range } sudah tercatat sebelumnya; tidak dicatat dua kali.
reminder-recorded = Tercatat: { $answer }
reminder-refused = Pengingat ini bukan untuk akun Anda.
reminder-already = Pengingat ini sudah dijawab: { $answer }. Jawaban tidak diubah.
reminder-stale = Pengingat { $date } sudah lewat, jadi jawaban ini tidak dicatat. Untuk koreksi, hubungi atasan atau tim SDM.
rate-already = Penilaian sudah tercatat; penilaian pertama yang berlaku.
button-stale = Tombol ini sudah tidak berlaku: langkahnya sudah lewat atau dibatalkan.
private-only = Perintah ini menyangkut data pribadi Anda, jadi hanya saya layani di chat pribadi: di grup, semua anggota ikut membaca. Ketuk tombol di bawah untuk membuka chat pribadi dengan saya. Pertanyaan umum tentang peraturan tetap bisa diajukan di grup ini dengan menyebut @{ $bot }.
private-only-code = Kode pendaftaran bersifat rahasia: kirimkan hanya di chat pribadi dengan saya, jangan di grup. Kode ini tidak dipakai. Karena sudah terlihat oleh anggota grup, minta kode baru ke tim SDM, lalu kirimkan di chat pribadi.
private-only-open = Buka chat pribadi
private-only-button = Tombol ini hanya berlaku di chat pribadi dengan saya.
cekpost-ask =
    <b>Cek draf postingan</b> (ketik /batal untuk berhenti)
    Kirim teks draf postingan Anda, teruskan (forward) postingannya, atau kirim foto dengan keterangannya. Draf hanya diperiksa untuk Anda dan tidak disimpan.
cekpost-photo-only = Saya hanya dapat memeriksa teks. Kirim foto dengan keterangan (caption) yang akan diunggah, atau tuliskan isi fotonya, misalnya: [foto: selfie berseragam dengan pose dua jari].
cekpost-unavailable = Pemeriksaan draf sedang tidak tersedia karena data pemeriksaannya perlu diperbaiki tim SDM. Coba lagi nanti.
report-link = Kirim tautan (link) postingan atau halaman yang dilaporkan, atau ketik - bila tidak ada.
report-link-invalid = Tautan harus diawali http:// atau https://. Kirim lagi, atau ketik - bila tidak ada.
report-evidence = Kirim tangkapan layar (foto) sebagai bukti, paling banyak { $max }. Ketuk "Lanjut" bila sudah selesai atau tidak ada.
report-evidence-photo = Kirim tangkapan layar sebagai foto, atau ketuk "Lanjut".
report-evidence-added = Tangkapan layar { $count } dari { $max } diterima. Kirim lagi, atau ketuk "Lanjut".
report-evidence-full = Sudah { $max } tangkapan layar, batasnya. Ketuk "Lanjut".
report-evidence-too-big = Foto ini lebih dari { $mb } MB. Kirim tangkapan layar yang lebih kecil.
report-evidence-done = Lanjut
report-confirm-evidence =
    Tautan: { $link }
    Tangkapan layar: { $count } berkas
