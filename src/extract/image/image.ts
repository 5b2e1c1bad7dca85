// Images: EXIF/TIFF/GPS (exifr, one pass per segment family), XMP, IPTC, PNG text, JPEG comments,
// pixel dimensions and the EXIF thumbnail compared with the image (docs/extract.md, Images).

import { createHash } from 'node:crypto';
import type { MetadataEntry } from '../../model/document.js';
import type { ClaimedDate, Facts, ImageFacts, PersonClaim, SoftwareClaim } from '../../model/facts.js';
import { MIME } from '../mime.js';
import { toBuffer } from '../common/byte-source.js';
import { claimDate, parseExifDate, parseIsoDate } from '../../shared/dates.js';
import { readJpegStructure, scanHeifExif, scanXmpPacket } from './structure.js';
import { describeQuantisation } from './jpeg-tables.js';
import { parseIptcIim, type IptcRecord } from './iptc-iim.js';
import {
  asText,
  exifrPass,
  finite,
  gpsCoordinate,
  gpsTime,
  iptcIso,
  PNG_TEXT_PASS,
  str,
  TIFF_PASS,
  XMP_PASS,
  type Tags,
} from './exif-values.js';
import { collect } from './segments.js';
import { compareWithImage, readThumbnail } from './thumbnail.js';
import { decodeXmpBytes, readXmp, xmpList, type XmpFacts } from '../xmp/xmp.js';
import { ExtractError, type ExtractContext, type ExtractInput, type ExtractOutput, type Extractor } from '../types.js';

const FORMAT: Record<string, string> = {
  [MIME.jpeg]: 'jpeg',
  [MIME.png]: 'png',
  [MIME.tiff]: 'tiff',
  [MIME.heic]: 'heic',
  [MIME.webp]: 'webp',
  [MIME.gif]: 'gif',
  [MIME.psd]: 'psd',
};

/** Values longer than this are cut in metadata entries (a caption may be long; a blob is skipped). */
const MAX_VALUE_CHARS = 8192;
const MAX_ENTRIES = 5000;
const IHDR_FIELDS = new Set(['ImageWidth', 'ImageHeight', 'BitDepth', 'ColorType', 'Compression', 'Filter', 'Interlace']);

function sha256(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
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
    if (c.quantisation) image.jpegQuantisation = c.quantisation;

    // --- thumbnail --------------------------------------------------------------------------------
    const th = await readThumbnail(c, ifd1, bytes, format, errors);
    if (th.bytes) {
      image.thumbnail = { present: true, size: th.bytes.length, sha256: sha256(th.bytes) };
      if (th.pixels) Object.assign(image.thumbnail, { width: th.pixels.width, height: th.pixels.height });
      const tq = th.pixels && th.bytes[0] === 0xff ? describeQuantisation(readJpegStructure(th.bytes)) : undefined;
      if (tq) image.thumbnail.quantisation = tq;
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
