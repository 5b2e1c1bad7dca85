import CFB from 'cfb';
import { describe, expect, it } from 'vitest';
import { oleExtractor } from '../../../../src/extract/ole/ole.js';
import { ooxmlExtractor } from '../../../../src/extract/office/ooxml.js';
import { toBuffer } from '../../../../src/extract/common/byte-source.js';
import { parseOle10Native } from '../../../../src/extract/ole/embedded.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { metaValue, run, runFile } from '../../../support/extract-harness.js';

const office = (p: string) => runFile(oleExtractor, corpusPath(`office/${p}`));

describe('OLE 1.0 native (Packager) streams', () => {
  it('reads label, paths and data, and falls back to size + data', () => {
    const data = Buffer.from('hello');
    const temp = Buffer.from('C:\\Temp\\a.txt\0', 'latin1');
    const u32 = (n: number) => {
      const b = Buffer.alloc(4);
      b.writeUInt32LE(n);
      return b;
    };
    const body = Buffer.concat([
      Buffer.from([2, 0]),
      Buffer.from('a.txt\0C:\\Users\\x\\a.txt\0', 'latin1'),
      Buffer.from([0, 0, 3, 0]),
      u32(temp.length),
      temp,
      u32(data.length),
      data,
    ]);
    const full = parseOle10Native(Buffer.concat([u32(body.length), body]))!;
    expect(full).toEqual({ label: 'a.txt', path: 'C:\\Users\\x\\a.txt', tempPath: 'C:\\Temp\\a.txt', data });
    const bare = parseOle10Native(Buffer.concat([u32(5), Buffer.from('HELLO')]))!;
    expect(bare.data.toString()).toBe('HELLO');
    expect(parseOle10Native(Buffer.concat([u32(500), Buffer.from('short')]))).toBeNull();
  });
});

