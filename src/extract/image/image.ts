// Image extractor: EXIF/TIFF/GPS (exifr), XMP, IPTC, PNG text, JPEG comments, pixel dimensions and
// the embedded EXIF thumbnail, compared with the image it previews.
//
// exifr runs once per segment family (TIFF blocks, XMP, PNG text) rather than once for all: one
// malformed segment (an IPTC tag typed LONG, a broken XMP) then costs that segment only, and the
// failure is recorded in facts.image.errors instead of silently emptying the whole output.
// Values are read with translateValues/reviveValues off, so dates and enums stay as written.
// exifr is only ever handed bytes: given a string it would treat it as a path or URL and fetch it.

import { createHash } from 'node:crypto';
import exifr from 'exifr';
import type { MetadataEntry } from '../../model/document.js';
import type { ClaimedDate, Facts, ImageFacts, PersonClaim, SoftwareClaim } from '../../model/facts.js';
import { MIME } from '../mime.js';
import { toBuffer } from '../common/byte-source.js';
import { claimDate, parseExifDate, parseIsoDate } from '../../shared/dates.js';
import {
  gifDimensions,
  gifXmp,
  heifDimensions,
  pngDimensions,
  readJpegStructure,
  readPsdStructure,
  readWebpChunks,
  scanHeifExif,
  scanXmpPacket,
  tiffBlock,
  tiffIfd0Blobs,
  webpDimensions,
  type Dimensions,
} from './structure.js';
import { parseIptcIim, parsePhotoshopResources, PS_RESOURCE, type IptcRecord } from './iptc-iim.js';
import { compareThumbnail, decodeJpeg, decodeMainImage, type RgbaImage } from './thumbnail-compare.js';
import { decodeXmpBytes, readXmp, xmpList, type XmpFacts } from '../xmp/xmp.js';
import { ExtractError, type ExtractContext, type ExtractInput, type ExtractOutput, type Extractor } from '../types.js';

type Tags = Record<string, unknown>;

const FORMAT: Record<string, string> = {
  [MIME.jpeg]: 'jpeg',
  [MIME.png]: 'png',
  [MIME.tiff]: 'tiff',
  [MIME.heic]: 'heic',
  [MIME.webp]: 'webp',
  [MIME.gif]: 'gif',
  [MIME.psd]: 'psd',
};

/** Every segment off; each pass turns on what it reads. Module constants: exifr caches options by identity. */
const OFF = {
  chunked: false,
  mergeOutput: false,
  translateKeys: true,
  translateValues: false,
  reviveValues: false,
  sanitize: true,
  silentErrors: true,
  makerNote: false,
  userComment: false,
  multiSegment: false,
  jfif: false,
  icc: false,
  xmp: false,
  iptc: false,
  ihdr: false,
  tiff: false,
  ifd0: false,
  ifd1: false,
  exif: false,
  gps: false,
  interop: false,
} as const;
const TIFF_PASS = { ...OFF, tiff: true, ifd0: true, ifd1: true, exif: true, gps: true, interop: true };
const XMP_PASS = { ...OFF, xmp: { parse: false } };
const PNG_TEXT_PASS = { ...OFF, ihdr: true };

/** Above this many pixels the main image is not decoded for the thumbnail comparison. */
export const MAX_COMPARE_MEGAPIXELS = 40;
/** Values longer than this are cut in metadata entries (a caption may be long; a blob is skipped). */
const MAX_VALUE_CHARS = 8192;
const MAX_ENTRIES = 5000;
const IHDR_FIELDS = new Set(['ImageWidth', 'ImageHeight', 'BitDepth', 'ColorType', 'Compression', 'Filter', 'Interlace']);

