// The 1/8-scale (DC-only) JPEG decoder: agreement with jpeg-js's full decode averaged over 8×8
// blocks on real corpus JPEGs of each coding it accepts, clean refusal of what it does not, and
// bounded behaviour on hostile input.
import { readFileSync } from 'node:fs';
import exifr from 'exifr';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { decodeJpegDc, type DcImage } from '../../../../src/extract/image/jpeg-dc.js';
import { compareThumbnail, decodeJpeg, decodeMainImage } from '../../../../src/extract/image/thumbnail-compare.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';

const corpus = (name: string) => new Uint8Array(readFileSync(corpusPath(`image/jpeg/${name}`)));

/** SOF type, component count, sampling of the first component and restart interval, read from the markers. */
function structure(b: Uint8Array): { sof: number; n: number; sampling: string; dri: number } {
  const out = { sof: -1, n: 0, sampling: '', dri: 0 };
  for (let p = 2; p + 4 <= b.length && b[p] === 0xff && b[p + 1] !== 0xda; p += 2 + ((b[p + 2] << 8) | b[p + 3])) {
    const m = b[p + 1];
    if (m === 0xdd) out.dri = (b[p + 4] << 8) | b[p + 5];
    if (m >= 0xc0 && m <= 0xc2) Object.assign(out, { sof: m - 0xc0, n: b[p + 9], sampling: `${b[p + 11] >> 4}x${b[p + 11] & 15}` });
  }
  return out;
}

/** Mean absolute difference, per channel, between the DC image and the 8×8 block means of jpeg-js's decode. */
function agreement(dc: DcImage, full: { width: number; height: number; data: Uint8Array }): { rgb: number; luma: number } {
  let rgb = 0,
    luma = 0;
  for (let by = 0; by < dc.height; by++) {
    for (let bx = 0; bx < dc.width; bx++) {
      const mean = [0, 0, 0];
      let n = 0;
      for (let y = by * 8; y < Math.min(full.height, by * 8 + 8); y++) {
        for (let x = bx * 8; x < Math.min(full.width, bx * 8 + 8); x++, n++)
          for (let c = 0; c < 3; c++) mean[c] += full.data[(y * full.width + x) * 4 + c];
      }
      const o = (by * dc.width + bx) * 4;
      const d = mean.map((m, c) => m / n - dc.data[o + c]);
      rgb += (Math.abs(d[0]) + Math.abs(d[1]) + Math.abs(d[2])) / 3;
      luma += Math.abs(0.299 * d[0] + 0.587 * d[1] + 0.114 * d[2]);
    }
  }
  const blocks = dc.width * dc.height;
  return { rgb: rgb / blocks, luma: luma / blocks };
}

// Each coding the decoder accepts, as found in the corpus (checked against the file's own markers).
const CASES: { file: string; sof: number; n: number; sampling: string; dri?: boolean }[] = [
  { file: 'exifr-IMG_20180725_163423-tiny.jpg', sof: 0, n: 3, sampling: '2x2' }, // baseline 4:2:0
  { file: 'exif-org-fujifilm-dx10.jpg', sof: 0, n: 3, sampling: '2x1' }, // baseline 4:2:2
  { file: 'exif-samples-Panasonic_DMC-FZ30.jpg', sof: 0, n: 3, sampling: '1x2' }, // baseline 4:4:0
  { file: 'exifr-Bush-dog.jpg', sof: 0, n: 3, sampling: '1x1', dri: true }, // 4:4:4, restart markers
  { file: 'exif-org-fujifilm-mx1700.jpg', sof: 0, n: 3, sampling: '2x1', dri: true }, // 4:2:2, restart every 4 MCUs
  { file: 'format-corpus-variations-lorem-ipsum.im.png.im.jpg', sof: 0, n: 1, sampling: '1x1' }, // grey
  { file: 'exifr-f1t.jpg', sof: 0, n: 1, sampling: '1x1' }, // grey, 48×80
  { file: 'exifr-broken1.jpg', sof: 2, n: 3, sampling: '2x2' }, // progressive 4:2:0
  { file: 'exif-samples-tests-32-lens_data.jpeg', sof: 2, n: 3, sampling: '2x1' }, // progressive 4:2:2
  { file: 'py-pdf-pdflatex-image.jpg', sof: 2, n: 3, sampling: '1x1' }, // progressive 4:4:4
];