describe.skipIf(corpusMissing())('OLE extractor on corpus documents', () => {
  it('reads Word 97 summary properties (UTF-8 code page) with dates, people and edit time', async () => {
    const r = await office('doc/tika-testWORD_various.doc');
    const out = r.output!;
    expect(r.error).toBeUndefined();
    expect(out.kind).toBe('office');
    expect(metaValue(out, 'ole.summary', 'Author')).toBe('Michael McCandless');
    expect(metaValue(out, 'ole.summary', 'Template')).toBe('Normal.dotm');
    expect(metaValue(out, 'ole.summary', 'CreateTime')).toBe('2011-09-02T10:11:00Z');
    expect(metaValue(out, 'ole.summary', 'LastSaveTime')).toBe('2017-11-24T00:12:58.614Z');
    expect(metaValue(out, 'ole', 'CodePage')).toBe('65001 (utf8)');
    expect(metaValue(out, 'ole', 'ProgID')).toBe('Word.Document.8');
    const f = out.facts!;
    expect(f.office).toMatchObject({ format: 'ole', subtype: 'doc', revision: 3, totalEditMinutes: 29, encrypted: false, macros: false });
    expect(f.dates!.map((d) => [d.role, d.utc])).toEqual([
      ['created', '2011-09-02T10:11:00.000Z'],
      ['modified', '2017-11-24T00:12:58.000Z'],
      ['printed', '2011-09-02T05:24:00.000Z'],
    ]);
    expect(f.people).toEqual([{ role: 'author', name: 'Michael McCandless', source: 'ole.summary:Author' }]);
    expect(out.text).toBe('Subject is here\nKeyword1 Keyword2');
  });

  it("decodes Windows-1252 strings and string vectors; names PowerPoint's Current User", async () => {
    const out = (await office('ppt/tika-testPPT_custom_props.ppt')).output!;
    expect(metaValue(out, 'ole.docsummary', 'PresentationTarget')).toBe("Affichage à l'écran (4:3)");
    expect(metaValue(out, 'ole.docsummary', 'TitlesOfParts')).toBe('Calibri; Arial; Thème Office; Test extraction properties ppt');
    expect(metaValue(out, 'ole.summary', 'TotalEditTime')).toBe('79.518');
    expect(metaValue(out, 'ole.custom', 'MyCustomString')).toBe('MyStringValue');
    expect(metaValue(out, 'ole.custom', 'MyCustomDate')).toBe('2010-12-30T22:00:00Z');
    expect(out.facts!.office!.custom.myCustomBoolean).toBe('true');
    // The last save was by "EJ04325S" (LastAuthor); Current User names the person logged in.
    expect(out.facts!.people).toContainEqual({ role: 'last-modified-by', name: 'EJ04325S', source: 'ole.summary:LastAuthor' });
    expect(out.facts!.people).toContainEqual({ role: 'current-user', name: 'Etienne Jouvin', source: 'ole:CurrentUser' });
  });

  it('reads Mac Roman (code page 10000) presentations and the packed AppVersion', async () => {
    const out = (await office('ppt/tika-testPPT.ppt')).output!;
    expect(metaValue(out, 'ole', 'CodePage')).toBe('10000 (macintosh)');
    expect(out.title).toBe('Sample Powerpoint Slide');
    expect(out.facts!.software).toEqual([
      { role: 'application', value: 'Microsoft PowerPoint', source: 'ole.summary:AppName', version: '10.0264' },
    ]);
    const xls = (await office('xls/tika-testEXCEL.xls')).output!;
    expect(xls.facts!.office!.subtype).toBe('xls');
    expect(xls.facts!.software![0].version).toBe('11.8132');
    expect(metaValue(xls, 'ole.summary', 'LastAuthor')).toBe('RIBEN9');
  });

  it('detects encryption of every kind, keeping the readable properties', async () => {
    const cases: [string, RegExp, string][] = [
      ['doc/tika-testWORD_protected_passtika.doc', /Word 97\+ document encrypted/, 'doc'],
      ['xls/tika-testEXCEL_protected_passtika.xls', /FILEPASS record, RC4/, 'xls'],
      ['ppt/tika-testPPT_protected_passtika.ppt', /EncryptedSummary/, 'ppt'],
      [
        'docx/tika-testWORD_protected_passtika.docx',
        /encrypted OOXML package \(standard encryption, EncryptionInfo 4\.2\)/,
        'ooxml-encrypted',
      ],
      ['xlsx/tika-testEXCEL_protected_passtika.xlsx', /encrypted OOXML package/, 'ooxml-encrypted'],
      ['doc/tika-testWORD_protected_drm.doc', /rights-managed/, 'doc'],
    ];
    for (const [p, message, subtype] of cases) {
      const r = await office(p);
      expect(r.error?.code, p).toBe('encrypted');
      expect(r.error?.message, p).toMatch(message);
      expect(r.output!.facts!.office!.encrypted, p).toBe(true);
      expect(r.output!.facts!.office!.subtype, p).toBe(subtype);
    }
    // IRM leaves the summary readable: the partial output keeps it.
    const drm = await office('doc/tika-testWORD_protected_drm.doc');
    expect(metaValue(drm.output, 'ole.summary', 'Author')).toBe('Kondala, Raj');
    for (const p of ['doc/tika-testWORD.doc', 'xls/tika-testEXCEL.xls', 'ppt/tika-testPPT.ppt']) {
      expect((await office(p)).output!.facts!.office!.encrypted, p).toBe(false);
    }
  });

  it('detects VBA macros in Word and Excel files', async () => {
    expect((await office('doc/tika-testWORD_macros.doc')).output!.facts!.office!.macros).toBe(true);
    expect((await office('xls/tika-testEXCEL_macro.xls')).output!.facts!.office!.macros).toBe(true);
    expect((await office('doc/tika-testWORD.doc')).output!.facts!.office!.macros).toBe(false);
  });

  it('reads Word 6 and Excel 5 files, and a PowerPoint 4 file', async () => {
    const w6 = (await office('doc/tika-testWORD6.doc')).output!.facts!.office!;
    expect(w6.subtype).toBe('doc');
    const x5 = (await office('xls/tika-testEXCEL_5.xls')).output!.facts!.office!;
    expect(x5.subtype).toBe('xls');
    const pp4 = (await office('ppt/format-corpus-unc-_oxford.ppt')).output!;
    expect(pp4.facts!.office!.subtype).toBe('ppt');
    expect(metaValue(pp4, 'ole.summary', 'AppName')).toBe('Microsoft PowerPoint 4.0');
  });

  it('gives packaged files as children, with the path they were embedded from', async () => {
    const r = await office('doc/tika-test_recursive_embedded.doc');
    expect(r.children.map((c) => c.name)).toEqual(['embed1.zip']);
    const zip = await toBuffer(r.children[0].source);
    expect(zip.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    expect(r.children[0].metadata).toContainEqual({
      source: 'ole.embedded',
      key: 'path',
      value: 'C:\\Users\\tallison\\Desktop\\tmp\\New folder (2)\\embed1.zip',
    });
    expect(r.children[0].metadata).toContainEqual({ source: 'ole.embedded', key: 'ProgID', value: 'Package' });
  });

  it('reaches the PDF inside an OOXML oleObject.bin, and rebuilds embedded Office documents', async () => {
    const docx = await runFile(ooxmlExtractor, corpusPath('office/docx/tika-testWORD_embedded_pdf.docx'));
    const bin = await toBuffer(docx.children.find((c) => c.name === 'word/embeddings/oleObject1.bin')!.source);
    const inner = await run(oleExtractor, bin, 'oleObject1.bin');
    expect(inner.children.map((c) => c.name)).toEqual(['CONTENTS']);
    expect((await toBuffer(inner.children[0].source)).subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    const xls = await office('xls/tika-testMSChart-govdocs-428996.xls');
    expect(xls.children.map((c) => c.name)).toEqual(['MBD005707B0']);
    const chart = CFB.read(await toBuffer(xls.children[0].source), { type: 'buffer' });
    expect(chart.FullPaths.some((p) => p.endsWith('/Workbook'))).toBe(true);
    expect(xls.children[0].metadata).toContainEqual({ source: 'ole.embedded', key: 'ProgID', value: 'MSGraph.Chart.8' });
  });

  it('refuses a file that is not an OLE compound file as corrupt', async () => {
    const r = await office('doc/tika-testWordPerfect_42.doc');
    expect(r.error?.code).toBe('corrupt');
    const junk = await run(oleExtractor, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600, 0xff)]), 'junk.doc');
    expect(junk.error?.code).toBe('corrupt');
  });
});
