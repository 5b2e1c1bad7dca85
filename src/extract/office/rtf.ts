// RTF: the {\info} group, {\*\generator}, fonts and plain text, with a small bounded tokenizer
// (docs/extract.md explains why not an npm parser).

import iconv from 'iconv-lite';
import type { MetadataEntry } from '../../model/document.js';
import type { ClaimedDate, FontClaim, PersonClaim, SoftwareClaim } from '../../model/facts.js';
import { MIME } from '../mime.js';
import { toBuffer } from '../common/byte-source.js';
import { claimDate, type ParsedDate } from '../../shared/dates.js';
import { codePageEncoding } from '../common/charset.js';
import { TextSink } from './office-xml.js';
import { officeFacts } from './office-facts.js';
import { ExtractError, type ExtractContext, type ExtractInput, type ExtractOutput, type Extractor } from '../types.js';

/** Text fields of \info (RTF 1.9.1 "Information group"). */
const INFO_TEXT = new Set([
  'title',
  'subject',
  'author',
  'manager',
  'company',
  'operator',
  'category',
  'keywords',
  'comment',
  'doccomm',
  'hlinkbase',
]);
/** Date fields of \info: their value is a run of \yr \mo \dy \hr \min \sec control words. */
const INFO_DATES = new Set(['creatim', 'revtim', 'printim', 'buptim']);
/** Numeric fields of \info: the control word's parameter. */
const INFO_NUMBERS = new Set(['version', 'vern', 'edmins', 'nofpages', 'nofwords', 'nofchars', 'nofcharsws', 'id']);
/** Destinations whose content is not document text. */
const SKIP = new Set([
  'fonttbl',
  'colortbl',
  'stylesheet',
  'listtable',
  'listoverridetable',
  'pict',
  'object',
  'objdata',
  'fldinst',
  'themedata',
  'colorschememapping',
  'latentstyles',
  'datastore',
  'xmlnstbl',
  'rsidtbl',
  'filetbl',
  'revtbl',
  'pgdsctbl',
  'bkmkstart',
  'bkmkend',
  'pntext',
  'pntxta',
  'pntxtb',
  'listtext',
  'mmathPr',
  'wgrffmtfilter',
  'fchars',
  'lchars',
  'shpinst',
  'nonshppict',
]);
/** Character-set numbers of \fcharset (RTF 1.9.1) → the code page of their 8-bit text. */
const CHARSET_CODEPAGE: Record<number, string> = {
  77: 'macintosh',
  78: 'cp932',
  79: 'cp949',
  80: 'cp936',
  81: 'cp950',
  128: 'cp932',
  129: 'cp949',
  130: 'cp1361',
  134: 'cp936',
  136: 'cp950',
  161: 'cp1253',
  162: 'cp1254',
  163: 'cp1258',
  177: 'cp1255',
  178: 'cp1256',
  186: 'cp1257',
  204: 'cp1251',
  222: 'cp874',
  238: 'cp1250',
  254: 'cp437',
  255: 'cp850',
};
/** Control words that stand for one character. */
const SYMBOLS: Record<string, string> = {
  lquote: '\u2018',
  rquote: '\u2019',
  ldblquote: '\u201c',
  rdblquote: '\u201d',
  bullet: '\u2022',
  endash: '\u2013',
  emdash: '\u2014',
  enspace: '\u2002',
  emspace: '\u2003',
  qmspace: '\u2005',
  zwj: '\u200d',
  zwnj: '\u200c',
  ltrmark: '\u200e',
  rtlmark: '\u200f',
};
/** Deepest group nesting followed; deeper groups are skipped (a hostile file nests millions). */
const MAX_DEPTH = 512;

interface GroupState {
  /** The group's content is discarded. */
  skip: boolean;
  /** Current font (\fN): its \fcharset decides how \'hh bytes are decoded. */
  font: number | null;
  /** Characters to skip after \uN. */
  uc: number;
  /** What the group's text is collected into: an info field, the generator, a font name. */
  field: string | null;
  /** This group opened the font table (its subgroups are fonts). */
  fontTable: boolean;
  inInfo: boolean;
}