describe.skipIf(corpusMissing())('decodeJpegDc on corpus JPEGs', () => {
  it.each(CASES)('$file: the 1/8 image is the block means of the full decode', ({ file, sof, n, sampling, dri }) => {
    const bytes = corpus(file);
    const s = structure(bytes);
    expect(s).toMatchObject({ sof, n, sampling });
    if (dri) expect(s.dri).toBeGreaterThan(0);
    const dc = decodeJpegDc(bytes, 40);
    const full = decodeJpeg(bytes, 40, 512);
    expect([dc.width, dc.height, dc.fullWidth, dc.fullHeight]).toEqual([
      Math.ceil(full.width / 8),
      Math.ceil(full.height / 8),
      full.width,
      full.height,
    ]);
    expect(dc.decodedRows).toBe(full.height);
    const a = agreement(dc, full);
    // Luma is exact up to rounding and clamping; colour also carries the chroma planes' coarser
    // (nearest-neighbour) upsampling at 1/8 scale, so subsampled files get a looser bound.
    expect(a.luma).toBeLessThan(1.5);
    expect(a.rgb).toBeLessThan(sampling === '1x1' ? 2 : 4);
  });

  it('keeps the thumbnail difference of the full decode', async () => {
    for (const file of ['exifr-IMG_20180725_163423-tiny.jpg', 'exif-org-fujifilm-dx10.jpg', 'exifr-IMG_5910.jpg']) {
      const bytes = corpus(file);
      const thumb = decodeJpeg(new Uint8Array((await exifr.thumbnail(bytes))!), 4, 64);
      const main = decodeMainImage(bytes, 40, 512);
      expect('scale' in main.image).toBe(true);
      const old = compareThumbnail(thumb, decodeJpeg(bytes, 40, 512)).difference;
      expect(Math.abs(compareThumbnail(thumb, main.image, main.decodedRows).difference - old)).toBeLessThan(1);
    }
  });

  it('decodes small pictures in full, where block means are too coarse', () => {
    const main = decodeMainImage(corpus('exifr-img_1771.jpg'), 40, 512); // 480×360
    expect('scale' in main.image).toBe(false);
    expect(main.image.width).toBe(480);
  });

  it('a truncated photo: decodes the rows before the cut and says where it stopped', () => {
    const bytes = corpus('exifr-IMG_20180725_163423-tiny.jpg');
    const whole = decodeJpegDc(bytes, 40);
    const cut = decodeJpegDc(bytes.subarray(0, Math.floor(bytes.length * 0.6)), 40);
    expect(cut.decodedRows).toBeGreaterThan(whole.fullHeight * 0.3);
    expect(cut.decodedRows).toBeLessThan(whole.fullHeight * 0.8);
    const rows = Math.floor(cut.decodedRows / 8);
    expect(
      Buffer.from(cut.data.subarray(0, rows * cut.width * 4)).equals(Buffer.from(whole.data.subarray(0, rows * whole.width * 4))),
    ).toBe(true);
  });

  it('a progressive photo cut in its AC scans still has every DC block', () => {
    const bytes = corpus('exifr-broken1.jpg');
    const cut = decodeJpegDc(bytes.subarray(0, Math.floor(bytes.length * 0.7)), 40);
    expect(cut.decodedRows).toBe(cut.fullHeight);
    expect(Buffer.from(cut.data).equals(Buffer.from(decodeJpegDc(bytes, 40).data))).toBe(true);
  });

  it('a stray marker inside the data (exif-samples-corrupted.jpg) ends decoding there', () => {
    const dc = decodeJpegDc(corpus('exif-samples-corrupted.jpg'), 40);
    expect(dc.decodedRows).toBeLessThan(dc.fullHeight / 2);
  });
});

/** A JPEG from jpeg-js's encoder (baseline 4:2:0 YCbCr), a smooth colour gradient. */
function synthetic(width = 64, height = 48): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([x * 4, y * 5, 255 - x * 2, 255], (y * width + x) * 4);
  return new Uint8Array(jpeg.encode({ data, width, height }, 90).data);
}

/** Offset of the first segment with marker `m`. */
const segment = (b: Uint8Array, m: number) => {
  for (let p = 2; p + 4 <= b.length; p += 2 + ((b[p + 2] << 8) | b[p + 3])) if (b[p + 1] === m) return p;
  throw new Error('no such segment');
};
const patched = (b: Uint8Array, at: number, ...bytes: number[]) => {
  const c = new Uint8Array(b);
  c.set(bytes, at);
  return c;
};
const withSegment = (b: Uint8Array, seg: number[]) => new Uint8Array([...b.subarray(0, 2), ...seg, ...b.subarray(2)]);

