// The conversation an email belongs to, from Message-ID, In-Reply-To and References (RFC 5322 §3.6.4),
// bounded: a hostile dump can forge a reply chain of any length or a cycle.

import type { ThreadView } from '../../model/api.js';
import type { CaseReader } from './reader.js';

const MAX_THREAD = 500;
const MAX_ANCESTORS = 200;

interface EmailRow {
  content_id: number;
  message_id: string | null;
  in_reply_to: string | null;
  refs: string | null;
  subject: string | null;
  from_addr: string | null;
  from_name: string | null;
  date_utc: string | null;
}

const COLS = 'content_id, message_id, in_reply_to, refs, subject, from_addr, from_name, date_utc';

export function threadOf(r: CaseReader, docId: string): ThreadView | undefined {
  return r.snapshot(() => {
    const doc = r.stmt('SELECT content_id FROM documents WHERE id = ?').get(docId) as { content_id: number | null } | undefined;
    if (!doc) return undefined;
    const self =
      doc.content_id === null
        ? undefined
        : (r.stmt(`SELECT ${COLS} FROM emails WHERE content_id = ?`).get(doc.content_id) as EmailRow | undefined);
    if (!self) return { messages: [] };
    const byMessageId = (mid: string) =>
      r.stmt(`SELECT ${COLS} FROM emails WHERE message_id = ? ORDER BY date_utc, content_id`).all(mid) as EmailRow[];
    const replies = (mid: string) =>
      r.stmt(`SELECT ${COLS} FROM emails WHERE in_reply_to = ? ORDER BY date_utc, content_id`).all(mid) as EmailRow[];

    // Up: the first References entry names the thread root; otherwise follow In-Reply-To.
    let root = self;
    const refs = (self.refs ?? '').split(/\s+/).filter(Boolean);
    const seenUp = new Set<number>([self.content_id]);
    const viaRefs = refs.length ? byMessageId(refs[0])[0] : undefined;
    if (viaRefs) root = viaRefs;
    for (let i = 0; i < MAX_ANCESTORS && root.in_reply_to; i++) {
      const parent = byMessageId(root.in_reply_to)[0];
      if (!parent || seenUp.has(parent.content_id)) break;
      seenUp.add(parent.content_id);
      root = parent;
    }

    // Down: breadth-first through replies.
    const out: { row: EmailRow; depth: number }[] = [];
    const seen = new Set<number>([root.content_id]);
    const queue: { row: EmailRow; depth: number }[] = [{ row: root, depth: 0 }];
    while (queue.length && out.length < MAX_THREAD) {
      const cur = queue.shift()!;
      out.push(cur);
      if (!cur.row.message_id) continue;
      for (const child of replies(cur.row.message_id)) {
        if (seen.has(child.content_id)) continue;
        seen.add(child.content_id);
        queue.push({ row: child, depth: cur.depth + 1 });
      }
    }
    // The message asked about is always part of its own thread, even if its parent chain is broken.
    if (!seen.has(self.content_id)) out.push({ row: self, depth: 0 });

    const docOf = r.stmt('SELECT id FROM documents WHERE content_id = ? ORDER BY rowid LIMIT 1').pluck();
    return {
      messages: out
        .map(({ row, depth }) => ({
          id: row.content_id === doc.content_id ? docId : ((docOf.get(row.content_id) as string | undefined) ?? ''),
          subject: row.subject,
          from: row.from_name ? `${row.from_name} <${row.from_addr ?? ''}>` : row.from_addr,
          date: row.date_utc,
          messageId: row.message_id,
          inReplyTo: row.in_reply_to,
          depth,
        }))
        .filter((m) => m.id !== ''),
    };
  });
}
