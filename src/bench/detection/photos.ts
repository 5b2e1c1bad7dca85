// Camera photos and what editors do to them. A camera writes its EXIF (in its byte order, with its
// thumbnail size: Canon, Sony and Nikon fit a 3:2 picture into a 160x120 thumbnail with black bars),
// phones tag portrait shots with Orientation 6 and keep the pixels landscape. Editors: a local splice
// re-encoded with the original EXIF block carried over (ImageMagick keeps the profile verbatim;
// Pillow's save(exif=…) and exiftool -TagsFromFile copy it back) so the thumbnail still shows the
// original; Photoshop, GIMP and Lightroom re-save with their own segments, dates and thumbnails; the
// Windows photo viewer rotates and re-saves.

import jpeg from 'jpeg-js';
import type { Prng } from '../../demo/prng.js';
import { exifDate, isoDate, offsetAt } from './clock.js';
import {
  adobeApp14,
  appSegments,
  exifApp1,
  jfifApp0,
  photoshopApp13,
  TAG,
  withSegments,
  xmpApp1,
  type ExifTags,
  type ExifValue,
} from './jpeg-segments.js';

export interface Camera {
  id: string;
  make: string;
  model: string;
  order: 'II' | 'MM';
  /** Software tag at a date (phones: the OS version; cameras: firmware); undefined = not written. */
  software?: (at: number) => string;
  aspect: '4:3' | '3:2';
  thumb: [number, number];
  /** Thumbnails of 3:2 pictures letterboxed into 4:3 (black bars). */
  letterbox: boolean;
  quality: number;
  offsetTags: boolean;
  lens?: string;
  released: string;
  fileName: (n: number, wallStamp: string) => string;
}

const IOS_BY_DATE: [string, string][] = [
  ['2018-09-17', '12.0'],
  ['2018-12-17', '12.1.2'],
  ['2019-03-25', '12.2'],
  ['2019-07-22', '12.4'],
  ['2020-11-05', '14.2'],
  ['2021-01-26', '14.4'],
  ['2021-05-24', '14.6'],
  ['2021-09-20', '15.0'],
  ['2021-12-13', '15.2'],
  ['2022-01-26', '15.3'],
];
/** iOS for the hold-out years (2017-2018, 2023-2024); kept apart so the table above picks as before. */
const IOS_HOLDOUT: [string, string][] = [
  ['2016-12-12', '10.2'],
  ['2017-03-27', '10.3.1'],
  ['2017-07-19', '10.3.3'],
  ['2017-09-19', '11.0'],
  ['2017-10-31', '11.1'],
  ['2017-12-02', '11.2.1'],
  ['2018-01-23', '11.2.5'],
  ['2023-07-24', '16.6'],
  ['2023-09-18', '17.0'],
  ['2023-10-25', '17.1'],
  ['2023-12-11', '17.2'],
  ['2024-01-22', '17.3'],
  ['2024-03-05', '17.4'],
  ['2024-05-13', '17.5'],
  ['2024-07-29', '17.6'],
];
const iosVersion = (at: number) =>
  at < Date.parse('2018-06-01') || at > Date.parse('2023-01-01')
    ? (IOS_HOLDOUT.filter(([d]) => Date.parse(d) <= at).pop()?.[1] ?? '10.2')
    : (IOS_BY_DATE.filter(([d]) => Date.parse(d) <= at).pop()?.[1] ?? '12.0');

