import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readPdfStructure } from '../../../../src/extract/pdf/structure.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { appendUpdate, buildPdf, buildXrefStreamPdf, simpleObjects } from '../../../support/pdf-build.js';

const INFO = "<< /Producer (Writer 1.0) /CreationDate (D:20200101120000+01'00') >>";

describe('readPdfStructure: revisions of a hand-made file', () => {
  const base = buildPdf({ ...simpleObjects('Original text'), 6: INFO }, { trailer: '/Info 6 0 R /ID [<0102> <0304>]' });

  it('reads one save: header, xref table, trailer, objects', () => {
    const s = readPdfStructure(base.bytes);
    expect(s.headerVersion).toBe('1.4');
    expect(s.revisions).toHaveLength(1);
    const [r] = s.revisions;
    expect(r).toMatchObject({ index: 0, start: 0, end: base.bytes.length, startxref: base.xref, objectsChanged: [] });
    expect(r.xref).toMatchObject({ type: 'table', offset: base.xref, objects: [1, 2, 3, 4, 5, 6] });
    expect(r.objectsDefined).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.trailer).toMatchObject({ Root: '1 0 R', Info: '6 0 R', Size: '7', ID: '<0102> <0304>' });
    expect(s.info).toEqual({ Producer: 'Writer 1.0', CreationDate: "D:20200101120000+01'00'" });
    expect(s.trailerId).toEqual(['0102', '0304']);
    expect(s.pageCount).toBe(1);
    expect(s.trailingBytes).toBe(0);
    expect(s.fonts).toEqual([{ baseFont: 'Helvetica', name: 'Helvetica', subset: false, embedded: false, type: 'Type1' }]);
    expect(s.warnings).toEqual([]);
  });

  it('reads an incremental update: its byte range, what it changed and the type of each change', () => {
    const upd = appendUpdate(
      base,
      {
        3: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R /Annots [7 0 R] >>',
        6: "<< /Producer (Other Tool 2.0) /CreationDate (D:20200101120000+01'00') /ModDate (D:20240505100000Z) >>",
        7: '<< /Type /Annot /Subtype /Text /Rect [0 0 10 10] /Contents (note) >>',
      },
      { trailer: '/Info 6 0 R' },
    );
    const s = readPdfStructure(upd.bytes);
    expect(s.revisions).toHaveLength(2);
    const [r0, r1] = s.revisions;
    expect(r0.end).toBe(base.bytes.length);
    expect(r1).toMatchObject({ index: 1, start: base.bytes.length, end: upd.bytes.length, startxref: upd.xref });
    expect(r1.trailer.Prev).toBe(String(base.xref));
    expect(r1.objectsDefined).toEqual([3, 6, 7]);
    expect(r1.objectsChanged).toEqual([3, 6]);
    expect(r1.changedTypes).toEqual({ Page: 1, Info: 1 });
    // the current document is the updated one
    expect(s.info.Producer).toBe('Other Tool 2.0');
    expect(s.annotations).toBe(1);
  });

  it('reads a cross-reference stream and objects inside an object stream', () => {
    const x = buildXrefStreamPdf({ ...simpleObjects(), 6: INFO }, { compressed: [2, 4, 6], extraDict: '/Info 6 0 R' });
    const s = readPdfStructure(x.bytes);
    expect(s.warnings).toEqual([]);
    expect(s.revisions).toHaveLength(1);
    expect(s.revisions[0].xref?.type).toBe('stream');
    expect(s.revisions[0].objectsDefined).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(s.pageCount).toBe(1); // /Pages (object 2) is compressed
    expect(s.info.Producer).toBe('Writer 1.0'); // Info (object 6) too
    expect(s.fonts.map((f) => f.name)).toEqual(['Helvetica']); // and the font
  });

  it('measures bytes after the last %%EOF and tells padding from data', () => {
    expect(readPdfStructure(Buffer.concat([base.bytes, Buffer.from('\n\0\0\r\n')]))).toMatchObject({
      trailingBytes: 5,
      trailingData: false,
    });
    const s = readPdfStructure(Buffer.concat([base.bytes, Buffer.from('<script>x</script>')]));
    expect(s).toMatchObject({ trailingBytes: 18, trailingData: true });
    expect(s.revisions).toHaveLength(1);
  });

  it('does not count a PDF carried uncompressed inside a stream as a revision', () => {
    const inner = buildPdf(simpleObjects('inner')).bytes.toString('latin1');
    const withAttachment = buildPdf({
      ...simpleObjects(),
      6: `<< /Type /EmbeddedFile /Length ${inner.length} >>\nstream\n${inner}\nendstream`,
    });
    const s = readPdfStructure(withAttachment.bytes);
    expect(s.eofOffsets).toHaveLength(2);
    expect(s.revisions).toHaveLength(1);
    expect(s.warnings.join('\n')).toMatch(/inside the stream of object 6/);
  });
});

