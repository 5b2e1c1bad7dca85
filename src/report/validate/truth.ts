// An analyst's ground truth for `verity validate`: which documents are forged and which genuine,
// as CSV (header `path,message_id,label,family`) or JSON (an array of {path?, messageId?, label,
// family?}), recognised by content. Every malformed row is reported with its line number.
// The format is described in docs/detection-bench.md.

type TruthLabel = 'genuine' | 'forged';

export interface TruthEntry {
  /** Report path of a document ('mail/a.mbox!message-3', 'a.zip!inner/b.pdf') or a file/folder path. */
  path?: string;
  /** An email's Message-ID, without angle brackets. */
  messageId?: string;
  label: TruthLabel;
  /** Forgery family; on a genuine entry, the family it is an innocent lookalike of. */
  family?: string;
  /** 1-based line of the entry in the truth file. */
  line: number;
}

export class TruthParseError extends Error {
  constructor(
    message: string,
    readonly problems: { line: number; message: string }[] = [],
  ) {
    super(message);
    this.name = 'TruthParseError';
  }
}

const LABELS: TruthLabel[] = ['genuine', 'forged'];

/** Trims and drops one pair of angle brackets: '<a@b>' and 'a@b' name the same message. */
export function normaliseMessageId(raw: string): string {
  const t = raw.trim();
  return (t.startsWith('<') && t.endsWith('>') ? t.slice(1, -1) : t).trim();
}

/** Forward slashes, no leading './'. */
export function normalisePath(raw: string): string {
  return raw
    .trim()
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/\/{2,}/g, '/');
}

interface RawEntry {
  path?: unknown;
  messageId?: unknown;
  label?: unknown;
  family?: unknown;
}

function toEntry(raw: RawEntry, line: number, where: string, problems: { line: number; message: string }[]): TruthEntry | null {
  const bad = (message: string) => {
    problems.push({ line, message: `${where}: ${message}` });
    return null;
  };
  for (const key of ['path', 'messageId', 'label', 'family'] as const) {
    if (raw[key] !== undefined && raw[key] !== null && typeof raw[key] !== 'string') return bad(`${key} must be a string`);
  }
  const path = typeof raw.path === 'string' && raw.path.trim() ? normalisePath(raw.path) : undefined;
  const messageId = typeof raw.messageId === 'string' && normaliseMessageId(raw.messageId) ? normaliseMessageId(raw.messageId) : undefined;
  const labelText = typeof raw.label === 'string' ? raw.label.trim().toLowerCase() : '';
  if (!labelText) return bad('no label (expected genuine or forged)');
  if (!LABELS.includes(labelText as TruthLabel)) return bad(`unknown label '${String(raw.label).trim()}' (expected genuine or forged)`);
  if (!path && !messageId) return bad('an entry needs a path or a Message-ID');
  const family = typeof raw.family === 'string' && raw.family.trim() ? raw.family.trim() : undefined;
  return { path, messageId, label: labelText as TruthLabel, family, line };
}

function fail(problems: { line: number; message: string }[], source: string): never {
  const shown = problems.slice(0, 20).map((p) => `  line ${p.line}: ${p.message}`);
  const more = problems.length > 20 ? [`  … and ${problems.length - 20} more`] : [];
  throw new TruthParseError(
    `${source}: ${problems.length} malformed ${problems.length === 1 ? 'entry' : 'entries'}:\n${[...shown, ...more].join('\n')}`,
    problems,
  );
}

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180: quoted fields may hold commas, quotes doubled, line breaks)

interface CsvRow {
  fields: string[];
  line: number;
}

function csvRows(text: string, source: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    let atFieldStart = true;
    for (;;) {
      if (i >= text.length) {
        if (quoted)
          throw new TruthParseError(`${source}: line ${startLine}: a quoted field is never closed`, [
            { line: startLine, message: 'a quoted field is never closed' },
          ]);
        fields.push(field);
        break;
      }
      const ch = text[i];
      if (quoted) {
        if (ch === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (ch === '"') {
          quoted = false;
          i++;
        } else {
          if (ch === '\n') line++;
          field += ch;
          i++;
        }
        continue;
      }
      if (ch === '"' && atFieldStart) {
        quoted = true;
        atFieldStart = false;
        i++;
      } else if (ch === ',') {
        fields.push(field);
        field = '';
        atFieldStart = true;
        i++;
      } else if (ch === '\r' || ch === '\n') {
        fields.push(field);
        i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
        break;
      } else {
        field += ch;
        atFieldStart = false;
        i++;
      }
    }
    rows.push({ fields, line: startLine });
  }
  return rows;
}

const COLUMN_NAMES: Record<string, keyof RawEntry> = {
  path: 'path',
  message_id: 'messageId',
  'message-id': 'messageId',
  messageid: 'messageId',
  label: 'label',
  family: 'family',
};

