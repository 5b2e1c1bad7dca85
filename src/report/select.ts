// A report's selection in words, for its summary. Which documents it holds is the store's answer
// (store/queries/report-documents.ts).

import type { ReportSelection } from '../model/api.js';

/** The selection in words, for the report's summary ("all documents" when nothing narrows it). */
export function describeSelection(sel: ReportSelection): string[] {
  const parts: string[] = [];
  if (sel.tag) parts.push(`tagged "${sel.tag}"`);
  if (sel.verdict) parts.push(`verdict ${sel.verdict}`);
  if (sel.minScore !== undefined && sel.minScore > 0) parts.push(`score at least ${sel.minScore}`);
  if (sel.documents?.length) parts.push(`${sel.documents.length} document${sel.documents.length === 1 ? '' : 's'} chosen by id`);
  const q = sel.query;
  if (q) {
    if (q.text?.trim()) parts.push(`matching the search "${q.text.trim()}"`);
    if (q.kinds?.length) parts.push(`kind ${q.kinds.join(' or ')}`);
    if (q.checks?.length) parts.push(`flagged by ${q.checks.join(' or ')}`);
    if (q.severities?.length) parts.push(`with a ${q.severities.join(' or ')} finding`);
    if (q.tags?.length) parts.push(`tagged ${q.tags.map((t) => `"${t}"`).join(' or ')}`);
    if (q.verdicts?.length) parts.push(`verdict ${q.verdicts.join(' or ')}`);
    if (q.people?.length) parts.push(`from or by ${q.people.join(' or ')}`);
    if (q.dateFrom) parts.push(`dated from ${q.dateFrom}`);
    if (q.dateTo) parts.push(`dated up to ${q.dateTo}`);
    if (q.minScore) parts.push(`score at least ${q.minScore}`);
    if (q.ids?.length) parts.push(`${q.ids.length} document${q.ids.length === 1 ? '' : 's'} chosen by id`);
  }
  return parts;
}