export interface RtfInfo {
  /** Info fields as written: text fields decoded, dates as their control words, numbers as written. */
  info: { key: string; value: string }[];
  generator?: string;
  fonts: string[];
  text: string;
  /** \ansicpg, when written. */
  codePage?: number;
}

/** Build the date an RTF time group gives (\yr \mo \dy \hr \min \sec, local time, no zone). */
function rtfDate(parts: Record<string, number>): ParsedDate {
  const { yr = 0, mo = 0, dy = 0, hr = 0, min = 0, sec = 0 } = parts;
  if (yr < 1 || mo < 1 || mo > 12 || dy < 1 || dy > 31 || hr > 23 || min > 59 || sec > 59) return { utc: null, offsetMinutes: null };
  return { utc: new Date(Date.UTC(yr, mo - 1, dy, hr, min, sec)).toISOString(), offsetMinutes: null };
}

/** Parse an RTF document. Never throws on malformed input: unbalanced groups end where the data ends. */
export function parseRtf(data: Buffer, maxTextChars: number): RtfInfo {
  const src = data.toString('latin1');
  const sink = new TextSink(maxTextChars);
  const out: RtfInfo = { info: [], fonts: [], text: '' };
  let encoding = 'cp1252';
  const stack: GroupState[] = [];
  let state: GroupState = { skip: false, font: null, uc: 1, field: null, fontTable: false, inInfo: false };
  const fontCharsets = new Map<number, number>();
  /** The font a font-table entry describes (set by \fN inside the table). */
  let tableFont: number | null = null;
  const bytesEncoding = (): string => {
    const f = state.fontTable || state.field === 'font' ? tableFont : state.font;
    const cs = f === null ? undefined : fontCharsets.get(f);
    return (cs !== undefined && CHARSET_CODEPAGE[cs]) || encoding;
  };
  let fieldText: string[] = [];
  let dateParts: Record<string, number> | null = null;
  let dateRaw = '';
  let pendingBytes: number[] = [];
  let fontTableText: string[] = [];
  let skipChars = 0;
  let depthSkipped = 0;

  const flushBytes = () => {
    if (!pendingBytes.length) return;
    const s = iconv.decode(Buffer.from(pendingBytes), bytesEncoding());
    pendingBytes = [];
    emit(s);
  };
  const emit = (s: string) => {
    if (state.skip) return;
    if (state.field !== null) fieldText.push(s);
    else if (state.fontTable)
      fontTableText.push(s); // a font table written without a group per font
    else if (!state.inInfo) sink.add(s);
  };
  const closeField = () => {
    if (state.field === null) return;
    const value = fieldText.join('');
    fieldText = [];
    if (state.field === 'generator') out.generator = value.replace(/;\s*$/, '').trim();
    else if (state.field === 'font') {
      const name = value.replace(/;\s*$/, '').trim();
      if (name && !out.fonts.includes(name)) out.fonts.push(name);
    } else if (dateParts) {
      out.info.push({ key: state.field, value: dateRaw });
      dateParts = null;
    } else out.info.push({ key: state.field, value });
  };

  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (depthSkipped > 0) {
      // Inside groups nested past MAX_DEPTH: count braces only.
      if (c === '{') depthSkipped++;
      else if (c === '}') depthSkipped--;
      else if (c === '\\') i++;
      continue;
    }
    if (c === '{') {
      flushBytes();
      if (stack.length >= MAX_DEPTH) {
        depthSkipped = 1;
        continue;
      }
      stack.push(state);
      state = { ...state, field: state.field === null ? null : state.field, fontTable: false };
      // A font entry is a subgroup of the font table.
      if (stack[stack.length - 1].fontTable) {
        state = { ...state, skip: false, field: 'font', inInfo: false };
        fieldText = [];
      }
      continue;
    }
    if (c === '}') {
      flushBytes();
      const parent = stack.pop();
      if (state.field !== null && (!parent || parent.field !== state.field)) closeField();
      if (state.fontTable) {
        for (const name of fontTableText
          .join('')
          .split(';')
          .map((n) => n.trim()))
          if (name && !out.fonts.includes(name)) out.fonts.push(name);
        fontTableText = [];
      }
      if (!parent) break; // the document's last brace (or an extra one): done
      state = parent;
      continue;
    }
    if (c === '\r' || c === '\n') continue;
    if (c !== '\\') {
      if (skipChars > 0) {
        skipChars--;
        continue;
      }
      const code = c.charCodeAt(0);
      if (code >= 0x80) pendingBytes.push(code);
      else {
        flushBytes();
        emit(c);
      }
      continue;
    }
    // A control word or symbol.
    const next = src[i + 1];
    if (next === undefined) break;
    if (!/[a-zA-Z]/.test(next)) {
      i++;
      if (next === "'") {
        const hex = src.slice(i + 1, i + 3);
        i += 2;
        if (skipChars > 0) {
          skipChars--;
          continue;
        }
        if (/^[0-9a-fA-F]{2}$/.test(hex)) pendingBytes.push(parseInt(hex, 16));
        continue;
      }
      flushBytes();
      if (next === '*') {
        // An ignorable destination: kept only when Verity knows it (generator, company, ud...).
        const m = /^\\([a-zA-Z]+)/.exec(src.slice(i + 1, i + 40));
        const word = m?.[1] ?? '';
        if (word !== 'generator' && word !== 'company' && word !== 'ud' && !(state.inInfo && INFO_TEXT.has(word))) state.skip = true;
      } else if (next === '\\' || next === '{' || next === '}') emit(next);
      else if (next === '~') emit('\u00a0');
      else if (next === '_') emit('\u2011');
      else if (next === '\n' || next === '\r') emit('\n'); // "\<newline>" is \par
      continue;
    }
    const m = /^([a-zA-Z]{1,32})(-?\d{1,10})? ?/.exec(src.slice(i + 1, i + 48));
    if (!m) continue;
    i += m[0].length;
    const word = m[1];
    const param = m[2] !== undefined ? Number(m[2]) : null;
    if (word !== 'u') flushBytes();
    if (dateParts && ['yr', 'mo', 'dy', 'hr', 'min', 'sec'].includes(word)) {
      dateParts[word] = param ?? 0;
      dateRaw += `\\${word}${param ?? ''}`;
      continue;
    }
    if (SYMBOLS[word] !== undefined) {
      emit(SYMBOLS[word]);
      continue;
    }
    switch (word) {
      case 'f':
        if (param === null) break;
        if (state.fontTable || state.field === 'font') tableFont = param;
        else state.font = param;
        break;
      case 'deff':
        if (param !== null && stack.length <= 1) state.font = param;
        break;
      case 'fcharset':
        if (param !== null && tableFont !== null && (state.fontTable || state.field === 'font')) fontCharsets.set(tableFont, param);
        break;
      case 'ansicpg':
        if (param !== null) {
          encoding = codePageEncoding(param);
          out.codePage = param;
        }
        break;
      case 'bin':
        // \binN: N raw bytes follow (picture data); they may hold braces and backslashes.
        if (param !== null && param > 0) i += param;
        break;
      case 'uc':
        state.uc = Math.max(0, Math.min(param ?? 1, 10));
        break;
      case 'u':
        if (param !== null) {
          flushBytes();
          emit(String.fromCharCode(param < 0 ? param + 65536 : param));
          skipChars = state.uc;
        }
        break;
      case 'par':
      case 'line':
      case 'row':
      case 'sect':
      case 'page':
        emit('\n');
        break;
      case 'tab':
      case 'cell':
        emit('\t');
        break;
      case 'info':
        state.inInfo = true;
        break;
      case 'fonttbl':
        state.fontTable = true;
        state.skip = false;
        break;
      case 'generator':
        state.field = 'generator';
        state.skip = false;
        fieldText = [];
        break;
      default:
        if (state.inInfo && INFO_TEXT.has(word)) {
          state.field = word;
          state.skip = false;
          fieldText = [];
        } else if (state.inInfo && INFO_DATES.has(word)) {
          state.field = word;
          dateParts = {};
          dateRaw = '';
        } else if (state.inInfo && INFO_NUMBERS.has(word) && param !== null) {
          out.info.push({ key: word, value: String(param) });
        } else if (SKIP.has(word)) state.skip = true;
    }
  }
  flushBytes();
  out.text = wellFormed(sink.toString());
  for (const f of out.info) f.value = wellFormed(f.value);
  return out;
}

