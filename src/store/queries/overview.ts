// Overview figures: the case summary, the timeline of documents per ISO week with the flagged ones
// overlaid, and the failure ledger.

import type { CaseSummary } from '../../model/api.js';
import { SEVERITIES, VERDICTS, type FailureEntry, type Severity, type Verdict } from '../../model/document.js';
import { RANK_SEVERITY } from '../severity.js';
import type { CaseReader } from './reader.js';
import { countMatching } from './count.js';

export function caseSummary(r: CaseReader, caseFile: string, dumpRoot: string | null): Omit<CaseSummary, 'flagged'> {
  return r.cached(`summary\u0000${caseFile}\u0000${dumpRoot}`, () =>
    r.snapshot(() => {
      const documents = countMatching(r, {});
      const byKind: Record<string, number> = {};
      for (const k of r.stmt('SELECT kind, count(*) AS n FROM documents GROUP BY kind').all() as { kind: string; n: number }[])
        byKind[k.kind] = k.n;
      const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
      for (const s of r.stmt('SELECT severity_rank AS rank, count(DISTINCT doc_rowid) AS n FROM findings GROUP BY severity_rank').all() as {
        rank: number;
        n: number;
      }[]) {
        const sev = RANK_SEVERITY[s.rank];
        if (sev) bySeverity[sev] = s.n;
      }
      const byCheck = r
        .stmt(
          'SELECT check_id AS "check", count(DISTINCT doc_rowid) AS count FROM findings GROUP BY check_id ORDER BY count DESC, check_id',
        )
        .all() as { check: string; count: number }[];
      const verdicts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
      let decided = 0;
      for (const v of r
        .stmt('SELECT v.verdict, count(*) AS n FROM verdicts v JOIN documents d ON d.id = v.doc_id GROUP BY v.verdict')
        .all() as { verdict: string; n: number }[]) {
        if (v.verdict in verdicts && v.verdict !== 'unresolved') {
          verdicts[v.verdict as Verdict] = v.n;
          decided += v.n;
        }
      }
      verdicts.unresolved = documents - decided;
      const scan = r.stmt('SELECT dump_root, started_at, finished_at, state FROM scans ORDER BY id DESC LIMIT 1').get() as
        { dump_root: string; started_at: string; finished_at: string | null; state: string } | undefined;
      const failures = r.stmt('SELECT count(*) FROM failures').pluck().get() as number;
      return {
        caseFile,
        dumpRoot: dumpRoot ?? scan?.dump_root ?? null,
        documents,
        byKind,
        bySeverity,
        byCheck,
        verdicts,
        lastScan: scan ? { startedAt: scan.started_at, finishedAt: scan.finished_at, state: scan.state } : null,
        failures,
      };
    }),
  );
}

/**
 * Documents per ISO week (YYYY-Www) of their best date. Grouped by day in SQL (a few thousand
 * groups over the date index), then folded into weeks, so the per-row work is a substring, not a
 * date computation. A document is flagged when its findings give it a score above zero.
 */
export function timeline(r: CaseReader): { week: string; documents: number; flagged: number }[] {
  return r.cached('timeline', () => {
    const days = r
      .stmt(
        `SELECT substr(date, 1, 10) AS day, count(*) AS n, sum(score > 0) AS flagged FROM documents
      WHERE date IS NOT NULL AND date >= '0001' GROUP BY day`,
      )
      .all() as { day: string; n: number; flagged: number }[];
    const weeks = new Map<string, { documents: number; flagged: number }>();
    for (const d of days) {
      const week = isoWeek(d.day);
      if (!week) continue;
      const w = weeks.get(week) ?? { documents: 0, flagged: 0 };
      w.documents += d.n;
      w.flagged += d.flagged;
      weeks.set(week, w);
    }
    return [...weeks.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([week, v]) => ({ week, ...v }));
  });
}

/** ISO 8601 week of a 'YYYY-MM-DD' day: '2021-W01'; null for a malformed day. */
export function isoWeek(day: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(t)) return null;
  const date = new Date(t);
  const dow = (date.getUTCDay() + 6) % 7; // Monday = 0
  date.setUTCDate(date.getUTCDate() - dow + 3); // the Thursday of this week decides its year
  const year = date.getUTCFullYear();
  const week = 1 + Math.floor((date.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 / 7);
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

export function failurePage(r: CaseReader, offset: number, limit: number): { total: number; rows: FailureEntry[] } {
  return r.snapshot(() => {
    const total = r.stmt('SELECT count(*) FROM failures').pluck().get() as number;
    const rows = r
      .stmt(`SELECT doc_id AS documentId, path, stage, code, message, at FROM failures ORDER BY rowid LIMIT ? OFFSET ?`)
      .all(limit, offset) as FailureEntry[];
    return { total, rows };
  });
}