/** A tag value as text, as close as exifr lets us get to what the file holds. */
function asText(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  // EXIF ASCII values end at the first NUL (TIFF 6.0 §2); bytes after it are padding or junk.
  if (typeof v === 'string') return v.includes('\0') ? v.slice(0, v.indexOf('\0')) : v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Uint8Array) {
    // UNDEFINED-typed tags: ExifVersion '0230', FlashpixVersion... are ASCII digits; blobs are skipped.
    if (v.length <= 64 && v.every((c) => c >= 0x20 && c < 0x7f)) return Buffer.from(v).toString('latin1');
    // Short BYTE arrays (GPSVersionID, GPSAltitudeRef) as decimal numbers, as ExifTool -n prints them.
    return v.length <= 32 ? Array.from(v).join(' ') : undefined;
  }
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) v = Array.from(v as unknown as ArrayLike<number>);
  if (Array.isArray(v)) {
    const parts = v.map(asText);
    return parts.every((p) => p !== undefined) ? parts.join(' ') : undefined;
  }
  return undefined;
}

function str(v: unknown): string | undefined {
  const t = asText(v)?.trim();
  return t ? t : undefined;
}

function finite(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

async function exifrPass(data: Uint8Array, options: object, label: string, errors: string[]): Promise<Record<string, Tags>> {
  try {
    const out = (await exifr.parse(data, options)) as Record<string, unknown> | undefined;
    if (!out) return {};
    if (Array.isArray(out.errors)) for (const e of out.errors) errors.push(`${label}: ${e instanceof Error ? e.message : String(e)}`);
    return out as Record<string, Tags>;
  } catch (e) {
    errors.push(`${label}: ${e instanceof Error ? e.message : String(e)}`);
    return {};
  }
}

/** Degrees/minutes/seconds array and N/S/E/W reference → signed decimal degrees. */
function gpsCoordinate(dms: unknown, ref: unknown, limit: number): number | undefined {
  let deg: number | undefined;
  if (Array.isArray(dms) && dms.length >= 1 && dms.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    deg = dms[0] + (dms[1] ?? 0) / 60 + (dms[2] ?? 0) / 3600;
  } else deg = finite(dms);
  if (deg === undefined || Math.abs(deg) > limit) return undefined;
  const r = typeof ref === 'string' ? ref.trim().toUpperCase() : '';
  return r === 'S' || r === 'W' ? -deg : deg;
}

/** GPSTimeStamp [h, m, s] → 'HH:MM:SS' (fraction kept: '14:27:07.24'). */
function gpsTime(v: unknown): string | undefined {
  if (!Array.isArray(v) || v.length < 3 || !v.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0)) return undefined;
  const [h, m, s] = v as number[];
  const whole = Math.floor(s);
  const frac = Math.round((s - whole) * 100);
  const two = (n: number) => String(Math.floor(n)).padStart(2, '0');
  return `${two(h)}:${two(m)}:${two(whole)}${frac ? `.${String(frac).padStart(2, '0')}` : ''}`;
}

/** IPTC date 'CCYYMMDD' + time 'HHMMSS±HHMM' → ISO 8601 for parseIsoDate. */
function iptcIso(date: string, time?: string): string | undefined {
  const d = date.trim().match(/^(\d{4})(\d{2})(\d{2})$/);
  if (!d) return undefined;
  const t = time?.trim().match(/^(\d{2})(\d{2})(\d{2})(?:([+-])(\d{2})(\d{2}))?$/);
  if (!t) return `${d[1]}-${d[2]}-${d[3]}`;
  return `${d[1]}-${d[2]}-${d[3]}T${t[1]}:${t[2]}:${t[3]}${t[4] ? `${t[4]}${t[5]}:${t[6]}` : ''}`;
}

function sha256(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}

interface Collected {
  dims?: Dimensions;
  tiffSource?: Uint8Array;
  xmpText?: string;
  iptcBytes?: Uint8Array;
  thumbnailBytes?: Uint8Array;
  /** JPEG: file offset of the EXIF TIFF header (for uncompressed thumbnails, whose offsets count from it). */
  exifTiffOffset?: number;
  comments: string[];
}

