// A searchable scan whose hidden text layer says something other than the picture: the layer (text
// in render mode 3, or under the page image) compared with the OCR of the same page, tolerant of
// OCR noise; numbers and names that differ are the trace (docs/ocr.md, "pdf.text-layer").

import { diffArrays } from 'diff';
import type { Severity } from '../../model/document.js';
import type { DocumentCheck, FindingDraft } from '../types.js';

type CheckInfo = Pick<DocumentCheck, 'id' | 'version' | 'title' | 'detects' | 'whyForgersLeaveIt' | 'innocentCauses' | 'kinds'>;

export const pdfTextLayerInfo: CheckInfo = {
  id: 'pdf.text-layer',
  version: 1,
  title: 'Hidden text layer differs from the page image',
  detects:
    'A searchable scan whose invisible text layer (render mode 3, or text under the page image) reads other numbers or names than the picture of the page, as read by OCR.',
  whyForgersLeaveIt:
    'Editing the hidden text of a searchable scan is easy (a string in the content stream) and changes what search, copy-paste and text extraction return, while the picture everyone looks at stays genuine; or the picture was retouched and the old OCR layer kept.',
  innocentCauses: [
    "The OCR software's own errors in the layer (digits and letters misread when the scan was made searchable), most often on blurred, skewed or low-resolution scans.",
    'A layer made from another scan of the same document, or left over after pages were replaced.',
  ],
  kinds: ['pdf'],
};

/** What the check reads of an OCR result (src/extract/ocr/types.ts OcrFileResult fits it; checks
 *  may not import extractors, so the shape is restated here). */
interface TextLayerOcrPage {
  page: number;
  reason: string;
  text: string;
  confidence: number;
  layerText?: string;
}
export interface TextLayerOcrResult {
  engine: string;
  engineVersion: string;
  langs: string;
  pages: readonly TextLayerOcrPage[];
}

/** Below this mean OCR confidence the picture is too hard to read to accuse the layer. */
const MIN_CONFIDENCE = 60;
/** Equal words kept around each difference in the evidence. */
const CONTEXT_WORDS = 5;
const MAX_DIFFERENCES = 20;
/** Below this share of the layer's words read the same, the layer is not a transcript of the picture. */
const MIN_TRANSCRIPT_AGREEMENT = 0.5;

type DifferenceKind = 'number' | 'name' | 'word' | 'layer-only' | 'ocr-only';

/** A run of the side-by-side texts: equal (differs absent) or different. */
interface TextLayerSegment {
  layer: string;
  ocr: string;
  differs?: DifferenceKind;
}

interface Token {
  text: string;
  key: string;
}

/** Fold what OCR engines confuse: case, diacritics, rn/m, 0/O, 1/l/I, 5/S, 8/B; strip edge punctuation. */
function fold(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    .replace(/rn/g, 'm')
    .replace(/[0o]/g, 'o')
    .replace(/[1il|!]/g, 'l')
    .replace(/[5s]/g, 's')
    .replace(/[8b]/g, 'b');
}

function tokens(text: string): Token[] {
  return text
    .split(/\s+/)
    .map((t) => ({ text: t, key: fold(t) }))
    .filter((t) => t.key.length > 0);
}

