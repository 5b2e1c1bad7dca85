// The HTML report on a small hand-made case: hostile values appear as text, nothing external is
// referenced, no script; the summary, the method section and each document's parts are there; the
// same case gives the same bytes.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../../src/store/db.js';
import { buildReport } from '../../../src/report/index.js';
import { esc } from '../../../src/report/html-escape.js';
import { evidenceHtml, humanKey } from '../../../src/report/html-evidence.js';
import { checkById } from '../../../src/checks/registry.js';
import { DOCS, HOSTILE_MARKUP, HOSTILE_SUBJECT, writeReportCase } from './report-case.js';
import { externalReferences } from './html-refs.js';

let dir: string;
let db: Db;
let html: string;
const AT = '2026-01-01T00:00:00.000Z';

/** The document's section of the page. */
function section(id: string): string {
  const start = html.indexOf(`<section class="document" id="doc-${id}">`);
  expect(start).toBeGreaterThan(0);
  return html.slice(start, html.indexOf('</section>', start));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'verity-html-'));
  db = writeReportCase(join(dir, 'case.verity'));
  html = buildReport(db, {}, 'html', { generatedAt: AT }).content;
});

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('safety of the page', () => {
  it('shows hostile markup as text', () => {
    expect(html).not.toContain('<img');
    expect(html.toLowerCase()).not.toContain('<script');
    expect(html).toContain(esc(HOSTILE_MARKUP));
    expect(html).toContain(esc(HOSTILE_SUBJECT));
  });

  it('references nothing outside itself and forbids loading anything', () => {
    expect(externalReferences(html)).toEqual([]);
    // The dump's URLs are there, as escaped text only.
    expect(html).toContain('https://tracker.invalid/report');
    expect(html).toContain('http://tracker.invalid/p.png');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'/);
    expect(html).not.toMatch(/<(link|iframe|object|embed|base|form)\b/i);
  });

  it('the reference finder itself catches what it must', () => {
    expect(
      externalReferences(
        '<img src="http://x/y.png"><a href=https://z>z</a><a href="#doc-1">in</a><style>b{background:url(http://q)}</style><p>&lt;img src=http://text&gt;</p>',
      ),
    ).toEqual(['http://x/y.png', 'https://z', 'http://q']);
  });

  it('escapes every character that could open markup or an attribute', () => {
    expect(esc(`<a href="x" onclick='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    expect(esc('bell\u0007')).toBe('bell\uFFFD');
  });
});

describe('content', () => {
  it('has a summary with the dump, the date, the counts and the checks that ran', () => {
    const summary = html.slice(html.indexOf('<section id="summary">'), html.indexOf('<section class="method"'));
    expect(summary).toContain('/home/reporter/leaks/campagne');
    expect(summary).toContain('2026-01-01 00:00 UTC');
    expect(summary).toMatch(/Documents in the case<\/th><td>5</);
    expect(summary).toMatch(/Documents in this report<\/th><td>5</);
    // Verdict counts: fake 1, suspect 1, authentic 1, unresolved 2.
    expect(summary).toMatch(/verdict-fake">fake<\/span><\/td><td class="n">1</);
    expect(summary).toMatch(/verdict-unresolved">unresolved<\/span><\/td><td class="n">2</);
    for (const id of ['email.dkim', 'software.anachronism', 'image.editor']) {
      const c = checkById(id)!;
      expect(summary).toContain(`<code>${id}</code>`);
      expect(summary).toContain(esc(c.detects));
    }
    expect(summary).toContain('not redacted');
  });

  it('states method and limits in plain words', () => {
    const method = html.slice(html.indexOf('<section class="method"'), html.indexOf('</section>', html.indexOf('<section class="method"')));
    for (const phrase of [
      'Method and limits',
      'not proof that a document',
      'No single signal makes a verdict',
      'innocent explanations',
      'Metadata can be forged both ways',
      'does not prove that a document is authentic',
    ]) {
      expect(method).toContain(phrase);
    }
  });

  it('shows each document with verdict, tags, note, score, findings, locator, hash and key metadata', () => {
    const pdf = section(DOCS[1].id);
    expect(pdf).toContain('verdict-fake');
    expect(pdf).toContain('<span class="tag">Jean Dupont dossier</span>');
    expect(pdf).toContain(esc('Called him on 3 April, "never saw it", he said.'));
    expect(pdf).toMatch(/Score: <span class="score">80<\/span>\/100/);
    expect(pdf).toContain('0000000000000000000000000000000000000000000000000000000000000002');
    expect(pdf).toContain('Attachment 1: <span class="mono">budget.pdf</span>');
    expect(pdf).toContain(`href="#doc-${DOCS[0].id}"`);
    const anach = checkById('software.anachronism')!;
    expect(pdf).toContain(esc(anach.title));
    for (const cause of anach.innocentCauses) expect(pdf).toContain(esc(cause));
    // Evidence as a key/value table, not JSON.
    expect(pdf).toMatch(/<tr><th>Earliest release<\/th><td>2018-09-24<\/td><\/tr>/);
    expect(pdf).not.toContain('{"software"');
    // Key metadata: producer, author, dates.
    expect(pdf).toContain('<code>Producer</code></td><td>Canon iR-ADV C5535  PDF');
    expect(pdf).toContain(esc("D:20120514100400+02'00'"));
  });

  it('shows the email headers that matter and the DKIM result', () => {
    const email = section(DOCS[0].id);
    for (const h of ['From', 'To', 'Cc', 'Date', 'Subject', 'Message-ID', 'DKIM']) expect(email).toContain(`<tr><th>${h}</th>`);
    expect(email).toContain(esc('Claire Dumont <claire.dumont@example.org>'));
    expect(email).toContain(
      esc(
        'example.org (selector sel): body-hash-mismatch (body hash mismatch: the body was changed after signing (found without the key: no key for it was imported))',
      ),
    );
    expect(email).toContain('Delivery path');
    // The Signing domain row: DKIM tags get their names.
    expect(email).toContain('<th>Signing domain (d=)</th><td>example.org</td>');
  });

  it('says so when a document has no finding', () => {
    expect(section(DOCS[3].id)).toContain('No check raised a finding on this document.');
  });

  it('links evidence that names another document of the report', () => {
    expect(section(DOCS[4].id)).toContain(`<a href="#doc-${DOCS[3].id}" class="ref">${DOCS[3].id}</a>`);
  });

  it('names the file behind an id the evidence mentions, even outside the report', () => {
    const alone = buildReport(db, { documents: [DOCS[4].id] }, 'html', { generatedAt: AT }).content;
    expect(alone).toContain(`${DOCS[3].id} <span class="refpath">${DOCS[3].path}</span>`);
    expect(alone).not.toContain(`href="#doc-${DOCS[3].id}"`);
    const red = buildReport(db, { documents: [DOCS[4].id] }, 'html', { generatedAt: AT, redact: true }).content;
    expect(red).toMatch(new RegExp(`${DOCS[3].id} <span class="refpath">notes/\\[redacted address \\d+\\]/readme.txt</span>`));
  });

  it('adds every field with --metadata', () => {
    const full = buildReport(db, {}, 'html', { generatedAt: AT, metadata: true }).content;
    expect(full).toContain('All metadata (8 fields)');
    expect(html).not.toContain('All metadata');
  });
});

describe('evidence tables', () => {
  it('turns nested records into tables and cuts very long values', () => {
    const ctx = { inReport: new Set<string>() };
    const out = evidenceHtml(
      {
        rows: [
          { a: 1, b: 'x' },
          { a: 2, b: 'y' },
        ],
        long: 'z'.repeat(700),
        none: null,
        flag: true,
      },
      ctx,
    );
    expect(out).toContain('<thead><tr><th>A</th><th>B</th></tr></thead>');
    expect(out).toContain('100 more characters in the JSON report');
    expect(out).toContain('<span class="none">none</span>');
    expect(out).toContain('<td>yes</td>');
    expect(humanKey('bhExpected')).toBe('Bh expected');
    expect(humanKey('emailUtc')).toBe('Email UTC');
  });

  it('draws a distribution (records with a count) as bars scaled to the largest count', () => {
    // The shape of email.sender-habits evidence: the sender's own offsets by season.
    const out = evidenceHtml(
      {
        thisSender: [
          { season: 'standard time', offset: '+0100', count: 143 },
          { season: 'daylight time', offset: '+0200', count: 201 },
        ],
        mixed: [{ count: 'many' }, { count: 2 }],
      },
      { inReport: new Set<string>() },
    );
    expect(out).toContain('<span class="bar" style="width:71%"></span></span> 143');
    expect(out).toContain('<span class="bar" style="width:100%"></span></span> 201');
    // A count column that is not all numbers stays plain text.
    expect(out.match(/class="bar"/g)).toHaveLength(2);
  });
});

describe('reproducibility', () => {
  it('gives the same bytes for the same case and selection, apart from the generation time', () => {
    for (const format of ['html', 'csv', 'json'] as const) {
      const a = buildReport(db, { tag: 'publish' }, format, { generatedAt: AT, metadata: true }).content;
      const b = buildReport(db, { tag: 'publish' }, format, { generatedAt: AT, metadata: true }).content;
      expect(b).toBe(a);
      const later = buildReport(db, { tag: 'publish' }, format, { generatedAt: '2027-06-30T12:34:56.000Z', metadata: true }).content;
      expect(later.replaceAll('2027-06-30T12:34:56.000Z', AT).replaceAll('2027-06-30 12:34 UTC', '2026-01-01 00:00 UTC')).toBe(a);
    }
  });
});
