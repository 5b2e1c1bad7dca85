// The quoted blocks of a message, at every depth: '>'-prefixed lines (any nesting, re-wrapped or not,
// HTML <blockquote> included) and Outlook/Notes/Gmail header blocks ("From: / Sent: / Subject:",
// "-----Original Message-----") in the languages of the clients that write them. Each block keeps
// what its header or attribution line says about the original (who, when, subject), so a parent
// can be found without In-Reply-To. See docs/checks-people-threads.md.

import type { EmailFacts } from '../../model/facts-email.js';
import { FORWARD_INTROS, LABELS, OPENINGS, SEPARATOR_WORDS, WROTE, WROTE_UNSPACED } from './quote-headers.js';

interface QuoteHeader {
  from?: string;
  /** The Sent/Date line or the attribution line as written. */
  sent?: string;
  subject?: string;
}

export interface QuotedBlock {
  /** 1 quotes the parent, 2 the grandparent (a quote inside the quote)... */
  depth: number;
  style: 'prefixed' | 'outlook';
  /** The quoted text, deeper levels included. */
  text: string;
  header?: QuoteHeader;
}

/** A message's text: the plain body, else its HTML with <blockquote> levels turned into '>' prefixes. */
export function messageText(e: EmailFacts, fallback?: string): string | undefined {
  const t = e.text ?? fallback;
  if (t && t.trim()) return t;
  return e.html ? htmlText(e.html) : undefined;
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(nbsp|amp|lt|gt|quot|apos|#39);/gi, (_, e: string) => ENTITIES[e.toLowerCase()]);
}

/** HTML to lines of text, each prefixed with one '>' per enclosing <blockquote>. */
function htmlText(html: string): string {
  const lines: string[] = [];
  let depth = 0;
  let cur = '';
  const flush = () => {
    lines.push(`${'> '.repeat(depth)}${decodeEntities(cur.replace(/\s+/g, ' ').trim())}`);
    cur = '';
  };
  const cleaned = html.replace(/<(script|style|head)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<!--[\s\S]*?-->/g, ' ');
  for (const part of cleaned.split(/(<[^>]*>)/)) {
    const tag = part.match(/^<\s*(\/?)\s*([a-z0-9]+)/i);
    if (!tag) {
      cur += part;
      continue;
    }
    const name = tag[2].toLowerCase();
    if (name === 'blockquote') {
      flush();
      depth = Math.max(0, depth + (tag[1] ? -1 : 1));
    } else if (/^(?:br|p|div|tr|li|h[1-6]|hr|table)$/.test(name)) flush();
    else cur += ' ';
  }
  flush();
  return lines.join('\n');
}

/** "On <date>, <name> wrote:", "Am <date> schrieb <name>:", "<name> wrote:", "<name> wrote on <date>:",
 *  "在 <date>, <name> 写道：", "<date> <name> <address>:" (Gmail in Japanese, Russian...): one line, or
 *  wrapped on two. The words come from the sourced table in quote-headers.ts. */
const ATTRIBUTION = new RegExp(
  `^\\s*(?:(?:${OPENINGS})\\s.{4,300}\\s(?:${WROTE})(?:\\s.{0,120})?|\\S.{0,120}\\s(?:${WROTE})|\\S.{0,120}\\s(?:${WROTE})\\s(?:${OPENINGS})\\s.{4,160}|\\S.{1,300}?(?:${WROTE_UNSPACED})|.{0,120}\\d{1,2}[:時]\\d{2}.{0,200}<[^<>\\s@]+@[^<>\\s]+>)\\s*[:：]\\s*$`,
  'i',
);

/** Separator lines that open a quoted or forwarded original: words between rules, or Apple Mail's intro. */
const SEPARATOR = new RegExp(`^\\s*(?:[-_=]{2,}\\s*(?:${SEPARATOR_WORDS})\\s*[-_=]{2,}|(?:${FORWARD_INTROS})\\s*[:：])\\s*$`, 'i');
const RULE = /^\s*_{10,}\s*$/;

const label = (names: string) => new RegExp(`^\\s*[*>]*\\s*(?:${names})\\s*[:：]\\s*(.*)$`, 'i');
const FROM = label(LABELS.from);
const SENT = label(LABELS.sent);
const TO = label(`${LABELS.to}|${LABELS.cc}`);
const SUBJECT = label(LABELS.subject);
const OTHER = label(LABELS.other);
/** Lotus Notes: "Kirk McDaniel" / "11/27/2001 01:41 AM" (or "x@y on 11/27/2001 09:09:46 AM") above "To:". */
const NOTES_DATE = /\d{1,2}\/\d{1,2}\/\d{2,4}\s+\d{1,2}:\d{2}/;
/** A line that ends with a Notes date: what comes before it, and the date. */
const NOTES_DATED = new RegExp(`^\\s*(.*?)\\s*(${NOTES_DATE.source}.*)$`);

type LabelKind = 'from' | 'sent' | 'to' | 'subject' | 'other';

function labelOf(line: string): { kind: LabelKind; value: string } | undefined {
  for (const [kind, re] of [
    ['subject', SUBJECT],
    ['from', FROM],
    ['sent', SENT],
    ['to', TO],
    ['other', OTHER],
  ] as const) {
    const m = line.match(re);
    if (m) return { kind, value: m[1].trim() };
  }
  return undefined;
}

/** Where a header block starts at line i (an index past any separator line), or -1. */
function headerStart(lines: string[], i: number): { start: number; notes?: QuoteHeader } | undefined {
  // Every opening line has a colon or a rule of dashes or underscores: the rest is skipped cheaply.
  if (!/[:：]|[-_=]{2}/.test(lines[i])) return undefined;
  const near = (from: number, n: number, re: RegExp) => lines.slice(from, from + n).some((l) => re.test(l));
  if (SEPARATOR.test(lines[i]) || RULE.test(lines[i])) {
    let j = i + 1;
    while (j < lines.length && !lines[j].trim()) j++;
    if (j < lines.length && (labelOf(lines[j]) || near(j, 3, TO))) return { start: j };
    return undefined;
  }
  if (FROM.test(lines[i]) && (near(i + 1, 6, SENT) || near(i + 1, 6, SUBJECT))) return { start: i };
  // Notes: a To: line with a date line just above and a Subject: just below.
  if (TO.test(lines[i]) && near(i + 1, 4, SUBJECT)) {
    for (let k = i - 1; k >= Math.max(0, i - 2); k--) {
      const m = lines[k].match(NOTES_DATED);
      if (!m) continue;
      // The sender is on the date line ("x@y on 11/27/2001 ...", "Sally Beck   01/12/2001 ...") or above it.
      const from = m[1].replace(/\s+on$/i, '').trim() || lines[k - 1]?.trim();
      return { start: k, notes: { from, sent: m[2].trim() } };
    }
  }
  return undefined;
}

/** Reads a header block from `start`; returns its fields and the first line of the quoted body. */
function readHeader(lines: string[], start: number, notes?: QuoteHeader): { header: QuoteHeader; body: number } {
  const header: QuoteHeader = notes ? { ...notes } : {};
  let i = start;
  let labels = 0;
  let last: LabelKind | undefined;
  let sawSubject = false;
  for (; i < lines.length; i++) {
    const l = lines[i];
    const lab = labelOf(l);
    if (lab) {
      labels++;
      last = lab.kind;
      if (lab.kind === 'from' && !header.from) header.from = lab.value;
      else if (lab.kind === 'sent' && !header.sent) header.sent = lab.value;
      else if (lab.kind === 'subject') {
        header.subject = lab.value;
        sawSubject = true;
      }
      continue;
    }
    if (notes && i === start) continue; // the Notes date line
    if (!l.trim()) {
      // Text made from HTML may put a blank line between the fields ("差出人: …", "", "送信日時: …").
      let next = i + 1;
      while (next < lines.length && !lines[next].trim()) next++;
      if (labels >= 2 && !(next < lines.length && labelOf(lines[next]))) break;
      continue;
    }
    // A recipient list wrapped over several lines; anything else ends the block.
    if (!sawSubject && last === 'to') continue;
    break;
  }
  // Notes writes the date on the From line: "From:  Sally Beck      01/12/2001 10:08 PM".
  const dated = header.from?.match(NOTES_DATED);
  if (dated && dated[1].trim()) {
    header.from = dated[1].trim();
    header.sent ??= dated[2].trim();
  }
  while (i < lines.length && !lines[i].trim()) i++;
  return { header, body: i };
}

function dropAttribution(lines: string[]): { lines: string[]; attribution?: string } {
  let i = 0;
  while (i < lines.length && !lines[i].trim()) i++;
  if (i < lines.length && ATTRIBUTION.test(lines[i])) return { lines: lines.slice(i + 1), attribution: lines[i].trim() };
  if (i + 1 < lines.length && ATTRIBUTION.test(`${lines[i]} ${lines[i + 1]}`))
    return { lines: lines.slice(i + 2), attribution: `${lines[i].trim()} ${lines[i + 1].trim()}` };
  return { lines };
}

/** Who an attribution line names: the address in it, else the name after or before the verb. */
function attributed(line: string): QuoteHeader {
  const addr = line.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/)?.[0];
  const plain = line.replace(/<[^>]*>|\[[^\]]*\]|\([^)]*@[^)]*\)/g, ' ');
  const after = plain.match(new RegExp(`\\s(?:${WROTE})\\s+([^:]+?)\\s*:\\s*$`, 'i'))?.[1];
  const before = plain.match(new RegExp(`(?:^|,|\\d)\\s*([^,\\d]+?)\\s+(?:${WROTE})(?=\\s|:|$)`, 'i'))?.[1];
  const name = (after ?? before ?? unspacedName(plain))?.replace(/^\s*(?:at|um|à|a las|alle|alle ore|om|kl\.?|on)\s+/i, '').trim();
  return { from: addr ?? name, sent: line };
}

