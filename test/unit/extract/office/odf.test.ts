import { describe, expect, it } from 'vitest';
import { durationMinutes, odfExtractor } from '../../../../src/extract/office/odf.js';
import { MIME } from '../../../../src/extract/mime.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { metaValue, run, runFile } from '../../../support/extract-harness.js';
import { buildZip, member } from '../../../support/zip-builder.js';

const odf = (name: string) => runFile(odfExtractor, corpusPath(`office/odf/${name}`));

describe('ODF editing duration', () => {
  it('turns ISO 8601 durations into minutes, and refuses what is not one', () => {
    expect(durationMinutes('PT00H03M13S')).toBe(3);
    expect(durationMinutes('PT02H03M24S')).toBe(123);
    expect(durationMinutes('P1DT1H')).toBe(1500);
    expect(durationMinutes('PT11M3.5S')).toBe(11);
    expect(durationMinutes('PT')).toBeUndefined();
    expect(durationMinutes('3 minutes')).toBeUndefined();
  });
});

describe.skipIf(corpusMissing())('ODF extractor on corpus documents', () => {
  it('reads meta.xml as written: creators, dates, generator, editing counters', async () => {
    const r = await odf('format-corpus-lo35-simple.odt');
    const out = r.output!;
    expect(r.error).toBeUndefined();
    expect(metaValue(out, 'odf.meta', 'meta:initial-creator')).toBe('Andrew Jackson');
    expect(metaValue(out, 'odf.meta', 'meta:creation-date')).toBe('2010-03-10T15:04:24.08');
    expect(metaValue(out, 'odf.meta', 'meta:page-count')).toBe('1');
    const f = out.facts!;
    expect(f.office).toMatchObject({
      format: 'odf',
      subtype: 'odt',
      editingCycles: 1,
      editingDuration: 'PT00H03M13S',
      totalEditMinutes: 3,
      encrypted: false,
      macros: false,
    });
    // ODF dates carry no zone: the UTC value assumes UTC and says so with offsetMinutes null.
    expect(f.dates![0]).toEqual({
      role: 'created',
      source: 'odf.meta:meta:creation-date',
      raw: '2010-03-10T15:04:24.08',
      utc: '2010-03-10T15:04:24.000Z',
      offsetMinutes: null,
    });
    expect(f.people).toEqual([
      { role: 'author', name: 'Andrew Jackson', source: 'odf.meta:meta:initial-creator' },
      { role: 'last-modified-by', name: 'Andrew Jackson', source: 'odf.meta:dc:creator' },
    ]);
    expect(f.software).toEqual([
      {
        role: 'application',
        value: 'LibreOffice/3.5$MacOSX_x86 LibreOffice_project/7e68ba2-a744ebf-1f241b7-c506db1-7d53735',
        source: 'odf.meta:meta:generator',
      },
    ]);
    expect(f.office!.fonts).toEqual(['Tahoma', 'Times New Roman', 'Arial', 'SimSun']);
    expect(out.text).toBe('This is simple document, created in Open Office.');
  });

  it('names annotation and tracked-change authors, keeps repeated keywords and user-defined fields', async () => {
    const out = (await odf('tika-testODFwithOOo3.odt')).output!;
    const f = out.facts!;
    expect(f.office!.commentAuthors).toEqual(['Bart Hanssens']);
    expect(f.office!.revisionAuthors).toEqual(['Bart Hanssens']);
    expect(f.office!.trackedChanges).toBe(3);
    expect(f.office!.comments).toBe(1);
    expect(f.dates!.map((d) => d.role)).toEqual([
      'created',
      'modified',
      'revised-first',
      'revised-last',
      'commented-first',
      'commented-last',
    ]);
    expect(out.metadata.filter((m) => m.key === 'meta:keyword').map((m) => m.value)).toEqual(['Apache', 'Lucene', 'Tika']);
    expect(f.office!.core['meta:keyword']).toBe('Apache; Lucene; Tika');
    expect(f.office!.custom.Editor).toBe('Bart Hanssens');
    expect(out.title).toBe('Apache Tika');
    expect(out.text).toContain('Tika is part of the Lucene project.');
    expect(new Set(Array.from(out.text!.matchAll(/First item|Second item|Third item/g), (m) => m[0])).size).toBe(3);
  });

  it('detects StarBasic macros and gives pictures as children', async () => {
    const r = await odf('tika-testODTMacro.odt');
    expect(r.output!.facts!.office!.macros).toBe(true);
    expect(r.children.map((c) => c.name).sort()).toEqual([
      'Pictures/100002010000017600000144F18F077F0CD46E45.png',
      'Thumbnails/thumbnail.png',
    ]);
    expect(r.output!.text).toContain('Click the smiley');
  });

  it('still extracts the text of a package without meta.xml', async () => {
    const r = await odf('tika-testODTNoMeta.odt');
    expect(r.error).toBeUndefined();
    expect(r.output!.text).toBe('Test text');
    expect(r.output!.facts!.dates).toEqual([]);
  });

  it('reports an encrypted package as encrypted, with what is not encrypted', async () => {
    const r = await odf('tika-testODTEncrypted.odt');
    expect(r.error?.code).toBe('encrypted');
    expect(r.output!.facts!.office!.encrypted).toBe(true);
    expect(r.output!.facts!.office!.subtype).toBe('odt');
    expect(r.output!.facts!.office!.zipEntryTimes).toEqual({ min: '2021-03-18 18:14:30', max: '2021-03-18 18:14:32' });
  });

  it('reads spreadsheets and presentations, and refuses an "ODT" that is not a zip', async () => {
    const ods = (await odf('exiftool-OpenDoc.ods')).output!;
    expect(ods.facts!.office!.subtype).toBe('ods');
    expect(metaValue(ods, 'odf.meta', 'meta:user-defined:License')).toBe('test');
    const odp = (await odf('format-corpus-LibreOfficeImpress_odp_1.3.odp')).output!;
    expect(odp.facts!.office!.subtype).toBe('odp');
    expect(odp.text).toBe('This is\nAn example Impress file');
    const notZip = await odf('tika-testODTnotaZipFile.odt');
    expect(notZip.error?.code).toBe('truncated');
  });
});

