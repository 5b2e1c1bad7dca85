// Everything any report format shows about a selection, gathered in one place: the JSON contract's
// fields plus what the HTML page and the redaction pass need beyond them (docs/report.md).

import type { Db } from '../store/db.js';
import { analysedCheckset, dumpRoot } from '../store/case-meta.js';
import { lastScan, type ScanRecord } from '../store/scan-ledger.js';
import { documentCount } from '../store/queries/case-stats.js';
import { documentPaths, reportDocuments, verdictCounts, type CaseReportDocument } from '../store/queries/report-documents.js';
import { carriedDkimSignatures } from '../store/queries/dkim-signatures.js';
import { dkimKeySources } from '../store/dkim-keys.js';
import type { ReportSelection } from '../model/api.js';
import type { Verdict } from '../model/document.js';
import { VERDICTS } from '../model/document.js';
import { VERITY_VERSION } from '../version.js';
import { dkimResults } from './dkim-results.js';

export type GatheredDocument = CaseReportDocument;

interface CheckRun {
  id: string;
  version: number;
}

export interface GatheredReport {
  version: string;
  generatedAt: string;
  dump: { root: string; documents: number };
  selection: ReportSelection;
  documents: GatheredDocument[];
  /** The check set of the last analysis (case_meta 'analysed_checkset'), in registry order. */
  checksRun: CheckRun[];
  /** Verdicts over the whole case (the report's own counts come from its documents). */
  caseVerdicts: Record<Verdict, number>;
  lastScan: ScanRecord | null;
  /** Paths of the documents that findings' evidence names by id (other copies, the carrying email),
   * so the page can say which file an id is; [id, path] sorted by id. */
  referenced: [string, string][];
}

interface GatherOptions {
  /** Fixed generation time (tests, reproducibility); defaults to now. */
  generatedAt?: string;
}

function parseCheckset(text: string | undefined): CheckRun[] {
  if (!text) return [];
  const out: CheckRun[] = [];
  for (const part of text.split(',')) {
    const m = /^(.+)@(\d+)$/.exec(part.trim());
    if (m) out.push({ id: m[1], version: Number(m[2]) });
  }
  return out;
}

export function gatherReport(db: Db, selection: ReportSelection, opts: GatherOptions = {}): GatheredReport {
  const documents = reportDocuments(db, selection);
  const total = documentCount(db);

  // Every email's DKIM signatures, each with its result and the source of the key that judged it.
  const emails = documents.filter((d) => d.kind === 'email');
  if (emails.length) {
    const carried = carriedDkimSignatures(
      db,
      emails.map((d) => d.id),
    );
    const keySource = dkimKeySources(db);
    for (const d of emails) d.dkim = dkimResults(d.flags, carried.get(d.id) ?? [], keySource);
  }

  const caseVerdicts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const row of verdictCounts(db)) {
    if (row.verdict in caseVerdicts && row.verdict !== 'unresolved') caseVerdicts[row.verdict] = row.n;
  }
  caseVerdicts.unresolved = total - VERDICTS.filter((v) => v !== 'unresolved').reduce((s, v) => s + caseVerdicts[v], 0);

  // Evidence names other documents by id (near-duplicates, other copies of a message, the email that
  // carries an attachment): resolve those the case knows.
  const mentioned = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (/^[0-9a-f]{32}$/.test(v)) mentioned.add(v);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v as Record<string, unknown>).forEach(walk);
  };
  for (const d of documents) for (const f of d.flags) walk(f.evidence);
  const referenced = mentioned.size ? documentPaths(db, [...mentioned].sort()) : [];

  return {
    version: VERITY_VERSION,
    generatedAt: opts.generatedAt ?? new Date().toISOString(),
    dump: { root: dumpRoot(db) ?? '', documents: total },
    selection,
    documents,
    checksRun: parseCheckset(analysedCheckset(db)),
    caseVerdicts,
    lastScan: lastScan(db),
    referenced,
  };
}
