// The shape of a release table row and how a version finds its row: shared by the software,
// operating-system and device tables.

export type Precision = 'day' | 'month' | 'year';

export interface ReleaseRow {
  /** Product family: 'Microsoft Office', 'Adobe Acrobat', 'LibreOffice', 'macOS', ... */
  product: string;
  /** Version as the family numbers it ('12.0', '2016', '7.4', '10.15', '1.40.21'). */
  version: string;
  /** Marketing name when it differs ('Office 2007', 'OS X El Capitan'). */
  name?: string;
  /** First general availability, ISO date. */
  released: string;
  /** First public pre-release (beta, preview), when one was widely distributed. */
  preview?: string;
  precision: Precision;
  /** URL or citation for the date. */
  source: string;
}

/**
 * Rows from a compact table 'version date; version date; ...' (whitespace and line breaks free):
 * long release histories stay readable and diffable as text.
 */
export function compactRows(table: string, product: string, source: string, precision: Precision = 'day'): ReleaseRow[] {
  const out: ReleaseRow[] = [];
  for (const item of table.split(';')) {
    const [version, released] = item.trim().split(/\s+/);
    if (!version) continue;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(released ?? '')) throw new Error(`${product}: bad release row "${item.trim()}"`);
    out.push({ product, version, released, precision, source });
  }
  return out;
}

function numericParts(v: string): number[] | null {
  if (!/^\d+(?:\.\d+)*$/.test(v)) return null;
  return v.split('.').map(Number);
}

function compareParts(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The row that bounds `version` from below: the exact row, or else the highest listed version not
 * above it ('9.51' -> the 9.50 row). Versions are released in order within a product line, so a
 * version can never be older than a lower listed one: the bound errs early, never late.
 * Non-numeric versions ('CS5') match exactly only.
 */
export function findRelease(rows: readonly ReleaseRow[], version: string): { row: ReleaseRow; exact: boolean } | undefined {
  const exact = rows.find((r) => r.version === version);
  if (exact) return { row: exact, exact: true };
  const v = numericParts(version);
  if (!v) return undefined;
  let best: { row: ReleaseRow; parts: number[] } | undefined;
  for (const r of rows) {
    const p = numericParts(r.version);
    if (!p || compareParts(p, v) > 0) continue;
    if (!best || compareParts(p, best.parts) > 0) best = { row: r, parts: p };
  }
  if (!best) return undefined;
  return { row: best.row, exact: compareParts(best.parts, v) === 0 };
}

/**
 * Within a branch (the first `depth` numbers of the version), no release can precede a lower
 * version: where a source dates x.y.z later than x.y.(z+1), the earlier date is kept for both
 * (a table that errs early can only miss an anachronism).
 */
export function monotone(rows: ReleaseRow[], depth = 2): ReleaseRow[] {
  const branch = (v: string) => v.split('.').slice(0, depth).join('.');
  const sorted = [...rows].sort((a, b) => {
    const pa = numericParts(a.version) ?? [];
    const pb = numericParts(b.version) ?? [];
    return compareParts(pa, pb);
  });
  for (let i = sorted.length - 2; i >= 0; i--) {
    const [a, b] = [sorted[i], sorted[i + 1]];
    if (branch(a.version) === branch(b.version) && a.released > b.released) sorted[i] = { ...a, released: b.released };
  }
  return sorted;
}