describe('ODF extractor on packages built in the test', () => {
  const mimetype = member('mimetype', 'application/vnd.oasis.opendocument.text', 0);
  const content = (body: string) =>
    member(
      'content.xml',
      `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>${body}</office:text></office:body></office:document-content>`,
    );

  it('renders spaces, tabs and line breaks, and leaves deleted passages out', async () => {
    const body =
      '<text:tracked-changes><text:changed-region><text:deletion><office:change-info><dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">Editor</dc:creator></office:change-info><text:p>removed words</text:p></text:deletion></text:changed-region></text:tracked-changes>' +
      '<text:p>a<text:s text:c="3"/>b<text:tab/>c<text:line-break/>d</text:p><text:h>Heading</text:h>';
    const r = await run(odfExtractor, buildZip([mimetype, content(body)]), 't.odt', { mime: MIME.odt });
    expect(r.output!.text).toBe('a   b\tc\nd\nHeading');
    expect(r.output!.facts!.office!.revisionAuthors).toEqual(['Editor']);
  });

  it('warns about a malformed meta.xml and keeps the text', async () => {
    const meta = member(
      'meta.xml',
      '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"><office:meta><dc:creator>x</office:meta>',
    );
    const r = await run(odfExtractor, buildZip([mimetype, meta, content('<text:p>kept</text:p>')]), 'm.odt', { mime: MIME.odt });
    expect(r.output!.text).toBe('kept');
    expect(r.warnings.some((w) => w.code === 'corrupt' && /meta\.xml/.test(w.message))).toBe(true);
  });
});
