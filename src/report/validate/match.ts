// Truth entries resolved to the documents of a JSON report. An entry names a document by its report
// path (or a file or folder holding documents), by Message-ID, or by both (a Message-ID inside that
// file). An item is the matched documents and everything inside them (an email's attachments, an
// archive's members): a forged item is found when any of its documents is flagged.

import type { JsonReport, ReportDocument } from '../../model/report.js';
import { normaliseMessageId, normalisePath, type TruthEntry } from './truth.js';

interface MatchedItem {
  entry: TruthEntry;
  documents: ReportDocument[];
}

export interface UnmatchedEntry {
  entry: TruthEntry;
  reason: string;
}

export interface Matching {
  items: MatchedItem[];
  unmatched: UnmatchedEntry[];
  /** Entries naming the same thing as an earlier entry (ignored). */
  duplicates: TruthEntry[];
  /** Documents listed as genuine by one entry and forged by another: they count as forged. */
  contested: number;
  /** Every document of the report not covered by any item. */
  unlisted: ReportDocument[];
}

interface Index {
  byPath: Map<string, ReportDocument[]>;
  byMessageId: Map<string, ReportDocument[]>;
  children: Map<string, ReportDocument[]>;
  sortedPaths: string[];
  byId: Map<string, ReportDocument>;
}

function index(report: JsonReport): Index {
  const byPath = new Map<string, ReportDocument[]>();
  const byMessageId = new Map<string, ReportDocument[]>();
  const children = new Map<string, ReportDocument[]>();
  const byId = new Map<string, ReportDocument>();
  for (const d of report.documents) {
    byId.set(d.id, d);
    const p = normalisePath(d.path);
    byPath.set(p, [...(byPath.get(p) ?? []), d]);
    if (d.messageId) {
      const m = normaliseMessageId(d.messageId);
      byMessageId.set(m, [...(byMessageId.get(m) ?? []), d]);
    }
    if (d.parent) children.set(d.parent, [...(children.get(d.parent) ?? []), d]);
  }
  return { byPath, byMessageId, children, byId, sortedPaths: [...byPath.keys()].sort() };
}

/** Documents whose path starts with `prefix` (sorted-path range scan). */
function under(ix: Index, prefix: string): ReportDocument[] {
  let lo = 0,
    hi = ix.sortedPaths.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ix.sortedPaths[mid] < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: ReportDocument[] = [];
  for (let i = lo; i < ix.sortedPaths.length && ix.sortedPaths[i].startsWith(prefix); i++) out.push(...ix.byPath.get(ix.sortedPaths[i])!);
  return out;
}

function withDescendants(ix: Index, docs: ReportDocument[]): ReportDocument[] {
  const seen = new Map<string, ReportDocument>();
  const stack = [...docs];
  while (stack.length) {
    const d = stack.pop()!;
    if (seen.has(d.id)) continue;
    seen.set(d.id, d);
    stack.push(...(ix.children.get(d.id) ?? []));
    // Reports without parent links: members are named '<container path>!<member>'.
    if (!ix.children.size) stack.push(...under(ix, `${normalisePath(d.path)}!`));
  }
  return [...seen.values()];
}

function sameMessage(d: ReportDocument, id: string): boolean {
  return !!d.messageId && normaliseMessageId(d.messageId) === id;
}

/** The entry's path relative to the dump root when it was written absolute. */
function relativePath(path: string | undefined, root: string): string | undefined {
  if (!path || !root) return path;
  const r = normalisePath(root).replace(/\/$/, '');
  return path.startsWith(`${r}/`) ? path.slice(r.length + 1) : path;
}

function resolve(ix: Index, e: TruthEntry, root: string): { docs: ReportDocument[]; reason?: string } {
  const path = relativePath(e.path, root);
  const id = e.messageId;
  if (path) {
    const exact = ix.byPath.get(path) ?? [];
    const inside = [...under(ix, `${path}!`), ...under(ix, `${path.replace(/\/$/, '')}/`)];
    if (id) {
      let docs = [...exact, ...inside].filter((d) => sameMessage(d, id));
      if (!docs.length)
        docs = [...exact, ...inside].filter((d) => d.messageId && normaliseMessageId(d.messageId).toLowerCase() === id.toLowerCase());
      if (docs.length) return { docs };
      if (exact.length || inside.length) {
        const found = [...exact, ...inside].find((d) => d.messageId);
        return {
          docs: [],
          reason: found
            ? `no email with Message-ID <${id}> at this path (the email there is <${found.messageId}>)`
            : `no email with Message-ID <${id}> at this path`,
        };
      }
      return { docs: [], reason: `no document at path ${path}` };
    }
    if (exact.length) return { docs: exact };
    if (inside.length) return { docs: inside };
    return { docs: [], reason: `no document at path ${path}` };
  }
  let docs = ix.byMessageId.get(id!) ?? [];
  if (!docs.length) for (const [k, v] of ix.byMessageId) if (k.toLowerCase() === id!.toLowerCase()) docs = v;
  return docs.length ? { docs } : { docs: [], reason: `no email with Message-ID <${id}>` };
}

export function matchTruth(entries: TruthEntry[], report: JsonReport): Matching {
  const ix = index(report);
  const items: MatchedItem[] = [];
  const unmatched: UnmatchedEntry[] = [];
  const duplicates: TruthEntry[] = [];
  const seenKeys = new Set<string>();
  for (const e of entries) {
    const key = `${relativePath(e.path, report.dump?.root ?? '') ?? ''}\u0000${e.messageId ?? ''}`;
    if (seenKeys.has(key)) {
      duplicates.push(e);
      continue;
    }
    seenKeys.add(key);
    const r = resolve(ix, e, report.dump?.root ?? '');
    if (!r.docs.length) unmatched.push({ entry: e, reason: r.reason ?? 'no document' });
    else items.push({ entry: e, documents: withDescendants(ix, r.docs) });
  }
  // A document claimed by a forged item belongs to it, not to a genuine one.
  const forgedDocs = new Set(items.filter((i) => i.entry.label === 'forged').flatMap((i) => i.documents.map((d) => d.id)));
  let contested = 0;
  for (const it of items) {
    if (it.entry.label !== 'genuine') continue;
    const kept = it.documents.filter((d) => !forgedDocs.has(d.id));
    contested += it.documents.length - kept.length;
    it.documents = kept;
  }
  const covered = new Set(items.flatMap((i) => i.documents.map((d) => d.id)));
  // Containers of forged documents hold a forgery: they are neither genuine nor forged items.
  const holdsForgery = new Set<string>();
  for (const id of forgedDocs) {
    let p = ix.byId.get(id)?.parent;
    while (p && !holdsForgery.has(p)) {
      holdsForgery.add(p);
      p = ix.byId.get(p)?.parent;
    }
  }
  const unlisted = report.documents.filter((d) => !covered.has(d.id) && !holdsForgery.has(d.id));
  return { items, unmatched, duplicates, contested, unlisted };
}
