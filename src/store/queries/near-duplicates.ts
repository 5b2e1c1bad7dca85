// Near-duplicates of a document, read from the 'text.near-duplicate' findings in both directions (a
// pair is recorded on one or both sides).

import type { CaseReader } from './reader.js';

/** The near-duplicate check (src/checks/corpus/near-duplicate.ts) and its evidence shape. */
const NEAR_DUPLICATE_CHECKS = ['text.near-duplicate'];

/** The other document and the similarity a near-duplicate finding names. */
function pairsFromEvidence(evidence: unknown): { id: string; similarity: number | null }[] {
  const e = evidence as { otherDocument?: unknown; estimatedShingleSimilarity?: unknown } | null;
  if (!e || typeof e.otherDocument !== 'string') return [];
  return [{ id: e.otherDocument, similarity: typeof e.estimatedShingleSimilarity === 'number' ? e.estimatedShingleSimilarity : null }];
}

export function nearDuplicatesOf(r: CaseReader, docId: string): { id: string; path: string; similarity: number }[] | undefined {
  return r.snapshot(() => {
    const self = r.stmt('SELECT rowid FROM documents WHERE id = ?').pluck().get(docId) as number | undefined;
    if (self === undefined) return undefined;
    const best = new Map<string, number | null>();
    const note = (id: string, sim: number | null) => {
      if (id === docId) return;
      const prev = best.get(id);
      if (prev === undefined || (sim ?? -1) > (prev ?? -1)) best.set(id, sim);
    };
    const checks = JSON.stringify(NEAR_DUPLICATE_CHECKS);
    const own = r
      .stmt('SELECT evidence FROM findings WHERE doc_rowid = ? AND check_id IN (SELECT value FROM json_each(?))')
      .pluck()
      .all(self, checks) as string[];
    for (const e of own) for (const p of pairsFromEvidence(safeParse(e))) note(p.id, p.similarity);
    // Findings on other documents that name this one (the index on check_id keeps this to that check's rows).
    const back = r
      .stmt(
        `SELECT d.id, f.evidence FROM findings f JOIN documents d ON d.rowid = f.doc_rowid
      WHERE f.check_id IN (SELECT value FROM json_each(?)) AND f.doc_rowid != ? AND instr(f.evidence, ?) > 0`,
      )
      .all(checks, self, docId) as { id: string; evidence: string }[];
    for (const b of back) {
      const pair = pairsFromEvidence(safeParse(b.evidence)).find((p) => p.id === docId);
      if (pair) note(b.id, pair.similarity);
    }
    if (best.size === 0) return [];
    const rows = r
      .stmt('SELECT id, path FROM documents WHERE id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify([...best.keys()])) as { id: string; path: string }[];
    return rows
      .map((x) => ({ id: x.id, path: x.path, similarity: best.get(x.id) ?? 0 }))
      .sort((a, b) => b.similarity - a.similarity || a.path.localeCompare(b.path));
  });
}

function safeParse(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}