const UNSPACED_ATTRIBUTION = new RegExp(`^(.*?)\\s*(?:${WROTE_UNSPACED})\\s*[:：]?\\s*$`, 'i');

/** The name in "在 <date>, <name> 写道:", "<name> 於 <date> 寫道:", "<date> に <name> さんは書きました:",
 *  "<date>에 <name> 이(가) 쓴 글:": before 於/于 and a date, else after the date's last separator. */
function unspacedName(line: string): string | undefined {
  const before = line.match(UNSPACED_ATTRIBUTION)?.[1];
  if (!before) return undefined;
  const yu = before.match(/^(.+?)\s*[於于]\s*\d/);
  const name = yu ? yu[1] : before.split(/[,，、]|\sに\s|에\s/).pop();
  return name?.trim() || undefined;
}

const MAX_DEPTH = 3;

function prefixDepth(line: string): number {
  const m = line.match(/^\s*((?:>\s?)+)/);
  return m ? (m[1].match(/>/g) ?? []).length : 0;
}

/** The block quoted at the top level of `lines`: '>'-prefixed lines (with the header or attribution
 *  above them), or the text below a header block. Its own quotes are found by recursion. */
function firstBlock(lines: string[]): Omit<QuotedBlock, 'depth'> | undefined {
  const firstPrefixed = lines.findIndex((l) => prefixDepth(l) > 0);
  const end = firstPrefixed < 0 ? lines.length : firstPrefixed;
  for (let i = 0; i < end; i++) {
    const h = headerStart(lines, i);
    if (!h) continue;
    const { header, body } = readHeader(lines, h.start, h.notes);
    // Outlook Express puts the header above '>' lines; Outlook puts the original below it, unprefixed.
    if (body < lines.length && prefixDepth(lines[body]) > 0) break;
    const text = lines.slice(body).join('\n').trim();
    return text ? { style: 'outlook', text, header } : undefined;
  }
  if (firstPrefixed < 0) return undefined;
  const quoted = lines.filter((l) => prefixDepth(l) > 0).map((l) => l.replace(/^\s*> ?/, ''));
  if (quoted.length < 2) return undefined;
  const inner = dropAttribution(quoted);
  let header: QuoteHeader | undefined = inner.attribution ? attributed(inner.attribution) : undefined;
  if (!header) {
    let above = firstPrefixed - 1;
    while (above >= 0 && !lines[above].trim()) above--;
    // A quote that opens with its own header block, with no attribution above it: Zimbra's ("----- Mail
    // original -----" above "> De: / > À: / > Objet:"), a '>'-quoted Outlook or Foxmail block ("> -----原始邮件-----").
    const k = inner.lines.findIndex((l) => l.trim());
    const attributedAbove = above >= 0 && ATTRIBUTION.test(lines[above]);
    const inside = !attributedAbove && k >= 0 ? headerStart(inner.lines, k) : undefined;
    if (inside && !inside.notes && (inside.start === k || SEPARATOR.test(inner.lines[k]) || RULE.test(inner.lines[k]))) {
      const read = readHeader(inner.lines, inside.start);
      header = read.header;
      inner.lines = inner.lines.slice(read.body);
    } else if (attributedAbove) header = attributed(lines[above]);
    else if (above >= 1 && ATTRIBUTION.test(`${lines[above - 1]} ${lines[above]}`))
      header = attributed(`${lines[above - 1]} ${lines[above]}`);
    else
      for (let i = Math.max(0, firstPrefixed - 12); i < firstPrefixed && !header; i++) {
        const h = headerStart(lines, i);
        if (h) header = readHeader(lines, h.start, h.notes).header;
      }
  }
  return { style: 'prefixed', text: inner.lines.join('\n'), ...(header ? { header } : {}) };
}

