// Everything any report format shows about a selection, read from the case in one place: the JSON
// contract's fields plus what the HTML page and the redaction pass need beyond them (title, size,
// locator chain, the people named in the facts, the checks that ran). Every list is read in a fixed
// SQL order, so the same case and selection always give the same data.

import type { Db } from '../store/db.js';
import type { ReportSelection } from '../model/api.js';
import type { ReportDocument, ReportFlag, ReportMetadataEntry } from '../model/report.js';
import type { DocumentKind, Locator, Severity, Verdict } from '../model/document.js';
import { VERDICTS } from '../model/document.js';
import type { Facts, PersonClaim } from '../model/facts.js';
import { selectDocuments } from './select.js';
import { VERITY_VERSION } from '../version.js';

export interface GatheredDocument extends ReportDocument {
  /** Always read here; the JSON report writes it only when asked (--metadata). */
  metadata: ReportMetadataEntry[];
  name: string;
  title: string | null;
  mime: string;
  size: number;
  /** Best date the document claims (UTC ISO), as the store computed it. */
  date: string | null;
  locator: Locator;
  /** People named in the extracted facts (author, editor, sender, recipients...). */
  people: PersonClaim[];
  /** Path of the containing document, when there is one. */
  parentPath?: string;
}

export interface CheckRun {
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
  lastScan: { startedAt: string; finishedAt: string | null; state: string } | null;
  /** Paths of the documents that findings' evidence names by id (other copies, the carrying email),
   * so the page can say which file an id is; [id, path] sorted by id. */
  referenced: [string, string][];
}

export interface GatherOptions {
  /** Fixed generation time (tests, reproducibility); defaults to now. */
  generatedAt?: string;
}

export function parseCheckset(text: string | undefined): CheckRun[] {
  if (!text) return [];
  const out: CheckRun[] = [];
  for (const part of text.split(',')) {
    const m = /^(.+)@(\d+)$/.exec(part.trim());
    if (m) out.push({ id: m[1], version: Number(m[2]) });
  }
  return out;
}

function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function gatherReport(db: Db, selection: ReportSelection, opts: GatherOptions = {}): GatheredReport {
  const docs = selectDocuments(db, selection);
  const findings = db.prepare(
    'SELECT check_id AS "check", severity, message, evidence FROM findings WHERE doc_rowid = ? ORDER BY severity_rank, check_id, message, rowid',
  );
  const tags = db.prepare('SELECT tag FROM tags WHERE doc_id = ? ORDER BY tag').pluck();
  const verdict = db.prepare('SELECT verdict FROM verdicts WHERE doc_id = ?').pluck();
  const note = db.prepare('SELECT note FROM notes WHERE doc_id = ?').pluck();
  const messageId = db.prepare('SELECT message_id FROM emails WHERE content_id = ?').pluck();
  const meta = db.prepare('SELECT source, key, value FROM content_metadata WHERE content_id = ? ORDER BY seq');
  const occ = db.prepare('SELECT source, key, value FROM occurrence_metadata WHERE doc_rowid = ? ORDER BY seq');
  const parentPath = db.prepare('SELECT path FROM documents WHERE id = ?').pluck();
  const extra = db.prepare(
    'SELECT d.name, d.title, d.mime, d.size, d.date, d.locator, c.facts FROM documents d LEFT JOIN content c ON c.rowid = d.content_id WHERE d.rowid = ?',
  );
  const meta1 = (key: string) => db.prepare('SELECT value FROM case_meta WHERE key = ?').pluck().get(key) as string | undefined;
  const total = db.prepare('SELECT count(*) FROM documents').pluck().get() as number;

  const documents: GatheredDocument[] = docs.map((d) => {
    const flags = (findings.all(d.rowid) as { check: string; severity: Severity; message: string; evidence: string }[]).map(
      (f): ReportFlag => ({
        check: f.check,
        severity: f.severity,
        message: f.message,
        evidence: parseJson<Record<string, unknown>>(f.evidence, {}),
      }),
    );
    const x = extra.get(d.rowid) as {
      name: string;
      title: string | null;
      mime: string;
      size: number;
      date: string | null;
      locator: string;
      facts: string | null;
    };
    const facts = parseJson<Facts>(x.facts, {});
    const out: GatheredDocument = {
      id: d.id,
      path: d.path,
      sha256: d.sha256,
      kind: d.kind as DocumentKind,
      score: d.score,
      flags,
      tags: tags.all(d.id) as string[],
      verdict: (verdict.get(d.id) as Verdict | undefined) ?? 'unresolved',
      note: (note.get(d.id) as string | undefined) ?? '',
      metadata: [
        ...(d.contentId !== null ? (meta.all(d.contentId) as ReportMetadataEntry[]) : []),
        ...(occ.all(d.rowid) as ReportMetadataEntry[]),
      ],
      name: x.name,
      title: x.title,
      mime: x.mime,
      size: x.size,
      date: x.date,
      locator: parseJson<Locator>(x.locator, []),
      people: Array.isArray(facts.people) ? facts.people : [],
    };
    if (d.kind === 'email' && d.contentId !== null) {
      const mid = messageId.get(d.contentId) as string | null | undefined;
      if (mid) out.messageId = mid;
    }
    if (d.parentId) {
      out.parent = d.parentId;
      const pp = parentPath.get(d.parentId) as string | undefined;
      if (pp !== undefined) out.parentPath = pp;
    }
    return out;
  });

  const caseVerdicts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const row of db
    .prepare('SELECT verdict, count(*) AS n FROM verdicts WHERE doc_id IN (SELECT id FROM documents) GROUP BY verdict ORDER BY verdict')
    .all() as { verdict: Verdict; n: number }[]) {
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
  const referenced = mentioned.size
    ? (db
        .prepare('SELECT id, path FROM documents WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id')
        .raw()
        .all(JSON.stringify([...mentioned].sort())) as [string, string][])
    : [];

  const lastScan =
    (db.prepare('SELECT started_at AS startedAt, finished_at AS finishedAt, state FROM scans ORDER BY id DESC LIMIT 1').get() as
      GatheredReport['lastScan'] | undefined) ?? null;

  return {
    version: VERITY_VERSION,
    generatedAt: opts.generatedAt ?? new Date().toISOString(),
    dump: { root: meta1('dump_root') ?? '', documents: total },
    selection,
    documents,
    checksRun: parseCheckset(meta1('analysed_checkset')),
    caseVerdicts,
    lastScan,
    referenced,
  };
}
