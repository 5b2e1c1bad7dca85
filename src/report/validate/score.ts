// Scoring a report against a truth: recall per forgery family and overall (a forged item is found
// when one of its documents carries a finding at or above the threshold, medium by default), the
// false-positive rate on genuine items (listed ones, and every unlisted document when asked), the
// rate on innocent lookalikes per family, and the missed and false items with their findings.

import type { Severity } from '../../model/document.js';
import type { JsonReport, ReportDocument, ReportFlag } from '../../model/report.js';
import type { Rate, ValidateOptions, ValidationDocument, ValidationItem, ValidationResult } from '../../model/validation.js';
import { matchTruth, type UnmatchedEntry } from './match.js';
import type { TruthEntry } from './truth.js';

const RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3 };

function rate(count: number, total: number): Rate {
  return { count, total, rate: total ? count / total : null };
}

function asValidationDocument(d: ReportDocument, flags: ReportFlag[]): ValidationDocument {
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
  const missed: ValidationItem[] = [];
  let foundTotal = 0,
    forgedTotal = 0;
  const lookTotal: Record<string, number> = {};
  const lookFlagged: Record<string, number> = {};
  const falseItems: ValidationItem[] = [];
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
          documents: it.documents.filter((d) => d.flags.length).map((d) => asValidationDocument(d, d.flags)),
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
        documents: flaggedDocs.map((d) => asValidationDocument(d, hits(d))),
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
      falseItems.push({ path: d.path, messageId: d.messageId, documents: [asValidationDocument(d, h)] });
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
