// A DKIM body hash that fails on the body as received can still hold for the body as it was signed
// when a server on the way only ADDED text: a receiving gateway's banner at the top of each text part
// ("[EXTERNAL] This message originated outside..."), a disclaimer or a list footer at the bottom, or a
// list that wrapped the message in a new multipart with its footer as another part. The signed hash is
// tried on the body with such a block removed, in every text part, after decoding and re-encoding the
// part as the gateway did. When it verifies, the rest of the body is exactly what was signed; an edit
// inside the text never verifies. See docs/checks-email-integrity.md.

import { dkimBody } from 'mailauth/lib/dkim/body/index.js';

export interface AddedBlock {
  /** The part that received it ('text/plain', 'text/html'), or 'multipart' for a list's wrapper. */
  part: string;
  at: 'start' | 'end' | 'wrapper';
  /** The added text as a reader sees it (tags removed), capped. */
  text: string;
  /** Bytes removed from the part (decoded), or from the body for a wrapper. */
  bytes: number;
}

export interface BodyHashSpec {
  /** c= (header/body) or the body canonicalization alone. */
  canonicalization: string;
  /** 'sha256' | 'sha1'. */
  algorithm: string;
  /** bh=, base64. */
  expected: string;
  /** l=, when the signature covers a prefix only. */
  length?: number;
}

export interface AdditionsFound {
  blocks: AddedBlock[];
  /** A list's wrapper: the header fields of the wrapped part as written ('Content-Type: ...' lines,
   *  folding kept), which were the message's own before the list moved them. */
  wrappedFields?: string[];
  /** Candidate bodies hashed before one verified. */
  tried: number;
}

/** Largest block a gateway or list adds (legal disclaimers run to a few kB), in characters. */
const MAX_BLOCK = 12_000;
/** Cut positions tried per side of a part. */
const MAX_CUTS = 160;
/** Bytes hashed per signature before giving up (a 1 MB body still gets ~100 candidates). */
const HASH_BUDGET = 96_000_000;
/** Variants of one part per group of same-worded blocks, and combinations tried per group. */
const PER_GROUP = 48;
const MAX_COMBOS = 1024;
/** Characters of added text kept as evidence. */
const SHOWN = 400;

interface Leaf {
  start: number;
  end: number;
  type: 'text/plain' | 'text/html';
  cte: string;
  charset?: string;
}

interface Child {
  start: number;
  headerEnd: number;
  bodyStart: number;
  end: number;
  contentType?: string;
  cte?: string;
}

interface Variant {
  leaf: number;
  at: 'start' | 'end';
  /** The removed text, decoded to a string a reader sees. */
  shown: string;
  /** The part's new (encoded) content, built when it is tried. */
  content(): string;
}

function mediaType(ct: string | undefined): string | undefined {
  return ct?.split(';')[0].trim().toLowerCase() || undefined;
}

function param(ct: string | undefined, name: string): string | undefined {
  const m = ct?.match(new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i'));
  return m ? (m[1] ?? m[2]) : undefined;
}

/** Header fields of a MIME part (unfolded), by lower-cased name. */
function partHeaders(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const m = line.match(/^([!-9;-~]+)[ \t]*:[ \t]*(.*)$/);
    if (m && !out.has(m[1].toLowerCase())) out.set(m[1].toLowerCase(), m[2]);
  }
  return out;
}

/** The parts of a multipart body between start and end (RFC 2046 §5.1.1: the CRLF before a delimiter belongs to it). */
function childrenOf(body: string, start: number, end: number, boundary: string): Child[] {
  const dash = `--${boundary}`;
  const delimiters: { at: number; next: number; close: boolean }[] = [];
  for (let i = body.indexOf(dash, start); i >= 0 && i < end; i = body.indexOf(dash, i + dash.length)) {
    if (i > start && body[i - 1] !== '\n') continue;
    let j = i + dash.length;
    const close = body.startsWith('--', j);
    if (close) j += 2;
    while (body[j] === ' ' || body[j] === '\t') j++;
    if (j < end && body[j] !== '\r' && body[j] !== '\n') continue;
    const next = body[j] === '\r' && body[j + 1] === '\n' ? j + 2 : j + 1;
    const at = i > start ? (body[i - 2] === '\r' && i - 2 >= start ? i - 2 : i - 1) : i;
    delimiters.push({ at, next: Math.min(next, end), close });
    if (close) break;
  }
  const out: Child[] = [];
  for (let k = 0; k + 1 < delimiters.length; k++) {
    const s = delimiters[k].next;
    const e = delimiters[k + 1].at;
    if (e < s) continue;
    let headerEnd = s;
    let bodyStart: number;
    if (body[s] === '\n') bodyStart = s + 1;
    else if (body.startsWith('\r\n', s)) bodyStart = s + 2;
    else {
      const m = /\r?\n\r?\n/g;
      m.lastIndex = s;
      const hit = m.exec(body);
      if (hit && hit.index < e) {
        headerEnd = hit.index;
        bodyStart = hit.index + hit[0].length;
      } else headerEnd = bodyStart = e;
    }
    const h = partHeaders(body.slice(s, headerEnd));
    out.push({ start: s, headerEnd, bodyStart, end: e, contentType: h.get('content-type'), cte: h.get('content-transfer-encoding') });
  }
  return out;
}

