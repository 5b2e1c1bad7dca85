// Per-update metadata changes: the Info entries and XMP claims each incremental update rewrote, with
// the earlier value, read from hand-written updates (same object redefined, a new Info object, XMP).
import { describe, expect, it } from 'vitest';
import { readPdfStructure } from '../../../../src/extract/pdf/structure.js';
import { appendUpdate, buildPdf, simpleObjects } from '../../../support/pdf-build.js';

const xmp = (creator: string, created: string) => {
  const packet = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><dc:creator><rdf:Seq><rdf:li>${creator}</rdf:li></rdf:Seq></dc:creator><xmp:CreateDate>${created}</xmp:CreateDate></rdf:Description></rdf:RDF></x:xmpmeta>`;
  return `<< /Type /Metadata /Subtype /XML /Length ${packet.length} >>\nstream\n${packet}\nendstream`;
};

function original() {
  const objects = simpleObjects('Minutes');
  objects[1] = '<< /Type /Catalog /Pages 2 0 R /Metadata 7 0 R >>';
  objects[6] = "<< /Author (Ines Carvalho) /Title (Minutes) /CreationDate (D:20220404101500+02'00') >>";
  objects[7] = xmp('Ines Carvalho', '2022-04-04T10:15:00+02:00');
  return buildPdf(objects, { trailer: '/Info 6 0 R ' });
}

describe('per-update metadata changes', () => {
  it('an update redefining the Info object: the changed entries with their earlier values, XMP not compared', () => {
    const upd = appendUpdate(
      original(),
      { 6: "<< /Author (Rui Barros) /Title (Minutes) /CreationDate (D:20220310101500+02'00') >>" },
      { trailer: '/Info 6 0 R ' },
    );
    const [, rev] = readPdfStructure(upd.bytes).revisions;
    expect(rev.infoChanges).toEqual([
      { key: 'Author', before: 'Ines Carvalho', after: 'Rui Barros' },
      { key: 'CreationDate', before: "D:20220404101500+02'00'", after: "D:20220310101500+02'00'" },
    ]);
    expect(rev.xmpChanges).toBeUndefined();
  });

  it('an update pointing the trailer at a new Info object is compared with the Info the save before used', () => {
    const upd = appendUpdate(original(), { 8: '<< /Author (Rui Barros) /Title (Minutes) >>' }, { trailer: '/Info 8 0 R ' });
    const [, rev] = readPdfStructure(upd.bytes).revisions;
    expect(rev.infoChanges).toEqual(
      expect.arrayContaining([
        { key: 'Author', before: 'Ines Carvalho', after: 'Rui Barros' },
        { key: 'CreationDate', before: "D:20220404101500+02'00'", after: undefined },
      ]),
    );
  });

  it('an update rewriting the XMP packet: its claim properties that changed, the Info unchanged (empty list)', () => {
    const upd = appendUpdate(original(), { 7: xmp('Rui Barros', '2022-04-04T10:15:00+02:00') }, { trailer: '/Info 6 0 R ' });
    const [, rev] = readPdfStructure(upd.bytes).revisions;
    expect(rev.xmpChanges).toEqual([{ key: 'dc:creator', before: 'Ines Carvalho', after: 'Rui Barros' }]);
    expect(rev.infoChanges).toEqual([]);
  });

  it('an update that touches no metadata records nothing changed', () => {
    const content = 'BT /F1 12 Tf 72 720 Td (Minutes, corrected) Tj ET';
    const upd = appendUpdate(
      original(),
      { 5: `<< /Length ${content.length} >>\nstream\n${content}\nendstream` },
      { trailer: '/Info 6 0 R ' },
    );
    const [, rev] = readPdfStructure(upd.bytes).revisions;
    expect(rev.infoChanges).toEqual([]);
    expect(rev.xmpChanges).toBeUndefined(); // neither the catalog nor the packet was redefined
  });
});