/**
 * A linearized file (Annex F): linearization dictionary first, the first-page xref section and
 * trailer (with /Prev pointing forward to the main section) and a first %%EOF, then the body and
 * the main section, whose startxref points back to the first-page section. `firstStartxref`
 * 'zero' writes 'startxref 0' in the first-page trailer, as Acrobat does.
 */
function linearizedPdf(firstStartxref: 'zero' | 'real'): { bytes: Buffer; firstPageXref: number; firstEofEnd: number } {
  const pad = (n: number) => String(n).padStart(10, '0');
  const objs = simpleObjects('linearized');
  let text = '%PDF-1.6\n%\xe2\xe3\xcf\xd3\n';
  const lin = text.length;
  text += '6 0 obj\n<< /Linearized 1 /L LLLLLLLLLL /N 1 >>\nendobj\n';
  const firstPageXref = text.length;
  text += `xref\n6 1\n${pad(lin)} 00000 n \ntrailer\n<< /Size 7 /Root 1 0 R /Prev PPPPPPPPPP >>\nstartxref\n${firstStartxref === 'zero' ? '0' : firstPageXref}\n%%EOF\n`;
  const firstEofEnd = text.length;
  const offsets: number[] = [];
  for (const [n, body] of Object.entries(objs)) {
    offsets[Number(n)] = text.length;
    text += `${n} 0 obj\n${body}\nendobj\n`;
  }
  const main = text.length;
  text += 'xref\n0 6\n0000000000 65535 f \n' + [1, 2, 3, 4, 5].map((n) => `${pad(offsets[n])} 00000 n \n`).join('');
  text += `trailer\n<< /Size 6 >>\nstartxref\n${firstPageXref}\n%%EOF\n`;
  text = text.replace('LLLLLLLLLL', pad(text.length)).replace('PPPPPPPPPP', pad(main));
  return { bytes: Buffer.from(text, 'latin1'), firstPageXref, firstEofEnd };
}

