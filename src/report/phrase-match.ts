// Whole-word, case-insensitive search for many phrases at once in report text, walking the text word by
// word and trying only the phrases that start with that word.

// Letters with their combining marks, digits and '_' make a word.
const WORD = /[\p{L}\p{M}\p{N}_]+/gu;
const LEADING_WORD = /^[\p{L}\p{M}\p{N}_]+/u;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Lower case, single spaces: the form phrases are compared in. */
export function phraseKey(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}_]/u;
const SPACE = /\s/;

/**
 * Where the phrase (a phraseKey) ends if it occurs in the text at `start`, or -1: characters
 * compared in lower case (a character whose lower case is longer, such as 'İ', is compared whole),
 * a space in the phrase matching any run of whitespace, and a word boundary required after it.
 * Compared by hand rather than with a regex per phrase: compiling thousands of Unicode regexes
 * costs seconds.
 */
function endOfMatch(text: string, start: number, phrase: string): number {
  let j = start;
  let k = 0;
  while (k < phrase.length) {
    if (j >= text.length) return -1;
    if (phrase[k] === ' ') {
      if (!SPACE.test(text[j])) return -1;
      while (j < text.length && SPACE.test(text[j])) j++;
      k++;
      continue;
    }
    const lower = text[j].toLowerCase();
    if (phrase.startsWith(lower, k)) k += lower.length;
    // Turkish and Azeri: capital I is the capital of dotless ı ("YILMAZ" is "Yılmaz").
    else if (text[j] === 'I' && phrase[k] === '\u0131') k++;
    else return -1;
    j++;
  }
  if (j < text.length) {
    const next = String.fromCodePoint(text.codePointAt(j)!);
    if (WORD_CHAR.test(next)) return -1;
  }
  return j;
}

export interface PhraseHit {
  index: number;
  text: string;
  key: string;
}

export interface MatchOptions {
  /** Treat '_' as a space: file and folder names join words with it (xls_julien, claire_dumont). */
  underscoreSeparates?: boolean;
}

export class PhraseMatcher {
  /** First word (lower case) -> phrases starting with it, longest first. */
  private readonly byFirstWord = new Map<string, string[]>();
  /** Phrases that do not start with a word character (rare): one alternation. */
  private readonly other: RegExp | null;

  constructor(phrases: Iterable<string>) {
    const keys = [...new Set([...phrases].map(phraseKey))]
      .filter((k) => k !== '')
      .sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
    const rest: string[] = [];
    for (const key of keys) {
      const first = LEADING_WORD.exec(key);
      if (!first) {
        rest.push(key);
        continue;
      }
      const list = this.byFirstWord.get(first[0]) ?? [];
      list.push(key);
      this.byFirstWord.set(first[0], list);
    }
    this.other = rest.length
      ? new RegExp(
          `(?<![\\p{L}\\p{M}\\p{N}_])(?:${rest.map((k) => escapeRe(k).replace(/ /g, '\\s+')).join('|')})(?![\\p{L}\\p{M}\\p{N}_])`,
          'giu',
        )
      : null;
  }

  get empty(): boolean {
    return this.byFirstWord.size === 0 && !this.other;
  }

  /**
   * Non-overlapping hits, left to right; at one position the longest phrase wins. Indexes refer to
   * the text in NFC form (a macOS file name is usually decomposed, NFD, while phrases are NFC):
   * callers pass text through nfc() first.
   */
  hits(text: string): PhraseHit[] {
    if (!text || this.empty) return [];
    const out: PhraseHit[] = [];
    if (this.other) for (const m of text.matchAll(this.other)) out.push({ index: m.index!, text: m[0], key: phraseKey(m[0]) });
    const word = new RegExp(WORD.source, 'gu');
    for (let m = word.exec(text); m; m = word.exec(text)) {
      const list = this.byFirstWord.get(m[0].toLowerCase());
      if (!list) continue;
      for (const key of list) {
        const end = endOfMatch(text, m.index, key);
        if (end >= 0) {
          out.push({ index: m.index, text: text.slice(m.index, end), key });
          word.lastIndex = end;
          break;
        }
      }
    }
    if (!this.other) return out;
    // Drop hits that overlap an earlier one.
    out.sort((a, b) => a.index - b.index || b.text.length - a.text.length);
    const kept: PhraseHit[] = [];
    let end = -1;
    for (const h of out) {
      if (h.index >= end) {
        kept.push(h);
        end = h.index + h.text.length;
      }
    }
    return kept;
  }

  /** The text (in NFC form) with every hit replaced. */
  replace(input: string, by: (hit: PhraseHit) => string, opts: MatchOptions = {}): string {
    const text = input.normalize('NFC');
    // Same length either way, so the hits' positions hold in the original text.
    const hits = this.hits(opts.underscoreSeparates ? text.replace(/_/g, ' ') : text).map((h) => ({
      ...h,
      text: text.slice(h.index, h.index + h.text.length),
    }));
    if (!hits.length) return input;
    let out = '';
    let at = 0;
    for (const h of hits) {
      out += text.slice(at, h.index) + by(h);
      at = h.index + h.text.length;
    }
    return out + text.slice(at);
  }
}
