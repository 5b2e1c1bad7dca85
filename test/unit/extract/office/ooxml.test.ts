import { describe, expect, it } from 'vitest';
import { ooxmlExtractor } from '../../../../src/extract/office/ooxml.js';
import { MIME } from '../../../../src/extract/mime.js';
import { toBuffer } from '../../../../src/extract/common/byte-source.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { metaValue, run, runFile } from '../../../support/extract-harness.js';
import { buildZip, member } from '../../../support/zip-builder.js';

const office = (p: string) => runFile(ooxmlExtractor, corpusPath(`office/${p}`));

describe.skipIf(corpusMissing())('OOXML extractor on corpus documents', () => {
  it('reads core and app properties as written, with dates, people and software', async () => {
    const r = await office('docx/tika-testWORD_various.docx');
    const out = r.output!;
    expect(r.error).toBeUndefined();
    expect(out.kind).toBe('office');
    expect(metaValue(out, 'ooxml.core', 'dc:creator')).toBe('Michael McCandless');
    expect(metaValue(out, 'ooxml.core', 'dcterms:created')).toBe('2011-09-05T11:00:00Z');
    expect(metaValue(out, 'ooxml.core', 'cp:lastPrinted')).toBe('2011-09-02T09:24:00Z');
    expect(metaValue(out, 'ooxml.app', 'Application')).toBe('LibreOffice/5.3.1.2$Linux_X86_64 LibreOffice_project/30m0$Build-2');
    // LibreOffice wrote AppVersion as a custom property: it stays under ooxml.custom.
    expect(metaValue(out, 'ooxml.custom', 'AppVersion')).toBe('12.0000');
    expect(metaValue(out, 'ooxml.app', 'AppVersion')).toBeUndefined();
    const f = out.facts!;
    expect(f.office!.subtype).toBe('docx');
    expect(f.office!.revision).toBe(6);
    expect(f.office!.totalEditMinutes).toBe(4);
    expect(f.dates).toEqual([
      {
        role: 'created',
        source: 'ooxml.core:dcterms:created',
        raw: '2011-09-05T11:00:00Z',
        utc: '2011-09-05T11:00:00.000Z',
        offsetMinutes: 0,
      },
      {
        role: 'modified',
        source: 'ooxml.core:dcterms:modified',
        raw: '2017-11-24T00:00:52Z',
        utc: '2017-11-24T00:00:52.000Z',
        offsetMinutes: 0,
      },
      {
        role: 'printed',
        source: 'ooxml.core:cp:lastPrinted',
        raw: '2011-09-02T09:24:00Z',
        utc: '2011-09-02T09:24:00.000Z',
        offsetMinutes: 0,
      },
    ]);
    // An empty cp:lastModifiedBy names nobody.
    expect(f.people).toEqual([{ role: 'author', name: 'Michael McCandless', source: 'ooxml.core:dc:creator' }]);
    expect(f.software).toEqual([
      { role: 'application', value: 'LibreOffice/5.3.1.2$Linux_X86_64 LibreOffice_project/30m0$Build-2', source: 'ooxml.app:Application' },
    ]);
    expect(f.office!.fonts).toEqual(expect.arrayContaining(['Liberation Serif', 'Calibri', 'Cambria']));
    expect(f.fonts!.find((x) => x.name === 'Liberation Serif')).toEqual({ name: 'Liberation Serif', source: 'ooxml.fontTable' });
    expect(f.office!.externalTargets).toEqual([{ type: 'hyperlink', target: 'http://tika.apache.org/' }]);
    expect(f.office!.zipEntryTimes).toEqual({ min: '2017-11-24 00:00:52', max: '2017-11-24 00:00:52' });
  });

  it('extracts body, footnote and text-box text once (mc:Fallback copies skipped), without deleted text', async () => {
    const r = await office('docx/tika-testWORD_various.docx');
    const text = r.output!.text!;
    expect(text).toContain('Here is a list:\nBullet 1\nBullet 2\nBullet 3');
    expect(text).toContain('Footnote appears here');
    expect(text.split('Here is a text box').length - 1).toBe(1);
  });

  it('names comment authors and dates the comments', async () => {
    const r = await office('docx/tika-testComment.docx');
    const f = r.output!.facts!;
    expect(f.office!.commentAuthors).toEqual(['Michael McCandless']);
    expect(f.office!.comments).toBe(1);
    expect(f.people).toContainEqual({ role: 'comment-author', name: 'Michael McCandless', source: 'ooxml.comments' });
    expect(f.dates!.filter((d) => d.role.startsWith('commented')).map((d) => d.raw)).toEqual([
      '2011-09-17T08:32:00Z',
      '2011-09-17T08:32:00Z',
    ]);
    expect(r.output!.text).toContain('Here is a comment');
    expect(f.office!.rsidCount).toBe(4);
    expect(f.office!.rsidRoot).toBe('004B0AA8');
  });

  it('names tracked-change authors and counts the changes', async () => {
    const f = (await office('docx/tika-testWORD_missing_ooxml_bean1.docx')).output!.facts!;
    expect(f.office!.revisionAuthors).toEqual(['Author']);
    expect(f.office!.trackedChanges).toBe(3);
    expect(f.people).toContainEqual({ role: 'revision-author', name: 'Author', source: 'ooxml.document' });
  });

  it('splits several authors joined by ";" in dc:creator', async () => {
    const f = (await office('docx/tika-testWORD_multi_authors.docx')).output!.facts!;
    expect(f.people!.filter((p) => p.role === 'author').map((p) => p.name)).toEqual(['Allison, Timothy B.', 'author2', 'author3']);
  });

  it('detects macros, signatures and templates from the package, and the AppVersion as written', async () => {
    const docm = (await office('docx/tika-testWORD_macros.docm')).output!.facts!.office!;
    expect([docm.subtype, docm.macros]).toEqual(['docm', true]);
    const xlsm = (await office('xlsx/tika-testEXCEL_macro.xlsm')).output!.facts!.office!;
    expect([xlsm.subtype, xlsm.macros]).toEqual(['xlsm', true]);
    // xlsb's content type says "macroEnabled" for every binary workbook; this one has no VBA.
    const xlsb = (await office('xlsb/tika-testEXCEL.xlsb')).output!.facts!.office!;
    expect([xlsb.subtype, xlsb.macros]).toEqual(['xlsb', false]);
    for (const p of ['docx/tika-testWORD_signed.docx', 'xlsx/tika-testEXCEL_signed.xlsx', 'pptx/tika-testPPT_signed.pptx']) {
      expect((await office(p)).output!.facts!.office!.signed).toBe(true);
    }
    expect((await office('docx/tika-testWORD.docx')).output!.facts!.office!.signed).toBe(false);
    expect((await office('docx/tika-testWORD_template.dotx')).output!.facts!.office!.subtype).toBe('dotx');
    const sw = (await office('docx/tika-testWORD_totalTimeOutOfRange.docx')).output!.facts!;
    expect(sw.software).toEqual([
      { role: 'application', value: 'Microsoft Office Word', source: 'ooxml.app:Application', version: '16.0000' },
    ]);
    expect(sw.office!.app.TotalTime).toBe('4294967295');
  });

  it('records an external attached template (a fetch Verity never makes)', async () => {
    const out = (await office('docx/tika-testAttachedTemplate.docx')).output!;
    expect(metaValue(out, 'ooxml.rels', 'attachedTemplate')).toBe('http://example.com/templates/malicious.dotx');
  });

  it('reads a Google Docs export: no app.xml, every zip entry dated 1980-01-01', async () => {
    const f = (await office('docx/format-corpus-google-docs-fully-featured.docx')).output!.facts!;
    expect(f.software).toEqual([]);
    expect(f.office!.app).toEqual({});
    expect(f.office!.zipEntryTimes).toEqual({ min: '1980-01-01 00:00:00', max: '1980-01-01 00:00:00' });
    expect(f.people).toEqual([{ role: 'author', name: '@beet_keeper', source: 'ooxml.core:dc:creator' }]);
  });

  it('reads spreadsheets (Transitional and Strict) and presentations', async () => {
    const xlsx = (await office('xlsx/tika-testEXCEL.xlsx')).output!;
    expect(xlsx.text).toContain('Feuil1\nFeuil2\nFeuil3\nSample Excel Worksheet - Numbers and their Squares');
    const strict = (await office('xlsx/tika-testEXCEL.strict.xlsx')).output!;
    expect(strict.facts!.office!.subtype).toBe('xlsx');
    expect(strict.text).toContain("I'm in bold blue, on a yellow background");
    expect(metaValue(strict, 'ooxml.core', 'dc:creator')).toBe('Nick Burch');
    const comments = (await office('xlsx/tika-testComment.xlsx')).output!.facts!.office!;
    expect(comments.commentAuthors).toEqual(['Author']);
    const pptx = (await office('pptx/tika-testPPT_comment.pptx')).output!;
    expect(pptx.facts!.office!.commentAuthors).toEqual(['Allison, Timothy B.']);
    expect(pptx.text).toBe("title\nsubtitle\nI'm afraid I'm going to have to ask you to add some content to this tps deck");
    const order = (await office('pptx/tika-testPPT.pptx')).output!.text!;
    expect(order.indexOf('Sample Powerpoint')).toBeLessThan(order.length);
  });

  it('gives embedded files and the thumbnail as children', async () => {
    const r = await office('docx/tika-testWORD_embedded_pdf.docx');
    expect(r.children.map((c) => c.name).sort()).toEqual([
      'word/embeddings/oleObject1.bin',
      'word/embeddings/oleObject2.bin',
      'word/media/image1.emf',
    ]);
    const ole = await toBuffer(r.children.find((c) => c.name === 'word/embeddings/oleObject1.bin')!.source);
    expect(ole.subarray(0, 4).toString('hex')).toBe('d0cf11e0');
    expect(r.children[0].segment.type).toBe('member');
    const thumb = await office('pptx/tika-testPPT_comment.pptx');
    expect(thumb.children.map((c) => c.name)).toEqual(['docProps/thumbnail.jpeg']);
    const deep = await runFile(ooxmlExtractor, corpusPath('office/docx/tika-testWORD_embedded_pdf.docx'), { depth: 12 });
    expect(deep.output!.children).toBeUndefined();
  });

  it('rejects a truncated package as truncated', async () => {
    const r = await office('docx/tika-testWORD_truncated.docx');
    expect(r.error?.code).toBe('truncated');
  });
});