describe('readPdfStructure: pages whose content a save replaced', () => {
  const base = buildPdf({ ...simpleObjects('Pay 100 EUR'), 6: INFO }, { trailer: '/Info 6 0 R' });
  const stream = (s: string) => `<< /Length ${s.length} >>\nstream\n${s}\nendstream`;

  it('counts as PageContents a content stream rewritten in place under its own number (the page untouched)', () => {
    const upd = appendUpdate(base, { 5: stream('BT /F1 12 Tf 72 720 Td (Pay 900 EUR) Tj ET') });
    const s = readPdfStructure(upd.bytes);
    expect(s.revisions[1].changedTypes).toEqual({ Stream: 1, PageContents: 1 });
    expect(s.revisionPages?.[1]).toEqual({ count: 1, changed: [1] });
  });

  it('and an array of content streams redefined in place; a page given new /Contents once', () => {
    const arr = buildPdf({
      ...simpleObjects('Pay 100 EUR'),
      3: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 7 0 R >>',
      7: '[5 0 R 8 0 R]',
      8: stream('BT /F1 9 Tf 72 40 Td (footer) Tj ET'),
    });
    const s = readPdfStructure(appendUpdate(arr, { 7: '[5 0 R 9 0 R]', 9: stream('BT /F1 9 Tf 72 40 Td (other footer) Tj ET') }).bytes);
    expect(s.revisions[1].changedTypes).toEqual({ Array: 1, PageContents: 1 });
    const both = readPdfStructure(
      appendUpdate(base, {
        3: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 7 0 R >>',
        5: stream('BT ET'),
        7: stream('BT /F1 12 Tf 72 720 Td (Pay 900 EUR) Tj ET'),
      }).bytes,
    );
    expect(both.revisions[1].changedTypes).toEqual({ Page: 1, Stream: 1, PageContents: 1 });
  });

  it('does not count the content streams a save rewrites as it encrypts the file', () => {
    const enc = `<< /Filter /Standard /V 1 /R 2 /O <${'a'.repeat(64)}> /U <${'b'.repeat(64)}> /P -4 >>`;
    const s = readPdfStructure(appendUpdate(base, { 5: stream('ciphertext'), 7: enc }, { trailer: '/Encrypt 7 0 R' }).bytes);
    expect(s.revisions[1].changedTypes).toEqual({ Stream: 1 });
  });

  it('does not count a stream no page draws (an embedded file, a form XObject) nor Info', () => {
    const extra = buildPdf({ ...simpleObjects('Pay 100 EUR'), 6: INFO, 7: stream('attached bytes') }, { trailer: '/Info 6 0 R' });
    const s = readPdfStructure(appendUpdate(extra, { 7: stream('other bytes'), 6: INFO }, { trailer: '/Info 6 0 R' }).bytes);
    expect(s.revisions[1].changedTypes).toEqual({ Stream: 1, Info: 1 });
    expect(s.revisionPages?.[1]).toEqual({ count: 1, changed: [] });
  });

  it('tells which pages each save redefined: through resources, inherited ones too, and not for /Annots alone', () => {
    const objects = {
      1: '<< /Type /Catalog /Pages 2 0 R >>',
      2: '<< /Type /Pages /Kids [3 0 R 7 0 R] /Count 2 /Resources << /Font << /F1 4 0 R >> >> >>',
      3: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R >>',
      4: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
      5: stream('BT /F1 12 Tf 72 720 Td (one) Tj ET'),
      7: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 8 0 R /Resources << /Font << /F1 9 0 R >> >> >>',
      8: stream('BT /F1 12 Tf 72 720 Td (two) Tj ET'),
      9: '<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>',
    };
    const b = buildPdf(objects);
    const changed = (upd: Record<number, string>) => readPdfStructure(appendUpdate(b, upd).bytes).revisionPages?.[1].changed;
    expect(changed({ 4: '<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>' })).toEqual([1]); // inherited from /Pages
    expect(changed({ 9: '<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>' })).toEqual([2]);
    expect(
      changed({ 3: objects[3].replace('>>', ' /Annots [10 0 R] >>'), 10: '<< /Type /Annot /Subtype /Text /Rect [0 0 1 1] >>' }),
    ).toEqual([]);
    expect(changed({ 3: objects[3].replace('612 792', '792 612') })).toEqual([1]); // the page turned to landscape
    expect(changed({ 2: objects[2].replace('[3 0 R 7 0 R]', '[7 0 R 3 0 R]') })).toEqual([1, 2]); // pages reordered
    expect(readPdfStructure(b.bytes).revisionPages).toBeUndefined(); // one save: nothing to compare
  });
});

describe('readPdfStructure: linearized files are one save', () => {
  for (const variant of ['zero', 'real'] as const) {
    it(`first-page trailer with startxref ${variant === 'zero' ? '0' : 'to itself'}`, () => {
      const lin = linearizedPdf(variant);
      const s = readPdfStructure(lin.bytes);
      expect(s.linearized).toBe(true);
      expect(s.eofOffsets).toHaveLength(2);
      expect(s.revisions).toHaveLength(1);
      expect(s.revisions[0]).toMatchObject({ start: 0, end: lin.bytes.length, startxref: lin.firstPageXref, xrefSections: 2 });
      expect(s.revisions[0].objectsDefined).toEqual([1, 2, 3, 4, 5, 6]);
      expect(s.trailingBytes).toBe(0);
      expect(s.pageCount).toBe(1);
      // an update appended later is a second revision, chained to the first-page section
      const upd = appendUpdate(
        { bytes: lin.bytes, offsets: new Map(), xref: lin.firstPageXref, end: lin.bytes.length },
        { 7: '<< /Producer (later) >>' },
        { trailer: '/Info 7 0 R' },
      );
      const s2 = readPdfStructure(upd.bytes);
      expect(s2.revisions.map((r) => r.end)).toEqual([lin.bytes.length, upd.bytes.length]);
      expect(s2.revisions[1].objectsDefined).toEqual([7]);
      expect(s2.warnings).toEqual([]);
    });
  }
});

/** A signed file: the ByteRange is patched in after the layout is known, as signers do. */
function signedPdf(): Buffer {
  const hole = '0'.repeat(64);
  const sig = `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /M (D:20230102030405+01'00') /Name (Jane Signer) /ByteRange [0000000000 0000000000 0000000000 0000000000] /Contents <${hole}> >>`;
  const built = buildPdf({ ...simpleObjects(), 6: sig, 7: '<< /FT /Sig /V 6 0 R /T (Signature1) >>' });
  const text = built.bytes.toString('latin1');
  const contents = text.indexOf(`<${hole}>`);
  const a = contents;
  const b = contents + hole.length + 2;
  const range = [0, a, b, built.bytes.length - b].map((n) => String(n).padStart(10, '0')).join(' ');
  return Buffer.from(text.replace('0000000000 0000000000 0000000000 0000000000', range), 'latin1');
}