/** Lone surrogates (from \u escapes that pair badly) become U+FFFD: they cannot be stored as UTF-8. */
function wellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

export const rtfExtractor: Extractor = {
  id: 'office.rtf',
  version: 1,
  kind: 'office',
  container: false,
  mimes: [MIME.rtf],

  async extract(input: ExtractInput, ctx: ExtractContext): Promise<ExtractOutput> {
    const data = await toBuffer(input.source);
    if (!data.subarray(0, 5).toString('latin1').startsWith('{\\rtf'))
      throw new ExtractError('corrupt', `${input.name}: does not start with {\\rtf`);
    const rtf = parseRtf(data, ctx.limits.maxTextChars);
    const metadata: MetadataEntry[] = rtf.info.map((f) => ({ source: 'rtf.info', key: f.key, value: f.value }));
    if (rtf.generator) metadata.push({ source: 'rtf', key: 'generator', value: rtf.generator });
    if (rtf.codePage !== undefined) metadata.push({ source: 'rtf', key: 'ansicpg', value: String(rtf.codePage) });
    // A field written twice (Word writes \title once as ANSI, once as Unicode in \upr/\ud): the last wins.
    const info: Record<string, string> = {};
    for (const f of rtf.info) info[f.key] = f.value;

    const office = officeFacts('rtf', { fonts: rtf.fonts });
    for (const [k, v] of Object.entries(info)) (INFO_NUMBERS.has(k) ? office.app : office.core)[k] = v;
    if (rtf.generator) office.app.generator = rtf.generator;
    if (/^\d+$/.test(info.version ?? '')) office.revision = Number(info.version);
    if (/^\d+$/.test(info.edmins ?? '')) office.totalEditMinutes = Number(info.edmins);

    const dates: ClaimedDate[] = [];
    for (const [key, role] of [
      ['creatim', 'created'],
      ['revtim', 'modified'],
      ['printim', 'printed'],
      ['buptim', 'backed-up'],
    ] as const) {
      const raw = info[key];
      if (!raw) continue;
      const parts: Record<string, number> = {};
      for (const m of raw.matchAll(/\\([a-z]+)(-?\d+)/g)) parts[m[1]] = Number(m[2]);
      const d = claimDate(role, `rtf.info:${key}`, raw, () => rtfDate(parts));
      // \yr0\mo0\dy0 is how writers say "never" (never printed): no claim.
      if (d.utc) dates.push(d);
    }
    const people: PersonClaim[] = [];
    const person = (role: string, name: string | undefined, key: string) => {
      if (name?.trim()) people.push({ role, name: name.trim(), source: `rtf.info:${key}` });
    };
    person('author', info.author, 'author');
    person('last-modified-by', info.operator, 'operator');
    person('company', info.company, 'company');
    person('manager', info.manager, 'manager');
    const software: SoftwareClaim[] = [];
    if (rtf.generator) software.push({ role: 'application', value: rtf.generator, source: 'rtf:generator' });
    const fonts: FontClaim[] = rtf.fonts.map((name) => ({ name, source: 'rtf.fonttbl' }));

    const output: ExtractOutput = { kind: 'office', metadata, text: rtf.text, facts: { office, dates, people, software, fonts } };
    if (info.title?.trim()) output.title = info.title.trim();
    return output;
  },
};
