// Threads as evidence (field survey S34, S37, S38): a reply quotes the message it answers, and it
// was written after it. A doctored message contradicts the copies of itself that others quoted; a
// fabricated reply quotes words its "parent" never said; and two messages sharing one Message-ID
// but not one body means one of them is not what it claims to be.

import { createHash } from 'node:crypto';
import { diffArrays } from 'diff';
import type { EmailFacts } from '../../model/facts-email.js';
import type { CorpusCheck, CorpusDocument, FindingDraft } from '../types.js';
import { HOUR, MINUTE, formatDuration, mailingListHeader, ms } from './common.js';

/** Reply earlier than its parent by more than this: beyond ordinary clock skew. */
export const REPLY_BEFORE_PARENT_MS = 5 * MINUTE;
/** Tokens kept per parent text (memory bound: only parents that some reply quotes are kept). */
const MAX_PARENT_CHARS = 20_000;
/** A quote "adds" content when a run of this many words is absent from the parent... */
export const ADDED_RUN_MIN = 3;
/** ...or this many words are absent in total. */
export const ADDED_TOTAL_MIN = 6;
/** Alignments costlier than this are not the same text at all (a wrong parent, a forward of something else). */
const MAX_EDIT = 4000;

function textOf(d: CorpusDocument, e: EmailFacts): string | undefined {
  const t = e.text ?? d.text;
  if (t && t.trim()) return t;
  if (e.html) return e.html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<br\s*\/?>|<\/p>|<\/div>/gi, '\n').replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&');
  return undefined;
}

/** Words as compared: case-folded, quote markers, links and inline-image placeholders removed
 * (HTML-to-text conversion and clients add or drop those innocently). */
export function tokens(text: string): string[] {
  return text
    .replace(/<(?:mailto:|https?:)[^>]*>/gi, ' ')
    .replace(/\bhttps?:\/\/\S+/gi, ' ')
    .replace(/\[(?:cid|image)[^\]]*\]/gi, ' ')
    .replace(/^[ \t>]+/gm, ' ')
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/^[>"'(\[*_]+|["')\]*_]+$/g, ''))
    .filter((w) => w.length > 0);
}

/** The quoted part of a reply: '>'-prefixed lines, or the text below an Outlook "Original Message" header block. */
export function quotedPart(text: string): { style: 'prefixed' | 'outlook'; text: string } | null {
  const lines = text.split(/\r?\n/);
  const prefixed = lines.filter((l) => /^\s*>/.test(l)).map((l) => l.replace(/^\s*> ?/, ''));
  if (prefixed.length >= 2) return { style: 'prefixed', text: prefixed.join('\n') };
  for (let i = 0; i < lines.length; i++) {
    const orig = /^-{2,}\s*Original Message\s*-{2,}/i.test(lines[i]);
    const outlookFrom = /^(From|De|Von):\s/.test(lines[i]) && lines.slice(i + 1, i + 5).some((l) => /^(Sent|Date|Envoyé|Gesendet):\s/.test(l));
    if (!orig && !outlookFrom) continue;
    let j = i + 1;
    // Skip the header block (From/Sent/To/Cc/Subject) to its blank line.
    while (j < lines.length && lines[j].trim() !== '') j++;
    const rest = lines.slice(j + 1).join('\n').trim();
    if (rest) return { style: 'outlook', text: rest };
  }
  return null;
}

export interface QuoteComparison {
  added: { text: string; replaced?: string }[];
  addedWords: number;
  quoteWords: number;
}

/** Words in the quote that the parent lacks, grouped in passages (with what they replaced, if anything). */
export function compareQuote(parentText: string, quoteText: string): QuoteComparison | null {
  const p = tokens(parentText);
  const q = tokens(quoteText);
  if (!q.length || !p.length) return null;
  const parts = diffArrays(p, q, { maxEditLength: MAX_EDIT });
  if (!parts) return null;
  const added: QuoteComparison['added'] = [];
  let addedWords = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (!part.added) continue;
    addedWords += part.value.length;
    const prev = parts[i - 1];
    added.push({ text: part.value.join(' ').slice(0, 300), ...(prev?.removed ? { replaced: prev.value.join(' ').slice(0, 300) } : {}) });
  }
  return { added, addedWords, quoteWords: q.length };
}

function bodyHash(text: string | undefined): string | null {
  if (!text) return null;
  const norm = tokens(text).join(' ');
  return norm ? createHash('sha256').update(norm).digest('hex') : null;
}

function normId(id: string | undefined): string | undefined {
  return id?.trim().replace(/^<|>$/g, '').toLowerCase() || undefined;
}

interface IdEntry { documentId: string; sha256: string; bodyHash: string | null; list: string | null; date: number | null; dateRaw?: string }

