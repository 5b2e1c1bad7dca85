// Image extractor: agreement with ExifTool on the corpus images, the thumbnail-vs-image comparison
// on real edit pairs and on generated edits, and survival of generated corrupt EXIF.
import { readFileSync } from 'node:fs';
import exifr from 'exifr';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { imageExtractor } from '../../../../src/extract/image/image.js';
import { MIME } from '../../../../src/extract/mime.js';
import { sniff } from '../../../../src/extract/sniff.js';
import { BufferSource, openFileSource } from '../../../../src/extract/common/byte-source.js';
import { compareThumbnail, decodeJpeg } from '../../../../src/extract/image/thumbnail-compare.js';
import type { ExtractOutput } from '../../../../src/extract/types.js';
import { DEFAULT_LIMITS } from '../../../../src/ingest/limits.js';
import { CORPUS_ROOT, corpusMissing, REPO_ROOT, corpusPath } from '../../../support/corpus.js';

const ctx = () => ({ limits: DEFAULT_LIMITS, signal: new AbortController().signal, warn: () => {} });

async function extractBytes(bytes: Uint8Array, name = 'test.jpg'): Promise<ExtractOutput> {
  const source = new BufferSource(bytes);
  const mime = await sniff(source, name);
  return imageExtractor.extract({ source, name, mime, sha256: '', size: bytes.length, depth: 0 }, ctx());
}

async function extractCorpus(rel: string): Promise<{ out: ExtractOutput; mime: string }> {
  const { source, close } = await openFileSource(corpusPath(rel), DEFAULT_LIMITS.maxWholeFileBytes);
  try {
    const mime = await sniff(source, rel);
    const out = await imageExtractor.extract({ source, name: rel, mime, sha256: '', size: source.size, depth: 0 }, ctx());
    return { out, mime };
  } finally {
    await close();
  }
}

const meta = (out: ExtractOutput, source: string, key: string) =>
  out.metadata.filter((m) => m.source === source && m.key === key).map((m) => m.value);

// ---------------------------------------------------------------------------------------------
// ExifTool agreement. Reference recorded once by scripts/record-exiftool-image.sh (version inside).
// ---------------------------------------------------------------------------------------------

interface Reference {
  tool: string;
  version: string;
  files: Record<string, Record<string, string | string[]>>;
}

/**
 * Differences that are not Verity mistakes. Keyed 'path field'. Each stays only while it occurs
 * (the test fails on a stale entry), so fixing a gap forces its removal here.
 */
const ALLOWED: Record<string, string> = {
  // Representation: old cameras store an uncompressed RGB thumbnail (IFD1 StripOffsets/StripByteCounts).
  // ExifTool reports ThumbnailLength only for JPEG thumbnails; Verity reports the strip's byte size.
  'image/jpeg/exif-org-kodak-dc210.jpg ThumbnailLength': 'uncompressed RGB thumbnail',
  'image/jpeg/exif-org-sony-d700.jpg ThumbnailLength': 'uncompressed RGB thumbnail',
  // Representation: GPSAltitude is the rational 0/0; ExifTool prints the word 'undef', Verity has no number.
  'image/jpeg/exiftool-InfiRay.jpg GPSAltitude': 'rational 0/0',
  // Verity gap, not an ExifTool mistake: exifr 7 does not read BigTIFF (8-byte offsets), so the
  // file yields no EXIF and no dimensions (the failure is recorded in facts.image.errors).
  'image/tiff/exiftool-BigTIFF.btf ImageWidth': 'BigTIFF unsupported by exifr',
  'image/tiff/exiftool-BigTIFF.btf ImageHeight': 'BigTIFF unsupported by exifr',
};

type Getter = (t: Record<string, string | string[]>, out: ExtractOutput, mime: string) => { expected?: string; actual?: string | number };
const num = (a: string, b: string | number, tol: number) => Math.abs(Number(a) - Number(b)) < tol;