export const CAMERAS: Record<string, Camera> = {
  ...HOLDOUT_CAMERAS(),
  'canon-80d': {
    id: 'canon-80d',
    make: 'Canon',
    model: 'Canon EOS 80D',
    order: 'II',
    aspect: '3:2',
    thumb: [160, 120],
    letterbox: true,
    quality: 95,
    offsetTags: false,
    released: '2016-03-01',
    fileName: (n) => `IMG_${String(n).padStart(4, '0')}.JPG`,
  },
  'sony-rx100': {
    id: 'sony-rx100',
    make: 'SONY',
    model: 'DSC-RX100M6',
    order: 'II',
    software: () => 'DSC-RX100M6 v1.00',
    aspect: '3:2',
    thumb: [160, 120],
    letterbox: true,
    quality: 94,
    offsetTags: false,
    released: '2018-06-20',
    fileName: (n) => `DSC${String(n).padStart(5, '0')}.JPG`,
  },
  'nikon-d7500': {
    id: 'nikon-d7500',
    make: 'NIKON CORPORATION',
    model: 'NIKON D7500',
    order: 'MM',
    software: () => 'Ver.1.10',
    aspect: '3:2',
    thumb: [160, 120],
    letterbox: true,
    quality: 93,
    offsetTags: true,
    released: '2017-06-02',
    fileName: (n) => `DSC_${String(n).padStart(4, '0')}.JPG`,
  },
  'iphone-xr': {
    id: 'iphone-xr',
    make: 'Apple',
    model: 'iPhone XR',
    order: 'MM',
    software: iosVersion,
    aspect: '4:3',
    thumb: [320, 240],
    letterbox: false,
    quality: 92,
    offsetTags: false,
    lens: 'iPhone XR back camera 4.25mm f/1.8',
    released: '2018-10-26',
    fileName: (n) => `IMG_${String(n).padStart(4, '0')}.JPG`,
  },
  'iphone-12': {
    id: 'iphone-12',
    make: 'Apple',
    model: 'iPhone 12',
    order: 'MM',
    software: iosVersion,
    aspect: '4:3',
    thumb: [320, 240],
    letterbox: false,
    quality: 92,
    offsetTags: true,
    lens: 'iPhone 12 back dual wide camera 4.2mm f/1.6',
    released: '2020-10-23',
    fileName: (n) => `IMG_${String(n).padStart(4, '0')}.JPG`,
  },
  'iphone-13': {
    id: 'iphone-13',
    make: 'Apple',
    model: 'iPhone 13',
    order: 'MM',
    software: iosVersion,
    aspect: '4:3',
    thumb: [320, 240],
    letterbox: false,
    quality: 92,
    offsetTags: true,
    lens: 'iPhone 13 back dual wide camera 5.1mm f/1.6',
    released: '2021-09-24',
    fileName: (n) => `IMG_${String(n).padStart(4, '0')}.JPG`,
  },
  'galaxy-s10': {
    id: 'galaxy-s10',
    make: 'samsung',
    model: 'SM-G973F',
    order: 'II',
    software: (at) => (at < Date.parse('2019-06-01') ? 'G973FXXU1ASC8' : 'G973FXXU3ASG8'),
    aspect: '4:3',
    thumb: [512, 384],
    letterbox: false,
    quality: 95,
    offsetTags: false,
    released: '2019-03-08',
    fileName: (_n, stamp) => `${stamp}.jpg`,
  },
  'galaxy-s21': {
    id: 'galaxy-s21',
    make: 'samsung',
    model: 'SM-G991B',
    order: 'II',
    software: (at) => (at < Date.parse('2021-08-01') ? 'G991BXXU3AUE1' : 'G991BXXU4BUJ9'),
    aspect: '4:3',
    thumb: [512, 384],
    letterbox: false,
    quality: 95,
    offsetTags: true,
    released: '2021-01-29',
    fileName: (_n, stamp) => `${stamp}.jpg`,
  },
};

