import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sniff } from '../../../src/extract/sniff.js';
import { MIME } from '../../../src/extract/mime.js';
import { BufferSource } from '../../../src/extract/common/byte-source.js';
import { corpusMissing, corpusPath } from '../../support/corpus.js';

const s = (text: string | Buffer, name = 'x') => sniff(new BufferSource(typeof text === 'string' ? Buffer.from(text) : text), name);

describe('sniff by content', () => {
  it('recognises formats by magic bytes, whatever the name says', async () => {
    expect(await s('%PDF-1.4\n...', 'letter.doc')).toBe(MIME.pdf);
    expect(await s(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'notes.txt')).toBe(MIME.jpeg);
    expect(await s(Buffer.from('89504e470d0a1a0a0000', 'hex'), 'a.pdf')).toBe(MIME.png);
    expect(await s('{\\rtf1\\ansi hello}', 'a.txt')).toBe(MIME.rtf);
    expect(await s('', 'empty.eml')).toBe(MIME.empty);
    expect(await s(Buffer.from([0, 1, 2, 3, 0, 0, 7, 200]), 'a.pdf')).toBe(MIME.unknown);
  });

  it('tells an email, an mbox, HTML and plain text apart', async () => {
    expect(await s('From: a@b.org\nTo: c@d.org\nSubject: hi\nDate: Mon, 1 May 2017 10:00:00 +0200\n\nbody')).toBe(MIME.eml);
    expect(await s('From a@b.org Mon May  1 10:00:00 2017\nFrom: a@b.org\nSubject: hi\n\nbody\n')).toBe(MIME.mbox);
    expect(await s('<!DOCTYPE html><html><body>x</body></html>')).toBe(MIME.html);
    expect(await s('From the desk of the director: a plain letter.\nRegards')).toBe(MIME.text);
    expect(await s('Subject line without headers is text\n')).toBe(MIME.text);
  });
});

describe.skipIf(corpusMissing())('sniff on corpus files', () => {
  const cases: [string, string][] = [
    ['pdf/tika/testPDF_incrementalUpdates.pdf', MIME.pdf],
    ['email/msg/msgreader-test-ansi.msg', MIME.msg],
    ['archive/zip/tika-test-zip-of-zip.zip', MIME.zip],
  ];
  for (const [rel, mime] of cases) {
    it(rel, async () => {
      let buf: Buffer;
      try {
        buf = readFileSync(corpusPath(rel));
      } catch {
        return; // file names differ between corpus versions: covered by the corpus scan test
      }
      expect(await sniff(new BufferSource(buf), rel)).toBe(mime);
    });
  }
});
