// A light Indonesian stemmer (after the Snowball Indonesian algorithm: particle, possessive, one
// prefix with its nasal sound change, one suffix), so a phrase written "sebar" also finds
// "disebarkan", "menyebarkan" and "sebarin". It is applied to the phrases and to the posts alike:
// what matters is that both sides land on the same stem, not that the stem is a dictionary word.

const vowels = /[aiueo]/u;
const minStem = 3;

/** The stem of one lower-case word; a word too short to strip is returned as it is. */
export function stemWord(word: string): string {
  if (!/^\p{L}+$/u.test(word) || word.length <= 4) return word;
  let w = word;
  const strip = (suffix: string) => {
    if (w.endsWith(suffix) && w.length - suffix.length >= minStem + 1) {
      w = w.slice(0, -suffix.length);
      return true;
    }
    return false;
  };
  // Particles and possessives: bukanlah, rumahnya, pilihanmu; colloquial -in: sebarin, bubarin.
  strip('lah') || strip('kah') || strip('pun');
  strip('nya') || strip('ku') || strip('mu');
  const prefixed = stripPrefix(w);
  if (prefixed !== w && prefixed.length >= minStem) w = prefixed;
  strip('kan') || strip('an') || strip('in') || (w.length > 5 && strip('i'));
  return w;
}

/** meN-/peN- with the sound they replaced (memilih -> pilih, menyebar -> sebar), di-, ter-, ke-, ber-, per-. */
function stripPrefix(w: string): string {
  const next = (n: number) => w.slice(n);
  const vowelAt = (n: number) => vowels.test(w[n] ?? '');
  if (/^(me|pe)ng/u.test(w)) return vowelAt(4) ? next(4) : next(4);
  if (/^(me|pe)ny/u.test(w)) return `s${next(4)}`;
  if (/^(me|pe)m/u.test(w)) return vowelAt(3) ? `p${next(3)}` : next(3);
  if (/^(me|pe)n/u.test(w)) return vowelAt(3) ? `t${next(3)}` : next(3);
  if (/^(me|pe)[lrwy]/u.test(w)) return next(2);
  if (/^di/u.test(w) && !vowelAt(2)) return next(2);
  if (/^ter/u.test(w)) return next(3);
  if (/^ber/u.test(w)) return next(3);
  if (/^per/u.test(w)) return next(3);
  if (/^ke/u.test(w) && !vowelAt(2)) return next(2);
  return w;
}