/** Every quoted block of a message, shallowest first: the parent's quote, the grandparent's inside it... */
export function quotedBlocks(text: string): QuotedBlock[] {
  const out: QuotedBlock[] = [];
  let lines = text.split(/\r?\n/);
  for (let depth = 1; depth <= MAX_DEPTH; depth++) {
    const b = firstBlock(lines);
    if (!b) break;
    out.push({ depth, ...b });
    lines = b.text.split('\n');
  }
  return out;
}

/** A subject without its reply and forward prefixes, case and accents folded: the thread's key. */
export function subjectKey(subject: string | undefined): string | undefined {
  if (!subject) return undefined;
  const prefix =
    /^\s*(?:(?:re|fw|fwd|aw|wg|tr|sv|vs|rv|r|i|ref|antw|odp|res|enc|doorst|vb|pd|πρθ|отв|пер|回复|转发|答复|回覆|轉寄|転送|返信|회신|전달|답장)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*|\[[^\]]{1,40}\]\s*)/i;
  let s = subject;
  for (let prev = ''; prev !== s;) {
    prev = s;
    s = s.replace(prefix, '');
  }
  const key = s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
  return key || undefined;
}

/** Whether a Sent/attribution line fits a message's date: its hour and minute (12- or 24-hour) in the
 *  message's own offset or in one of `offsets`, and its day of month when the line gives one. Null when
 *  the line gives no time. */
