import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeXmpBytes, readXmp, xmpList } from '../../../../src/extract/xmp/xmp.js';
import { readPdfStructure } from '../../../../src/extract/pdf/structure.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';

const PACKET = `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Adobe XMP Core 5.4-c005 78.147326, 2012/08/23-13:03:03">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:xap="http://ns.adobe.com/xap/1.0/" xap:CreateDate="2012-11-23T17:01:39+01:00">
   <xap:ModifyDate>2012-11-23T17:06:33+01:00</xap:ModifyDate>
   <xap:CreatorTool>Acrobat PDFMaker 9.1 voor Word &#169; &#x2122;</xap:CreatorTool>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Quarterly &amp; annual</rdf:li><rdf:li xml:lang="de">Quartal</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>Doe, Jane</rdf:li><rdf:li>Roe, Richard</rdf:li></rdf:Seq></dc:creator>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
     pdf:Producer="Acrobat Distiller 9.5.2 (Windows)" pdfaid:part="1" pdfaid:conformance="B"/>
  <rdf:Description rdf:about="" xmlns:mm="http://ns.adobe.com/xap/1.0/mm/" xmlns:evt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#">
   <mm:DocumentID>uuid:0b4e2a8c-1111-2222-3333-444455556666</mm:DocumentID>
   <mm:InstanceID>uuid:9f0d0000-aaaa-bbbb-cccc-ddddeeeeffff</mm:InstanceID>
   <mm:History><rdf:Seq>
     <rdf:li evt:action="created" evt:when="2012-11-23T17:01:39+01:00" evt:softwareAgent="Adobe InDesign CS6 (Windows)" evt:instanceID="xmp.iid:01"/>
     <rdf:li rdf:parseType="Resource"><evt:action>saved</evt:action><evt:when>2012-11-23T17:05:00+01:00</evt:when><evt:changed>/</evt:changed></rdf:li>
     <rdf:li><rdf:Description evt:action="converted" evt:softwareAgent="Acrobat Distiller 9.5.2"/></rdf:li>
   </rdf:Seq></mm:History>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;

describe('readXmp', () => {
  const x = readXmp(PACKET);

  it('names properties by namespace, whatever prefix the writer chose (xap: is xmp:, mm: is xmpMM:)', () => {
    expect(x.fields['xmp:CreateDate']).toBe('2012-11-23T17:01:39+01:00');
    expect(x.fields['xmp:ModifyDate']).toBe('2012-11-23T17:06:33+01:00');
    expect(x.fields['xmpMM:DocumentID']).toBe('uuid:0b4e2a8c-1111-2222-3333-444455556666');
    expect(x.fields['xmpMM:InstanceID']).toBe('uuid:9f0d0000-aaaa-bbbb-cccc-ddddeeeeffff');
    expect(x.fields['xap:CreateDate']).toBeUndefined();
  });

  it('expands character references and entities', () => {
    expect(x.fields['xmp:CreatorTool']).toBe('Acrobat PDFMaker 9.1 voor Word © ™');
    expect(xmpList(x, 'dc:title')[0]).toBe('Quarterly & annual');
  });

  it('keeps list items apart (a name with a comma stays one author)', () => {
    expect(xmpList(x, 'dc:creator')).toEqual(['Doe, Jane', 'Roe, Richard']);
    expect(x.fields['dc:creator']).toBe('Doe, Jane; Roe, Richard');
  });

  it('reads attribute-form properties, PDF/A identification and the toolkit', () => {
    expect(x.fields['pdf:Producer']).toBe('Acrobat Distiller 9.5.2 (Windows)');
    expect(x.fields['pdfaid:part']).toBe('1');
    expect(x.fields['pdfaid:conformance']).toBe('B');
    expect(x.toolkit).toBe('Adobe XMP Core 5.4-c005 78.147326, 2012/08/23-13:03:03');
  });

  it('reads xmpMM:History in all three RDF spellings of a structure', () => {
    expect(x.history).toEqual([
      { action: 'created', when: '2012-11-23T17:01:39+01:00', softwareAgent: 'Adobe InDesign CS6 (Windows)', instanceId: 'xmp.iid:01' },
      { action: 'saved', when: '2012-11-23T17:05:00+01:00', changed: '/' },
      { action: 'converted', softwareAgent: 'Acrobat Distiller 9.5.2' },
    ]);
  });

  it('dates a history event whose field name has the wrong case (stEvt:When, veraPDF 6-7-5-t01-pass-b)', () => {
    const y = readXmp(PACKET.replace('<evt:when>2012-11-23T17:05:00+01:00</evt:when>', '<evt:When>2012-11-23T17:05:00+01:00</evt:When>'));
    expect(y.history[1]).toEqual({ action: 'saved', when: '2012-11-23T17:05:00+01:00', changed: '/' });
  });

  it('refuses a DOCTYPE (entity-expansion bomb) instead of expanding it', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
      <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
      <rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:format>&b;</dc:format></rdf:Description></rdf:RDF></x:xmpmeta>`;
    expect(() => readXmp(bomb)).toThrow(/DOCTYPE/);
  });

  it('does not turn a character reference into markup', () => {
    const y = readXmp(PACKET.replace('Quarterly &amp; annual', 'a &#60;b&#62; c'));
    expect(xmpList(y, 'dc:title')[0]).toBe('a <b> c');
  });
});