/** Field → where ExifTool (-G1) and Verity keep it. EXIF GPS only: XMP-derived composites are skipped. */
const FIELDS: Record<string, { get: Getter; same?: (a: string, b: string | number) => boolean }> = {
  Make: { get: (t, o) => ({ expected: t['IFD0:Make'] as string, actual: o.facts?.image?.make }) },
  Model: { get: (t, o) => ({ expected: t['IFD0:Model'] as string, actual: o.facts?.image?.model }) },
  Software: { get: (t, o) => ({ expected: t['IFD0:Software'] as string, actual: o.facts?.image?.software }) },
  DateTimeOriginal: { get: (t, o) => ({ expected: t['ExifIFD:DateTimeOriginal'] as string, actual: o.facts?.image?.dateTimeOriginal }) },
  CreateDate: { get: (t, o) => ({ expected: t['ExifIFD:CreateDate'] as string, actual: o.facts?.image?.createDate }) },
  ModifyDate: { get: (t, o) => ({ expected: t['IFD0:ModifyDate'] as string, actual: o.facts?.image?.modifyDate }) },
  OffsetTime: { get: (t, o) => ({ expected: t['ExifIFD:OffsetTime'] as string, actual: o.facts?.image?.offsetTime }) },
  OffsetTimeOriginal: {
    get: (t, o) => ({ expected: t['ExifIFD:OffsetTimeOriginal'] as string, actual: o.facts?.image?.offsetTimeOriginal }),
  },
  OffsetTimeDigitized: {
    get: (t, o) => ({ expected: t['ExifIFD:OffsetTimeDigitized'] as string, actual: o.facts?.image?.offsetTimeDigitized }),
  },
  GPSLatitude: {
    get: (t, o) => ({
      expected: t['GPS:GPSLatitude'] !== undefined ? (t['Composite:GPSLatitude'] as string) : undefined,
      actual: o.facts?.image?.gps?.latitude,
    }),
    same: (a, b) => num(a, b, 1e-6),
  },
  GPSLongitude: {
    get: (t, o) => ({
      expected: t['GPS:GPSLongitude'] !== undefined ? (t['Composite:GPSLongitude'] as string) : undefined,
      actual: o.facts?.image?.gps?.longitude,
    }),
    same: (a, b) => num(a, b, 1e-6),
  },
  GPSAltitude: {
    // Without GPSAltitudeRef ExifTool makes no Composite value; the raw GPS value is then the reference.
    get: (t, o) => ({
      expected: t['GPS:GPSAltitude'] !== undefined ? ((t['Composite:GPSAltitude'] ?? t['GPS:GPSAltitude']) as string) : undefined,
      actual: o.facts?.image?.gps?.altitude,
    }),
    same: (a, b) => num(a, b, 1e-3),
  },
  GPSDateTime: {
    get: (t, o) => ({
      expected: t['GPS:GPSDateStamp'] && t['GPS:GPSTimeStamp'] ? `${t['GPS:GPSDateStamp']} ${t['GPS:GPSTimeStamp']}` : undefined,
      actual: o.facts?.image?.gps?.timestamp?.includes(' ') ? o.facts.image.gps.timestamp : undefined,
    }),
  },
  Orientation: { get: (t, o) => ({ expected: t['IFD0:Orientation'] as string, actual: o.facts?.image?.orientation }) },
  ImageWidth: {
    get: (t, o, mime) => ({
      expected: (t['File:ImageWidth'] ??
        t['PNG:ImageWidth'] ??
        t['Photoshop:ImageWidth'] ??
        (mime === MIME.tiff ? t['IFD0:ImageWidth'] : undefined)) as string,
      actual: o.facts?.image?.width,
    }),
  },
  ImageHeight: {
    get: (t, o, mime) => ({
      expected: (t['File:ImageHeight'] ??
        t['PNG:ImageHeight'] ??
        t['Photoshop:ImageHeight'] ??
        (mime === MIME.tiff ? t['IFD0:ImageHeight'] : undefined)) as string,
      actual: o.facts?.image?.height,
    }),
  },
  // An IFD1 that declares a 0-byte thumbnail (ExifTool prints 0) holds no thumbnail: Verity says absent.
  ThumbnailLength: {
    get: (t, o) => ({
      expected: t['IFD1:ThumbnailLength'] === '0' ? undefined : (t['IFD1:ThumbnailLength'] as string),
      actual: o.facts?.image?.thumbnail?.present ? o.facts.image.thumbnail.size : undefined,
    }),
  },
  CreatorTool: { get: (t, o) => ({ expected: t['XMP-xmp:CreatorTool'] as string, actual: o.facts?.image?.creatorTool }) },
  XMPToolkit: { get: (t, o) => ({ expected: t['XMP-x:XMPToolkit'] as string, actual: o.facts?.image?.xmpToolkit }) },
  'By-line': {
    get: (t, o) => ({
      expected: Array.isArray(t['IPTC:By-line']) ? t['IPTC:By-line'].join(', ') : t['IPTC:By-line'],
      actual: meta(o, 'iptc', 'By-line').join(', ') || undefined,
    }),
  },
  Artist: { get: (t, o) => ({ expected: t['IFD0:Artist'] as string, actual: meta(o, 'exif', 'Artist')[0] }) },
};