describe('readPdfStructure: signatures and active content', () => {
  it('reads a signature dictionary and whether its ByteRange covers the whole file', () => {
    const signed = signedPdf();
    const s = readPdfStructure(signed);
    expect(s.signatures).toHaveLength(1);
    expect(s.signatures[0]).toMatchObject({
      filter: 'Adobe.PPKLite',
      subFilter: 'adbe.pkcs7.detached',
      signingTimeRaw: "D:20230102030405+01'00'",
      name: 'Jane Signer',
      coversWholeFile: true,
      revisionIndex: 0,
    });
    // an update after signing leaves the signature covering only the first revision
    const after = appendUpdate(
      { bytes: signed, offsets: new Map(), xref: Number(/startxref\n(\d+)/.exec(signed.toString('latin1'))![1]), end: signed.length },
      {
        8: '<< /Type /Annot /Subtype /FreeText /Rect [0 0 50 50] /Contents (added later) >>',
      },
    );
    const s2 = readPdfStructure(after.bytes);
    expect(s2.revisions).toHaveLength(2);
    expect(s2.signatures[0]).toMatchObject({ coversWholeFile: false, revisionIndex: 0 });
    expect(s2.signatures[0].byteRange![2] + s2.signatures[0].byteRange![3]).toBe(s2.revisions[0].end);
  });

  it('finds JavaScript (even behind #-escaped names), launch actions, attachments, JBIG2 and forms', () => {
    const jbig = deflateSync(Buffer.from('x'));
    const objs = {
      ...simpleObjects(),
      1: '<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R /AcroForm << /Fields [9 0 R] >> /Names << /EmbeddedFiles 7 0 R >> >>',
      6: '<< /Type /Action /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>',
      7: '<< /Names [(a.txt) 8 0 R] >>',
      8: '<< /Type /Filespec /F (a.txt) /EF << /F 10 0 R >> >>',
      9: '<< /FT /Tx /T (name) /AA << /K << /S /Launch /F (cmd.exe) >> >> >>',
      10: '<< /Type /EmbeddedFile /Length 3 >>\nstream\nabc\nendstream',
      11: `<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /BitsPerComponent 1 /Filter [/FlateDecode /JBIG2Decode] /Length ${jbig.length} >>\nstream\n${jbig.toString('latin1')}\nendstream`,
    };
    const s = readPdfStructure(buildPdf(objs).bytes);
    expect(s).toMatchObject({
      javascript: true,
      launchActions: true,
      openAction: 'action:JavaScript',
      embeddedFiles: 1,
      jbig2Images: 1,
      forms: true,
    });
    const plain = readPdfStructure(base().bytes);
    expect(plain).toMatchObject({ javascript: false, launchActions: false, embeddedFiles: 0, jbig2Images: 0, forms: false });
    expect(plain.openAction).toBeUndefined();
  });

  function base() {
    return buildPdf(simpleObjects());
  }
});