/** Locate the metadata blocks of each container format. */
function collect(format: string, bytes: Uint8Array, errors: string[]): Collected {
  const c: Collected = { comments: [] };
  const utf8 = decodeXmpBytes;
  switch (format) {
    case 'jpeg': {
      const s = readJpegStructure(bytes);
      c.dims = s.frame;
      c.comments = s.comments;
      c.exifTiffOffset = s.exifTiffOffset;
      c.tiffSource = bytes;
      if (s.xmp) c.xmpText = decodeXmpBytes(s.xmp);
      for (const ps of s.photoshop) {
        const iptc = parsePhotoshopResources(ps).get(PS_RESOURCE.iptc);
        if (iptc) {
          c.iptcBytes = iptc;
          break;
        }
      }
      break;
    }
    case 'tiff': {
      c.tiffSource = bytes;
      const blobs = tiffIfd0Blobs(bytes);
      c.iptcBytes = blobs.iptc ?? (blobs.photoshop ? parsePhotoshopResources(blobs.photoshop).get(PS_RESOURCE.iptc) : undefined);
      break;
    }
    case 'png':
      c.dims = pngDimensions(bytes);
      c.tiffSource = bytes;
      break;
    case 'heic':
      c.dims = heifDimensions(bytes);
      c.tiffSource = bytes;
      break;
    case 'gif': {
      c.dims = gifDimensions(bytes);
      const x = gifXmp(bytes);
      if (x) c.xmpText = utf8(x);
      break;
    }
    case 'webp': {
      c.dims = webpDimensions(bytes);
      const w = readWebpChunks(bytes);
      if (w.exif) c.tiffSource = tiffBlock(w.exif);
      if (w.xmp) c.xmpText = utf8(w.xmp);
      break;
    }
    case 'psd': {
      const p = readPsdStructure(bytes);
      if (!p) {
        errors.push('psd: header unreadable');
        break;
      }
      c.dims = { width: p.width, height: p.height };
      const exif = p.resources.get(PS_RESOURCE.exif);
      if (exif) c.tiffSource = tiffBlock(exif);
      const xmp = p.resources.get(PS_RESOURCE.xmp);
      if (xmp) c.xmpText = utf8(xmp);
      c.iptcBytes = p.resources.get(PS_RESOURCE.iptc);
      // Thumbnail resource: 28-byte header (format, width, height, ...), then JFIF data.
      const th = p.resources.get(PS_RESOURCE.thumbnail);
      if (th && th.length > 28 && th[28] === 0xff && th[29] === 0xd8) c.thumbnailBytes = th.subarray(28);
      break;
    }
  }
  return c;
}