describe.skipIf(corpusMissing())('image extractor agrees with ExifTool on the corpus images', () => {
  const ref = JSON.parse(readFileSync(`${REPO_ROOT}/test/fixtures/expected/exiftool-image.json`, 'utf8')) as Reference;

  it('matches every recorded field except the commented allow-list', { timeout: 300_000 }, async () => {
    expect(ref.tool).toBe('exiftool');
    expect(ref.version).toMatch(/^\d+\.\d+/);
    const agree: Record<string, number> = {};
    const unexpected: string[] = [];
    const allowedSeen = new Set<string>();
    let parsed = 0;
    for (const [rel, tags] of Object.entries(ref.files)) {
      const { out, mime } = await extractCorpus(rel);
      expect(imageExtractor.mimes, rel).toContain(mime);
      parsed++;
      for (const [field, { get, same }] of Object.entries(FIELDS)) {
        const got = get(tags, out, mime);
        const actual = got.actual;
        let expected = got.expected;
        // ExifTool prints an empty ASCII tag as ''; exifr (hence Verity) treats it as absent.
        if (expected === '') expected = undefined;
        if (expected === undefined && actual === undefined) continue;
        const ok =
          expected !== undefined &&
          actual !== undefined &&
          (same ? same(expected, actual) : String(expected).trim() === String(actual).trim());
        if (ok) {
          agree[field] = (agree[field] ?? 0) + 1;
          continue;
        }
        const id = `${rel} ${field}`;
        if (ALLOWED[id]) allowedSeen.add(id);
        else unexpected.push(`${id}: exiftool=${JSON.stringify(expected)} verity=${JSON.stringify(actual)}`);
      }
    }
    if (process.env.VERITY_PRINT_AGREEMENT) console.log({ parsed, agree, allowed: [...allowedSeen] });
    expect(unexpected).toEqual([]);
    expect([...allowedSeen].sort()).toEqual(Object.keys(ALLOWED).sort()); // no stale allow-list entry
    expect(parsed).toBe(Object.keys(ref.files).length);
    // Floors well below today's counts (Make 110, DateTimeOriginal 108, GPS 33...): a reader that
    // silently stops finding a field fails here even though "missing" on both sides is no difference.
    for (const [field, floor] of Object.entries({
      Make: 100,
      Model: 100,
      Software: 90,
      DateTimeOriginal: 100,
      CreateDate: 90,
      ModifyDate: 110,
      OffsetTime: 6,
      GPSLatitude: 30,
      GPSDateTime: 15,
      Orientation: 120,
      ImageWidth: 180,
      ThumbnailLength: 85,
      CreatorTool: 30,
      XMPToolkit: 50,
      'By-line': 20,
      Artist: 20,
    })) {
      expect(agree[field] ?? 0, field).toBeGreaterThanOrEqual(floor);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Facts on real files
// ---------------------------------------------------------------------------------------------

describe.skipIf(corpusMissing())('image facts on corpus files', () => {
  it('reads HEIC dates with their OffsetTime zones and GPS', async () => {
    const { out } = await extractCorpus('image/heic/exifr-heic-iphone7.heic');
    const im = out.facts!.image!;
    expect(im).toMatchObject({ format: 'heic', make: 'Apple', model: 'iPhone 7', width: 4032, height: 3024, offsetTimeOriginal: '+02:00' });
    const original = out.facts!.dates!.find((d) => d.role === 'original')!;
    expect(original).toEqual({
      role: 'original',
      source: 'exif:DateTimeOriginal',
      raw: '2019:10:20 18:34:30',
      utc: '2019-10-20T16:34:30.000Z',
      offsetMinutes: 120,
    });
    expect(im.gps!.latitude).toBeCloseTo(38.046641666, 6);
    expect(out.facts!.software).toContainEqual({ role: 'camera-software', value: '13.1.2', source: 'exif:Software' });
  });

  it('reads the Canon HEIF whose Exif item exifr cannot locate', async () => {
    const { out } = await extractCorpus('image/heic/tika-testHEIF.heic');
    expect(out.facts!.image).toMatchObject({ make: 'Canon', model: 'Canon EOS 40D', dateTimeOriginal: '2009:08:11 09:09:45' });
    expect(out.facts!.image!.errors!.join(' ')).toMatch(/exifr did not locate the HEIF Exif item/);
  });

  it('reads IPTC (By-line, dates with zone) and XMP history agents', async () => {
    const { out } = await extractCorpus('image/jpeg/exifr-iptc-staff-photographer-example.jpg');
    expect(meta(out, 'iptc', 'By-line')).toEqual(['John Doe']);
    expect(meta(out, 'iptc', 'Caption-Abstract')[0]).toMatch(/^After digging the furrows/);
    expect(out.facts!.dates).toContainEqual({
      role: 'original',
      source: 'iptc:DateCreated',
      raw: '20070419 110315-0600',
      utc: '2007-04-19T17:03:15.000Z',
      offsetMinutes: -360,
    });
    expect(out.facts!.people).toContainEqual({ role: 'author', name: 'John Doe', source: 'iptc:By-line' });
    expect(out.facts!.people).toContainEqual({ role: 'author', name: 'John Doe', source: 'xmp:dc:creator' });
    expect(out.facts!.image!.xmpHistory![0]).toBe('Adobe Photoshop CS4 Windows');
    expect(out.facts!.software).toContainEqual({ role: 'creator', value: 'Adobe Photoshop CS5 Windows', source: 'xmp:xmp:CreatorTool' });
    // XMP values stay as written: exifr's own XMP parser would turn the ZIP code into the number 2134.
    expect(meta(out, 'xmp', 'Iptc4xmpCore:CreatorContactInfo/Iptc4xmpCore:CiAdrPcode')).toEqual(['02134']);
    expect(out.title).toBe('01661gdx');
    expect(out.text).toContain('Farmer planting onions');
  });

  it('decodes UTF-16 XMP and cuts EXIF strings at their NUL terminator', async () => {
    const { out } = await extractCorpus('image/jpeg/exiftool-XMP.jpg');
    expect(meta(out, 'xmp', 'dc:description')).toEqual(['UTF-16 (big-endian) encoded XMP']);
    const polaroid = await extractCorpus('image/jpeg/exif-samples-WWL_Polaroid_ION230.jpg');
    expect(polaroid.out.facts!.image!.model).toBe('ION230');
  });

  it('reads PSD image resources (EXIF, XMP) and the PNG eXIf chunk', async () => {
    const psd = await extractCorpus('image/other/exiftool-Photoshop.psd');
    expect(psd.out.facts!.image).toMatchObject({ format: 'psd', width: 8, height: 8, software: 'Adobe Photoshop 7.0' });
    const png = await extractCorpus('image/png/exifr-png_with_exif_and_gps.png');
    // Canon camera Make/Model beside Google HDR+ Software: the checks need both, as written.
    expect(png.out.facts!.image).toMatchObject({ make: 'Canon', model: 'Canon PowerShot S40', software: 'HDR+ 1.0.199571065z' });
    expect(meta(png.out, 'png', 'Software')).toEqual(['HDR+ 1.0.199571065z']);
    expect(png.out.facts!.dates!.find((d) => d.role === 'gps')).toMatchObject({
      raw: '2018:07:25 14:34:23',
      utc: '2018-07-25T14:34:23.000Z',
      offsetMinutes: 0,
    });
  });

  it('survives every malformed corpus image listed in EXPECTED.tsv, each in bounded time', async () => {
    const rows = readFileSync(`${CORPUS_ROOT}/EXPECTED.tsv`, 'utf8')
      .split('\n')
      .map((l) => l.split('\t'));
    const malformed = rows.filter((r) => r[0]?.startsWith('image/') && r[1] === 'malformed').map((r) => r[0]);
    expect(malformed.length).toBeGreaterThanOrEqual(10);
    for (const rel of malformed) {
      const t0 = Date.now();
      const { out } = await extractCorpus(rel);
      expect(out.facts!.image!.format, rel).toBeTruthy();
      expect(Date.now() - t0, rel).toBeLessThan(20_000);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Thumbnail versus image
// ---------------------------------------------------------------------------------------------

/** The marker segments of a JPEG up to SOS: [start, end) of each, with its marker. */
function segments(b: Uint8Array): { marker: number; start: number; end: number }[] {
  const out: { marker: number; start: number; end: number }[] = [];
  let i = 2;
  while (i + 4 <= b.length && b[i] === 0xff && b[i + 1] !== 0xda) {
    const len = (b[i + 2] << 8) | b[i + 3];
    out.push({ marker: b[i + 1], start: i, end: i + 2 + len });
    i += 2 + len;
  }
  return out;
}

/** A JPEG re-encoded from `pixels` carrying `app1` (an EXIF segment taken from another file). */
function withExif(pixels: { width: number; height: number; data: Uint8Array }, app1: Uint8Array): Uint8Array {
  const encoded = jpeg.encode({ width: pixels.width, height: pixels.height, data: Buffer.from(pixels.data) }, 90).data;
  return Buffer.concat([encoded.subarray(0, 2), app1, encoded.subarray(2)]);
}

describe.skipIf(corpusMissing())('embedded thumbnail compared with the image', () => {
  it('matches the image on the edit pairs, and the pairs differ from each other', async () => {
    const original = await extractCorpus('image/jpeg/exif-samples-Canon_40D.jpg');
    const edited = await extractCorpus('image/jpeg/exif-samples-Canon_40D_photoshop_import.jpg');
    const o = original.out.facts!.image!,
      e = edited.out.facts!.image!;
    // GIMP regenerated each file's thumbnail: each agrees with its own pixels...
    expect(o.thumbnail).toMatchObject({ present: true, size: 1378, width: 68, height: 46 });
    expect(o.thumbnail!.differenceFromImage!).toBeLessThan(10);
    expect(e.thumbnail!.differenceFromImage!).toBeLessThan(10);
    // ...while the edited copy lost the camera fields and has a thumbnail of other content.
    expect(o.make).toBe('Canon');
    expect(e.make).toBeUndefined();
    expect(e.dateTimeOriginal).toBeUndefined();
    expect(e.thumbnail!.sha256).not.toBe(o.thumbnail!.sha256);
    // Cross-check with the comparison itself: thumbnail of one file against the other's pixels.
    const tA = decodeJpeg((await exifr.thumbnail(readFileSync(corpusPath('image/jpeg/exif-samples-Canon_40D.jpg'))))!, 4, 64);
    const imgB = decodeJpeg(readFileSync(corpusPath('image/jpeg/exif-samples-Canon_40D_photoshop_import.jpg')), 40, 256);
    expect(compareThumbnail(tA, imgB).difference).toBeGreaterThan(30);
  });

  it('exifr-img_1771: the camera thumbnail matches both the EXIF copy and the stripped copy', async () => {
    const withE = await extractCorpus('image/jpeg/exifr-img_1771.jpg');
    const without = await extractCorpus('image/jpeg/exifr-img_1771_no_exif.jpg');
    expect(withE.out.facts!.image!.thumbnail).toMatchObject({ present: true, size: 5448, width: 160, height: 120 });
    expect(withE.out.facts!.image!.thumbnail!.differenceFromImage!).toBeLessThan(8);
    expect(without.out.facts!.image!.thumbnail).toEqual({ present: false, size: 0 });
    expect(withE.out.facts!.image!.exifDimensions).toEqual({ width: 2272, height: 1704 }); // camera size; pixels are 480×360
  });

  it('flags the corpus photo that was rotated after the camera wrote its thumbnail', async () => {
    const { out } = await extractCorpus('image/jpeg/exifr-issue-exifr-41-Error_Segment_Unreachable.jpg');
    const im = out.facts!.image!;
    expect([im.width, im.height]).toEqual([297, 396]); // portrait pixels
    expect([im.thumbnail!.width, im.thumbnail!.height]).toEqual([160, 107]); // landscape thumbnail
    expect(im.thumbnail!.differenceFromImage!).toBeGreaterThan(30);
  });

  it('detects a generated edit that kept the old EXIF thumbnail, and not a plain re-save', async () => {
    const src = readFileSync(corpusPath('image/jpeg/exifr-img_1771.jpg'));
    const app1 = segments(src).find(
      (s) => s.marker === 0xe1 && Buffer.from(src.subarray(s.start + 4, s.start + 8)).toString('latin1') === 'Exif',
    )!;
    const exifSegment = src.subarray(app1.start, app1.end);
    const pixels = decodeJpeg(src, 40, 256);

    const resaved = await extractBytes(withExif(pixels, exifSegment));
    const retouched = { ...pixels, data: new Uint8Array(pixels.data) };
    // Paint over the middle quarter of the picture, as a retouch or a pasted object would.
    for (let y = pixels.height / 4; y < (pixels.height * 3) / 4; y++) {
      for (let x = pixels.width / 4; x < (pixels.width * 3) / 4; x++) {
        const p = (y * pixels.width + x) * 4;
        retouched.data[p] = 250;
        retouched.data[p + 1] = 250;
        retouched.data[p + 2] = 20;
      }
    }
    const edited = await extractBytes(withExif(retouched, exifSegment));
    const r = resaved.facts!.image!.thumbnail!,
      e = edited.facts!.image!.thumbnail!;
    expect(r.sha256).toBe(e.sha256); // the same old thumbnail travels with both
    expect(r.differenceFromImage!).toBeLessThan(8);
    expect(e.differenceFromImage!).toBeGreaterThan(20);
    expect(edited.facts!.image!.make).toBe('Canon'); // camera EXIF kept by the "editor"
  });

  it('reads an uncompressed RGB thumbnail strip (1990s cameras)', async () => {
    const { out } = await extractCorpus('image/jpeg/exif-org-kodak-dc210.jpg');
    expect(out.facts!.image!.thumbnail).toMatchObject({ present: true, size: 20736, width: 96, height: 72 });
    expect(out.facts!.image!.thumbnail!.differenceFromImage!).toBeLessThan(8);
  });

  it('compares a photo cut short on the rows it has, and says so; skips one cut before half', async () => {
    const whole = readFileSync(corpusPath('image/jpeg/exifr-IMG_20180725_163423-tiny.jpg'));
    const full = (await extractBytes(whole)).facts!.image!;
    const cut = (await extractBytes(whole.subarray(0, Math.floor(whole.length * 0.8)))).facts!.image!;
    expect(full.thumbnail!.differenceFromImage!).toBeLessThan(3);
    expect(cut.thumbnail!.differenceFromImage!).toBeLessThan(4);
    expect(cut.errors).toEqual([
      expect.stringMatching(/^image data: truncated or corrupt after \d+% of its rows; the thumbnail was compared with that part only$/),
    ]);
    const { out } = await extractCorpus('image/jpeg/exif-samples-corrupted.jpg'); // stray marker at 11% of the rows
    expect(out.facts!.image!.thumbnail!.differenceFromImage).toBeUndefined();
    expect(out.facts!.image!.thumbnail!.comparisonSkipped).toMatch(/^image data truncated or corrupt after 11% of its rows$/);
  });
});

// ---------------------------------------------------------------------------------------------
// Generated corrupt EXIF: never a crash, never a hang
// ---------------------------------------------------------------------------------------------

/** Little-endian TIFF builder: IFD entries are [tag, type, count, value-or-offset]. */
function tiff(
  ifds: { at: number; entries: [number, number, number, number][]; next: number }[],
  size: number,
  data: [number, Uint8Array][] = [],
): Uint8Array {
  const b = Buffer.alloc(size);
  b.write('II', 0, 'latin1');
  b.writeUInt16LE(42, 2);
  b.writeUInt32LE(ifds[0].at, 4);
  for (const ifd of ifds) {
    b.writeUInt16LE(ifd.entries.length, ifd.at);
    ifd.entries.forEach(([tag, type, count, value], k) => {
      const e = ifd.at + 2 + k * 12;
      b.writeUInt16LE(tag, e);
      b.writeUInt16LE(type, e + 2);
      b.writeUInt32LE(count >>> 0, e + 4);
      b.writeUInt32LE(value >>> 0, e + 8);
    });
    b.writeUInt32LE(ifd.next >>> 0, ifd.at + 2 + ifd.entries.length * 12);
  }
  for (const [at, bytes] of data) b.set(bytes, at);
  return b;
}

const ASCII = 2,
  SHORT = 3,
  LONG = 4;
const MAKE = 0x010f,
  MODEL = 0x0110,
  EXIF_IFD = 0x8769,
  GPS_IFD = 0x8825,
  THUMB_OFFSET = 0x0201,
  THUMB_LENGTH = 0x0202;

function tinyJpeg(): Uint8Array {
  const data = new Uint8Array(16 * 16 * 4).fill(128);
  return jpeg.encode({ width: 16, height: 16, data: Buffer.from(data) }, 80).data;
}

/** A valid 16×16 JPEG carrying `tiffBytes` in an Exif APP1 (length field as given, or the true one). */
function jpegWithExif(tiffBytes: Uint8Array, declaredLength?: number): Uint8Array {
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiffBytes]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(Math.min(0xffff, declaredLength ?? body.length + 2), 2);
  const img = tinyJpeg();
  return Buffer.concat([img.subarray(0, 2), head, body, img.subarray(2)]);
}

describe('corrupt EXIF never crashes or hangs the image extractor', () => {
  const canon = new TextEncoder().encode('Canon\0');
  const cases: [string, Uint8Array][] = [
    // IFD0's next-IFD pointer and its ExifIFD pointer both lead back to IFD0.
    [
      'IFD loop',
      jpegWithExif(
        tiff(
          [
            {
              at: 8,
              entries: [
                [MAKE, ASCII, 6, 50],
                [EXIF_IFD, LONG, 1, 8],
              ],
              next: 8,
            },
          ],
          64,
          [[50, canon]],
        ),
      ),
    ],
    // GPS IFD points at itself.
    [
      'GPS IFD self-loop',
      jpegWithExif(
        tiff(
          [
            {
              at: 8,
              entries: [
                [MAKE, ASCII, 6, 60],
                [GPS_IFD, LONG, 1, 30],
              ],
              next: 0,
            },
            { at: 30, entries: [[GPS_IFD, LONG, 1, 30]], next: 30 },
          ],
          80,
          [[60, canon]],
        ),
      ),
    ],
    // Values and sub-IFDs far outside the file, absurd counts.
    [
      'offsets outside the file',
      jpegWithExif(
        tiff(
          [
            {
              at: 8,
              entries: [
                [MAKE, ASCII, 0x7fffffff, 0xfffffff0],
                [MODEL, ASCII, 10, 0x00100000],
                [EXIF_IFD, LONG, 1, 0x7fffffff],
                [GPS_IFD, LONG, 1, 0xfffffff0],
              ],
              next: 0xfffffff0,
            },
          ],
          64,
        ),
      ),
    ],
    // Thumbnail offset/length beyond the file: the thumbnail reader must not allocate or throw.
    [
      'thumbnail outside the file',
      jpegWithExif(
        tiff(
          [
            { at: 8, entries: [[MAKE, ASCII, 6, 80]], next: 26 },
            {
              at: 26,
              entries: [
                [THUMB_OFFSET, LONG, 1, 0xfffff000],
                [THUMB_LENGTH, LONG, 1, 0x7fffffff],
                [0x0103, SHORT, 1, 6],
              ],
              next: 0,
            },
          ],
          96,
          [[80, canon]],
        ),
      ),
    ],
    // An IFD claiming 65535 entries in a 32-byte block.
    [
      'entry count beyond the data',
      jpegWithExif(tiff([{ at: 8, entries: [], next: 0 }], 32).map((v, i) => (i === 8 || i === 9 ? 0xff : v))),
    ],
    // APP1 length larger than the whole file (truncated download).
    [
      'APP1 longer than the file',
      jpegWithExif(tiff([{ at: 8, entries: [[MAKE, ASCII, 6, 50]], next: 0 }], 64, [[50, canon]]), 0xfff0).subarray(0, 60),
    ],
    // A bare TIFF file (not JPEG) whose IFD chain loops.
    [
      'TIFF file with IFD loop',
      tiff(
        [
          {
            at: 8,
            entries: [
              [MAKE, ASCII, 6, 40],
              [0x0100, SHORT, 1, 1],
              [0x0101, SHORT, 1, 1],
            ],
            next: 8,
          },
        ],
        64,
        [[40, canon]],
      ),
    ],
  ];

  for (const [name, bytes] of cases) {
    it(name, async () => {
      const t0 = Date.now();
      const out = await extractBytes(bytes, name.includes('TIFF file') ? 'x.tif' : 'x.jpg');
      expect(Date.now() - t0).toBeLessThan(5000);
      expect(['jpeg', 'tiff']).toContain(out.facts!.image!.format);
      expect(out.metadata.find((m) => m.source === 'image' && m.key === 'format')).toBeTruthy();
    });
  }

  it('still reads Make through an IFD loop', async () => {
    const out = await extractBytes(cases[0][1]);
    expect(out.facts!.image!.make).toBe('Canon');
    expect(out.facts!.image!.width).toBe(16);
  });

  it('refuses an XMP packet with a DOCTYPE (entity bomb) and keeps the rest', async () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>' +
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:format="&c;"/></rdf:RDF></x:xmpmeta>';
    const payload = Buffer.concat([Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1'), Buffer.from(bomb)]);
    const head = Buffer.from([0xff, 0xe1, 0, 0]);
    head.writeUInt16BE(payload.length + 2, 2);
    const img = tinyJpeg();
    const out = await extractBytes(Buffer.concat([img.subarray(0, 2), head, payload, img.subarray(2)]));
    expect(out.facts!.image!.errors!.join(' ')).toMatch(/xmp: .*DOCTYPE/);
    expect(out.facts!.image!.width).toBe(16);
  });

  it('a truncated PSD yields its header facts, not an exception', async () => {
    const psd = Buffer.alloc(40);
    psd.write('8BPS', 0, 'latin1');
    psd.writeUInt16BE(1, 4);
    psd.writeUInt32BE(20, 14);
    psd.writeUInt32BE(30, 18);
    psd.writeUInt32BE(0xfffffff0, 26); // colour-mode section "longer than the file"
    const out = await extractBytes(psd, 'x.psd');
    expect(out.facts!.image).toMatchObject({ format: 'psd', width: 30, height: 20 });
  });
});