describe('readPdfStructure: hostile input stays bounded', () => {
  const timed = (bytes: Uint8Array) => {
    const t = performance.now();
    const s = readPdfStructure(bytes);
    return { s, ms: performance.now() - t };
  };

  it('a /Prev chain that loops back on itself', () => {
    const b = buildPdf(simpleObjects());
    const upd = appendUpdate(b, { 6: '<< /Producer (x) >>' }, { prev: 9999999999 });
    // point the update's /Prev at its own xref section
    const looped = Buffer.from(
      upd.bytes.toString('latin1').replace('/Prev 9999999999', `/Prev ${String(upd.xref).padStart(10, '0')}`),
      'latin1',
    );
    const { s, ms } = timed(looped);
    expect(ms).toBeLessThan(2000);
    expect(s.warnings.join('\n')).toMatch(/\/Prev chain loops back to offset/);
    expect(s.revisions).toHaveLength(2);
  });

  it('an object stream said to live inside itself', () => {
    const objs = simpleObjects();
    // objects 2 and 4 compressed in object stream 6; the xref then claims 6 is inside 6
    const x = buildXrefStreamPdf(objs, { compressed: [2, 4], entryOverride: { 6: [2, 6, 0] } });
    const { s, ms } = timed(x.bytes);
    expect(ms).toBeLessThan(2000);
    expect(s.warnings.join('\n')).toMatch(/object stream 6 is said to be inside another object stream/);
    expect(s.pageCount).toBeUndefined(); // /Pages was inside the unusable stream
  });

  it('a stream with an absurd /Length', () => {
    const objs = { ...simpleObjects(), 5: '<< /Length 999999999999 >>\nstream\nBT (x) Tj ET\nendstream' };
    const { s, ms } = timed(buildPdf(objs).bytes);
    expect(ms).toBeLessThan(2000);
    expect(s.revisions).toHaveLength(1);
    expect(s.fonts).toHaveLength(1);
  });

  it('a truncated file', () => {
    const full = buildXrefStreamPdf(simpleObjects(), { compressed: [2, 4] }).bytes;
    const { s, ms } = timed(full.subarray(0, Math.floor(full.length * 0.6)));
    expect(ms).toBeLessThan(2000);
    expect(s.warnings.join('\n')).toMatch(/no %%EOF marker/);
    expect(s.revisions).toHaveLength(1);
    expect(s.revisions[0].end).toBe(Math.floor(full.length * 0.6));
  });

  it('something that is not a PDF at all', () => {
    for (const junk of [Buffer.from('\x89PNG\r\n\x1a\n' + 'x'.repeat(5000)), Buffer.alloc(0), Buffer.from('%%EOF startxref 5 %%EOF')]) {
      const { s, ms } = timed(junk);
      expect(ms).toBeLessThan(2000);
      expect(s.headerOffset).toBeNull();
      expect(s.warnings.join('\n')).toMatch(/no %PDF- header/);
    }
  });

  it('hundreds of incremental updates', () => {
    let f = buildPdf(simpleObjects());
    for (let i = 0; i < 600; i++)
      f = appendUpdate(
        f,
        { 6: `<< /Producer (save ${i}) >>`, 3: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 1 1] >>' },
        { trailer: '/Info 6 0 R' },
      );
    const { s, ms } = timed(f.bytes);
    expect(ms).toBeLessThan(10_000);
    expect(s.revisions).toHaveLength(601);
    expect(s.revisions[600].objectsChanged).toEqual([3, 6]);
    expect(s.info.Producer).toBe('save 599');
  });

  it('nesting a million arrays deep and thousands of %%EOF markers', () => {
    const deep = buildPdf({ ...simpleObjects(), 6: '['.repeat(1_000_000) + ']'.repeat(1_000_000) });
    const many = Buffer.concat([deep.bytes, Buffer.from('startxref\n1\n%%EOF\n'.repeat(20_000))]);
    const { s, ms } = timed(many);
    expect(ms).toBeLessThan(10_000);
    expect(s.revisions).toHaveLength(1);
    expect(s.warnings.join('\n')).toMatch(/more than 10000 %%EOF markers/);
  });
});

