// Scoring a report against a truth: recall per forgery family and overall (a forged item is found
// when one of its documents carries a finding at or above the threshold, medium by default), the
// false-positive rate on genuine items (listed ones, and every unlisted document when asked), the
// rate on innocent lookalikes per family, and the missed and false items with their findings.

import type { Severity } from '../../model/document.js';
import type { JsonReport, ReportDocument, ReportFlag } from '../../model/report.js';
import { matchTruth, type UnmatchedEntry } from './match.js';
import type { TruthEntry } from './truth.js';

export interface ValidateOptions {
  /** Lowest severity that counts as a detection. */
  threshold?: 'medium' | 'high';
  /** Count every document the truth does not list as a genuine item. */
  unlistedAsGenuine?: boolean;
}

interface ItemDocument {
  id: string;
  path: string;
  messageId?: string;
  score: number;
  flags: ReportFlag[];
}

interface ItemOutcome {
  path?: string;
  messageId?: string;
  family?: string;
  /** Line of the truth entry; absent for unlisted documents. */
  line?: number;
  /** The item's documents that carry findings (all severities for a missed forgery, at or above
   *  the threshold for a false positive). */
  documents: ItemDocument[];
}

export interface Rate {
  count: number;
  total: number;
  /** count/total, null when total is 0. */
  rate: number | null;
}

export interface ValidationResult {
  threshold: 'medium' | 'high';
  unlistedAsGenuine: boolean;
  report: { root: string; documents: number };
  truth: { entries: number; matched: number; unmatched: number; duplicates: number };
  /** Found forged items over planted (matched) forged items. */
  recall: Rate;
  recallByFamily: Record<string, Rate>;
  /** Flagged genuine items over genuine items (listed, plus unlisted documents when asked). */
  falsePositives: Rate;
  /** Flagged listed genuine items over listed genuine items. */
  falsePositivesListed: Rate;
  /** Genuine items listed with a family: innocent lookalikes of that family. */
  lookalikes: Rate;
  lookalikesByFamily: Record<string, Rate>;
  /** Documents named by both a genuine and a forged entry (counted as forged). */
  contested: number;
  missed: ItemOutcome[];
  falseItems: ItemOutcome[];
  unmatched: { line: number; path?: string; messageId?: string; label: string; reason: string }[];
  notes: string[];
}

const RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3 };

function rate(count: number, total: number): Rate {
  return { count, total, rate: total ? count / total : null };
}

function asItemDocument(d: ReportDocument, flags: ReportFlag[]): ItemDocument {
  return { id: d.id, path: d.path, messageId: d.messageId, score: d.score, flags };
}

const NO_FAMILY = '(no family)';

export function scoreValidation(report: JsonReport, entries: TruthEntry[], options: ValidateOptions = {}): ValidationResult {
  const threshold = options.threshold ?? 'medium';
  const unlistedAsGenuine = options.unlistedAsGenuine ?? false;
  const hits = (d: ReportDocument) => d.flags.filter((f) => RANK[f.severity] >= RANK[threshold]);
  const m = matchTruth(entries, report);

  const planted: Record<string, number> = {};
  const found: Record<string, number> = {};
  const missed: ItemOutcome[] = [];
  let foundTotal = 0,
    forgedTotal = 0;
  const lookTotal: Record<string, number> = {};
  const lookFlagged: Record<string, number> = {};
  const falseItems: ItemOutcome[] = [];
  let genuineListed = 0,
    genuineListedFlagged = 0;

  for (const it of m.items) {
    const e = it.entry;
    const flaggedDocs = it.documents.filter((d) => hits(d).length > 0);
    if (e.label === 'forged') {
      const fam = e.family ?? NO_FAMILY;
      forgedTotal++;
      planted[fam] = (planted[fam] ?? 0) + 1;
      if (flaggedDocs.length) {
        foundTotal++;
        found[fam] = (found[fam] ?? 0) + 1;
      } else {
        missed.push({
          path: e.path,
          messageId: e.messageId,
          family: e.family,
          line: e.line,
          documents: it.documents.filter((d) => d.flags.length).map((d) => asItemDocument(d, d.flags)),
        });
      }
      continue;
    }
    genuineListed++;
    if (e.family) lookTotal[e.family] = (lookTotal[e.family] ?? 0) + 1;
    if (flaggedDocs.length) {
      genuineListedFlagged++;
      if (e.family) lookFlagged[e.family] = (lookFlagged[e.family] ?? 0) + 1;
      falseItems.push({
        path: e.path,
        messageId: e.messageId,
        family: e.family,
        line: e.line,
        documents: flaggedDocs.map((d) => asItemDocument(d, hits(d))),
      });
    }
  }

  let unlistedFlagged = 0;
  const unlistedCount = unlistedAsGenuine ? m.unlisted.length : 0;
  if (unlistedAsGenuine) {
    for (const d of m.unlisted) {
      const h = hits(d);
      if (!h.length) continue;
      unlistedFlagged++;
      falseItems.push({ path: d.path, messageId: d.messageId, documents: [asItemDocument(d, h)] });
    }
  }

  const recallByFamily = Object.fromEntries(
    Object.keys(planted)
      .sort()
      .map((f) => [f, rate(found[f] ?? 0, planted[f])]),
  );
  const lookalikesByFamily = Object.fromEntries(
    Object.keys(lookTotal)
      .sort()
      .map((f) => [f, rate(lookFlagged[f] ?? 0, lookTotal[f])]),
  );
  const lookCount = Object.values(lookFlagged).reduce((a, b) => a + b, 0);
  const lookAll = Object.values(lookTotal).reduce((a, b) => a + b, 0);

  const notes: string[] = [];
  if (entries.length === 0)
    notes.push(
      'The truth lists no items: nothing to score for recall.' +
        (unlistedAsGenuine ? '' : ' Count unlisted documents as genuine to measure false positives.'),
    );
  else if (forgedTotal === 0) notes.push('The truth lists no forged item that matches a document: recall is undefined.');
  if (m.unmatched.length)
    notes.push(
      `${m.unmatched.length} truth ${m.unmatched.length === 1 ? 'entry matches' : 'entries match'} no document of the report (listed below; not scored).`,
    );
  if (m.duplicates.length)
    notes.push(
      `${m.duplicates.length} duplicate truth ${m.duplicates.length === 1 ? 'entry was' : 'entries were'} ignored (lines ${m.duplicates.map((d) => d.line).join(', ')}).`,
    );
  if (m.contested) notes.push(`${m.contested} document(s) are named by a genuine and a forged entry; they count as forged.`);

  return {
    threshold,
    unlistedAsGenuine,
    report: { root: report.dump?.root ?? '', documents: report.documents.length },
    truth: { entries: entries.length, matched: m.items.length, unmatched: m.unmatched.length, duplicates: m.duplicates.length },
    recall: rate(foundTotal, forgedTotal),
    recallByFamily,
    falsePositives: rate(genuineListedFlagged + unlistedFlagged, genuineListed + unlistedCount),
    falsePositivesListed: rate(genuineListedFlagged, genuineListed),
    lookalikes: rate(lookCount, lookAll),
    lookalikesByFamily,
    contested: m.contested,
    missed,
    falseItems,
    unmatched: m.unmatched.map((u: UnmatchedEntry) => ({
      line: u.entry.line,
      path: u.entry.path,
      messageId: u.entry.messageId,
      label: u.entry.label,
      reason: u.reason,
    })),
    notes,
  };
}