export const threadsCheck: CorpusCheck = {
  scope: 'corpus',
  id: 'email.threads',
  version: 1,
  title: 'Thread consistency',
  detects: 'A reply whose quoted text contains words the message it answers does not (found through In-Reply-To/References), a reply dated before its parent, and two messages that share one Message-ID but differ in content.',
  whyForgersLeaveIt: 'The dump holds other copies of the truth: the recipients\' quotes of the original, the original itself. A forger edits one message but not every copy quoted elsewhere, and a fabricated reply must quote a parent whose real text is in the dump.',
  innocentCauses: [
    'Inline replies and edited quotes (people do trim or annotate what they quote).',
    'Reflowed or HTML-converted quotes, translations, and quotes of another message of the thread.',
    'Clock skew between the two senders (a few minutes).',
    'Sent and received copies of one message differ in transport headers (not flagged: bodies are compared); mailing lists add footers to their copy.',
  ],
  kinds: ['email'],
  *run(docs) {
    // Pass 1: who is quoted, and every Message-ID's copies.
    const byId = new Map<string, IdEntry[]>();
    const wanted = new Set<string>();
    for (const d of docs()) {
      const e = d.facts.email;
      if (!e) continue;
      const id = normId(e.messageId);
      if (id) {
        let list = byId.get(id);
        if (!list) byId.set(id, (list = []));
        if (list.length < 20) list.push({ documentId: d.id, sha256: d.sha256, bodyHash: bodyHash(textOf(d, e)), list: mailingListHeader(e), date: ms(e.dateUtc), dateRaw: e.dateRaw });
      }
      const parent = normId(e.inReplyTo) ?? normId(e.references[e.references.length - 1]);
      if (parent) wanted.add(parent);
    }

    // One Message-ID, different content.
    for (const [id, copies] of byId) {
      if (copies.length < 2) continue;
      const hashes = new Map<string, number>();
      for (const c of copies) if (c.bodyHash) hashes.set(c.bodyHash, (hashes.get(c.bodyHash) ?? 0) + 1);
      if (hashes.size < 2) continue;
      const majority = [...hashes.entries()].sort((a, b) => b[1] - a[1]);
      const tie = majority[0][1] === majority[1][1];
      for (const c of copies) {
        if (!c.bodyHash || (!tie && c.bodyHash === majority[0][0])) continue;
        const anyList = copies.find((o) => o.list);
        const finding: FindingDraft = {
          severity: anyList ? 'low' : 'medium',
          message: `${copies.length} messages share the Message-ID <${id}> but their bodies differ${tie ? '' : '; this copy is the odd one out'}.${anyList ? ` One copy came through a mailing list (${anyList.list!.split(':')[0]}), which alters bodies.` : ''}`,
          evidence: { messageId: id, copies: copies.map((o) => ({ documentId: o.documentId, sha256: o.sha256, bodyHash: o.bodyHash, date: o.dateRaw, mailingList: o.list ?? undefined })) },
        };
        yield { documentId: c.documentId, finding };
      }
    }

    // Pass 2: keep the text of quoted parents only.
    const parents = new Map<string, { documentId: string; text: string; date: number | null; dateRaw?: string; subject?: string }>();
    for (const d of docs()) {
      const e = d.facts.email;
      const id = normId(e?.messageId);
      if (!e || !id || !wanted.has(id) || parents.has(id)) continue;
      const text = textOf(d, e);
      parents.set(id, { documentId: d.id, text: (text ?? '').slice(0, MAX_PARENT_CHARS), date: ms(e.dateUtc), dateRaw: e.dateRaw, subject: e.subject });
    }

    // Pass 3: judge replies.
    for (const d of docs()) {
      const e = d.facts.email;
      if (!e) continue;
      const parentId = normId(e.inReplyTo) ?? normId(e.references[e.references.length - 1]);
      const parent = parentId ? parents.get(parentId) : undefined;
      if (!parent || parent.documentId === d.id) continue;
      const date = ms(e.dateUtc);
      if (date !== null && parent.date !== null && parent.date - date > REPLY_BEFORE_PARENT_MS) {
        const gap = parent.date - date;
        yield {
          documentId: d.id,
          finding: {
            severity: gap > HOUR ? 'medium' : 'low',
            message: `This reply is dated ${formatDuration(gap)} before the message it answers (<${parentId}>).`,
            evidence: { reply: { date: e.dateRaw, dateUtc: e.dateUtc }, parent: { documentId: parent.documentId, messageId: parentId, date: parent.dateRaw }, gapMs: gap, toleranceMs: REPLY_BEFORE_PARENT_MS },
          },
        };
      }
      const text = textOf(d, e);
      const quote = text ? quotedPart(text) : null;
      if (!quote || !parent.text.trim()) continue;
      const cmp = compareQuote(parent.text, quote.text);
      if (!cmp) continue;
      const longestRun = Math.max(0, ...cmp.added.map((a) => a.text.split(' ').length));
      if (longestRun < ADDED_RUN_MIN && cmp.addedWords < ADDED_TOTAL_MIN) continue;
      const replaced = cmp.added.filter((a) => a.replaced);
      yield {
        documentId: d.id,
        finding: {
          severity: 'medium',
          message: `The text this reply quotes differs from the message it answers (<${parentId}>): ${cmp.addedWords} quoted word${cmp.addedWords > 1 ? 's are' : ' is'} not in the original${replaced.length ? `, e.g. "${replaced[0].replaced}" became "${replaced[0].text}"` : `, e.g. "${cmp.added[0].text}"`}. Either the reply or the original was altered.`,
          evidence: { parent: { documentId: parent.documentId, messageId: parentId, subject: parent.subject }, quoteStyle: quote.style, quoteWords: cmp.quoteWords, addedWords: cmp.addedWords, passages: cmp.added.slice(0, 10) },
        },
      };
    }
  },
};
