// Source protection: what a report would disclose, and --redact replacing it with stable tokens in
// every format, paths included, without touching ids and hashes.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../../src/store/db.js';
import { buildRedactor, countByCategory, redactionCandidates, redactionWarning } from '../../../src/report/redact.js';
import { buildReport } from '../../../src/report/index.js';
import type { JsonReport } from '../../../src/model/report.js';
import type { ReportFormat } from '../../../src/model/api.js';
import { DOCS, writeReportCase } from './report-case.js';

let dir: string;
let db: Db;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'verity-redact-'));
  db = writeReportCase(join(dir, 'case.verity'));
});

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const SECRETS = [
  'Claire Dumont',
  'claire.dumont@example.org',
  'claire.dumont',
  'Karim Benali',
  'karim.benali@example.org',
  'Jean Dupont',
  'Julien Marchand',
  '0123456789',
  '48.856613',
  '2.352222',
  'Canon iR-ADV C5535',
  '/home/reporter',
];

describe('redaction candidates', () => {
  it('lists names, addresses, serials, positions and scanners by category', () => {
    const c = redactionCandidates(db, {});
    const has = (category: string, value: string) => c.some((x) => x.category === category && x.value === value);
    expect(has('person', 'Claire Dumont')).toBe(true);
    expect(has('person', 'Karim Benali')).toBe(true);
    expect(has('person', 'Jean Dupont')).toBe(true);
    expect(has('person', 'Julien Marchand')).toBe(true);
    expect(has('email', 'claire.dumont@example.org')).toBe(true);
    expect(has('email', 'karim.benali@example.org')).toBe(true);
    expect(has('device', '0123456789')).toBe(true);
    expect(has('gps', '48.856613')).toBe(true);
    expect(has('gps', '2.352222')).toBe(true);
    expect(has('printer', 'Canon iR-ADV C5535 PDF')).toBe(true);
    // A default account name names nobody, a camera model is not a device, a Message-ID is no address.
    expect(c.some((x) => x.value === 'Utilisateur')).toBe(false);
    expect(c.some((x) => x.value === 'Canon EOS 80D')).toBe(false);
    expect(c.some((x) => x.value.includes('CAF00d1e'))).toBe(false);
    // Jean Dupont is the PDF's Author and dc:creator and the photo's Artist, and the PDF's title,
    // tag, note and a finding's evidence mention him: one candidate per place.
    const jean = c.filter((x) => x.value === 'Jean Dupont');
    expect(jean.map((x) => `${x.source}:${x.field}`).sort()).toEqual([
      'analyst:note',
      'analyst:tag',
      'document:title',
      'exif:Artist',
      'pdf.info:Author',
      'pdf.xmp:dc:creator',
      'software.anachronism:finding evidence',
    ]);
    expect(jean.every((x) => x.documents === 1)).toBe(true);
  });

  it('covers only the selected documents', () => {
    const c = redactionCandidates(db, { documents: [DOCS[2].id] });
    expect(new Set(c.map((x) => x.category))).toEqual(new Set(['person', 'device', 'gps']));
    expect(c.some((x) => x.value === 'Claire Dumont')).toBe(false);
  });

  it('warns with counts per category, and stays quiet when nothing is exposed', () => {
    const c = redactionCandidates(db, {});
    const counts = countByCategory(c);
    // Claire Dumont, Karim Benali, Jean Dupont, Julien Marchand, and "julien" in a folder name.
    expect(counts.person).toBe(5);
    expect(counts.gps).toBeGreaterThanOrEqual(2);
    const w = redactionWarning(c)!;
    expect(w).toContain('5 author, editor or correspondent names');
    expect(w).toContain('--redact');
    expect(redactionWarning(redactionCandidates(db, { tag: 'no such tag' }))).toBeNull();
  });
});

describe('people the case names elsewhere', () => {
  it('finds a login in a path from an address another document carries, and gives both one token', () => {
    const only = redactionCandidates(db, { documents: [DOCS[3].id] });
    expect(only).toEqual([{ field: 'path', source: 'document', value: 'karim.benali', documents: 1, category: 'email' }]);
    const json = JSON.parse(buildReport(db, {}, 'json', { redact: true }).content) as JsonReport;
    const note = json.documents.find((d) => d.id === DOCS[3].id)!;
    const email = JSON.parse(buildReport(db, {}, 'json', { redact: true, metadata: true }).content).documents.find(
      (d: { id: string }) => d.id === DOCS[0].id,
    );
    const to = email.metadata.find((m: { key: string }) => m.key === 'To').value as string;
    const token = /<(\[redacted address \d+\])>/.exec(to)![1];
    expect(note.path).toBe(`notes/${token}/readme.txt`);
    // Alone, the note's report still hides the login.
    expect(JSON.parse(buildReport(db, { documents: [DOCS[3].id] }, 'json', { redact: true }).content).documents[0].path).toMatch(
      /^notes\/\[redacted address 1\]\/readme\.txt$/,
    );
  });
});