export function sentLineFits(line: string | undefined, dateUtc: string | null | undefined, offsets: readonly number[]): boolean | null {
  if (!line || !dateUtc) return null;
  // "10:12", "10h12", "10.12" (not the "05.03" of a date "05.03.2024"), with an optional AM/PM.
  const t =
    line.match(/\b(\d{1,2}):(\d{2})(?::\d{2})?\s*(am|pm|a\.m\.|p\.m\.)?/i) ??
    line.match(/\b(\d{1,2})[h.](\d{2})(?![.\d])\s*(am|pm|a\.m\.|p\.m\.)?/i) ??
    line.match(/(\d{1,2})[時时시]\s*(\d{1,2})[分분]/);
  if (!t) return null;
  let h = Number(t[1]);
  const m = Number(t[2]);
  // Chinese, Japanese and Korean write the half of the day before the time: "下午 3:12", "午後3:12", "오후 3:12".
  const before = line.slice(0, t.index).match(/(上午|下午|午前|午後|오전|오후)\s*$/)?.[1];
  const ampm = t[3]?.toLowerCase().replace(/\./g, '') ?? (before ? (/下午|午後|오후/.test(before) ? 'pm' : 'am') : undefined);
  if (ampm === 'pm' && h < 12) h += 12;
  if (ampm === 'am' && h === 12) h = 0;
  const numbers = new Set((line.replace(t[0], ' ').match(/\d+/g) ?? []).map(Number));
  const utc = Date.parse(dateUtc);
  if (!Number.isFinite(utc)) return null;
  return offsets.some((off) => {
    const local = new Date(utc + off * 60_000);
    const sameTime = local.getUTCHours() === h && Math.abs(local.getUTCMinutes() - m) <= 1;
    return sameTime && (numbers.size === 0 || numbers.has(local.getUTCDate()));
  });
}

/** An attribution that may be wrapped on two lines starts like one ("On ...", "Le ...", "Am ..."). */
const ATTRIBUTION_OPENING = new RegExp(`^\\s*(?:${OPENINGS})\\s`, 'i');

/**
 * The text without the header blocks ("From: / Sent: / To: / Subject:", "-----Original Message-----",
 * Notes "Name 01/12/2001 10:08 PM / To: / Subject:") and attribution lines ("On ... wrote:") that open
 * quotes, at every quote depth. Clients render them when quoting (the date in the reader's zone and
 * language, names from an address book), so they are not the words of the message quoted and differ
 * innocently between a quote and its original.
 */
export function withoutQuoteHeaders(text: string): string {
  const lines = text.split(/\r?\n/);
  const bare = lines.map((l) => l.replace(/^\s*(?:>\s?)+/, ''));
  const keep = lines.map(() => true);
  for (let i = 0; i < bare.length; i++) {
    const h = headerStart(bare, i);
    if (h) {
      const { body } = readHeader(bare, h.start, h.notes);
      // Notes: the sender's name may stand on the line above the date line.
      const from = h.notes && h.start > 0 && bare[h.start - 1].trim() === h.notes.from ? h.start - 1 : h.start;
      for (let k = Math.min(i, from); k < Math.max(body, i + 1); k++) keep[k] = false;
      i = Math.max(body, i + 1) - 1;
      continue;
    }
    if (ATTRIBUTION.test(bare[i])) keep[i] = false;
    else if (i + 1 < bare.length && ATTRIBUTION_OPENING.test(bare[i]) && ATTRIBUTION.test(`${bare[i]} ${bare[i + 1]}`)) {
      keep[i] = keep[i + 1] = false;
      i++;
    }
  }
  return lines.filter((_, i) => keep[i]).join('\n');
}

/** The writer's own words: the unquoted lines above the first quoted block. */
export function ownText(text: string): string {
  const lines = text.split(/\r?\n/);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (prefixDepth(lines[i]) > 0 || headerStart(lines, i)) break;
    out.push(lines[i]);
  }
  return out.join('\n');
}