describe.skipIf(corpusMissing())('readPdfStructure on the corpus', () => {
  const read = (rel: string) => readPdfStructure(readFileSync(corpusPath(rel)));

  it('Tika testPDF_incrementalUpdates.pdf: 2 updates ending at 16242, 41226, 64872 (Apache Tika PDFParserTest)', () => {
    const s = read('pdf/tika/testPDF_incrementalUpdates.pdf');
    expect(s.linearized).toBe(true);
    // four %%EOF markers: the linearized first-page trailer is part of revision 0
    expect(s.eofOffsets).toHaveLength(4);
    expect(s.revisions.map((r) => r.end)).toEqual([16242, 41226, 64872]);
    expect(s.revisions[0].xrefSections).toBe(2);
    expect(s.revisions[1].trailer.Prev).toBe('116');
  });

  it('pypdf form.pdf is one save; Acrobat Reader and Evince each appended a revision to it', () => {
    const original = readFileSync(corpusPath('pdf/pypdf/form.pdf'));
    expect(read('pdf/pypdf/form.pdf').revisions).toHaveLength(1);
    for (const filled of ['pdf/pypdf/form_acrobatReader.pdf', 'pdf/pypdf/form_evince.pdf']) {
      const bytes = readFileSync(corpusPath(filled));
      const s = readPdfStructure(bytes);
      expect(s.revisions, filled).toHaveLength(2);
      expect(s.revisions[0].end, filled).toBe(original.length);
      expect(Buffer.compare(bytes.subarray(0, original.length), original), filled).toBe(0);
      expect(s.revisions[1].objectsChanged.length, filled).toBeGreaterThan(0);
    }
    // the two tools wrote different updates
    const acro = read('pdf/pypdf/form_acrobatReader.pdf').revisions[1];
    const evince = read('pdf/pypdf/form_evince.pdf').revisions[1];
    expect(acro.xref?.type).not.toBe(undefined);
    expect(JSON.stringify(acro.changedTypes)).not.toBe(JSON.stringify(evince.changedTypes));
  });

  it('decrypts with the empty password, as user or as owner password, and no other', () => {
    // pypdf r6-user-password.pdf: AES-256 R6, user password 'asdfzxcv', EMPTY owner password
    // (qpdf: "Supplied password is owner password"); ExifTool 12.57 reads Creator 'WPS Writer'.
    const r6 = read('pdf/pypdf-encryption/r6-user-password.pdf');
    expect(r6.encryption).toMatchObject({
      filter: 'Standard',
      v: 5,
      r: 6,
      method: 'AES-256',
      keyBits: 256,
      keyFrom: 'empty-owner-password',
    });
    expect(r6.info).toMatchObject({ Creator: 'WPS Writer', Author: 'cheng', CreationDate: "D:20220414132421+05'24'" });
    // RC4 with a 40-bit key under V4: Acrobat pads the key to 16 bytes (pdf.js issue 19484)
    const rc4 = read('pdf/pdfjs/issue19484_1.pdf');
    expect(rc4.encryption).toMatchObject({ v: 4, method: 'RC4', keyBits: 40, keyFrom: 'empty-user-password' });
    expect(rc4.info.Producer).toBe('Adobe Acrobat Pro (64-bit) 24.5.20399');
    expect(rc4.warnings).toEqual([]);
    // RC4-128 (Tika testPDF_protected.pdf): the XMP pdf.js drops as invalid UTF-8 is decrypted here
    expect(read('pdf/tika/testPDF_protected.pdf').xmp?.length).toBeGreaterThan(1000);
    // a real user password: nothing decrypted, and it says so
    const locked = read('pdf/pypdf-encryption/r4-aes-user-password.pdf');
    expect(locked.encryption).toMatchObject({ method: 'AES-128', keyBits: 128 });
    expect(locked.encryption?.keyFrom).toBeUndefined();
    expect(locked.info).toEqual({ Trapped: 'False' }); // names are not encrypted, strings are
    expect(locked.warnings.join('\n')).toMatch(/a password is needed/);
  });

  it('fonts as pdffonts (poppler) lists them: composite fonts, indirect names, objects in object streams', () => {
    // bug1989304.pdf: four Type0 subsets of MinionPro, /DescendantFonts an indirect array, all compressed
    const minion = read('pdf/pdfjs/bug1989304.pdf').fonts;
    expect(minion.map((f) => f.baseFont).sort()).toEqual([
      'AGUPUS+MinionPro-Regular',
      'DQULWR+MinionPro-Regular',
      'KWGNXD+MinionPro-Regular',
      'VSDOVY+MinionPro-Regular',
    ]);
    expect(minion.every((f) => f.name === 'MinionPro-Regular' && f.subset && f.embedded && f.type === 'Type0')).toBe(true);
    // issue2462.pdf: /BaseFont 28 0 R (an indirect name)
    expect(read('pdf/pdfjs/issue2462.pdf').fonts).toContainEqual({
      baseFont: 'WNKAVX+MyriadPro-Bold',
      name: 'MyriadPro-Bold',
      subset: true,
      embedded: true,
      type: 'Type1',
    });
    // bug900822.pdf (RC4-40 encrypted): the CMap suffix of the composite name is not part of the face
    expect(read('pdf/pdfjs/bug900822.pdf').fonts).toContainEqual({
      baseFont: 'EHMJRW+CourierNew-WinCharSetFFFF',
      name: 'CourierNew',
      subset: true,
      embedded: true,
      type: 'Type0',
    });
  });

  it('finds a usage-rights signature written directly inside the catalog (pdf.js issue6127.pdf)', () => {
    const s = read('pdf/pdfjs/issue6127.pdf');
    expect(s.signatures).toHaveLength(1);
    expect(s.signatures[0]).toMatchObject({ byteRange: [0, 1529, 13929, 687188], revisionIndex: 0 });
  });

  it('a PDF embedded uncompressed and a PostScript CMap carry %%EOF markers that end no revision (pdf.js issue18030)', () => {
    const s = read('pdf/pdfjs/issue18030.pdf');
    expect(s.eofOffsets).toHaveLength(3);
    expect(s.revisions).toHaveLength(1);
  });
});