function parseCsv(text: string, source: string): TruthEntry[] {
  const rows = csvRows(text, source).filter(
    (r) => !(r.fields.length === 1 && !r.fields[0].trim()) && !r.fields[0].trimStart().startsWith('#'),
  );
  if (rows.length === 0) return [];
  const header = rows[0];
  const columns = header.fields.map((f) => COLUMN_NAMES[f.trim().toLowerCase()]);
  if (!columns.includes('label')) {
    throw new TruthParseError(
      `${source}: line ${header.line}: the header must name a label column (path,message_id,label,family); found: ${header.fields.join(',')}`,
      [{ line: header.line, message: 'no label column in the header' }],
    );
  }
  if (!columns.includes('path') && !columns.includes('messageId')) {
    throw new TruthParseError(`${source}: line ${header.line}: the header must name a path or a message_id column`, [
      { line: header.line, message: 'no path or message_id column' },
    ]);
  }
  const problems: { line: number; message: string }[] = [];
  const out: TruthEntry[] = [];
  for (const row of rows.slice(1)) {
    if (row.fields.length > header.fields.length) {
      problems.push({
        line: row.line,
        message: `${row.fields.length} fields where the header has ${header.fields.length} (quote a value that holds a comma)`,
      });
      continue;
    }
    const raw: RawEntry = {};
    row.fields.forEach((v, k) => {
      const key = columns[k];
      if (key) raw[key] = v;
    });
    const e = toEntry(raw, row.line, 'row', problems);
    if (e) out.push(e);
  }
  if (problems.length) fail(problems, source);
  return out;
}

// ---------------------------------------------------------------------------------------------
// JSON

function lineAt(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') n++;
  return n;
}

/** Start offsets of the elements of the top-level array (strings and nesting skipped properly). */
function elementOffsets(text: string): number[] {
  const out: number[] = [];
  let depth = 0;
  let inString = false;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (/\s/.test(ch)) continue;
    if (depth === 1 && expectValue) {
      out.push(i);
      expectValue = false;
    }
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') {
      depth++;
      if (depth === 1 && ch === '[') expectValue = true;
    } else if (ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 1) expectValue = true;
  }
  return out;
}

/** Offset of the first JSON syntax error (JSON.parse's message does not always say where). */
function syntaxErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (ch === '{') {
          ws();
          if (text[i] !== '"') fail();
          value();
          ws();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === close) {
          i++;
          return;
        } else fail();
      }
    }
    if (ch === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      if (i >= text.length) fail();
      i++;
      return;
    }
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i));
    if (!m) fail();
    i += m![0].length;
  };
  try {
    value();
    ws();
    return i < text.length ? i : -1;
  } catch (at) {
    return at as number;
  }
}

function parseJson(text: string, source: string): TruthEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const at = syntaxErrorOffset(text);
    const line = lineAt(text, at < 0 ? 0 : at);
    throw new TruthParseError(`${source}: line ${line}: not valid JSON (${msg})`, [{ line, message: 'not valid JSON' }]);
  }
  const list = Array.isArray(data)
    ? data
    : data && typeof data === 'object' && Array.isArray((data as { entries?: unknown }).entries)
      ? (data as { entries: unknown[] }).entries
      : null;
  if (!list)
    throw new TruthParseError(`${source}: line 1: expected a JSON array of {path?, messageId?, label, family?}`, [
      { line: 1, message: 'not an array' },
    ]);
  const offsets = Array.isArray(data) ? elementOffsets(text) : [];
  const problems: { line: number; message: string }[] = [];
  const out: TruthEntry[] = [];
  list.forEach((item, k) => {
    const line = offsets[k] !== undefined ? lineAt(text, offsets[k]) : 1;
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      problems.push({ line, message: `item ${k + 1}: expected an object` });
      return;
    }
    const o = item as Record<string, unknown>;
    const raw: RawEntry = { path: o.path, messageId: o.messageId ?? o.message_id, label: o.label, family: o.family };
    const e = toEntry(raw, line, `item ${k + 1}`, problems);
    if (e) out.push(e);
  });
  if (problems.length) fail(problems, source);
  return out;
}

/** Parses a truth file, CSV or JSON by content. An empty file is an error; a header-only CSV or an
 *  empty JSON array is a valid truth with no entries. */
export function parseTruth(text: string, source = 'truth file'): TruthEntry[] {
  const body = text.replace(/^\uFEFF/, '');
  const first = body.trimStart()[0];
  if (first === undefined) {
    throw new TruthParseError(`${source}: the file is empty; expected a CSV header "path,message_id,label,family" or a JSON array`, [
      { line: 1, message: 'empty file' },
    ]);
  }
  return first === '[' || first === '{' ? parseJson(body, source) : parseCsv(body, source);
}

// Writing lives in src/shared/truth-file.ts (the demo writes its truth with it, the bench too).
export { formatTruthCsv, formatTruthJson } from '../../shared/truth-file.js';
