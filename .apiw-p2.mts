import { openCase } from '/work/main/src/store/db.ts';
const { senderProfiles } = await import('/work/main/src/store/queries/people.ts');
const { CaseReader } = await import('/work/main/src/store/queries/reader.ts');
const db = openCase(process.argv[2], { readonly: true });
const r = new CaseReader(db);
const cpu = (fn: () => void) => { const c = process.cpuUsage(); const t = performance.now(); fn(); const d = process.cpuUsage(c); return `cpu ${((d.user + d.system) / 1000).toFixed(0)}ms wall ${(performance.now() - t).toFixed(0)}ms`; };
const a = db.prepare(`SELECT e.date_utc, json_extract(c.facts, '$.email.dateOffsetMinutes') AS off, coalesce(json_extract(c.facts, '$.email.mailer'), json_extract(c.facts, '$.email.userAgent')) AS client, json_array_length(c.facts, '$.email.dkim') AS dkim FROM emails e JOIN content c ON c.rowid = e.content_id WHERE e.from_addr = ?`);
const senders = db.prepare(`SELECT from_addr FROM emails GROUP BY from_addr ORDER BY count(*) DESC LIMIT 50`).pluck().all();
for (let k = 0; k < 3; k++) {
  console.log('facts json', cpu(() => { for (const s of senders) a.all(s); }));
  r.invalidate(); console.log('senderProfiles', cpu(() => senderProfiles(r, 50)));
}
