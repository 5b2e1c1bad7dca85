// Synthetic "photos" for the demo dump: real JPEG pixels (jpeg-js) of simple scenes, a matching EXIF
// thumbnail, and the edit a forger would make (a region painted over / the frame cropped) while the
// EXIF block, thumbnail included, is carried over unchanged.

import jpeg from 'jpeg-js';
import type { Prng } from './prng.js';

export interface Scene {
  width: number;
  height: number;
  sky: [number, number, number];
  ground: [number, number, number];
  horizon: number;
  shapes: { x: number; y: number; w: number; h: number; color: [number, number, number]; round: boolean }[];
}

export function randomScene(prng: Prng, width: number, height: number): Scene {
  const shapes: Scene['shapes'] = [];
  const n = prng.int(3, 9);
  for (let i = 0; i < n; i++) {
    const w = prng.int(width / 12, width / 4);
    const h = prng.int(height / 8, height / 2);
    shapes.push({
      x: prng.int(0, width - w),
      y: prng.int(height / 4, height - h),
      w,
      h,
      color: [prng.int(0, 255), prng.int(0, 255), prng.int(0, 255)],
      round: prng.chance(0.4),
    });
  }
  return {
    width,
    height,
    horizon: prng.int(height / 3, (2 * height) / 3),
    sky: [prng.int(90, 170), prng.int(140, 200), prng.int(200, 255)],
    ground: [prng.int(60, 140), prng.int(60, 140), prng.int(40, 90)],
    shapes,
  };
}

/** Renders the scene into RGBA pixels, with a little seeded noise so it compresses like a photo. */
export function render(scene: Scene, prng: Prng): Buffer {
  const { width, height } = scene;
  const buf = Buffer.alloc(width * height * 4);
  // A clamped view does the 0..255 clamping; a local xorshift32 (seeded from the Prng) keeps the
  // per-pixel noise cheap.
  const px = new Uint8ClampedArray(buf.buffer, buf.byteOffset, buf.length);
  let x32 = prng.nextU32() | 1;
  for (let y = 0; y < height; y++) {
    const base = y < scene.horizon ? scene.sky : scene.ground;
    const shade = y < scene.horizon ? 1 - (0.3 * y) / scene.horizon : 1;
    const r = base[0] * shade,
      g = base[1] * shade,
      b = base[2] * shade;
    let o = y * width * 4;
    for (let x = 0; x < width; x++, o += 4) {
      x32 ^= x32 << 13;
      x32 ^= x32 >>> 17;
      x32 ^= x32 << 5;
      const noise = (x32 & 15) - 8;
      px[o] = r + noise;
      px[o + 1] = g + noise;
      px[o + 2] = b + noise;
      px[o + 3] = 255;
    }
  }
  for (const s of scene.shapes) {
    for (let y = Math.max(0, s.y); y < Math.min(height, s.y + s.h); y++) {
      for (let x = Math.max(0, s.x); x < Math.min(width, s.x + s.w); x++) {
        if (s.round) {
          const dx = (x - s.x - s.w / 2) / (s.w / 2);
          const dy = (y - s.y - s.h / 2) / (s.h / 2);
          if (dx * dx + dy * dy > 1) continue;
        }
        const o = (y * width + x) * 4;
        px[o] = s.color[0];
        px[o + 1] = s.color[1];
        px[o + 2] = s.color[2];
      }
    }
  }
  return buf;
}

/** Box-filter downscale of RGBA pixels. */
export function downscale(px: Buffer, width: number, height: number, tw: number, th: number): Buffer {
  const out = Buffer.alloc(tw * th * 4);
  for (let ty = 0; ty < th; ty++) {
    for (let tx = 0; tx < tw; tx++) {
      const x0 = Math.floor((tx * width) / tw),
        x1 = Math.max(x0 + 1, Math.floor(((tx + 1) * width) / tw));
      const y0 = Math.floor((ty * height) / th),
        y1 = Math.max(y0 + 1, Math.floor(((ty + 1) * height) / th));
      const sum = [0, 0, 0];
      for (let y = y0; y < y1; y++)
        for (let x = x0; x < x1; x++) {
          const o = (y * width + x) * 4;
          sum[0] += px[o];
          sum[1] += px[o + 1];
          sum[2] += px[o + 2];
        }
      const n = (x1 - x0) * (y1 - y0);
      const o = (ty * tw + tx) * 4;
      out[o] = sum[0] / n;
      out[o + 1] = sum[1] / n;
      out[o + 2] = sum[2] / n;
      out[o + 3] = 255;
    }
  }
  return out;
}

export function encodeJpeg(px: Buffer, width: number, height: number, quality: number): Buffer {
  return Buffer.from(jpeg.encode({ data: px, width, height }, quality).data);
}

/** The forger's edit: paint a ground-coloured patch over the largest shape (someone removed from the
 * picture) and crop the frame, so the thumbnail (kept from the original) no longer matches. */
export function doctor(scene: Scene): Scene {
  const biggest = [...scene.shapes].sort((a, b) => b.w * b.h - a.w * a.h)[0];
  const crop = Math.floor(scene.width * 0.25);
  return {
    ...scene,
    width: scene.width - crop,
    shapes: scene.shapes.filter((s) => s !== biggest).map((s) => ({ ...s, x: s.x - crop })),
  };
}