describe('decodeXmpBytes', () => {
  const sample = '<x:xmpmeta xmlns:x="adobe:ns:meta/">é</x:xmpmeta>';

  it('reads UTF-8 with and without BOM', () => {
    expect(decodeXmpBytes(Buffer.from(sample, 'utf8'))).toBe(sample);
    expect(decodeXmpBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sample, 'utf8')]))).toBe(sample);
  });

  it('reads UTF-32 without a BOM by the NUL pattern (veraPDF 6-7-9-t04-pass-m writes one)', () => {
    const le = Buffer.alloc(sample.length * 4);
    [...sample].forEach((ch, i) => le.writeUInt32LE(ch.codePointAt(0)!, i * 4));
    expect(decodeXmpBytes(le)).toBe(sample);
    const be = Buffer.alloc(sample.length * 4);
    [...sample].forEach((ch, i) => be.writeUInt32BE(ch.codePointAt(0)!, i * 4));
    expect(decodeXmpBytes(be)).toBe(sample);
  });

  it('reads UTF-16 in both byte orders, with a BOM or by the NUL pattern', () => {
    const le = Buffer.from(sample, 'utf16le');
    const be = Buffer.from(le).swap16();
    expect(decodeXmpBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).toBe(sample);
    expect(decodeXmpBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe(sample);
    expect(decodeXmpBytes(be)).toBe(sample);
    expect(decodeXmpBytes(le)).toBe(sample);
  });
});

describe.skipIf(corpusMissing())('readXmp on real PDF metadata streams', () => {
  const xmpOf = (rel: string) => {
    const s = readPdfStructure(readFileSync(corpusPath(rel)));
    expect(s.xmp, `${rel} has a readable metadata stream`).toBeDefined();
    return readXmp(decodeXmpBytes(s.xmp!));
  };

  it('Tika testPDF_diffTitles.pdf: the XMP title differs from the Info title', () => {
    // Apache Tika's PDFParserTest: Info "this is a new title" vs XMP "Sample Title"
    expect(xmpList(xmpOf('pdf/tika/testPDF_diffTitles.pdf'), 'dc:title')[0]).toBe('Sample Title');
  });

  it('Tika testPDF_incrementalUpdates.pdf: macOS Quartz packet (values from ExifTool 12.57)', () => {
    const x = xmpOf('pdf/tika/testPDF_incrementalUpdates.pdf');
    expect(x.fields['xmp:CreatorTool']).toBe('TextEdit');
    expect(x.fields['pdf:Producer']).toBe('macOS Version 13.2.1 (Build 22D68) Quartz PDFContext');
    expect(x.fields['xmpMM:DocumentID']).toBe('uuid:f88c7aee-cde9-bb47-83be-da9a1abadae5');
    expect(x.toolkit?.trim()).toBe('Adobe XMP Core 9.0-c000 79.cca54b0, 2022/11/26-09:29:55');
  });
});