function collectLeaves(
  body: string,
  start: number,
  end: number,
  ct: string | undefined,
  cte: string | undefined,
  out: Leaf[],
  depth: number,
): void {
  const type = mediaType(ct) ?? 'text/plain';
  if (type.startsWith('multipart/')) {
    const boundary = param(ct, 'boundary');
    if (!boundary || depth > 8) return;
    for (const c of childrenOf(body, start, end, boundary)) collectLeaves(body, c.bodyStart, c.end, c.contentType, c.cte, out, depth + 1);
  } else if (type === 'text/plain' || type === 'text/html') {
    out.push({ start, end, type, cte: (cte ?? '7bit').trim().toLowerCase(), charset: param(ct, 'charset')?.toLowerCase() });
  }
}

// ---------------------------------------------------------------------------------------------
// Transfer encodings, as a gateway re-applies them to a part it rewrote

function qpDecode(s: string): string {
  return s.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Quoted-printable as Python's email package writes it (email.quoprimime.body_encode): lines of at most
 *  maxLineLength with '=' soft breaks, escapes never split, a final space or tab encoded. */
function qpEncodePython(body: string, maxLineLength: number, eol: string): string {
  if (!body) return body;
  const quote = (c: string) => `=${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
  let quoted = '';
  for (const c of body) {
    const code = c.charCodeAt(0);
    quoted += (code >= 33 && code <= 126 && c !== '=') || c === ' ' || c === '\t' || c === '\r' || c === '\n' ? c : quote(c);
  }
  const soft = `=${eol}`;
  const max1 = maxLineLength - 1;
  const out: string[] = [];
  const lines = quoted.split(/\r\n|\r|\n/);
  if (/(?:\r\n|\r|\n)$/.test(quoted)) lines.pop();
  for (const line of lines) {
    let start = 0;
    const lastStart = line.length - 1 - maxLineLength;
    while (start <= lastStart) {
      const stop = start + max1;
      if (line[stop - 2] === '=') {
        out.push(line.slice(start, stop - 1));
        start = stop - 2;
      } else if (line[stop - 1] === '=') {
        out.push(line.slice(start, stop));
        start = stop - 1;
      } else {
        out.push(`${line.slice(start, stop)}=`);
        start = stop;
      }
    }
    const last = line[line.length - 1];
    if (line && (last === ' ' || last === '\t')) {
      const room = start - lastStart;
      const q = room >= 3 ? quote(last) : room === 2 ? last + soft : soft + quote(last);
      out.push(line.slice(start, -1) + q);
    } else out.push(line.slice(start));
  }
  if (/[\r\n]$/.test(body)) out.push('');
  return out.join(eol);
}

interface Codec {
  decode(content: string): string;
  /** Re-encodings of a decoded text that a gateway may have used. */
  encoders: ((decoded: string) => string)[];
}

/** The content's trailing line breaks: kept as they were around a re-encoded part. */
function trailingBreaks(s: string): string {
  return s.match(/[\r\n]*$/)![0];
}

function codecOf(cte: string, content: string): Codec {
  const eol = content.includes('\r\n') ? '\r\n' : '\n';
  const tail = trailingBreaks(content);
  const keepTail = (s: string) => s.replace(/[\r\n]*$/, '') + tail;
  if (cte === 'base64') {
    const first = content.split(/\r?\n/)[0].trim().length;
    const widths = [...new Set([first >= 4 && first % 4 === 0 ? first : 76, 76])];
    return {
      decode: (c) => Buffer.from(c.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64').toString('latin1'),
      encoders: widths.map((w) => (d: string) => {
        const b64 = Buffer.from(d, 'latin1').toString('base64');
        const lines: string[] = [];
        for (let i = 0; i < b64.length; i += w) lines.push(b64.slice(i, i + w));
        return lines.join(eol) + tail;
      }),
    };
  }
  if (cte === 'quoted-printable') {
    return {
      decode: qpDecode,
      encoders: [76, 78].flatMap((w) => [(d: string) => qpEncodePython(d, w, eol), (d: string) => keepTail(qpEncodePython(d, w, eol))]),
    };
  }
  return { decode: (c) => c, encoders: [(d) => d] };
}

// ---------------------------------------------------------------------------------------------
// Where a block can have been added: whole lines at the top or bottom of a text part; at the top of
// an HTML body (after <body>) or at its bottom (before </body>), between two tags.

interface Cut {
  from: number;
  to: number;
  at: 'start' | 'end';
}

function lineStarts(s: string): number[] {
  const out = [0];
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

function textCuts(d: string, hardLine: (lineStart: number) => boolean = () => true): Cut[] {
  const starts = lineStarts(d).filter((p) => p > 0 && p <= d.length && hardLine(p));
  const out: Cut[] = [];
  for (const b of starts.filter((p) => p <= MAX_BLOCK).slice(0, MAX_CUTS)) out.push({ from: 0, to: b, at: 'start' });
  for (const a of starts.filter((p) => d.length - p <= MAX_BLOCK && p < d.length).slice(-MAX_CUTS)) {
    out.push({ from: a, to: d.length, at: 'end' });
    // The original ended without a line break and the footer brought one.
    const brk = d[a - 2] === '\r' ? 2 : 1;
    if (a - brk > 0) out.push({ from: a - brk, to: d.length, at: 'end' });
  }
  return out;
}

/** Positions between two tags (after '>' or before '<'), with the whitespace after or before them. */
function tagGaps(d: string, from: number, to: number): number[] {
  const out = new Set<number>();
  for (let i = Math.max(1, from); i <= Math.min(to, d.length); i++) {
    if (d[i - 1] === '>' || d[i] === '<') {
      out.add(i);
      let j = i;
      while (j < d.length && /\s/.test(d[j])) j++;
      out.add(j);
      let k = i;
      while (k > 0 && /\s/.test(d[k - 1])) k--;
      out.add(k);
    }
  }
  return [...out].sort((a, b) => a - b);
}

function htmlCuts(d: string): Cut[] {
  const out: Cut[] = [];
  const open = /<body\b[^>]*>/i.exec(d);
  const top = open ? open.index + open[0].length : 0;
  const close = d.toLowerCase().lastIndexOf('</body');
  const bottom = close >= 0 ? close : d.length;
  const anchorsTop = [...new Set([top, top + d.slice(top).match(/^\s*/)![0].length])];
  const anchorsBottom = [...new Set([bottom, bottom - d.slice(0, bottom).match(/\s*$/)![0].length])];
  const ends = tagGaps(d, top + 1, top + MAX_BLOCK).slice(0, MAX_CUTS);
  for (const a of anchorsTop) for (const b of ends) if (b > a) out.push({ from: a, to: b, at: 'start' });
  const begins = tagGaps(d, bottom - MAX_BLOCK, bottom - 1).slice(-MAX_CUTS);
  for (const e of anchorsBottom) for (const a of begins) if (a < e) out.push({ from: a, to: e, at: 'end' });
  // A fragment without <body>: whole lines, as in text.
  if (!open) out.push(...textCuts(d));
  return out;
}

// ---------------------------------------------------------------------------------------------
// What a reader sees of the removed block

const ENTITY: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function readable(bytes: string, type: string, charset: string | undefined): string {
  let text: string;
  try {
    text = new TextDecoder(charset && charset !== 'us-ascii' ? charset : 'utf-8').decode(Buffer.from(bytes, 'latin1'));
  } catch {
    text = bytes;
  }
  if (type === 'text/html')
    text = text
      .replace(/<(style|script|head)\b[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (m, e: string) =>
        e[0] === '#'
          ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
          : (ENTITY[e.toLowerCase()] ?? m),
      );
  return text.replace(/\s+/g, ' ').trim();
}

function wordsKey(shown: string): string {
  return shown
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// ---------------------------------------------------------------------------------------------

function variantsOf(body: string, leaf: Leaf, index: number): Variant[] {
  const content = body.slice(leaf.start, leaf.end);
  const codec = codecOf(leaf.cte, content);
  const decoded = codec.decode(content);
  const out: Variant[] = [];
  for (const cut of leaf.type === 'text/html' ? htmlCuts(decoded) : textCuts(decoded)) {
    const shown = readable(decoded.slice(cut.from, cut.to), leaf.type, leaf.charset);
    for (const enc of codec.encoders)
      out.push({ leaf: index, at: cut.at, shown, content: () => enc(decoded.slice(0, cut.from) + decoded.slice(cut.to)) });
  }
  // Quoted-printable lines the gateway did not touch keep their encoding: whole encoded lines removed
  // (never after a soft break) reproduce the part without re-encoding it.
  if (leaf.cte === 'quoted-printable') {
    const hard = (p: number) => !/=\r?\n$/.test(content.slice(Math.max(0, p - 3), p));
    for (const cut of textCuts(content, hard))
      out.push({
        leaf: index,
        at: cut.at,
        shown: readable(qpDecode(content.slice(cut.from, cut.to)), leaf.type, leaf.charset),
        content: () => content.slice(0, cut.from) + content.slice(cut.to),
      });
  }
  return out;
}

/**
 * Looks for the text a server added to a signed body: returns the blocks whose removal makes the
 * signed body hash verify, or null when no removal of a leading or trailing block does.
 * `body` is the raw body (latin1: one character per byte), `contentType` and `cte` the message's own.
 */
export function findAddedBlocks(
  body: string,
  contentType: string | undefined,
  cte: string | undefined,
  spec: BodyHashSpec,
): AdditionsFound | null {
  let tried = 0;
  let hashed = 0;
  const verifies = (candidate: string): boolean => {
    tried++;
    hashed += candidate.length;
    const h = dkimBody(spec.canonicalization, spec.algorithm, spec.length ?? '');
    h.update(Buffer.from(candidate, 'latin1'));
    return h.digest('base64') === spec.expected;
  };
  const budgetLeft = () => hashed < HASH_BUDGET;

  // A list that wrapped the message: the original body is the content of one of the new parts.
  const type = mediaType(contentType) ?? 'text/plain';
  const boundary = param(contentType, 'boundary');
  if (type === 'multipart/mixed' && boundary) {
    const children = childrenOf(body, 0, body.length, boundary);
    if (children.length >= 2)
      for (const c of children) {
        const inner = body.slice(c.bodyStart, c.end);
        if (inner && verifies(inner)) {
          const added = children.filter((o) => o !== c).map((o) => body.slice(o.start, o.end));
          const shown = children
            .filter((o) => o !== c)
            .map((o) =>
              readable(
                codecOf((o.cte ?? '7bit').toLowerCase(), body.slice(o.bodyStart, o.end)).decode(body.slice(o.bodyStart, o.end)),
                mediaType(o.contentType) ?? 'text/plain',
                param(o.contentType, 'charset'),
              ),
            )
            .join(' | ');
          const wrappedFields = body
            .slice(c.start, c.headerEnd)
            .split(/\r?\n(?![ \t])/)
            .filter((f) => /^content-/i.test(f));
          return {
            blocks: [{ part: 'multipart', at: 'wrapper', text: shown.slice(0, SHOWN), bytes: added.join('').length }],
            wrappedFields,
            tried,
          };
        }
      }
  }

  const leaves: Leaf[] = [];
  collectLeaves(body, 0, body.length, contentType, cte, leaves, 0);
  if (!leaves.length || leaves.length > 6) return null;
  const variants = leaves.map((l, i) => variantsOf(body, l, i));
  const assemble = (chosen: Map<number, Variant>): string => {
    let out = '';
    let pos = 0;
    leaves.forEach((l, i) => {
      const v = chosen.get(i);
      if (!v) return;
      out += body.slice(pos, l.start) + v.content();
      pos = l.end;
    });
    return out + body.slice(pos);
  };
  const found = (chosen: Map<number, Variant>): AdditionsFound => ({
    blocks: [...chosen.values()].map((v) => {
      const l = leaves[v.leaf];
      return { part: l.type, at: v.at, text: v.shown.slice(0, SHOWN), bytes: l.end - l.start - v.content().length };
    }),
    tried,
  });

  // The same block added to several parts (the text and the HTML rendering of one message): grouped
  // by its words, its first words or its last words, one variant per part.
  if (leaves.length > 1) {
    for (const keyOf of [
      (v: Variant) => `${v.at}|${wordsKey(v.shown)}`,
      (v: Variant) => `${v.at}|${wordsKey(v.shown).split(' ').slice(0, 5).join(' ')}`,
      (v: Variant) => `${v.at}|${wordsKey(v.shown).split(' ').slice(-5).join(' ')}`,
    ]) {
      const groups = new Map<string, Map<number, Variant[]>>();
      for (const list of variants)
        for (const v of list) {
          const k = keyOf(v);
          if (k.endsWith('|')) continue;
          let g = groups.get(k);
          if (!g) groups.set(k, (g = new Map()));
          const per = g.get(v.leaf) ?? [];
          if (per.length < PER_GROUP) per.push(v);
          g.set(v.leaf, per);
        }
      for (const g of groups.values()) {
        if (g.size < 2) continue;
        let combos: Map<number, Variant>[] = [new Map()];
        for (const [leaf, vs] of g) combos = combos.flatMap((c) => vs.map((v) => new Map(c).set(leaf, v))).slice(0, MAX_COMBOS);
        for (const c of combos) {
          if (!budgetLeft()) return null;
          if (verifies(assemble(c))) return found(c);
        }
      }
    }
  }
  // A block added to one part only.
  for (const list of variants)
    for (const v of list) {
      if (!budgetLeft()) return null;
      const c = new Map([[v.leaf, v]]);
      if (verifies(assemble(c))) return found(c);
    }
  return null;
}
