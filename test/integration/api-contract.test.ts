// One API, two transports: every scenario is written once and run through the dispatcher directly
// and through the real loopback HTTP server (with server-sent events), on a case scanned from a
// small generated dump by the real ingest. A method that works in one transport only fails here.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { directTransport, httpTransport, type TestTransport } from '../support/api-transports.js';
import type { ApiResult, ScanProgress } from '../../src/model/api.js';

function eml(i: number, opts: { inReplyTo?: number; from?: string; subject?: string; body?: string } = {}): string {
  return [
    `From: ${opts.from ?? `Person ${i % 3} <p${i % 3}@example.org>`}`,
    'To: desk@example.org',
    `Subject: ${opts.subject ?? `Budget figures ${i}`}`,
    `Date: Tue, ${String(2 + (i % 20)).padStart(2, '0')} Mar 2021 09:${String(10 + i).padStart(2, '0')}:00 +0100`,
    `Message-ID: <msg-${i}@example.org>`,
    ...(opts.inReplyTo !== undefined
      ? [`In-Reply-To: <msg-${opts.inReplyTo}@example.org>`, `References: <msg-${opts.inReplyTo}@example.org>`]
      : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    opts.body ?? `Message ${i} about the quarterly budget. Regards.`,
    '',
  ].join('\r\n');
}

let dump: string;
let work: string;
const EMAILS = 6;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'verity-api-contract-'));
  dump = join(work, 'dump');
  mkdirSync(join(dump, 'mail'), { recursive: true });
  writeFileSync(
    join(dump, 'mail', '0.eml'),
    eml(0, { subject: 'Zephyrine contract', body: 'The zephyrine contract is attached in spirit.' }),
  );
  writeFileSync(join(dump, 'mail', '1.eml'), eml(1, { inReplyTo: 0, subject: 'Re: Zephyrine contract' }));
  writeFileSync(join(dump, 'mail', '2.eml'), eml(2, { inReplyTo: 1, subject: 'Re: Re: Zephyrine contract' }));
  for (let i = 3; i < EMAILS; i++) writeFileSync(join(dump, 'mail', `${i}.eml`), eml(i));
  writeFileSync(join(dump, 'notes.txt'), 'Plain notes about nothing in particular.\n');
}, 60_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const unwrap = <T>(r: ApiResult<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message} ${JSON.stringify(r.error.details ?? '')}`);
  return r.value;
};

async function waitFor<T>(fn: () => T | undefined, ms = 90_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each([
  ['dispatch', directTransport],
  ['http', httpTransport],
] as const)('the API through %s', (name, make) => {
  let t: TestTransport;

  beforeAll(async () => {
    t = await make({ caseFile: join(work, `${name}.verity`), dumpRoot: dump, scanWorkers: 1 });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('scans the dump, reporting numbered progress events up to done', async () => {
    const { jobId } = unwrap(await t.invoke('scan.start', {}));
    expect(jobId).toMatch(/[0-9a-f-]{36}/);
    const again = await t.invoke('scan.start', {});
    expect(again.ok ? 'started twice' : again.error.code).toBe('conflict');
    const final = await waitFor(() =>
      t.events.find((e) => e.topic === 'scan.progress' && ['done', 'failed', 'cancelled'].includes((e.payload as ScanProgress).state)),
    );
    expect((final.payload as ScanProgress).state, (final.payload as ScanProgress).message).toBe('done');
    expect((final.payload as ScanProgress).jobId).toBe(jobId);
    await waitFor(() => t.events.find((e) => e.topic === 'case.changed' && (e.payload as { reason: string }).reason === 'scan'));
    const seqs = t.events.map((e) => e.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(seqs.length);
    const status = unwrap(await t.invoke('scan.status', {}));
    expect(status?.state).toBe('done');
    expect(unwrap(await t.invoke('scan.cancel', {}))).toEqual({ cancelled: false });
  });

  it('summarises the case and pages the failure ledger', async () => {
    const s = unwrap(await t.invoke('case.summary', {}));
    expect(s.documents).toBe(EMAILS + 1);
    expect(s.byKind.email).toBe(EMAILS);
    expect(s.byKind.text).toBe(1);
    expect(s.lastScan?.state).toBeTruthy();
    expect(s.verdicts.unresolved).toBe(EMAILS + 1);
    const f = unwrap(await t.invoke('scan.failures', { limit: 10 }));
    expect(f.total).toBe(s.failures);
  });

  it('searches full text with snippets and counts facets', async () => {
    const page = unwrap(await t.invoke('search.query', { text: 'zephyrine' }));
    expect(page.total).toBe(3);
    expect(page.rows.map((r) => r.path).sort()).toEqual(['mail/0.eml', 'mail/1.eml', 'mail/2.eml']);
    expect(page.rows.some((r) => r.snippet?.includes('\u0002'))).toBe(true);
    const byKind = unwrap(await t.invoke('search.query', { kinds: ['text'] }));
    expect(byKind.rows.map((r) => r.path)).toEqual(['notes.txt']);
    // Every message but the first (whose body is about the contract) mentions the budget.
    const f = unwrap(await t.invoke('search.facets', { text: 'budget' }));
    expect(f.kinds).toEqual([{ value: 'email', count: EMAILS - 1 }]);
    expect(f.people.reduce((a, p) => a + p.count, 0)).toBe(EMAILS - 1);
  });

  it('opens a document with its metadata and thread', async () => {
    const [row] = unwrap(await t.invoke('search.query', { text: 'zephyrine', sort: 'path', order: 'desc' })).rows;
    expect(row.path).toBe('mail/2.eml');
    const d = unwrap(await t.invoke('document.get', { id: row.id }));
    expect(d.locator).toEqual([{ type: 'file', path: 'mail/2.eml' }]);
    expect(d.metadata.some((m) => m.source === 'email.header' && m.key.toLowerCase() === 'subject' && m.value.includes('Zephyrine'))).toBe(
      true,
    );
    expect(d.facts.email?.messageId).toBe('msg-2@example.org');
    const thread = unwrap(await t.invoke('document.thread', { id: row.id }));
    expect(thread.messages.map((m) => [m.messageId, m.depth])).toEqual([
      ['msg-0@example.org', 0],
      ['msg-1@example.org', 1],
      ['msg-2@example.org', 2],
    ]);
    expect(unwrap(await t.invoke('document.nearDuplicates', { id: row.id }))).toEqual([]);
    const people = unwrap(await t.invoke('people.profiles', { limit: 10 }));
    expect(people.reduce((a, p) => a + p.messages, 0)).toBe(EMAILS);
    const weeks = unwrap(await t.invoke('overview.timeline', {}));
    expect(weeks.reduce((a, w) => a + w.documents, 0)).toBe(EMAILS);
  });

  it("records the analyst's tags, verdicts and notes and announces the change", async () => {
    const rows = unwrap(await t.invoke('search.query', { text: 'zephyrine' })).rows;
    const ids = rows.map((r) => r.id);
    const before = t.events.length;
    expect(unwrap(await t.invoke('analyst.tag', { ids, add: ['contract'] }))).toEqual({ updated: 3 });
    expect(unwrap(await t.invoke('analyst.verdict', { ids: ids.slice(0, 1), verdict: 'suspect' }))).toEqual({ updated: 1 });
    expect(unwrap(await t.invoke('analyst.note', { id: ids[0], note: 'Check with the source.' }))).toEqual({ updated: 1 });
    const d = unwrap(await t.invoke('document.get', { id: ids[0] }));
    expect([d.row.tags, d.row.verdict, d.note]).toEqual([['contract'], 'suspect', 'Check with the source.']);
    expect(unwrap(await t.invoke('analyst.tags', {}))).toEqual([{ tag: 'contract', count: 3 }]);
    expect(unwrap(await t.invoke('search.query', { tags: ['contract'], verdicts: ['suspect'] })).total).toBe(1);
    await waitFor(() => (t.events.slice(before).filter((e) => e.topic === 'case.changed').length >= 3 ? true : undefined), 5000);
  });

  it('exports a JSON report of a selection', async () => {
    const r = await t.invoke('report.export', { format: 'json', selection: { tag: 'contract' } });
    const out = unwrap(r);
    expect(out.mime).toContain('json');
    const report = JSON.parse(out.content);
    expect(report.documents.map((d: { path: string }) => d.path).sort()).toEqual(['mail/0.eml', 'mail/1.eml', 'mail/2.eml']);
  });

  it('answers what a report just exported discloses, and recounts it once the case changes', async () => {
    const [row] = unwrap(await t.invoke('search.query', { text: 'zephyrine', sort: 'path', order: 'asc' })).rows;
    expect(row.path).toBe('mail/0.eml');
    const selection = { documents: [row.id] };
    const report = JSON.parse(unwrap(await t.invoke('report.export', { format: 'json', selection })).content);
    expect(report.documents.map((d: { id: string }) => d.id)).toEqual([row.id]);
    const before = unwrap(await t.invoke('report.redactionCandidates', selection));
    expect(before).toContainEqual(expect.objectContaining({ category: 'email', value: 'p0@example.org' }));
    expect(before.filter((c) => c.source === 'analyst')).toEqual([]);
    unwrap(await t.invoke('analyst.note', { id: row.id, note: 'Ask p1@example.org about it.' }));
    const after = unwrap(await t.invoke('report.redactionCandidates', selection));
    expect(after.filter((c) => c.source === 'analyst')).toEqual([
      expect.objectContaining({ category: 'email', field: 'note', value: 'p1@example.org' }),
    ]);
  });

  it('lists the checks with their explanations and imports DKIM keys', async () => {
    const checks = unwrap(await t.invoke('checks.list', {}));
    expect(checks.length).toBeGreaterThan(0);
    for (const c of checks) expect(c.innocentCauses.length, c.id).toBeGreaterThan(0);
    const keys = unwrap(
      await t.invoke('dkim.importKeys', { text: 'sel._domainkey.example.org. 3600 IN TXT "v=DKIM1; k=rsa; " "p=MIIBIjANBg"\n' }),
    );
    expect(keys).toEqual({ imported: 1, reverified: 0, source: 'key text given without a file name', replaced: 0, replacedKeys: [] });
    // The same name from a named file: the newest is kept, and the answer says what it replaced.
    const again = unwrap(
      await t.invoke('dkim.importKeys', {
        text: 'sel._domainkey.example.org TXT "v=DKIM1; k=rsa; p=MIIBCgKCAQ"\n',
        source: 'keys-2024.txt',
      }),
    );
    expect(again).toMatchObject({ imported: 1, source: 'keys-2024.txt', replaced: 1 });
    expect(again.replacedKeys).toEqual([
      {
        name: 'sel._domainkey.example.org',
        source: 'keys-2024.txt',
        previousSource: 'key text given without a file name',
        recordChanged: true,
      },
    ]);
    const none = await t.invoke('dkim.importKeys', { text: '; only a comment\n' });
    expect(none.ok ? 'accepted' : none.error.code).toBe('invalid-input');
  });

  it("reports the open case and returns a document's bytes", async () => {
    const info = unwrap(await t.invoke('session.info', {}));
    expect(info.caseFile).toBe(join(work, `${name}.verity`));
    expect(info.dumpRoot).toBe(dump);
    const txt = unwrap(await t.invoke('search.query', { kinds: ['text'] })).rows[0];
    const c = unwrap(await t.invoke('document.content', { id: txt.id }));
    expect(Buffer.from(c.base64, 'base64').toString()).toBe('Plain notes about nothing in particular.\n');
    expect([c.size, c.truncated]).toEqual([41, false]);
  });

  it('answers errors with the same codes', async () => {
    const missing = await t.invoke('document.get', { id: 'no-such-document' });
    expect(missing.ok ? null : missing.error.code).toBe('not-found');
    const bad = await t.invokeRaw('search.query', { limit: -1 });
    expect(bad.ok ? null : bad.error.code).toBe('invalid-input');
    const unknown = await t.invokeRaw('files.delete', {});
    expect(unknown.ok ? null : unknown.error.code).toBe('not-found');
    const notPdf = await t.invoke('document.revisions', { id: unwrap(await t.invoke('search.query', { kinds: ['text'] })).rows[0].id });
    expect(notPdf.ok ? null : notPdf.error.code).toBe('invalid-input');
  });
});
