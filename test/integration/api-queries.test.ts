// The store's read queries on a 20k-document case written through the real writer, checked
// against an independent model of what was written (plain JavaScript over the generator's
// records): totals, filters, facets, sort orders, paging, full-text, detail, thread, people,
// timeline, near-duplicates, and the analyst's work surviving a re-scan.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSyntheticCase, type SyntheticCase, type SyntheticDoc } from '../support/synthetic-case.js';
import { openCase, type Db } from '../../src/store/db.js';
import { CaseReader } from '../../src/store/queries/reader.js';
import { searchDocuments } from '../../src/store/queries/search.js';
import { facetCounts } from '../../src/store/queries/facets.js';
import { documentDetail } from '../../src/store/queries/document.js';
import { threadOf } from '../../src/store/queries/thread.js';
import { nearDuplicatesOf } from '../../src/store/queries/near-duplicates.js';
import { caseSummary, isoWeek, timeline } from '../../src/store/queries/overview.js';
import { senderProfiles } from '../../src/store/queries/people.js';
import { setNote, setVerdict, tagCounts, tagDocuments } from '../../src/store/queries/analyst.js';
import { scoreFindings } from '../../src/checks/score.js';
import { checkById } from '../../src/checks/registry.js';
import type { SearchQuery } from '../../src/model/api.js';

let dir: string;
let file: string;
let synth: SyntheticCase;
let db: Db;
let r: CaseReader;
const model = () => synth.model;
const score = (d: SyntheticDoc) => scoreFindings(d.findings);
const all = (q: SearchQuery) => {
  const out: string[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = searchDocuments(r, { ...q, offset, limit: 1000 });
    out.push(...page.rows.map((x) => x.id));
    if (page.rows.length < 1000) return out;
  }
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verity-api-queries-'));
  file = join(dir, 'case.verity');
  synth = await buildSyntheticCase(file, { documents: 20_000, seed: 7, keepModel: true });
  db = openCase(file, { readonly: true });
  r = new CaseReader(db);
}, 300_000);