/** The hold-out organisations' cameras (seeds 4-6). A function, so it can use iosVersion. */
function HOLDOUT_CAMERAS(): Record<string, Camera> {
  const apple = (id: string, model: string, lens: string, released: string, offsetTags: boolean): Camera => ({
    id,
    make: 'Apple',
    model,
    order: 'MM',
    software: iosVersion,
    aspect: '4:3',
    thumb: [320, 240],
    letterbox: false,
    quality: 92,
    offsetTags,
    lens,
    released,
    fileName: (n) => `IMG_${String(n).padStart(4, '0')}.JPG`,
  });
  const samsung = (id: string, model: string, fw: [string, string], released: string): Camera => ({
    id,
    make: 'samsung',
    model,
    order: 'II',
    software: (at) => (at < Date.parse(released) + 200 * 86_400_000 ? fw[0] : fw[1]),
    aspect: '4:3',
    thumb: [512, 384],
    letterbox: false,
    quality: 95,
    offsetTags: true,
    released,
    fileName: (_n, stamp) => `${stamp}.jpg`,
  });
  return {
    'iphone-15': apple('iphone-15', 'iPhone 15', 'iPhone 15 back dual wide camera 6.1mm f/1.6', '2023-09-22', true),
    'iphone-14': apple('iphone-14', 'iPhone 14', 'iPhone 14 back dual wide camera 5.7mm f/1.5', '2022-09-16', true),
    'iphone-7': apple('iphone-7', 'iPhone 7', 'iPhone 7 back camera 3.99mm f/1.8', '2016-09-16', false),
    'galaxy-s23': samsung('galaxy-s23', 'SM-S911B', ['S911BXXU1AWBD', 'S911BXXS3BWK5'], '2023-02-17'),
    'galaxy-a54': samsung('galaxy-a54', 'SM-A546E', ['A546EXXU1AWD1', 'A546EXXU4BWK3'], '2023-03-24'),
    'fujifilm-xt2': {
      id: 'fujifilm-xt2',
      make: 'FUJIFILM',
      model: 'X-T2',
      order: 'II',
      software: (at) => (at < Date.parse('2017-06-29') ? 'Digital Camera X-T2 Ver2.00' : 'Digital Camera X-T2 Ver2.10'),
      aspect: '3:2',
      thumb: [160, 120],
      letterbox: true,
      quality: 95,
      offsetTags: false,
      released: '2016-09-08',
      fileName: (n) => `DSCF${String(n).padStart(4, '0')}.JPG`,
    },
    'sony-a6300': {
      id: 'sony-a6300',
      make: 'SONY',
      model: 'ILCE-6300',
      order: 'II',
      software: () => 'ILCE-6300 v2.01',
      aspect: '3:2',
      thumb: [160, 120],
      letterbox: true,
      quality: 95,
      offsetTags: false,
      released: '2016-03-10',
      fileName: (n) => `DSC${String(n).padStart(5, '0')}.JPG`,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Pictures

export interface Picture {
  width: number;
  height: number;
  /** RGBA */
  px: Buffer;
}

type RGB = [number, number, number];

/** A harbour, street or site scene: sky, ground or water, buildings, hulls, people, with sensor noise. */
function renderScene(prng: Prng, width: number, height: number): Picture {
  const px = Buffer.alloc(width * height * 4);
  const c = new Uint8ClampedArray(px.buffer, px.byteOffset, px.length);
  const horizon = prng.int(Math.floor(height * 0.3), Math.floor(height * 0.6));
  const sky: RGB = [prng.int(100, 180), prng.int(150, 210), prng.int(205, 255)];
  const ground: RGB = prng.chance(0.5)
    ? [prng.int(30, 70), prng.int(80, 120), prng.int(120, 170)]
    : [prng.int(90, 140), prng.int(85, 125), prng.int(60, 90)];
  let x32 = prng.nextU32() | 1;
  for (let y = 0; y < height; y++) {
    const base = y < horizon ? sky : ground;
    const shade = y < horizon ? 1 - (0.35 * y) / horizon : 0.85 + (0.15 * (y - horizon)) / (height - horizon);
    let o = y * width * 4;
    for (let x = 0; x < width; x++, o += 4) {
      x32 ^= x32 << 13;
      x32 ^= x32 >>> 17;
      x32 ^= x32 << 5;
      const n = (x32 & 15) - 8;
      c[o] = base[0] * shade + n;
      c[o + 1] = base[1] * shade + n;
      c[o + 2] = base[2] * shade + n;
      c[o + 3] = 255;
    }
  }
  const rect = (x0: number, y0: number, w: number, h: number, col: RGB, round = false) => {
    for (let y = Math.max(0, y0); y < Math.min(height, y0 + h); y++)
      for (let x = Math.max(0, x0); x < Math.min(width, x0 + w); x++) {
        if (round) {
          const dx = (x - x0 - w / 2) / (w / 2),
            dy = (y - y0 - h / 2) / (h / 2);
          if (dx * dx + dy * dy > 1) continue;
        }
        const o = (y * width + x) * 4;
        const k = ((x * 7 + y * 13) & 7) - 4;
        c[o] = col[0] + k;
        c[o + 1] = col[1] + k;
        c[o + 2] = col[2] + k;
      }
  };
  const buildings = prng.int(3, 7);
  for (let i = 0; i < buildings; i++) {
    const w = prng.int(Math.floor(width / 14), Math.floor(width / 5));
    const h = prng.int(Math.floor(height / 8), Math.floor(horizon * 0.9));
    const x = prng.int(0, width - w);
    const col: RGB = [prng.int(60, 220), prng.int(60, 200), prng.int(50, 190)];
    rect(x, horizon - h, w, h, col);
    for (let wy = horizon - h + 8; wy < horizon - 10; wy += 18)
      for (let wx = x + 6; wx < x + w - 10; wx += 16) rect(wx, wy, 7, 9, [30, 40, 60]);
  }
  const items = prng.int(2, 5);
  for (let i = 0; i < items; i++) {
    const w = prng.int(Math.floor(width / 10), Math.floor(width / 4));
    const h = prng.int(Math.floor(height / 14), Math.floor(height / 7));
    rect(
      prng.int(0, width - w),
      prng.int(horizon, height - h),
      w,
      h,
      [prng.int(120, 250), prng.int(20, 120), prng.int(20, 90)],
      prng.chance(0.3),
    );
  }
  const people = prng.int(1, 4);
  for (let i = 0; i < people; i++) {
    const ph = prng.int(Math.floor(height / 6), Math.floor(height / 3.5));
    const x = prng.int(10, width - 40);
    const y = prng.int(horizon - ph / 3, height - ph);
    const coat: RGB = [prng.int(10, 200), prng.int(10, 200), prng.int(10, 200)];
    rect(x, y + Math.floor(ph * 0.22), Math.floor(ph * 0.28), Math.floor(ph * 0.78), coat);
    rect(x + Math.floor(ph * 0.04), y, Math.floor(ph * 0.2), Math.floor(ph * 0.22), [224, 182, 150], true);
  }
  if (prng.chance(0.4)) rect(prng.int(0, width - 60), prng.int(5, Math.max(6, horizon - 80)), 50, 50, [255, 236, 150], true);
  return { width, height, px };
}

function downscale(p: Picture, tw: number, th: number): Picture {
  const out = Buffer.alloc(tw * th * 4);
  for (let ty = 0; ty < th; ty++)
    for (let tx = 0; tx < tw; tx++) {
      const x0 = Math.floor((tx * p.width) / tw),
        x1 = Math.max(x0 + 1, Math.floor(((tx + 1) * p.width) / tw));
      const y0 = Math.floor((ty * p.height) / th),
        y1 = Math.max(y0 + 1, Math.floor(((ty + 1) * p.height) / th));
      let r = 0,
        g = 0,
        b = 0;
      for (let y = y0; y < y1; y++)
        for (let x = x0; x < x1; x++) {
          const o = (y * p.width + x) * 4;
          r += p.px[o];
          g += p.px[o + 1];
          b += p.px[o + 2];
        }
      const n = (x1 - x0) * (y1 - y0);
      const o = (ty * tw + tx) * 4;
      out[o] = r / n;
      out[o + 1] = g / n;
      out[o + 2] = b / n;
      out[o + 3] = 255;
    }
  return { width: tw, height: th, px: out };
}

/** A camera's thumbnail: fitted to the thumbnail box, with black bars when the aspect differs. */
export function thumbnailOf(p: Picture, box: [number, number], letterbox: boolean): Picture {
  const [bw, bh] = box;
  if (!letterbox) {
    const scale = Math.min(bw / p.width, bh / p.height);
    return downscale(p, Math.round(p.width * scale), Math.round(p.height * scale));
  }
  const inner = downscale(p, bw, Math.round((bw * p.height) / p.width));
  const out = Buffer.alloc(bw * bh * 4);
  for (let i = 3; i < out.length; i += 4) out[i] = 255;
  const top = Math.floor((bh - inner.height) / 2);
  inner.px.copy(out, top * bw * 4);
  return { width: bw, height: bh, px: out };
}

export function encode(p: Picture, quality: number): Buffer {
  return Buffer.from(jpeg.encode({ data: p.px, width: p.width, height: p.height }, quality).data);
}

/** A JPEG without APPn segments, as cameras embed their thumbnails. */
function bare(p: Picture, quality: number): Buffer {
  return withSegments(encode(p, quality), []);
}

export function decode(jpg: Buffer): Picture {
  const d = jpeg.decode(jpg, { useTArray: true, formatAsRGBA: true });
  return { width: d.width, height: d.height, px: Buffer.from(d.data.buffer, d.data.byteOffset, d.data.length) };
}

/** Pixels rotated 90° clockwise. */
function rotate90(p: Picture): Picture {
  const out = Buffer.alloc(p.px.length);
  for (let y = 0; y < p.height; y++)
    for (let x = 0; x < p.width; x++) {
      const s = (y * p.width + x) * 4;
      const nx = p.height - 1 - y,
        ny = x;
      p.px.copy(out, (ny * p.height + nx) * 4, s, s + 4);
    }
  return { width: p.height, height: p.width, px: out };
}

// ---------------------------------------------------------------------------------------------
// Shooting

export interface Photo {
  camera: Camera;
  jpeg: Buffer;
  picture: Picture;
  tags: ExifTags;
  takenAt: number;
  zone: string;
  fileName: string;
}

function exposure(prng: Prng): [number, ExifValue][] {
  return [
    [TAG.ExposureTime, { rational: [[1, prng.pick([60, 100, 125, 250, 500, 1000])]] }],
    [TAG.FNumber, { rational: [[prng.pick([18, 28, 40, 56, 80]), 10]] }],
    [TAG.ISO, { short: [prng.pick([100, 125, 200, 400, 800])] }],
  ];
}

export function shoot(
  camera: Camera,
  at: number,
  zone: string,
  n: number,
  prng: Prng,
  opts: { portrait?: boolean; width?: number } = {},
): Photo {
  const width = opts.width ?? 720;
  const height = camera.aspect === '3:2' ? Math.round((width * 2) / 3) : Math.round((width * 3) / 4);
  const picture = renderScene(prng, width, height);
  const off = offsetAt(zone, at);
  const d = exifDate(at, off);
  const thumb = bare(thumbnailOf(picture, camera.thumb, camera.letterbox), 80);
  const ifd0: [number, ExifValue][] = [
    [TAG.Make, { ascii: camera.make }],
    [TAG.Model, { ascii: camera.model }],
    [TAG.Orientation, { short: [opts.portrait ? 6 : 1] }],
    [TAG.XResolution, { rational: [[72, 1]] }],
    [TAG.YResolution, { rational: [[72, 1]] }],
    [TAG.ResolutionUnit, { short: [2] }],
    [TAG.DateTime, { ascii: d.date }],
    [TAG.YCbCrPositioning, { short: [camera.make === 'Apple' ? 1 : 2] }],
  ];
  const sw = camera.software?.(at);
  if (sw) ifd0.push([TAG.Software, { ascii: sw }]);
  const exif: [number, ExifValue][] = [
    ...exposure(prng),
    [TAG.ExifVersion, { undefined: Buffer.from(camera.offsetTags ? '0232' : '0231', 'latin1') }],
    [TAG.DateTimeOriginal, { ascii: d.date }],
    [TAG.DateTimeDigitized, { ascii: d.date }],
    [TAG.FocalLength, { rational: [[prng.int(24, 85) * 10, 10]] }],
    [TAG.SubSecTimeOriginal, { ascii: String(prng.int(0, 999)).padStart(3, '0') }],
    [TAG.ColorSpace, { short: [1] }],
    [TAG.PixelXDimension, { long: [width] }],
    [TAG.PixelYDimension, { long: [height] }],
  ];
  if (camera.offsetTags)
    exif.push(
      [TAG.OffsetTime, { ascii: d.offset }],
      [TAG.OffsetTimeOriginal, { ascii: d.offset }],
      [TAG.OffsetTimeDigitized, { ascii: d.offset }],
    );
  if (camera.lens) exif.push([TAG.LensModel, { ascii: camera.lens }]);
  const tags: ExifTags = { ifd0, exif, thumbnail: thumb };
  const main = encode(picture, camera.quality);
  const jpg = withSegments(main, [exifApp1(tags, camera.order)]);
  const stamp = d.date.replace(/:/g, '').replace(' ', '_');
  return { camera, jpeg: jpg, picture, tags, takenAt: at, zone, fileName: camera.fileName(n, stamp) };
}

// ---------------------------------------------------------------------------------------------
// Local edits (a forger's splice) and the tools that re-encode them

export type SpliceOp = 'erase' | 'clone' | 'insert';

export interface Region {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Changes one rectangle covering `frac` of the picture: erased with the surrounding background,
 *  cloned from elsewhere in the picture (copy-move), or a new object painted in. */
export function splice(p: Picture, op: SpliceOp, frac: number, prng: Prng): { picture: Picture; region: Region } {
  const area = p.width * p.height * frac;
  const aspect = 0.7 + prng.next() * 0.8;
  const w = Math.min(p.width - 2, Math.round(Math.sqrt(area * aspect)));
  const h = Math.min(p.height - 2, Math.round(area / w));
  // The forger edits something that matters: of a dozen places, the busiest one (most detail).
  let x = 0,
    y = 0,
    best = -1;
  for (let k = 0; k < 12; k++) {
    const cx = prng.int(0, p.width - w),
      cy = prng.int(0, p.height - h);
    let busy = 0;
    for (let yy = cy; yy < cy + h; yy += 4)
      for (let xx = cx + 4; xx < cx + w; xx += 4) {
        const o = (yy * p.width + xx) * 4;
        busy += Math.abs(p.px[o] - p.px[o - 16]) + Math.abs(p.px[o + 1] - p.px[o - 15]) + Math.abs(p.px[o + 2] - p.px[o - 14]);
      }
    if (busy > best) [x, y, best] = [cx, cy, busy];
  }
  const out = Buffer.from(p.px);
  const at = (xx: number, yy: number) => (yy * p.width + xx) * 4;
  if (op === 'clone') {
    // copy-move from a source rectangle that does not overlap the target
    let sx = x + w < p.width - w ? x + w : Math.max(0, x - w);
    let sy = y;
    if (Math.abs(sx - x) < w) {
      sx = x;
      sy = y + h < p.height - h ? y + h : Math.max(0, y - h);
    }
    for (let yy = 0; yy < h; yy++) p.px.copy(out, at(x, y + yy), at(sx, sy + yy), at(sx, sy + yy) + w * 4);
  } else if (op === 'erase') {
    // fill each row with the colour just left of the region (or right at the left edge), plus noise
    for (let yy = y; yy < y + h; yy++) {
      const src = x > 0 ? at(x - 1, yy) : at(Math.min(p.width - 1, x + w), yy);
      for (let xx = x; xx < x + w; xx++) {
        const o = at(xx, yy);
        const k = ((xx * 31 + yy * 17) & 7) - 4;
        out[o] = Math.max(0, Math.min(255, p.px[src] + k));
        out[o + 1] = Math.max(0, Math.min(255, p.px[src + 1] + k));
        out[o + 2] = Math.max(0, Math.min(255, p.px[src + 2] + k));
      }
    }
  } else {
    const col: RGB = [prng.int(0, 255), prng.int(0, 80), prng.int(0, 255)];
    for (let yy = y; yy < y + h; yy++)
      for (let xx = x; xx < x + w; xx++) {
        const dx = (xx - x - w / 2) / (w / 2),
          dy = (yy - y - h / 2) / (h / 2);
        if (dx * dx + dy * dy > 1 && yy - y < h * 0.3) continue;
        const o = at(xx, yy);
        out[o] = col[0];
        out[o + 1] = col[1];
        out[o + 2] = col[2];
      }
  }
  return { picture: { ...p, px: out }, region: { x, y, w, h } };
}

/** The original EXIF APP1 bytes of a JPEG (as carried over verbatim by ImageMagick / exiftool / Pillow). */
function exifSegmentOf(jpg: Buffer): Buffer {
  const seg = appSegments(jpg).find((s) => s.marker === 0xe1 && s.bytes.subarray(4, 10).toString('latin1') === 'Exif\0\0');
  if (!seg) throw new Error('no EXIF segment');
  return Buffer.from(seg.bytes);
}

export type SpliceTool = 'imagemagick' | 'gimp+exiftool' | 'pillow';

/** Re-encodes a locally edited picture the way the forger's tool chain leaves it, EXIF carried over. */
export function reencodeWithOriginalExif(orig: Photo, edited: Picture, tool: SpliceTool, at: number): Buffer {
  const exif = exifSegmentOf(orig.jpeg);
  if (tool === 'imagemagick') return withSegments(encode(edited, orig.camera.quality), [jfifApp0(), exif]);
  if (tool === 'pillow') return withSegments(encode(edited, 95), [jfifApp0(), exif]);
  // GIMP exports with its own XMP; exiftool -TagsFromFile then restores the camera's EXIF (thumbnail included).
  const xmp = gimpXmp(at, offsetAt(orig.zone, at));
  return withSegments(encode(edited, 90), [jfifApp0(), exif, xmpApp1(xmp)]);
}

function gimpXmp(at: number, off: number): string {
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="XMP Core 4.4.0-Exiv2">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:stEvt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#"
    xmlns:GIMP="http://www.gimp.org/xmp/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
   xmpMM:DocumentID="gimp:docid:gimp:${hexish(at, 8)}-${hexish(at >> 3, 4)}-4${hexish(at >> 5, 3)}-a${hexish(at >> 7, 3)}-${hexish(at >> 9, 12)}"
   GIMP:API="2.0"
   GIMP:Platform="Windows"
   GIMP:TimeStamp="${at}000"
   GIMP:Version="2.10.30"
   xmp:CreatorTool="GIMP 2.10">
   <xmpMM:History>
    <rdf:Seq>
     <rdf:li
      stEvt:action="saved"
      stEvt:changed="/"
      stEvt:softwareAgent="Gimp 2.10 (Windows)"
      stEvt:when="${isoDate(at, off)}"/>
    </rdf:Seq>
   </xmpMM:History>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

function hexish(n: number, len: number): string {
  return Math.abs(Math.imul(n | 0, 2654435761) >>> 0)
    .toString(16)
    .padStart(len, '0')
    .slice(0, len);
}

/** Tags with some entries replaced (and others added). */
function retag(list: [number, ExifValue][], set: [number, ExifValue][]): [number, ExifValue][] {
  const keep = list.filter(([t]) => !set.some(([s]) => s === t));
  return [...keep, ...set];
}

export type ResaveEditor =
  | { kind: 'photoshop'; software: string }
  | { kind: 'gimp'; version: string }
  | { kind: 'lightroom'; software: string }
  | { kind: 'windows-photo-viewer' };

/** A re-save by an editor at `at`, weeks after capture: its segments, its Software and ModifyDate,
 *  a re-quantised picture, and (for Photoshop, GIMP, the photo viewer) a thumbnail made from the new picture. */
export function resave(orig: Photo, editor: ResaveEditor, at: number, prng: Prng, tweak?: (p: Picture) => Picture): Buffer {
  let picture = tweak ? tweak(orig.picture) : orig.picture;
  const off = offsetAt(orig.zone, at);
  const d = exifDate(at, off);
  let ifd0 = orig.tags.ifd0;
  let exif = orig.tags.exif;
  let order = orig.camera.order;
  let thumbnail: Buffer | undefined;
  const segs: Buffer[] = [];
  let quality: number;
  if (editor.kind === 'windows-photo-viewer') {
    picture = rotate90(picture);
    ifd0 = retag(ifd0, [
      [TAG.Orientation, { short: [1] }],
      [TAG.Software, { ascii: 'Microsoft Windows Photo Viewer 6.1.7600.16385' }],
      [TAG.DateTime, { ascii: d.date }],
    ]);
    exif = retag(exif, [
      [TAG.PixelXDimension, { long: [picture.width] }],
      [TAG.PixelYDimension, { long: [picture.height] }],
    ]);
    thumbnail = bare(thumbnailOf(picture, [orig.camera.thumb[1], orig.camera.thumb[0]], false), 80);
    quality = 92;
  } else if (editor.kind === 'photoshop') {
    order = 'MM';
    ifd0 = retag(ifd0, [
      [TAG.Software, { ascii: editor.software }],
      [TAG.DateTime, { ascii: d.date }],
      [TAG.XResolution, { rational: [[3000000, 10000]] }],
      [TAG.YResolution, { rational: [[3000000, 10000]] }],
    ]);
    exif = retag(exif, [
      [TAG.ColorSpace, { short: [1] }],
      [TAG.PixelXDimension, { long: [picture.width] }],
      [TAG.PixelYDimension, { long: [picture.height] }],
    ]);
    thumbnail = bare(thumbnailOf(picture, [160, 160], false), 75);
    quality = prng.pick([84, 88, 91]);
  } else if (editor.kind === 'gimp') {
    ifd0 = retag(ifd0, [
      [TAG.Software, { ascii: `GIMP ${editor.version}` }],
      [TAG.DateTime, { ascii: d.date }],
    ]);
    thumbnail = bare(thumbnailOf(picture, [256, 256], false), 75);
    quality = 90;
  } else {
    ifd0 = retag(ifd0, [
      [TAG.Software, { ascii: editor.software }],
      [TAG.DateTime, { ascii: d.date }],
    ]);
    thumbnail = undefined;
    quality = 85;
  }
  const exifSeg = exifApp1({ ifd0, exif, thumbnail }, order);
  const created = isoDate(orig.takenAt, offsetAt(orig.zone, orig.takenAt));
  const modified = isoDate(at, off);
  if (editor.kind === 'photoshop') {
    const iid = prng.uuid();
    const xmp = `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Adobe XMP Core 5.6-c140 79.160451, 2017/05/06-01:08:21        ">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" xmlns:stEvt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#" xmlns:dc="http://purl.org/dc/elements/1.1/" xmp:CreatorTool="${editor.software}" xmp:ModifyDate="${modified}" xmp:CreateDate="${created}" xmp:MetadataDate="${modified}" photoshop:DateCreated="${created}" photoshop:ColorMode="3" dc:format="image/jpeg" xmpMM:DocumentID="adobe:docid:photoshop:${prng.uuid()}" xmpMM:InstanceID="xmp.iid:${iid}" xmpMM:OriginalDocumentID="${prng.hex(32).toUpperCase()}">
   <xmpMM:History>
    <rdf:Seq>
     <rdf:li stEvt:action="saved" stEvt:instanceID="xmp.iid:${iid}" stEvt:when="${modified}" stEvt:softwareAgent="${editor.software}" stEvt:changed="/"/>
    </rdf:Seq>
   </xmpMM:History>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
    segs.push(jfifApp0(300), exifSeg, photoshopApp13(300), xmpApp1(xmp), adobeApp14());
  } else if (editor.kind === 'gimp') {
    segs.push(jfifApp0(), exifSeg, xmpApp1(gimpXmp(at, off)));
  } else if (editor.kind === 'lightroom') {
    const xmp = `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Adobe XMP Core 5.6-c140 79.160451, 2017/05/06-01:08:21        ">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/" xmp:CreatorTool="${editor.software}" xmp:ModifyDate="${modified}" xmp:CreateDate="${created}" xmp:MetadataDate="${modified}" crs:Version="11.2" crs:ProcessVersion="11.0" crs:Exposure2012="+0.35" crs:Contrast2012="+12" crs:HasCrop="False"/>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
    segs.push(exifSeg, xmpApp1(xmp));
  } else {
    segs.push(exifSeg);
  }
  return withSegments(encode(picture, quality), segs);
}

/** Brightness/contrast as an editor's "auto tone" applies it. */
export function tone(p: Picture, gain: number, lift: number): Picture {
  const out = Buffer.from(p.px);
  for (let i = 0; i < out.length; i += 4)
    for (let k = 0; k < 3; k++) out[i + k] = Math.max(0, Math.min(255, Math.round(p.px[i + k] * gain + lift)));
  return { ...p, px: out };
}