export const imageExtractor: Extractor = {
  id: 'image',
  version: 2,
  kind: 'image',
  container: false,
  mimes: [MIME.jpeg, MIME.png, MIME.tiff, MIME.heic, MIME.webp, MIME.gif, MIME.psd],

  async extract(input: ExtractInput, ctx: ExtractContext): Promise<ExtractOutput> {
    const bytes = await toBuffer(input.source);
    const format = FORMAT[input.mime] ?? input.mime;
    const errors: string[] = [];
    const metadata: MetadataEntry[] = [];
    const add = (source: string, key: string, value: string | undefined): void => {
      if (value === undefined || metadata.length >= MAX_ENTRIES) return;
      metadata.push({ source, key, value: value.length > MAX_VALUE_CHARS ? value.slice(0, MAX_VALUE_CHARS) : value });
    };

    const c = collect(format, bytes, errors);

    // --- exifr passes ---------------------------------------------------------------------------
    let ifd0: Tags = {},
      exif: Tags = {},
      gps: Tags = {},
      interop: Tags = {},
      ifd1: Tags = {};
    let pngText: Tags = {};
    if (c.tiffSource && c.tiffSource.length >= 8) {
      let t = await exifrPass(c.tiffSource, TIFF_PASS, 'exif', errors);
      if (format === 'heic' && !t.ifd0) {
        const block = scanHeifExif(bytes);
        if (block) {
          errors.push('exif: exifr did not locate the HEIF Exif item; read it by its Exif prologue');
          t = await exifrPass(block, TIFF_PASS, 'exif', errors);
        }
      }
      ({ ifd0 = {}, exif = {}, gps = {}, interop = {}, ifd1 = {} } = t);
      if (!c.xmpText && (format === 'jpeg' || format === 'tiff' || format === 'png' || format === 'heic')) {
        const x = await exifrPass(c.tiffSource, XMP_PASS, 'xmp', errors);
        if (typeof x.xmp === 'string') c.xmpText = x.xmp as unknown as string;
      }
      if (!c.xmpText && format === 'heic') {
        const packet = scanXmpPacket(bytes);
        if (packet) c.xmpText = decodeXmpBytes(packet);
      }
      if (format === 'png') {
        pngText = (await exifrPass(bytes, PNG_TEXT_PASS, 'png', errors)).ihdr ?? {};
      }
    }
    if (format === 'tiff' && !c.dims) {
      const w = finite(ifd0.ImageWidth),
        h = finite(ifd0.ImageHeight);
      if (w && h) c.dims = { width: w, height: h };
    }
    if (ctx.signal.aborted) throw new ExtractError('timeout', `${input.name}: stopped after reading EXIF`);

    // --- metadata entries -----------------------------------------------------------------------
    add('image', 'format', format);
    if (c.dims) {
      add('image', 'width', String(c.dims.width));
      add('image', 'height', String(c.dims.height));
    }
    for (const [k, v] of [...Object.entries(ifd0), ...Object.entries(exif), ...Object.entries(interop)]) add('exif', k, asText(v));
    for (const [k, v] of Object.entries(ifd1)) add('exif.ifd1', k, asText(v));
    // exifr adds computed 'latitude'/'longitude' to the GPS block; they are not in the file.
    for (const [k, v] of Object.entries(gps)) if (k !== 'latitude' && k !== 'longitude') add('gps', k, asText(v));
    for (const [k, v] of Object.entries(pngText)) if (!IHDR_FIELDS.has(k)) add('png', k, asText(v));
    for (const comment of c.comments) add('jpeg', 'Comment', comment);

    let xmp: XmpFacts | undefined;
    if (c.xmpText) {
      try {
        xmp = readXmp(c.xmpText);
        if (xmp.toolkit !== undefined) add('xmp', 'x:xmptk', xmp.toolkit);
        for (const p of xmp.properties) add('xmp', p.key, p.value);
        if (xmp.truncated) errors.push('xmp: too many properties, rest dropped');
      } catch (e) {
        errors.push(`xmp: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    const xmpValues = (key: string): string[] => (xmp ? xmpList(xmp, key) : []);
    const xmpValue = (key: string): string | undefined => xmpValues(key)[0];
    let iptc: IptcRecord[] = [];
    if (c.iptcBytes) {
      iptc = parseIptcIim(c.iptcBytes);
      for (const r of iptc) add('iptc', r.key, r.value);
    }
    const iptcValue = (key: string) => iptc.find((r) => r.key === key)?.value;

    // --- facts ----------------------------------------------------------------------------------
    const image: ImageFacts = { format };
    if (c.dims) Object.assign(image, { width: c.dims.width, height: c.dims.height });
    image.make = str(ifd0.Make);
    image.model = str(ifd0.Model);
    image.software = str(ifd0.Software);
    image.serialNumber =
      str(exif.SerialNumber) ??
      str(ifd0.CameraSerialNumber) ??
      str(ifd0.SerialNumber) ??
      xmpValue('aux:SerialNumber') ??
      xmpValue('exifEX:BodySerialNumber');
    image.dateTimeOriginal = str(exif.DateTimeOriginal);
    image.createDate = str(exif.CreateDate);
    image.modifyDate = str(ifd0.ModifyDate);
    image.offsetTime = str(exif.OffsetTime);
    image.offsetTimeOriginal = str(exif.OffsetTimeOriginal);
    image.offsetTimeDigitized = str(exif.OffsetTimeDigitized);
    const orientation = finite(ifd0.Orientation);
    if (orientation !== undefined) image.orientation = orientation;
    const ew = finite(exif.ExifImageWidth),
      eh = finite(exif.ExifImageHeight);
    if (ew && eh) image.exifDimensions = { width: ew, height: eh };

    const lat = gpsCoordinate(gps.GPSLatitude, gps.GPSLatitudeRef, 90);
    const lon = gpsCoordinate(gps.GPSLongitude, gps.GPSLongitudeRef, 180);
    const gpsDate = str(gps.GPSDateStamp);
    const gpsClock = gpsTime(gps.GPSTimeStamp);
    if (lat !== undefined && lon !== undefined) {
      image.gps = { latitude: lat, longitude: lon };
      const alt = finite(gps.GPSAltitude);
      // GPSAltitudeRef is a BYTE: 1 = below sea level. exifr hands it over as a number or a 1-byte array.
      const altRef = gps.GPSAltitudeRef instanceof Uint8Array ? gps.GPSAltitudeRef[0] : gps.GPSAltitudeRef;
      if (alt !== undefined) image.gps.altitude = altRef === 1 ? -alt : alt;
      if (gpsDate || gpsClock) image.gps.timestamp = [gpsDate, gpsClock].filter(Boolean).join(' ');
    }
    if (xmp) {
      image.xmpToolkit = xmp.toolkit;
      image.creatorTool = xmpValue('xmp:CreatorTool');
      const agents = xmp.history.map((e) => e.softwareAgent).filter((a): a is string => !!a);
      if (agents.length) image.xmpHistory = agents;
    }
    if (c.comments.length) image.comments = c.comments;

    // --- thumbnail --------------------------------------------------------------------------------
    const th = await readThumbnail(c, ifd1, bytes, format, errors);
    if (th.bytes) {
      image.thumbnail = { present: true, size: th.bytes.length, sha256: sha256(th.bytes) };
      if (th.pixels) Object.assign(image.thumbnail, { width: th.pixels.width, height: th.pixels.height });
      if (th.skipped) image.thumbnail.comparisonSkipped = th.skipped;
      else compareWithImage(image, th.pixels!, bytes, format, c.dims, ctx, errors);
    } else if (th.declaredSize) {
      image.thumbnail = {
        present: true,
        size: th.declaredSize,
        comparisonSkipped: th.skipped ?? 'thumbnail bytes not extracted from this format',
      };
    } else {
      image.thumbnail = { present: false, size: 0 };
    }
    if (errors.length) image.errors = errors;

    // --- generic claims ---------------------------------------------------------------------------
    const dates: ClaimedDate[] = [];
    const exifDate = (role: string, key: string, raw: string | undefined, offset: string | undefined) => {
      if (raw) dates.push(claimDate(role, `exif:${key}`, raw, (r) => parseExifDate(r, offset)));
    };
    exifDate('original', 'DateTimeOriginal', image.dateTimeOriginal, image.offsetTimeOriginal);
    exifDate('digitized', 'CreateDate', image.createDate, image.offsetTimeDigitized);
    exifDate('modified', 'ModifyDate', image.modifyDate, image.offsetTime);
    if (gpsDate && gpsClock) dates.push(claimDate('gps', 'gps:GPSDateStamp', `${gpsDate} ${gpsClock}`, (r) => parseExifDate(r, '+00:00')));
    if (xmp) {
      const xmpDates: [string, string][] = [
        ['xmp:CreateDate', 'created'],
        ['xmp:ModifyDate', 'modified'],
        ['xmp:MetadataDate', 'metadata'],
        ['photoshop:DateCreated', 'original'],
        ['exif:DateTimeOriginal', 'original'],
        ['exif:DateTimeDigitized', 'digitized'],
        ['tiff:DateTime', 'modified'],
      ];
      for (const [key, role] of xmpDates) for (const v of xmpValues(key)) dates.push(claimDate(role, `xmp:${key}`, v, parseIsoDate));
      xmp.history.forEach((e, i) => {
        if (e.when) dates.push(claimDate('history', `xmp:xmpMM:History[${i + 1}]/stEvt:when`, e.when, parseIsoDate));
      });
    }
    for (const [dateKey, timeKey, role] of [
      ['DateCreated', 'TimeCreated', 'original'],
      ['DigitalCreationDate', 'DigitalCreationTime', 'digitized'],
    ] as const) {
      const d = iptcValue(dateKey);
      if (!d) continue;
      const t = iptcValue(timeKey);
      const iso = iptcIso(d, t);
      dates.push(
        claimDate(role, `iptc:${dateKey}`, t ? `${d} ${t}` : d, () => (iso ? parseIsoDate(iso) : { utc: null, offsetMinutes: null })),
      );
    }
    for (const [k, v] of Object.entries(pngText)) {
      const raw = str(v);
      if (!raw) continue;
      if (/^(creation[ _-]?time|create-date)$/i.test(k)) dates.push(claimDate('created', `png:${k}`, raw));
      if (/^modify-date$/i.test(k)) dates.push(claimDate('modified', `png:${k}`, raw));
    }

    const software: SoftwareClaim[] = [];
    const soft = (role: string, source: string, value: string | undefined, version?: string) => {
      if (value) software.push(version ? { role, value, source, version } : { role, value, source });
    };
    soft('camera-software', 'exif:Software', image.software);
    soft('creator', 'xmp:xmp:CreatorTool', image.creatorTool);
    soft('xmp-toolkit', 'xmp:x:xmptk', image.xmpToolkit?.trim());
    for (const agent of new Set(image.xmpHistory ?? [])) soft('xmp-history', 'xmp:xmpMM:History', agent);
    soft('creator', 'iptc:OriginatingProgram', iptcValue('OriginatingProgram'), iptcValue('ProgramVersion'));
    soft('creator', 'png:Software', str(pngText.Software));

    const people: PersonClaim[] = [];
    const person = (role: string, source: string, name: string | undefined) => {
      const n = name?.trim();
      if (n) people.push({ role, name: n, source });
    };
    person('author', 'exif:Artist', str(ifd0.Artist));
    person('owner', 'exif:OwnerName', str(exif.OwnerName));
    for (const r of iptc) if (r.key === 'By-line') person('author', 'iptc:By-line', r.value);
    person('caption-writer', 'iptc:Writer-Editor', iptcValue('Writer-Editor'));
    for (const v of xmpValues('dc:creator')) person('author', 'xmp:dc:creator', v);
    person('author', 'png:Author', str(pngText.Author));
    const artists = [...new Set(people.filter((p) => p.role === 'author' || p.role === 'owner').map((p) => p.name))];
    if (artists.length) image.artists = artists;

    // Drop undefined keys so stored facts stay small and comparable.
    for (const k of Object.keys(image) as (keyof ImageFacts)[]) if (image[k] === undefined) delete image[k];
    const facts: Facts = { image, dates, software, people };

    const title =
      xmpValue('dc:title') ?? xmpValue('dc:description') ?? iptcValue('ObjectName') ?? iptcValue('Headline') ?? str(ifd0.ImageDescription);
    const text = [
      str(ifd0.ImageDescription),
      iptcValue('Headline'),
      iptcValue('Caption-Abstract'),
      ...iptc.filter((r) => r.key === 'Keywords').map((r) => r.value),
      ...xmpValues('dc:description'),
      ...xmpValues('dc:subject'),
      ...c.comments,
    ]
      .filter((t): t is string => !!t && t.trim() !== '')
      .join('\n')
      .slice(0, ctx.limits.maxTextChars);
    return { metadata, facts, ...(title ? { title } : {}), ...(text ? { text } : {}) };
  },
};

interface Thumbnail {
  bytes?: Uint8Array;
  pixels?: RgbaImage;
  declaredSize?: number;
  /** Set when the thumbnail cannot be compared (then pixels is absent). */
  skipped?: string;
}

/**
 * The thumbnail as stored (for size and hash) and decoded (for the comparison): a JPEG in IFD1
 * (exifr finds it), a PSD thumbnail resource, or an uncompressed RGB strip in IFD1 as written by
 * late-1990s cameras (Kodak DC210, Sony D700), which we read from the EXIF offsets ourselves.
 */
async function readThumbnail(c: Collected, ifd1: Tags, bytes: Uint8Array, format: string, errors: string[]): Promise<Thumbnail> {
  const out: Thumbnail = { declaredSize: finite(ifd1.ThumbnailLength) ?? finite(ifd1.StripByteCounts) };
  let jpegBytes = c.thumbnailBytes;
  if (!jpegBytes && format === 'jpeg' && ifd1.ThumbnailOffset !== undefined) {
    try {
      const t = await exifr.thumbnail(bytes);
      if (t && t.length) jpegBytes = t instanceof Uint8Array ? t : new Uint8Array(t);
    } catch (e) {
      errors.push(`thumbnail: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (jpegBytes) {
    out.bytes = jpegBytes;
    if (!(jpegBytes[0] === 0xff && jpegBytes[1] === 0xd8)) out.skipped = 'thumbnail is not a JPEG';
    else {
      try {
        out.pixels = decodeJpeg(jpegBytes, 4, 64);
      } catch (e) {
        out.skipped = `thumbnail undecodable: ${e instanceof Error ? e.message : String(e)}`;
      }
    }
    return out;
  }
  const w = finite(ifd1.ImageWidth),
    h = finite(ifd1.ImageHeight),
    at = finite(ifd1.StripOffsets),
    len = finite(ifd1.StripByteCounts);
  const bps = ifd1.BitsPerSample;
  const bpsList = ArrayBuffer.isView(bps) ? Array.from(bps as unknown as ArrayLike<number>) : bps;
  const eightBit = bpsList === undefined || bpsList === 8 || (Array.isArray(bpsList) && bpsList.every((b) => b === 8));
  if (
    c.exifTiffOffset !== undefined &&
    ifd1.Compression === 1 &&
    ifd1.PhotometricInterpretation === 2 &&
    eightBit &&
    (ifd1.SamplesPerPixel ?? 3) === 3 &&
    w &&
    h &&
    at !== undefined &&
    len === w * h * 3 &&
    w * h <= 1 << 20
  ) {
    const start = c.exifTiffOffset + at;
    if (start + len <= bytes.length) {
      out.bytes = bytes.subarray(start, start + len);
      out.pixels = rgbToRgba(out.bytes, w, h);
    }
  }
  return out;
}

function rgbToRgba(rgb: Uint8Array, width: number, height: number): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0, o = 0; i + 2 < rgb.length; i += 3, o += 4) {
    data[o] = rgb[i];
    data[o + 1] = rgb[i + 1];
    data[o + 2] = rgb[i + 2];
    data[o + 3] = 255;
  }
  return { width, height, data };
}

/** Below this share of its rows decoded (data cut short), the image is not compared. */
const MIN_DECODED_SHARE = 0.5;

/** Fill differenceFromImage when the main image is a JPEG we can decode within bounds. */
function compareWithImage(
  image: ImageFacts,
  thumb: RgbaImage,
  bytes: Uint8Array,
  format: string,
  dims: Dimensions | undefined,
  ctx: ExtractContext,
  errors: string[],
): void {
  const t = image.thumbnail!;
  if (format !== 'jpeg') {
    t.comparisonSkipped = `main image is ${format}; only JPEG images are decoded`;
    return;
  }
  if (!dims || dims.width * dims.height > MAX_COMPARE_MEGAPIXELS * 1e6) {
    t.comparisonSkipped = dims
      ? `image of ${((dims.width * dims.height) / 1e6).toFixed(1)} Mpixel exceeds ${MAX_COMPARE_MEGAPIXELS}`
      : 'image size unknown';
    return;
  }
  if (ctx.signal.aborted) return;
  try {
    const { image: main, decodedRows } = decodeMainImage(
      bytes,
      MAX_COMPARE_MEGAPIXELS,
      Math.max(64, Math.floor(ctx.limits.workerHeapMb / 2)),
    );
    const height = 'fullHeight' in main ? main.fullHeight : main.height;
    if (decodedRows < height) {
      const share = `${Math.floor((100 * decodedRows) / height)}%`;
      if (decodedRows < height * MIN_DECODED_SHARE) {
        t.comparisonSkipped = `image data truncated or corrupt after ${share} of its rows`;
        return;
      }
      errors.push(`image data: truncated or corrupt after ${share} of its rows; the thumbnail was compared with that part only`);
    }
    const r = compareThumbnail(thumb, main, decodedRows);
    t.differenceFromImage = r.difference;
    if (decodedRows < height) t.comparedRowsShare = Math.floor((100 * decodedRows) / height) / 100;
    t.comparison = r.mapping;
  } catch (e) {
    t.comparisonSkipped = `image undecodable: ${e instanceof Error ? e.message : String(e)}`;
  }
}
