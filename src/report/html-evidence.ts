// A finding's evidence as small readable tables instead of a JSON blob; long values and lists cut with
// a pointer to the JSON report. Every value is escaped.

import { anchorId, esc } from './html-escape.js';

const MAX_STRING = 600;
const MAX_ITEMS = 25;
const MAX_DEPTH = 6;
const MAX_COLUMNS = 7;
const MAX_GRID_CELL = 48;

const WORDS: Record<string, string> = {
  utc: 'UTC',
  id: 'ID',
  ids: 'IDs',
  dkim: 'DKIM',
  xmp: 'XMP',
  pdf: 'PDF',
  url: 'URL',
  exif: 'EXIF',
  gps: 'GPS',
  sha256: 'SHA-256',
  ms: 'ms',
  mime: 'MIME',
  iso: 'ISO',
};

/** 'bhExpected' -> 'Bh expected', 'emailUtc' -> 'Email UTC', 'created_at' -> 'Created at'. */
export function humanKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .split(/\s+/)
    .map((w) => WORDS[w.toLowerCase()] ?? w.toLowerCase());
  if (!words.length || words[0] === '') return key;
  const first = words[0];
  words[0] = first === first.toLowerCase() ? first.charAt(0).toUpperCase() + first.slice(1) : first;
  return words.join(' ');
}

/** DKIM tag names (RFC 6376 §3.5) as the DKIM-related checks record them. */
const DKIM_TAGS: Record<string, string> = {
  d: 'Signing domain (d=)',
  s: 'Selector (s=)',
  a: 'Algorithm (a=)',
  c: 'Canonicalization (c=)',
  h: 'Signed headers (h=)',
  l: 'Body length limit (l=)',
  t: 'Signing time (t=)',
  x: 'Expiry (x=)',
  i: 'Identity (i=)',
  bh: 'Body hash (bh=)',
  bhExpected: 'Body hash signed (bh=)',
  bhComputed: 'Body hash computed',
};

export interface EvidenceContext {
  /** Documents present in this report: their ids become links to their section. */
  inReport: ReadonlySet<string>;
  /** Paths of other documents of the case that evidence names by id. */
  paths?: ReadonlyMap<string, string>;
  /** The finding is about DKIM: single-letter keys are DKIM tags. */
  dkim?: boolean;
}

const isScalar = (v: unknown) => v === null || v === undefined || typeof v !== 'object';

function scalar(v: unknown, ctx: EvidenceContext): string {
  if (v === null || v === undefined) return '<span class="none">none</span>';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return esc(String(v));
  const s = String(v);
  if (s === '') return '<span class="none">(empty)</span>';
  const path = ctx.paths?.get(s);
  if (ctx.inReport.has(s))
    return `<a href="#${anchorId('doc', s)}" class="ref">${esc(s)}</a>${path ? ` <span class="refpath">${esc(path)}</span>` : ''}`;
  if (path) return `${esc(s)} <span class="refpath">${esc(path)}</span>`;
  if (s.length > MAX_STRING) {
    return `${esc(s.slice(0, MAX_STRING))}<span class="cut"> … (${s.length - MAX_STRING} more characters in the JSON report)</span>`;
  }
  return esc(s);
}

function more(n: number): string {
  return n > 0 ? `<div class="cut">… and ${n} more (see the JSON report)</div>` : '';
}

function value(v: unknown, ctx: EvidenceContext, depth: number): string {
  if (isScalar(v)) return scalar(v, ctx);
  if (depth >= MAX_DEPTH) return `<code>${scalar(JSON.stringify(v), ctx)}</code>`;
  if (Array.isArray(v)) return list(v, ctx, depth);
  return table(v as Record<string, unknown>, ctx, depth);
}

function list(items: unknown[], ctx: EvidenceContext, depth: number): string {
  if (items.length === 0) return '<span class="none">none</span>';
  const shown = items.slice(0, MAX_ITEMS);
  if (shown.every(isScalar)) return `${shown.map((x) => scalar(x, ctx)).join(', ')}${more(items.length - shown.length)}`;
  const records = shown.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x))
    ? (shown as Record<string, unknown>[])
    : null;
  if (records) {
    const columns: string[] = [];
    for (const r of records) for (const k of Object.keys(r)) if (!columns.includes(k)) columns.push(k);
    // A grid reads well only with short cells: long texts (quoted passages) squeezed into narrow
    // columns do not, and become one small table per record instead.
    const flat = records.every((r) => Object.values(r).every((v) => isScalar(v) && String(v ?? '').length <= MAX_GRID_CELL));
    if (flat && columns.length <= MAX_COLUMNS) {
      const head = columns.map((c) => `<th>${esc(label(c, ctx))}</th>`).join('');
      const max = countColumnMax(records);
      const cell = (r: Record<string, unknown>, c: string) =>
        c === 'count' && max > 0 && typeof r[c] === 'number' ? countBar(r[c], max) : c in r ? scalar(r[c], ctx) : '';
      const body = records.map((r) => `<tr>${columns.map((c) => `<td>${cell(r, c)}</td>`).join('')}</tr>`).join('');
      return `<table class="ev grid"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${more(items.length - shown.length)}`;
    }
  }
  return `<ol class="ev-list">${shown.map((x) => `<li>${value(x, ctx, depth + 1)}</li>`).join('')}</ol>${more(items.length - shown.length)}`;
}

/** The largest value of a numeric `count` column (a distribution: a sender's offsets, clients, hops); 0 when there is none. */
function countColumnMax(records: Record<string, unknown>[]): number {
  if (!records.every((r) => typeof r.count === 'number')) return 0;
  return Math.max(0, ...records.map((r) => r.count as number));
}

/** A count with a bar of its share of the largest, so a distribution reads at a glance. */
function countBar(n: number, max: number): string {
  const pct = Math.max(1, Math.round((n / max) * 100));
  return `<span class="countbar"><span class="bar" style="width:${pct}%"></span></span> ${esc(String(n))}`;
}

function label(key: string, ctx: EvidenceContext): string {
  return (ctx.dkim && DKIM_TAGS[key]) || humanKey(key);
}

function table(obj: Record<string, unknown>, ctx: EvidenceContext, depth: number): string {
  const entries = Object.entries(obj).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '<span class="none">none</span>';
  const rows = entries.map(([k, v]) => `<tr><th>${esc(label(k, ctx))}</th><td>${value(v, ctx, depth + 1)}</td></tr>`).join('');
  return `<table class="ev kv">${rows}</table>`;
}

/** The evidence of one finding; an empty object says so. */
export function evidenceHtml(evidence: Record<string, unknown>, ctx: EvidenceContext, check = ''): string {
  if (!evidence || Object.keys(evidence).length === 0) return '<p class="none">No further evidence recorded.</p>';
  return table(evidence, { ...ctx, dkim: /dkim/.test(check) }, 0);
}
