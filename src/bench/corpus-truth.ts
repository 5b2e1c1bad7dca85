// Which files of the shared corpus are genuine and which were crafted, read from the corpus's own
// index (MANIFEST.tsv notes, EXPECTED.tsv expectations), never from Verity's findings: the
// denominator of the "genuine real files flagged" rate. Rules and their grounds:
// docs/checks-documents.md ("The genuine-files measure").

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type CorpusLabel = 'genuine' | 'crafted';

export interface CorpusTruth {
  label: CorpusLabel;
  /** Why the file counts as crafted (empty for genuine files). */
  reasons: string[];
}

interface Rule {
  reason: string;
  /** Matches on the file's path and MANIFEST note, as one line: 'path<TAB>note'. */
  note?: RegExp;
  /** Matches on the MANIFEST source_repository (a verifier's own test corpus). */
  source?: RegExp;
  /** Matches on an EXPECTED.tsv row: property and expected value. */
  expected?: (property: string, value: string) => boolean;
}

/**
 * Crafted = made or altered on purpose, so that its headers, dates or structure are not what a
 * genuine writer produced: spam (its senders forge headers), messages built or tampered with to
 * test authentication verifiers, validator conformance files built to pass or fail one rule,
 * fuzzed or hand-reduced files, and files whose source says a value was set or edited by hand.
 */
const RULES: Rule[] = [
  {
    reason: 'spam: its sender forges or invents headers (SpamAssassin spam corpus)',
    // The MANIFEST note, not EXPECTED.tsv's spam_classification: that column says "spam" for the
    // ham folders too (nice/, nice-cjk/...), against the note and the folder.
    note: /real-world SPAM/,
  },
  {
    reason: 'an authentication test vector: headers and body composed or re-signed to exercise a DKIM/ARC/DMARC verifier',
    source: /^fastmail\/mail-dkim$/,
    note: /Mail::DKIM verifier corpus|SpamAssassin DKIM test message|DKIM canonicali[sz]ation test message|DMARC test message|RFC \d+ example message|ARC (signing|validation) test suite/,
  },
  {
    reason: 'tampered on purpose by its source (the expected verdict is a failure or the note says so)',
    note: /TAMPERED|\(tampered\)|FORGED pre-existing/,
    expected: (p, v) => p.startsWith('dkim_result') && /^(dkim=)?fail\b/.test(v),
  },
  {
    reason: 'a conformance test file built to pass or fail one validator rule (veraPDF test builder, hand-built one-defect PDFs)',
    note: /\tveraPDF |hand-built/i,
  },
  {
    reason: 'fuzzed, hand-reduced or hand-edited by its source',
    note: /fuzzed|reduced test case|deliberately set|edited version of/i,
  },
];

function tsv(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('\t'));
}

/** Labels of every file listed in `<corpusRoot>/MANIFEST.tsv`, keyed by its relative path. */
export function readCorpusTruth(corpusRoot: string): Map<string, CorpusTruth> {
  const expected = new Map<string, { property: string; value: string }[]>();
  for (const [path, property, value] of tsv(join(corpusRoot, 'EXPECTED.tsv'))) {
    if (!path || !property) continue;
    const rows = expected.get(path) ?? [];
    rows.push({ property, value: value ?? '' });
    expected.set(path, rows);
  }
  const out = new Map<string, CorpusTruth>();
  for (const cols of tsv(join(corpusRoot, 'MANIFEST.tsv'))) {
    const path = cols[0];
    const line = `${path}\t${cols[7] ?? ''}`;
    const rows = expected.get(path) ?? [];
    const reasons = RULES.filter(
      (r) => r.note?.test(line) || r.source?.test(cols[3] ?? '') || (r.expected && rows.some((x) => r.expected!(x.property, x.value))),
    ).map((r) => r.reason);
    out.set(path, { label: reasons.length ? 'crafted' : 'genuine', reasons });
  }
  return out;
}

/** The label of a report path: an archive member or an attachment ('a.eml!b.pdf') shares its file's label. */
export function truthOf(labels: ReadonlyMap<string, CorpusTruth>, reportPath: string): CorpusTruth | undefined {
  return labels.get(reportPath.split('!')[0]);
}