describe('decodeJpegDc on constructed input', () => {
  const good = synthetic();

  it('agrees with the full decode of a synthetic image', () => {
    const a = agreement(decodeJpegDc(good, 1), decodeJpeg(good, 1, 64));
    expect(a.luma).toBeLessThan(1);
  });

  it('an Adobe APP14 transform 0 means the three components are RGB: no conversion', () => {
    const adobe = withSegment(good, [0xff, 0xee, 0, 14, ...Buffer.from('Adobe'), 0, 100, 0, 0, 0, 0, 0]);
    const raw = jpeg.decode(good, { useTArray: true, colorTransform: false }); // the YCbCr planes as stored
    expect(agreement(decodeJpegDc(adobe, 1), raw).rgb).toBeLessThan(2);
  });

  it.each([
    ['arithmetic coding', (b: Uint8Array) => patched(b, segment(b, 0xc0) + 1, 0xc9), /arithmetic/],
    ['lossless', (b: Uint8Array) => patched(b, segment(b, 0xc0) + 1, 0xc3), /lossless/],
    ['12-bit samples', (b: Uint8Array) => patched(b, segment(b, 0xc0) + 4, 12), /12-bit/],
    ['absurd dimensions', (b: Uint8Array) => patched(b, segment(b, 0xc0) + 5, 0xff, 0xff, 0xff, 0xff), /Mpixel exceeds/],
    ['zero height (DNL)', (b: Uint8Array) => patched(b, segment(b, 0xc0) + 5, 0, 0), /no size/],
    ['no SOS', (b: Uint8Array) => b.subarray(0, segment(b, 0xda)), /no scan/],
    ['no SOI', (b: Uint8Array) => b.subarray(2), /not a JPEG/],
    ['a Huffman table with more codes than fit', (b: Uint8Array) => patched(b, segment(b, 0xc4) + 5, 3), /Huffman table/],
    ['a Huffman table longer than its segment', (b: Uint8Array) => patched(b, segment(b, 0xc4) + 20, 200, 200), /Huffman table/],
    ['a segment past the end of the file', (b: Uint8Array) => patched(b, segment(b, 0xdb) + 2, 0xff, 0xf0), /overruns/],
  ])('refuses %s with a clear error', (_name, make, message) => {
    expect(() => decodeJpegDc(make(good), 40)).toThrow(message);
  });

  it('refuses four components (CMYK)', () => {
    const sof = [0xff, 0xc0, 0, 20, 8, 0, 16, 0, 16, 4, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4, 0x11, 0];
    expect(() => decodeJpegDc(new Uint8Array([0xff, 0xd8, ...sof, 0xff, 0xd9]), 40)).toThrow(/4 components/);
  });

  it('repeated scans stop at the scan cap; empty scans end decoding at once', () => {
    const sos = segment(good, 0xda);
    const header = good.subarray(0, sos),
      scan = good.subarray(sos, good.length - 2); // SOS to EOI
    const t0 = performance.now();
    expect(() => decodeJpegDc(new Uint8Array([...header, ...Array.from({ length: 200 }, () => [...scan]).flat()]), 40)).toThrow(
      /too many scans/,
    );
    const emptyScan = [0xff, 0xda, 0, 12, 3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0];
    const empty = decodeJpegDc(new Uint8Array([...header, ...Array.from({ length: 5000 }, () => emptyScan).flat()]), 40);
    expect(empty.decodedRows).toBe(0);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('random data in place of the scan, and random corruption, end quickly with bounded output', () => {
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const sosEnd = segment(good, 0xda) + 14;
    const t0 = performance.now();
    for (let i = 0; i < 300; i++) {
      const b = new Uint8Array(good);
      if (i < 100) for (let p = sosEnd; p < b.length - 2; p++) b[p] = Math.floor(rand() * 256);
      else for (let k = 0; k < 1 + (i % 8); k++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
      try {
        const dc = decodeJpegDc(b, 1);
        expect(dc.fullWidth * dc.fullHeight).toBeLessThanOrEqual(1e6);
        expect([dc.width, dc.height]).toEqual([Math.ceil(dc.fullWidth / 8), Math.ceil(dc.fullHeight / 8)]);
        expect(dc.data.length).toBe(dc.width * dc.height * 4);
      } catch (e) {
        expect(e).toBeInstanceOf(Error);
      }
    }
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});
