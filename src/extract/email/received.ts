// One Received header split into its clauses (RFC 5321 §4.4), each kept as written, comments included.
// Not mailauth's parseReceived: it misreads 59 of the corpus's 411 distinct lines (docs/extract.md).

import { isIP } from 'node:net';
import type { ReceivedHop } from '../../model/facts-email.js';
import { parseRfc2822Date } from '../../shared/dates.js';

const KEYWORDS = ['from', 'by', 'via', 'with', 'id', 'for'] as const;
type Keyword = (typeof KEYWORDS)[number];

/**
 * Visit each position of `s` outside comments and quoted strings (and, with `angles`, outside
 * <...>), escaped characters skipped. `visit` may return how many further characters to skip.
 */
function forEachTopLevel(s: string, angles: boolean, visit: (i: number) => number | void): void {
  let depth = 0;
  let angle = 0;
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (quoted) {
      if (c === '"') quoted = false;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (angles && c === '<') angle++;
    else if (angles && c === '>') angle = Math.max(0, angle - 1);
    else if (depth === 0 && angle === 0) i += visit(i) ?? 0;
  }
}

/** Find the last ';' outside comments and quotes: the date follows it. */
function lastTopLevelSemicolon(s: string): number {
  let last = -1;
  forEachTopLevel(s, false, (i) => {
    if (s[i] === ';') last = i;
  });
  return last;
}

/** Split the clause part into keyword -> text (first occurrence wins), scanning at comment depth 0. */
function clauses(s: string): Partial<Record<Keyword, string>> {
  const marks: { kw: Keyword; start: number; valueStart: number }[] = [];
  forEachTopLevel(s, true, (i) => {
    if (i > 0 && !/[\s;]/.test(s[i - 1])) return; // keyword must start a word
    const kw = KEYWORDS.find((k) => s.slice(i, i + k.length).toLowerCase() === k && /\s/.test(s[i + k.length] ?? ''));
    if (!kw) return;
    marks.push({ kw, start: i, valueStart: i + kw.length });
    return kw.length - 1;
  });
  const out: Partial<Record<Keyword, string>> = {};
  for (let k = 0; k < marks.length; k++) {
    const end = k + 1 < marks.length ? marks[k + 1].start : s.length;
    const value = s.slice(marks[k].valueStart, end).replace(/\s+/g, ' ').trim();
    if (out[marks[k].kw] === undefined && value !== '') out[marks[k].kw] = value;
  }
  return out;
}

/** The connecting IP a from-clause names: a bracketed literal first, then any token that is an IP. */
export function ipOfFromClause(from: string): string | undefined {
  const asIp = (t: string) => {
    const v = t.replace(/^IPv6:/i, '');
    return isIP(v) ? v : undefined;
  };
  for (const m of from.matchAll(/\[([^\]]+)\]/g)) {
    const ip = asIp(m[1].trim());
    if (ip) return ip;
  }
  for (const token of from.split(/[\s()[\]<>]+/)) {
    const ip = asIp(token) ?? asIp(token.replace(/[.,;]+$/, ''));
    if (ip) return ip;
  }
  return undefined;
}

/** Parse one Received header value (unfolded). `index` 0 = topmost header = last hop. */
export function parseReceived(raw: string, index = 0): ReceivedHop {
  const hop: ReceivedHop = { index, raw };
  const semi = lastTopLevelSemicolon(raw);
  let clausePart = raw;
  if (semi >= 0) {
    // RFC 5321: the date-time follows the last ';'. When it does not parse, dateUtc is null and
    // dateRaw still shows what the hop wrote.
    const dateRaw = raw.slice(semi + 1).trim();
    const parsed = parseRfc2822Date(dateRaw);
    hop.dateRaw = dateRaw;
    hop.dateUtc = parsed.utc;
    hop.offsetMinutes = parsed.offsetMinutes;
    clausePart = raw.slice(0, semi);
  }
  const c = clauses(clausePart);
  if (c.from !== undefined) {
    hop.from = c.from;
    const ip = ipOfFromClause(c.from);
    if (ip) hop.fromIp = ip;
  }
  if (c.by !== undefined) hop.by = c.by;
  if (c.with !== undefined) hop.with = c.with;
  if (c.id !== undefined) hop.id = c.id;
  if (c.for !== undefined) hop.for = c.for;
  if (c.via !== undefined) hop.via = c.via;
  return hop;
}