afterAll(() => {
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('search over 20k documents', () => {
  it('counts every document and pages through all of them once, in score order', () => {
    const first = searchDocuments(r, { limit: 50 });
    expect(first.total).toBe(model().length);
    const ids = all({});
    expect(ids.length).toBe(model().length);
    expect(new Set(ids).size).toBe(ids.length);
    const expected = [...model()].sort((a, b) => score(b) - score(a) || (a.path < b.path ? -1 : 1)).map((d) => d.id);
    expect(ids).toEqual(expected);
  });

  it('stores the score the real scorer gives the findings', () => {
    const page = searchDocuments(r, { limit: 1000, offset: 3000 });
    const byId = new Map(model().map((d) => [d.id, d]));
    for (const row of page.rows) expect(row.score).toBe(score(byId.get(row.id)!));
  });

  it('filters by kind, check, severity, person, date range and score like the model', () => {
    const cases: [SearchQuery, (d: SyntheticDoc) => boolean][] = [
      [{ kinds: ['pdf'] }, (d) => d.kind === 'pdf'],
      [{ kinds: ['pdf', 'image'] }, (d) => d.kind === 'pdf' || d.kind === 'image'],
      [{ checks: ['email.dkim'] }, (d) => d.findings.some((f) => f.check === 'email.dkim')],
      [{ severities: ['high', 'medium'] }, (d) => d.findings.some((f) => f.severity === 'high' || f.severity === 'medium')],
      [{ people: ['person0@example.org'] }, (d) => d.person === 'person0@example.org'],
      [{ dateFrom: '2020-01-01', dateTo: '2020-03-31' }, (d) => !!d.date && d.date >= '2020-01-01' && d.date <= '2020-03-31T23:59:59.999Z'],
      [{ minScore: 20 }, (d) => score(d) >= 20],
      [
        { kinds: ['email'], checks: ['dates.order'], minScore: 1 },
        (d) => d.kind === 'email' && d.findings.some((f) => f.check === 'dates.order') && score(d) >= 1,
      ],
    ];
    for (const [q, pred] of cases) {
      const want = model()
        .filter(pred)
        .map((d) => d.id)
        .sort();
      expect(want.length, JSON.stringify(q)).toBeGreaterThan(0);
      expect(searchDocuments(r, { ...q, limit: 1 }).total, JSON.stringify(q)).toBe(want.length);
      expect(all(q).sort(), JSON.stringify(q)).toEqual(want);
    }
  });

  it('sorts by date (newest first, ties by insertion) and by path', () => {
    const order = new Map(model().map((d, i) => [d.id, i]));
    const byDate = all({ sort: 'date' });
    const wantDate = [...model()]
      .sort((a, b) => ((b.date ?? '') < (a.date ?? '') ? -1 : (b.date ?? '') > (a.date ?? '') ? 1 : order.get(b.id)! - order.get(a.id)!))
      .map((d) => d.id);
    expect(byDate).toEqual(wantDate);
    const byPath = searchDocuments(r, { sort: 'path', limit: 500, offset: 1234 }).rows.map((x) => x.path);
    expect(byPath).toEqual(
      [...model()]
        .map((d) => d.path)
        .sort()
        .slice(1234, 1734),
    );
  });

  it('finds a rare word in exactly the documents that hold it, with marked snippets', () => {
    const [word, ids] = [...synth.rareWords.entries()][0];
    const page = searchDocuments(r, { text: word, limit: 1000 });
    expect(page.total).toBe(ids.length);
    expect(page.rows.map((x) => x.id).sort()).toEqual([...ids].sort());
    for (const row of page.rows) expect(row.snippet).toContain(`\u0002${word}\u0003`);
    // Relevance, score and date orders return the same set.
    expect(all({ text: word, sort: 'date' }).sort()).toEqual([...ids].sort());
  });

  it('matches a common word in every document whose text holds it, combined with a filter', () => {
    const word = [...model()[0].words][0];
    // Title and body are both indexed.
    const want = model()
      .filter((d) => (d.words.has(word) || d.title.split(' ').includes(word)) && d.kind === 'email')
      .map((d) => d.id)
      .sort();
    expect(all({ text: word, kinds: ['email'] }).sort()).toEqual(want);
  });

  it('survives text that is not valid FTS5 syntax', () => {
    const page = searchDocuments(r, { text: 'o\'brien "unterminated AND (' });
    expect(page.total).toBe(0);
    const word = [...model()[5].words][0];
    expect(searchDocuments(r, { text: `${word}-` }).total).toBeGreaterThan(0);
  });

  it('restricts to given ids, and an empty id list matches nothing', () => {
    const ids = model()
      .slice(100, 110)
      .map((d) => d.id);
    expect(all({ ids }).sort()).toEqual([...ids].sort());
    expect(searchDocuments(r, { ids: [] }).total).toBe(0);
  });
});

describe('facets', () => {
  it('counts kinds, checks and severities by document, each facet ignoring its own filter', () => {
    const f = facetCounts(r, { kinds: ['pdf'] });
    const kinds = new Map(f.kinds.map((b) => [b.value, b.count]));
    for (const k of ['email', 'pdf', 'image']) expect(kinds.get(k)).toBe(model().filter((d) => d.kind === k).length);
    const pdfs = model().filter((d) => d.kind === 'pdf');
    const checks = new Map(f.checks.map((b) => [b.value, b.count]));
    expect(checks.get('pdf.info-xmp-mismatch')).toBe(
      pdfs.filter((d) => d.findings.some((x) => x.check === 'pdf.info-xmp-mismatch')).length,
    );
    expect(checks.has('email.dkim')).toBe(false);
    const sev = new Map(f.severities.map((b) => [b.value, b.count]));
    expect(sev.get('medium')).toBe(pdfs.filter((d) => d.findings.some((x) => x.severity === 'medium')).length);
    const people = f.people;
    expect(people[0].count).toBeGreaterThanOrEqual(people[people.length - 1].count);
    const top = people[0];
    expect(top.count).toBe(pdfs.filter((d) => d.person === top.value).length);
    const verdicts = new Map(f.verdicts.map((b) => [b.value, b.count]));
    expect(verdicts.get('unresolved')).toBe(pdfs.length);
  });

  it('agrees with the case summary when nothing is filtered', () => {
    const f = facetCounts(r, {});
    const s = caseSummary(r, file, null);
    expect(s.documents).toBe(model().length);
    for (const b of f.kinds) expect(s.byKind[b.value]).toBe(b.count);
    for (const b of f.severities) expect(s.bySeverity[b.value as 'high']).toBe(b.count);
    expect(s.byCheck.find((c) => c.check === 'email.dkim')?.count).toBe(
      model().filter((d) => d.findings.some((x) => x.check === 'email.dkim')).length,
    );
  });
});

describe('document views', () => {
  it('returns a document with its parent, children, occurrences, metadata and findings split from errors', () => {
    const child = model().find((d) => d.parentId !== null)!;
    const parent = documentDetail(r, child.parentId!, checkById)!;
    expect(parent.children.map((c) => c.id)).toContain(child.id);
    const detail = documentDetail(r, child.id, checkById)!;
    expect(detail.parentId).toBe(child.parentId);
    expect(detail.locator.at(-1)?.type).toBe('attachment');
    expect(detail.textPreview.split(' ').length).toBeGreaterThan(10);
    const dup = model().find((d, i) => model().findIndex((x) => x.sha256 === d.sha256) !== i)!;
    const dupDetail = documentDetail(r, dup.id, checkById)!;
    expect(dupDetail.occurrences.length).toBeGreaterThan(0);
    for (const o of dupDetail.occurrences) expect(model().find((d) => d.id === o.id)?.sha256).toBe(dup.sha256);
    const broken = model().find((d) => d.findings.some((f) => f.check === 'extract.corrupt'))!;
    const b = documentDetail(r, broken.id, checkById)!;
    expect(b.errors).toContainEqual({ code: 'corrupt', message: 'The file is damaged.' });
    expect(b.findings.map((f) => f.check)).not.toContain('extract.corrupt');
    expect(b.findings.length).toBe(broken.findings.filter((f) => !f.check.startsWith('extract.')).length);
    expect(documentDetail(r, 'no-such-id', checkById)).toBeUndefined();
  });

  it('rebuilds a thread from In-Reply-To', () => {
    const reply = model().find((d) => d.email?.inReplyTo && model().some((p) => p.email?.messageId === d.email!.inReplyTo))!;
    const t = threadOf(r, reply.id)!;
    const mids = t.messages.map((m) => m.messageId);
    expect(mids).toContain(reply.email!.messageId);
    expect(mids).toContain(reply.email!.inReplyTo);
    // Every direct reply to a message in the thread is in the thread too (closure).
    const inThread = new Set(mids);
    for (const d of model()) if (d.email?.inReplyTo && inThread.has(d.email.inReplyTo)) expect(inThread.has(d.email.messageId)).toBe(true);
    const root = t.messages[0];
    expect(root.depth).toBe(0);
    expect(t.messages.filter((m) => m.depth === 0).length).toBe(1);
  });

  it('lists near-duplicates in both directions from the check findings', () => {
    const d = model().find((x) => x.findings.some((f) => f.check === 'text.near-duplicate'))!;
    const ev = d.findings.find((f) => f.check === 'text.near-duplicate')!.evidence as {
      otherDocument: string;
      estimatedShingleSimilarity: number;
    };
    expect(nearDuplicatesOf(r, d.id)).toContainEqual({
      id: ev.otherDocument,
      path: model().find((x) => x.id === ev.otherDocument)!.path,
      similarity: ev.estimatedShingleSimilarity,
    });
    expect(nearDuplicatesOf(r, ev.otherDocument)!.map((x) => x.id)).toContain(d.id);
  });
});

describe('overview and people', () => {
  it('counts documents and flagged documents per ISO week', () => {
    const t = timeline(r);
    const dated = model().filter((d) => d.date);
    expect(t.reduce((a, w) => a + w.documents, 0)).toBe(dated.length);
    expect(t.reduce((a, w) => a + w.flagged, 0)).toBe(dated.filter((d) => score(d) > 0).length);
    const week = isoWeek(dated[0].date!.slice(0, 10))!;
    expect(t.find((w) => w.week === week)?.documents).toBe(dated.filter((d) => isoWeek(d.date!.slice(0, 10)) === week).length);
    expect(isoWeek('2021-01-03')).toBe('2020-W53');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
  });

  it('profiles the busiest sender from distinct messages', () => {
    const [p] = senderProfiles(r, 3);
    const msgs = new Map<string, SyntheticDoc>();
    for (const d of model()) if (d.email?.from === p.sender) msgs.set(d.sha256, d);
    const list = [...msgs.values()];
    expect(p.messages).toBe(list.length);
    expect(p.dkimSigned).toBe(list.filter((d) => d.email!.dkim).length);
    expect(p.hours.reduce((a, b) => a + b, 0)).toBe(list.filter((d) => d.date).length);
    expect(p.clients.reduce((a, c) => a + c.count, 0)).toBe(list.length);
    const mailers = new Map<string, number>();
    for (const d of list) mailers.set(d.email!.mailer, (mailers.get(d.email!.mailer) ?? 0) + 1);
    expect(new Map(p.clients.map((c) => [c.value, c.count]))).toEqual(mailers);
    const zones = new Map<number, number>();
    for (const d of list) if (d.date) zones.set(d.email!.offset, (zones.get(d.email!.offset) ?? 0) + 1);
    expect(p.timezones.reduce((a, z) => a + z.count, 0)).toBe(list.filter((d) => d.date).length);
    expect(p.timezones.find((z) => z.value === '+0100')?.count ?? 0).toBe(zones.get(60) ?? 0);
    expect(p.timezones.find((z) => z.value === '-0500')?.count ?? 0).toBe(zones.get(-300) ?? 0);
    // Local hours: the UTC hour shifted by the sender's own offset.
    const hours = new Array<number>(24).fill(0);
    for (const d of list) if (d.date) hours[new Date(Date.parse(d.date) + d.email!.offset * 60_000).getUTCHours()]++;
    expect(p.hours).toEqual(hours);
    const outlierDocs = model().filter((d) => d.email?.from === p.sender && d.findings.some((f) => f.check === 'email.sender-habits'));
    expect(outlierDocs.length).toBeGreaterThan(0);
    expect(p.outliers.map((o) => o.id).sort()).toEqual(outlierDocs.map((d) => d.id).sort());
  });
});

describe("the analyst's work", () => {
  it('tags, verdicts and notes filter the table and survive a re-scan of the same dump', async () => {
    const small = join(dir, 'small.verity');
    const s = await buildSyntheticCase(small, { documents: 300, seed: 3, keepModel: true });
    const w = openCase(small);
    const rr = new CaseReader(openCase(small, { readonly: true }));
    const ids = s.model.slice(0, 5).map((d) => d.id);
    expect(tagDocuments(w, [...ids, 'missing-id'], ['hot', 'check-later'], [])).toBe(5);
    expect(tagDocuments(w, ids.slice(0, 2), [], ['check-later'])).toBe(2);
    expect(setVerdict(w, ids.slice(0, 3), 'fake')).toBe(3);
    expect(setNote(w, ids[0], 'Producer string does not exist before 2021.')).toBe(1);
    expect(setNote(w, 'missing-id', 'x')).toBe(0);
    w.close();
    // The same dump scanned again: every document rewritten, ids derived from the same locators.
    await buildSyntheticCase(small, { documents: 300, seed: 3 });
    expect(tagCounts(rr)).toEqual([
      { tag: 'hot', count: 5 },
      { tag: 'check-later', count: 3 },
    ]);
    expect(searchDocuments(rr, { tags: ['hot'], verdicts: ['fake'] }).total).toBe(3);
    expect(searchDocuments(rr, { verdicts: ['unresolved'] }).total).toBe(s.model.length - 3);
    expect(searchDocuments(rr, { verdicts: ['unresolved', 'fake'] }).total).toBe(s.model.length);
    expect(documentDetail(rr, ids[0], checkById)!.note).toBe('Producer string does not exist before 2021.');
    expect(documentDetail(rr, ids[0], checkById)!.row.tags).toEqual(['hot']);
    expect(documentDetail(rr, ids[4], checkById)!.row.tags).toEqual(['check-later', 'hot']);
    const f = facetCounts(rr, {});
    expect(f.verdicts).toEqual([
      { value: 'fake', count: 3 },
      { value: 'unresolved', count: s.model.length - 3 },
    ]);
    rr.db.close();
  });
});