describe('names in paths', () => {
  it("replaces a first name in a folder name with its person's token, or a plain one when shared", () => {
    const json = JSON.parse(buildReport(db, {}, 'json', { redact: true, metadata: true }).content) as JsonReport;
    const sheet = json.documents.find((d) => d.id === DOCS[4].id)!;
    const token = sheet.metadata!.find((m) => m.key === 'dc:creator')!.value;
    expect(token).toMatch(/^\[redacted person \d+\]$/);
    expect(sheet.path).toBe(`budget/xls_${token}/tableau.xlsx`);
    const r = buildRedactor([
      { field: 'Author', source: 'pdf.info', value: 'Julien Marchand', documents: 1, category: 'person' },
      { field: 'Author', source: 'pdf.info', value: 'Julien Petit', documents: 1, category: 'person' },
    ]);
    expect(r.path('mail/julien/petit_notes.txt')).toBe(`mail/[redacted name]/${r.text('Julien Petit').replace(/\]$/, '')}]_notes.txt`);
    // In free text a lone name part is replaced only when capitalised ("claire" is also a word), and
    // a first name two people share gets a token that links neither.
    expect(r.text('Julien a écrit à Petit, julien.')).toBe(`[redacted name] a écrit à ${r.text('Julien Petit')}, julien.`);
    expect(r.path('julien_marchand/x')).toBe(`${r.text('Julien Marchand')}/x`);
  });
});

describe('the redactor', () => {
  it('gives stable tokens, replaces whole words only, and longer values first', () => {
    const c = redactionCandidates(db, {});
    const a = buildRedactor(c);
    const b = buildRedactor([...c].reverse());
    expect(a.tokens).toEqual(b.tokens);
    const t = a.text(
      'Mail from Claire Dumont <claire.dumont@example.org> in mail/eml/claire.dumont/ about Jean Duponte and CLAIRE DUMONT; eau claire',
    );
    expect(t).toBe(
      `Mail from ${a.text('Claire Dumont')} <${a.text('claire.dumont@example.org')}> in mail/eml/${a.text('claire.dumont@example.org')}/ about ${a.text('Jean Dupont')} Duponte and ${a.text('Claire Dumont')}; eau claire`,
    );
    expect(a.text('Claire Dumont')).toMatch(/^\[redacted person \d+\]$/);
    expect(a.text('claire.dumont@example.org')).toMatch(/^\[redacted address \d+\]$/);
    // A GPS field is replaced whole, even a value too short to replace in free text.
    expect(a.field('gps', 'GPSAltitudeRef', '0')).toMatch(/^\[redacted location/);
    expect(a.text('version 0 of 10')).toBe('version 0 of 10');
    expect(a.field('exif', 'Make', 'Canon')).toBeNull();
  });
});

describe('redacted reports', () => {
  const formats: ReportFormat[] = ['json', 'csv', 'html'];
  it.each(formats)('%s: no candidate value survives, ids and hashes do', (format) => {
    const plain = buildReport(db, {}, format, { metadata: true, generatedAt: '2026-01-01T00:00:00.000Z' }).content;
    const red = buildReport(db, {}, format, { metadata: true, redact: true, generatedAt: '2026-01-01T00:00:00.000Z' }).content;
    const html = (s: string) =>
      format === 'html' ? s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;') : s;
    const present = SECRETS.filter((s) => plain.toLowerCase().includes(html(s).toLowerCase()));
    // The CSV has no metadata columns, so fewer of the values appear in it to begin with.
    expect(present.length).toBeGreaterThanOrEqual(format === 'csv' ? 6 : SECRETS.length);
    for (const s of present) expect(red.toLowerCase()).not.toContain(html(s).toLowerCase());
    expect(red).toContain('[redacted person');
    for (const d of DOCS) expect(red).toContain(d.id);
    // The generic account and the camera model stay: they name nobody.
    if (format !== 'csv') {
      expect(red).toContain('Utilisateur');
      expect(red).toContain('Canon EOS 80D');
    }
  });

  it('replaces the same value with the same token in every format', () => {
    const json = JSON.parse(buildReport(db, {}, 'json', { metadata: true, redact: true }).content) as JsonReport;
    const email = json.documents.find((d) => d.id === DOCS[0].id)!;
    const from = email.metadata!.find((m) => m.key === 'From')!.value;
    const token = /\[redacted person \d+\]/.exec(from)![0];
    expect(email.path).toMatch(/^mail\/eml\/\[redacted address \d+\]\/Inbox\/0001\.eml$/);
    const html = buildReport(db, {}, 'html', { redact: true }).content;
    expect(html).toContain(token);
    const gps = json.documents.find((d) => d.id === DOCS[2].id)!.metadata!.filter((m) => m.source === 'gps');
    for (const m of gps) expect(m.value).toMatch(/^\[redacted location \d+\]$/);
    expect(json.dump.root).toBe('campagne');
    // The JSON contract's structure is untouched.
    expect(json.documents.map((d) => d.sha256)).toEqual(
      JSON.parse(buildReport(db, {}, 'json').content).documents.map((d: { sha256: string }) => d.sha256),
    );
  });
});

describe('what counts as a person name', () => {
  it("takes names written like a person's, not services", async () => {
    const { looksLikePersonName, nameParts } = await import('../../../src/report/redact.js');
    expect(looksLikePersonName('Claire Dumont')).toBe(true);
    expect(looksLikePersonName('Jean-Luc de La Tour')).toBe(true);
    expect(looksLikePersonName('Георгий Петровский')).toBe(true);
    expect(looksLikePersonName('Service des salles')).toBe(false);
    expect(looksLikePersonName('Mairie De Lyon')).toBe(false);
    expect(looksLikePersonName('Claire')).toBe(false);
    expect(nameParts('Service des salles')).toEqual([]);
    expect(nameParts('Jean-Luc de La Tour')).toEqual(['jean', 'tour']);
  });
});
