// A light Indonesian stemmer for verbs and possessives, so a phrase written "sebar" also finds
// "disebarkan", "menyebarkan", "sebarin" and "sebarnya". Only the inflections that keep a word's
// meaning are removed (di-, meN- with its sound change, -kan, -i, -in, -nya, -ku, -mu, -lah,
// -kah): not pe-, ter-, ber-, ke- or -an, which make other words ("pelapor" is not "lapor",
// "terbatas" not "batas", "rekanan" not "rekan", "berkas" not "kas").

const vowels = /[aiueo]/u;
const minStem = 3;

/** The stem of one lower-case word; a word too short to strip is returned as it is. */
export function stemWord(word: string): string {
  if (!/^\p{L}+$/u.test(word) || word.length <= 4) return word;
  let w = word;
  /** Removes the first of the suffixes the word ends with, keeping at least `minStem` letters. */
  const stripOne = (...suffixes: string[]) => {
    const suffix = suffixes.find((x) => w.endsWith(x) && w.length - x.length >= minStem);
    if (suffix) w = w.slice(0, -suffix.length);
  };
  stripOne('lah', 'kah');
  stripOne('nya', 'ku', 'mu');
  const prefixed = stripPrefix(w);
  const hadPrefix = prefixed !== w && prefixed.length >= minStem;
  if (hadPrefix) w = prefixed;
  // -i only after a prefix (menyukai, diikuti): a bare word ending in i is usually the word itself.
  stripOne('kan', 'in', ...(hadPrefix ? ['i'] : []));
  return w;
}

/** meN- with the sound it replaced (memilih -> pilih, menyebar -> sebar, mengajak -> ajak), and di-. */
function stripPrefix(w: string): string {
  const vowelAt = (n: number) => vowels.test(w[n] ?? '');
  if (w.startsWith('meng')) return w.slice(4);
  if (w.startsWith('meny')) return `s${w.slice(4)}`;
  if (w.startsWith('mem')) return vowelAt(3) ? `p${w.slice(3)}` : w.slice(3);
  if (w.startsWith('men')) return vowelAt(3) ? `t${w.slice(3)}` : w.slice(3);
  if (/^me[lrwy]/u.test(w)) return w.slice(2);
  // "dinas", "diri", "diam" are words of their own: di- only before a stem of four letters or more.
  if (w.startsWith('di') && !vowelAt(2) && w.length - 2 >= 4) return w.slice(2);
  return w;
}
