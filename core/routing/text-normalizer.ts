/**
 * Letters from other scripts that look like Latin ones ("dеlete" with a Cyrillic е), each above the
 * Latin letter it stands for; dashes and quotes fold to their ASCII forms. Only the look-alikes that
 * matter for English words; everything else passes unchanged.
 */
const lookAlikes =
  'авеёзіїјкмнорстухѕԁԛԝһӏɡαβεικνορτυχıȷℓ\u2010\u2011\u2012\u2013\u2014\u2212\u2018\u2019\u201b\u02bc';
const asLatin = "abee3iijkmhopctyxsdqwhlgabeikvoptuxijl------''''";
const confusable = new RegExp(`[${lookAlikes}]`, 'gi');
const invisible = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;
/** Three or more single letters spaced or dotted apart: "d e l e t e", "s.t.o.p", "r-o-t-a-t-e". */
const spacedLetters = /(?<![\p{L}\p{N}])\p{L}(?:[ .\-_]\p{L}){2,}(?![\p{L}\p{N}])/gu;
const hyphenated = /(?<![\p{L}\p{N}-])(\p{L}+)-(\p{L}+)(?![\p{L}\p{N}-])/gu;

/**
 * Folds a message to the plain letters the guards and the classifier read, so that a look-alike
 * spelling cannot slip past them: compatibility forms (full-width "ｓｔｏｐ", ligatures) become
 * plain, accents and invisible characters go, look-alike letters of other scripts become Latin,
 * "d e l e t e" becomes "delete", and "de-lete" becomes "delete" when `knows` knows the joined word
 * and not both halves ("warm-up" and "start-up" stay as they are).
 */
export function normalizeText(text: string, knows: (word: string) => boolean = () => false): string {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .normalize('NFKC')
    .replace(invisible, '')
    .replace(confusable, (c) => {
      const plain = asLatin[lookAlikes.indexOf(c.toLowerCase())] ?? c;
      return c === c.toLowerCase() ? plain : plain.toUpperCase();
    });
  return folded
    .replace(spacedLetters, (run) => run.replace(/[ .\-_]/g, ''))
    .replace(hyphenated, (whole, left: string, right: string) => {
      const joined = `${left}${right}`.toLowerCase();
      const halvesKnown = knows(left.toLowerCase()) && knows(right.toLowerCase());
      return knows(joined) && !halvesKnown ? `${left}${right}` : whole;
    });
}
