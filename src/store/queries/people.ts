// Sender habit profiles of the busiest senders (clients, UTC offsets, hours, DKIM coverage, outliers the
// 'email.sender-habits' check marked), from the emails table: a message stored twice counts once.

import type { PersonProfile } from '../../model/api.js';
import type { CaseReader } from './reader.js';
import { parseRfc2822Date } from '../../shared/dates.js';

const SENDER_HABITS_CHECK = 'email.sender-habits';
const DEFAULT_PROFILES = 50;

interface MessageRow {
  date_utc: string | null;
  date_raw: string | null;
  client: string | null;
  dkim: number;
}

function offsetLabel(min: number): string {
  const sign = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}${String(a % 60).padStart(2, '0')}`;
}

function counted(m: Map<string, number>): { value: string; count: number }[] {
  return [...m.entries()].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

export function senderProfiles(r: CaseReader, limit = DEFAULT_PROFILES): PersonProfile[] {
  return r.cached(`people\u0000${limit}`, () =>
    r.snapshot(() => {
      const senders = r
        .stmt(
          `SELECT from_addr AS sender, count(*) AS n FROM emails WHERE from_addr IS NOT NULL AND from_addr != ''
        GROUP BY from_addr ORDER BY n DESC, from_addr LIMIT ?`,
        )
        .all(limit) as { sender: string; n: number }[];
      // From the header rows (a few dozen per message, read once through the content index) rather
      // than the facts JSON, which holds every header and the bodies: parsing it for half a
      // million messages would take minutes.
      const headerRows = r.stmt(`SELECT e.content_id AS id, e.date_utc, m.key, m.value
        FROM emails e JOIN content_metadata m ON m.content_id = e.content_id
        WHERE e.from_addr = ? AND m.source = 'email.header'
          AND (m.key = 'Date' COLLATE NOCASE OR m.key = 'X-Mailer' COLLATE NOCASE OR m.key = 'User-Agent' COLLATE NOCASE OR m.key = 'DKIM-Signature' COLLATE NOCASE)
        ORDER BY e.content_id, m.seq`);
      const undated = r.stmt('SELECT e.content_id AS id, e.date_utc FROM emails e WHERE e.from_addr = ?');
      const messagesOf = (sender: string): MessageRow[] => {
        const byId = new Map<number, MessageRow>();
        for (const x of undated.all(sender) as { id: number; date_utc: string | null }[])
          byId.set(x.id, { date_utc: x.date_utc, date_raw: null, client: null, dkim: 0 });
        for (const h of headerRows.all(sender) as { id: number; date_utc: string | null; key: string; value: string }[]) {
          const m = byId.get(h.id);
          if (!m) continue;
          const key = h.key.toLowerCase();
          if (key === 'date') m.date_raw ??= h.value;
          else if (key === 'x-mailer')
            m.client = h.value; // X-Mailer wins over User-Agent
          else if (key === 'user-agent') m.client ??= h.value;
          else m.dkim = 1;
        }
        return [...byId.values()];
      };
      // Outliers: few findings, so read them once from the check's index and group by sender.
      const outlierRows = r
        .stmt(
          `SELECT e.from_addr AS sender, d.id, f.message FROM findings f
          JOIN documents d ON d.rowid = f.doc_rowid
          JOIN emails e ON e.content_id = d.content_id
        WHERE f.check_id = ? OR (f.check_id > ? AND f.check_id < ?)
        ORDER BY f.severity_rank, d.date`,
        )
        .all(SENDER_HABITS_CHECK, `${SENDER_HABITS_CHECK}.`, `${SENDER_HABITS_CHECK}/`) as {
        sender: string;
        id: string;
        message: string;
      }[];
      const outliers = new Map<string, { id: string; reason: string }[]>();
      for (const o of outlierRows) {
        const l = outliers.get(o.sender) ?? [];
        if (l.length < 200) l.push({ id: o.id, reason: o.message });
        outliers.set(o.sender, l);
      }
      return senders.map(({ sender, n }) => {
        const clients = new Map<string, number>();
        const zones = new Map<string, number>();
        const hours = new Array<number>(24).fill(0);
        let dkimSigned = 0;
        for (const m of messagesOf(sender)) {
          const client = m.client?.trim() || '(none)';
          clients.set(client, (clients.get(client) ?? 0) + 1);
          const off = m.date_raw ? parseRfc2822Date(m.date_raw).offsetMinutes : null;
          if (typeof off === 'number') zones.set(offsetLabel(off), (zones.get(offsetLabel(off)) ?? 0) + 1);
          if (m.date_utc) {
            const t = Date.parse(m.date_utc);
            if (!Number.isNaN(t)) {
              // The sender's local hour: UTC plus the offset their own Date header declared.
              const local = new Date(t + (typeof off === 'number' ? off : 0) * 60_000);
              hours[local.getUTCHours()]++;
            }
          }
          if (m.dkim) dkimSigned++;
        }
        return {
          sender,
          messages: n,
          clients: counted(clients),
          timezones: counted(zones),
          hours,
          dkimSigned,
          outliers: outliers.get(sender) ?? [],
        };
      });
    }),
  );
}
