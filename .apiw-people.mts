import { openCase } from '/work/main/src/store/db.ts';
const db = openCase(process.argv[2], { readonly: true });
const senders = db.prepare(`SELECT from_addr FROM emails GROUP BY from_addr ORDER BY count(*) DESC LIMIT 50`).pluck().all();
const a = db.prepare(`SELECT e.date_utc, json_extract(c.facts, '$.email.dateOffsetMinutes') AS off, coalesce(json_extract(c.facts, '$.email.mailer'), json_extract(c.facts, '$.email.userAgent')) AS client, json_array_length(c.facts, '$.email.dkim') AS dkim FROM emails e JOIN content c ON c.rowid = e.content_id WHERE e.from_addr = ?`);
const b = db.prepare(`SELECT e.date_utc,
          (SELECT m.value FROM content_metadata m WHERE m.content_id = e.content_id AND m.source = 'email.header' AND m.key = 'Date' COLLATE NOCASE ORDER BY m.seq LIMIT 1) AS date_raw,
          (SELECT m.value FROM content_metadata m WHERE m.content_id = e.content_id AND m.source = 'email.header'
             AND (m.key = 'X-Mailer' COLLATE NOCASE OR m.key = 'User-Agent' COLLATE NOCASE) ORDER BY (m.key = 'X-Mailer' COLLATE NOCASE) DESC, m.seq LIMIT 1) AS client,
          EXISTS (SELECT 1 FROM content_metadata m WHERE m.content_id = e.content_id AND m.source = 'email.header' AND m.key = 'DKIM-Signature' COLLATE NOCASE) AS dkim
        FROM emails e WHERE e.from_addr = ?`);
console.log((db.prepare('EXPLAIN QUERY PLAN ' + b.source).all('x') as any[]).map((x) => x.detail).join(' | '));
for (let k = 0; k < 3; k++) for (const [l, s] of [['facts json', a], ['header rows', b]] as const) {
  const t = performance.now(); let n = 0;
  for (const x of senders) n += s.all(x).length;
  console.log(l, n, (performance.now() - t).toFixed(0), 'ms');
}
const { senderProfiles } = await import('/work/main/src/store/queries/people.ts');
const { CaseReader } = await import('/work/main/src/store/queries/reader.ts');
const r = new CaseReader(db);
for (let k = 0; k < 3; k++) { r.invalidate(); const t = performance.now(); senderProfiles(r, 50); console.log('senderProfiles single join', (performance.now() - t).toFixed(0), 'ms'); }
