// The ordered list of forensic checks (one line each, or one family array).
// Adding a check = one file in src/checks/ + one line here + its test.

import type { Check, CorpusCheck, DocumentCheck, OcrCheck } from './types.js';
import { EMAIL_DOCUMENT_CHECKS, EMAIL_CORPUS_CHECKS } from './email/index.js';
import { DOCUMENT_FILE_CHECKS, DOCUMENT_OCR_CHECKS } from './document/index.js';
import { DOCUMENT_CORPUS_CHECKS } from './corpus/index.js';

export const CHECKS: readonly Check[] = [
  // document checks
  ...EMAIL_DOCUMENT_CHECKS,
  ...DOCUMENT_FILE_CHECKS,

  // checks of the OCR stage
  ...DOCUMENT_OCR_CHECKS,

  // corpus checks
  ...EMAIL_CORPUS_CHECKS,
  ...DOCUMENT_CORPUS_CHECKS,
];

export const DOCUMENT_CHECKS: readonly DocumentCheck[] = CHECKS.filter((c): c is DocumentCheck => c.scope === 'document');
export const CORPUS_CHECKS: readonly CorpusCheck[] = CHECKS.filter((c): c is CorpusCheck => c.scope === 'corpus');
export const OCR_CHECKS: readonly OcrCheck[] = CHECKS.filter((c): c is OcrCheck => c.scope === 'ocr');

/** Version of the whole check set: changes when a check is added, removed or bumped. */
export const CHECKSET_VERSION = CHECKS.map((c) => `${c.id}@${c.version}`).join(',');

const seen = new Set<string>();
for (const c of CHECKS) {
  if (seen.has(c.id)) throw new Error(`duplicate check id ${c.id}`);
  seen.add(c.id);
}

export function checkById(id: string): Check | undefined {
  return CHECKS.find((c) => c.id === id);
}
