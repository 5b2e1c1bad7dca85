// Words of scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer,
// Burmese): ICU's dictionary word segmentation (Intl.Segmenter), so that shingles and word diffs see
// words there too. Text without these scripts is left exactly as it is. See docs/checks-people-threads.md.

/** Characters of the scripts written without spaces, with the kana marks that belong to them (ー, 々, 〆). */
const UNSPACED_CLASS =
  '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}\\u30fc\\u3005\\u3006';
const UNSPACED = new RegExp(`[${UNSPACED_CLASS}]`, 'u');
/** Those characters with the CJK punctuation and the full-width forms written among them (、。「」・，). */
const WRITTEN_CLASS = `${UNSPACED_CLASS}\\u3001-\\u303f\\u30fb\\uff01-\\uff65`;
/** Whitespace (a line break, a wrapped line's indent) next to such a character, with such a character or a
 *  punctuation mark on the other side: no word boundary there. */
const BREAK_INSIDE = new RegExp(
  `(?<=[${WRITTEN_CLASS}])\\s+(?=[${WRITTEN_CLASS}\\p{P}])|(?<=[${WRITTEN_CLASS}\\p{P}])\\s+(?=[${WRITTEN_CLASS}])`,
  'gu',
);
/** The ideographic space and the full-width and half-width forms block (ＡＢＣ１２３，：ｶﾀｶﾅ). */
const WIDTH_FORMS = /[\u3000\uff01-\uffee]+/g;

/** ICU's word break: dictionaries for Han/Kana and the South-East Asian scripts, whatever the locale. */
const segmenter = new Intl.Segmenter('und', { granularity: 'word' });

/** Whether a text holds characters of a script written without spaces. */
export function hasUnspaced(text: string): boolean {
  return UNSPACED.test(text);
}

/**
 * Full-width and half-width forms folded to their ordinary characters (NFKC on that block only: ＡＢＣ
 * -> ABC, １２ -> 12, ：-> :, ｶﾞ -> ガ, the ideographic space -> a space). Input methods and clients
 * differ on them innocently; nothing else of the text changes.
 */
export function foldWidth(text: string): string {
  return text.replace(WIDTH_FORMS, (run) => run.normalize('NFKC'));
}

/**
 * Whitespace between two characters of these scripts removed: a client or a PDF line wraps such text
 * between any two characters, and a space there is not a word boundary (the segmenter finds those).
 */
export function joinUnspacedBreaks(text: string): string {
  return text.replace(BREAK_INSIDE, '');
}

/** The text prepared for segmentation when it holds such scripts (width folded, wraps joined); else unchanged. */
export function unspacedPrepared(text: string): string {
  return hasUnspaced(text) ? joinUnspacedBreaks(foldWidth(text)) : text;
}

/** A run of text cut into ICU word segments, punctuation and spaces included, in order (they rejoin to the run). */
export function segments(run: string): { segment: string; wordLike: boolean }[] {
  return Array.from(segmenter.segment(run), (s) => ({ segment: s.segment, wordLike: s.isWordLike === true }));
}

/** The words of a run that holds such scripts (ICU's word-like segments); a run without them is one word. */
export function splitUnspaced(run: string): string[] {
  if (!UNSPACED.test(run)) return [run];
  const out: string[] = [];
  for (const s of segmenter.segment(run)) if (s.isWordLike) out.push(s.segment);
  return out;
}