/** A minimal WordprocessingML package around the given parts. */
function docx(parts: Record<string, string>): Buffer {
  const base: Record<string, string> = {
    '[Content_Types].xml':
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    '_rels/.rels':
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="r2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>',
    'word/document.xml':
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>body text</w:t></w:r></w:p></w:body></w:document>',
  };
  return buildZip(Object.entries({ ...base, ...parts }).map(([n, c]) => member(n, c)));
}

describe('OOXML extractor on hostile packages built in the test', () => {
  it('resolves namespaces, not prefixes: core properties under any prefix are read', async () => {
    const core =
      '<ns0:coreProperties xmlns:ns0="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:ns1="http://purl.org/dc/elements/1.1/" xmlns:ns2="http://purl.org/dc/terms/"><ns1:creator>A. Writer</ns1:creator><ns2:created>2020-02-03T04:05:06Z</ns2:created></ns0:coreProperties>';
    const r = await run(ooxmlExtractor, docx({ 'docProps/core.xml': core }), 'ns.docx', { mime: MIME.docx });
    expect(metaValue(r.output, 'ooxml.core', 'dc:creator')).toBe('A. Writer');
    expect(r.output!.facts!.dates![0].utc).toBe('2020-02-03T04:05:06.000Z');
  });

  it('survives an entity-expansion bomb in core.xml and still reads the body', async () => {
    const lol = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
    const core = `<?xml version="1.0"?><!DOCTYPE c [<!ENTITY l0 "lol">${lol}]><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>&l9;</dc:creator></cp:coreProperties>`;
    const t0 = Date.now();
    const r = await run(ooxmlExtractor, docx({ 'docProps/core.xml': core }), 'lol.docx', { mime: MIME.docx });
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(r.output!.text).toBe('body text');
    // fast-xml-parser leaves entities beyond its expansion bounds unexpanded: a few bytes, not 3 GB.
    expect(metaValue(r.output, 'ooxml.core', 'dc:creator')!.length).toBeLessThan(1000);
  });

  it('refuses an external entity and reports the part as corrupt', async () => {
    const core =
      '<?xml version="1.0"?><!DOCTYPE c [<!ENTITY x SYSTEM "file:///etc/passwd">]><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>&x;</dc:creator></cp:coreProperties>';
    const r = await run(ooxmlExtractor, docx({ 'docProps/core.xml': core }), 'xxe.docx', { mime: MIME.docx });
    expect(metaValue(r.output, 'ooxml.core', 'dc:creator')).toBeUndefined();
    expect(r.warnings.some((w) => w.code === 'corrupt' && /docProps\/core\.xml/.test(w.message))).toBe(true);
  });

  it('keeps the text of a malformed document.xml part out, and the rest of the package in', async () => {
    const core =
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Kept</dc:creator></cp:coreProperties>';
    const r = await run(
      ooxmlExtractor,
      docx({ 'docProps/core.xml': core, 'word/document.xml': '<w:document><w:body><w:p><w:r><w:t>lost</w:t></w:r></w:body></w:document>' }),
      'bad.docx',
      { mime: MIME.docx },
    );
    expect(r.error).toBeUndefined();
    expect(metaValue(r.output, 'ooxml.core', 'dc:creator')).toBe('Kept');
    expect(r.warnings.some((w) => w.code === 'corrupt' && /word\/document\.xml: Expected closing tag 'w:p'/.test(w.message))).toBe(true);
    expect(r.output!.text).toBe('');
  });

  it('does not give unsafe member names as children', async () => {
    const zip = buildZip([
      ...['[Content_Types].xml', '_rels/.rels'].map((n) =>
        member(
          n,
          n === '_rels/.rels'
            ? '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'
            : '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        ),
      ),
      member('word/media/../../../evil.png', 'x'),
      member('word/media/ok.png', 'png'),
    ]);
    const r = await run(ooxmlExtractor, zip, 'media.docx', { mime: MIME.docx });
    expect(r.children.map((c) => c.name)).toEqual(['word/media/ok.png']);
  });
});
