import { describe, expect, it } from 'vitest';
import { parseRtf, rtfExtractor } from '../../../../src/extract/office/rtf.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { metaValue, run, runFile } from '../../../support/extract-harness.js';

const rtf = (name: string) => runFile(rtfExtractor, corpusPath(`office/rtf/${name}`));

describe.skipIf(corpusMissing())('RTF extractor on corpus documents', () => {
  it('reads the info group, generator and fonts of a Word RTF', async () => {
    const out = (await rtf('tika-testRTF.rtf')).output!;
    expect(metaValue(out, 'rtf.info', 'title')).toBe('Test d’indexation Word');
    expect(metaValue(out, 'rtf.info', 'creatim')).toBe('\\yr2006\\mo5\\dy18\\hr12\\min19');
    expect(metaValue(out, 'rtf', 'generator')).toBe('Microsoft Word 11.0.6568');
    const f = out.facts!;
    expect(f.dates![0]).toEqual({
      role: 'created',
      source: 'rtf.info:creatim',
      raw: '\\yr2006\\mo5\\dy18\\hr12\\min19',
      utc: '2006-05-18T12:19:00.000Z',
      offsetMinutes: null,
    });
    expect(f.people).toEqual([
      { role: 'author', name: 'Bibliotheque', source: 'rtf.info:author' },
      { role: 'last-modified-by', name: 'Bibliotheque', source: 'rtf.info:operator' },
      { role: 'company', name: 'Universite Laval', source: 'rtf.info:company' },
    ]);
    expect(f.software).toEqual([{ role: 'application', value: 'Microsoft Word 11.0.6568', source: 'rtf:generator' }]);
    expect(f.office!.revision).toBe(2);
    expect(f.office!.fonts[0]).toBe('Times New Roman');
    expect(out.text).toBe('Test d’indexation Word');
    expect(out.title).toBe('Test d’indexation Word');
  });

  it('decodes 8-bit text by the font charset (Czech cp1250, Japanese Shift_JIS) and \\u escapes', async () => {
    expect((await rtf('tika-testRTFWordPadCzechCharacters.rtf')).output!.text).toMatch(/^Článek týdne\nČást svitku s textem Knihy Izajáš/);
    expect((await rtf('tika-testRTFWord2010CzechCharacters.rtf')).output!.text).toMatch(/^Článek týdne/);
    const jp = (await rtf('tika-testRTFJapanese.rtf')).output!;
    expect(jp.text).toMatch(/^ゾルゲの処刑記録、\nゾルゲと尾崎、淡々と最期/);
    // Word writes \title twice (ANSI '?'s, then Unicode in \upr/\ud): the title is the Unicode one.
    expect(jp.title).toBe('ゾルゲと尾崎、淡々と最期');
    const lorem = (await rtf('format-corpus-variations-lorem-ipsum.rtf')).output!;
    expect(lorem.facts!.office!.fonts).toContain('ＭＳ 明朝');
  });

  it('keeps "never" dates (\\yr0) as written but claims nothing from them', async () => {
    const out = (await rtf('tika-testRTFListLibreOffice.rtf')).output!;
    expect(metaValue(out, 'rtf.info', 'printim')).toBe('\\yr0\\mo0\\dy0\\hr0\\min0');
    expect(out.facts!.dates!.map((d) => d.role)).toEqual(['created']);
    expect(metaValue(out, 'rtf.info', 'comment')).toBe('LibreOffice');
  });

  it('replaces unpaired surrogates from bad \\u escapes', async () => {
    const out = (await rtf('tika-testRTFInvalidUnicode.rtf')).output!;
    expect(out.text).toBe('Unpaired hi \ufffd here Unpaired lo \ufffd here Mismatched pair \ufffd\ufffd here');
  });

  it("reads ExifTool's tricky RTF: braces, backslashes, code page and Unicode in info fields", async () => {
    const out = (await rtf('exiftool-RTF.rtf')).output!;
    expect(metaValue(out, 'rtf.info', 'author')).toBe('an author {with braces}');
    expect(metaValue(out, 'rtf.info', 'company')).toBe(' a company \\with backslashes and leading space\\');
    expect(metaValue(out, 'rtf.info', 'title')).toBe('ExifTool RTF test (with spécîål çhars)');
    expect(metaValue(out, 'rtf.info', 'subject')).toBe('a “subject” in funny quotes');
  });
});

describe('RTF parser on hostile input', () => {
  it('survives nesting far deeper than any document, quickly', () => {
    const deep = `{\\rtf1 ${'{'.repeat(200_000)}x${'}'.repeat(200_000)} after}`;
    const t0 = Date.now();
    const r = parseRtf(Buffer.from(deep, 'latin1'), 1000);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(r.text).toBe('after');
  });

  it('skips \\bin data, which may hold braces', () => {
    // The 2 bytes after "\bin2 " are "}}": read as syntax they would close the picture and the document.
    const r = parseRtf(Buffer.from('{\\rtf1 before{\\pict\\bin2 }}}\\par after}', 'latin1'), 1000);
    expect(r.text).toBe('before\nafter');
  });

  it('caps the text at the limit and refuses what is not RTF', async () => {
    expect(parseRtf(Buffer.from(`{\\rtf1 ${'a'.repeat(5000)}}`, 'latin1'), 100).text).toHaveLength(100);
    const r = await run(rtfExtractor, Buffer.from('not rtf'), 'x.rtf', { mime: 'application/rtf' });
    expect(r.error?.code).toBe('corrupt');
  });
});