/** Levenshtein distance, for telling a misread word from another word. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

const DIGIT = /\p{N}/u;
const CAPITALISED = /^[^\p{L}\p{N}]*\p{Lu}\p{L}{2,}/u;

/** A word written with digits and the letters OCR takes for digits only ("1O5", "l2"): a number. */
const NUMBER_LIKE = /^[^\p{L}\p{N}]*[\p{N}OolI|SB.,:/'\-–]+[^\p{L}\p{N}]*$/u;

/** The digits of the words that have any. In a number-like word the letters OCR takes for digits are
 *  read as those digits; in a word ("14TH", "Sunday 5") only the real digits count. */
function digitsOf(run: Token[]): string {
  return run
    .filter((t) => DIGIT.test(t.text))
    .map((t) =>
      (NUMBER_LIKE.test(t.text)
        ? t.text.replace(/[Oo]/g, '0').replace(/[lI|]/g, '1').replace(/S/g, '5').replace(/B/g, '8')
        : t.text
      ).replace(/[^\p{N}]/gu, ''),
    )
    .join('');
}

/** A digit next to a character no number is written with ("2*", "1~5"): OCR garbage, not a figure. */
const GARBLED_NUMBER = /\p{N}[^\p{L}\p{N}\s.,:;/'\-–%)\]]|[^\p{L}\p{N}\s.,:;/'\-–([$€£¥+]\p{N}/u;

/** The words of a page, as the other side is searched for them: folded keys and digit strings. */
interface PageWords {
  keys: Set<string>;
  digits: Set<string>;
}

function pageWords(t: Token[]): PageWords {
  return { keys: new Set(t.map((x) => x.key)), digits: new Set(t.filter((x) => DIGIT.test(x.text)).map((x) => digitsOf([x]))) };
}

/**
 * What a replaced run is: a changed number, a changed name, a misread or other word. Undefined: noise.
 * A word found elsewhere on the other side's page moved (OCR reads columns and boxes in another order
 * than the layer was written): it is not a change.
 */
function judge(layer: Token[], ocr: Token[], layerPage: PageWords, ocrPage: PageWords): DifferenceKind | undefined {
  if (layer.length === 0) return 'ocr-only';
  if (ocr.length === 0) return 'layer-only';
  const a = layer.map((t) => t.key).join('');
  const b = ocr.map((t) => t.key).join('');
  if (a === b) return undefined; // split or joined differently
  const digitsA = digitsOf(layer);
  const digitsB = digitsOf(ocr);
  if (digitsA !== '' && digitsB !== '' && digitsA !== digitsB) {
    const garbled = [...layer, ...ocr].some((t) => GARBLED_NUMBER.test(t.text));
    // a misread digit beside OCR garbage ("2*" for "28") is the layer's own OCR error
    if (garbled && distance(digitsA, digitsB) <= 1) return undefined;
    const unseenInOcr = layer.some((t) => DIGIT.test(t.text) && !ocrPage.digits.has(digitsOf([t])));
    const unseenInLayer = ocr.some((t) => DIGIT.test(t.text) && !layerPage.digits.has(digitsOf([t])));
    if (unseenInOcr && unseenInLayer) return 'number';
    return 'word';
  }
  const longest = Math.max(a.length, b.length);
  const d = distance(a, b);
  // one or two characters misread per six: OCR noise
  if (d <= Math.max(1, Math.floor(longest / 6))) return undefined;
  // another name, not a misread one: most of its letters differ, and neither side's name is elsewhere on the other's page
  const names = (run: Token[], other: PageWords) => run.filter((t) => CAPITALISED.test(t.text) && !other.keys.has(t.key));
  if (d > longest / 2 && names(layer, ocrPage).length > 0 && names(ocr, layerPage).length > 0) return 'name';
  return 'word';
}

const join = (t: Token[]) => t.map((x) => x.text).join(' ');

interface PageComparison {
  segments: TextLayerSegment[];
  counts: Record<DifferenceKind, number>;
  /** Share of the layer's words that the OCR read the same. */
  agreement: number;
}

function compare(layerText: string, ocrText: string): PageComparison {
  const layer = tokens(layerText);
  const ocr = tokens(ocrText);
  const layerPage = pageWords(layer);
  const ocrPage = pageWords(ocr);
  const parts = diffArrays(
    layer.map((t) => t.key),
    ocr.map((t) => t.key),
  );
  const counts: Record<DifferenceKind, number> = { number: 0, name: 0, word: 0, 'layer-only': 0, 'ocr-only': 0 };
  const segments: TextLayerSegment[] = [];
  let i = 0; // index in layer
  let j = 0; // index in ocr
  let same = 0;
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    if (!part.added && !part.removed) {
      const run = layer.slice(i, i + part.count);
      const ocrRun = ocr.slice(j, j + part.count);
      segments.push({ layer: join(run), ocr: join(ocrRun) });
      i += part.count;
      j += part.count;
      same += part.count;
      continue;
    }
    // a replaced run: removed words then added words (or either alone)
    let removed = 0;
    let added = 0;
    while (k < parts.length && (parts[k].added || parts[k].removed)) {
      if (parts[k].removed) removed += parts[k].count;
      else added += parts[k].count;
      k++;
    }
    k--;
    const l = layer.slice(i, i + removed);
    const o = ocr.slice(j, j + added);
    i += removed;
    j += added;
    const kind = judge(l, o, layerPage, ocrPage);
    if (kind) counts[kind]++;
    segments.push(kind ? { layer: join(l), ocr: join(o), differs: kind } : { layer: join(l), ocr: join(o) });
  }
  return { segments: condense(segments), counts, agreement: layer.length === 0 ? 0 : same / layer.length };
}

/** Merge equal runs and shorten the long ones to a few words around each difference. */
function condense(segments: TextLayerSegment[]): TextLayerSegment[] {
  const merged: TextLayerSegment[] = [];
  for (const s of segments) {
    const last = merged[merged.length - 1];
    if (last && !last.differs && !s.differs) {
      last.layer = [last.layer, s.layer].filter(Boolean).join(' ');
      last.ocr = [last.ocr, s.ocr].filter(Boolean).join(' ');
    } else merged.push({ ...s });
  }
  const shown = merged.filter((s) => s.differs).slice(0, MAX_DIFFERENCES);
  const out: TextLayerSegment[] = [];
  merged.forEach((s, n) => {
    if (s.differs) {
      if (shown.includes(s)) out.push(s);
      return;
    }
    const before = n > 0 && shown.includes(merged[n - 1]);
    const after = n + 1 < merged.length && shown.includes(merged[n + 1]);
    if (!before && !after) return;
    out.push({ layer: shorten(s.layer, before, after), ocr: shorten(s.ocr, before, after) });
  });
  return out;
}

function shorten(text: string, keepStart: boolean, keepEnd: boolean): string {
  const w = text.split(' ');
  if (w.length <= CONTEXT_WORDS * 2) return text;
  const head = keepStart ? w.slice(0, CONTEXT_WORDS).join(' ') : '';
  const tail = keepEnd ? w.slice(-CONTEXT_WORDS).join(' ') : '';
  return [head, '…', tail].filter(Boolean).join(' ');
}

function severityOf(c: PageComparison, page: TextLayerOcrPage): Severity | undefined {
  const material = c.counts.number + c.counts.name;
  if (material === 0) return undefined;
  if (page.confidence < MIN_CONFIDENCE) return 'info';
  // A layer that shares less than half its words with the picture does not transcribe it (another
  // language, another page, a web capture): an edit to a transcript is surgical, this is not one.
  if (c.agreement < MIN_TRANSCRIPT_AGREEMENT) return 'low';
  if (c.counts.number >= 2 || (c.counts.number >= 1 && c.counts.name >= 1)) return 'high';
  return 'medium';
}

/** Findings for the pages of an OCR result that carry a text layer of their own (searchable scans). */
export function textLayerFindings(result: TextLayerOcrResult): FindingDraft[] {
  const findings: FindingDraft[] = [];
  for (const page of result.pages) {
    if (page.layerText === undefined || page.layerText.trim() === '') continue;
    const c = compare(page.layerText, page.text);
    const severity = severityOf(c, page);
    if (!severity) continue;
    const what = [c.counts.number ? `${c.counts.number} number(s)` : '', c.counts.name ? `${c.counts.name} name(s)` : '']
      .filter(Boolean)
      .join(' and ');
    const first = c.segments.find((s) => s.differs === 'number' || s.differs === 'name');
    findings.push({
      severity,
      message:
        `Page ${page.page}: the hidden text layer differs from what the page shows in ${what}` +
        (first ? ` (layer "${first.layer}", image "${first.ocr}")` : '') +
        (severity === 'info' ? `; the OCR of the picture is unsure (confidence ${Math.round(page.confidence)}).` : '.'),
      evidence: {
        page: page.page,
        layer: page.reason,
        differences: c.counts,
        agreement: Math.round(c.agreement * 1000) / 1000,
        ocr: { engine: result.engine, version: result.engineVersion, langs: result.langs, confidence: Math.round(page.confidence) },
        sideBySide: c.segments,
      },
    });
  }
  return findings;
}
