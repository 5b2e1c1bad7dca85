// The EXIF thumbnail compared with the image cell by cell, so that a change to one region shows
// even when the whole-picture difference barely moves; method and limits in docs/checks-images.md.

import type { ThumbnailRegions } from '../../model/facts-image.js';
import type { RgbaImage, ScaledImage } from './thumbnail-compare.js';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface CellDifference {
  column: number;
  row: number;
  /** Mean absolute difference of R, G, B (0-255) after the colour fit. */
  difference: number;
  /** What an unchanged cell of this texture differs by (the noise model). */
  expected: number;
  /** Robust z-score of the excess over `expected`. */
  z: number;
}

interface RegionResult {
  columns: number;
  rows: number;
  /** Median cell difference: what the thumbnail's own compression and resampling leave. */
  noiseFloor: number;
  /** Robust spread (1.4826 MAD) of the cell excesses. */
  spread: number;
  /** All cells, row-major. */
  cells: CellDifference[];
  /** Connected groups of cells that stand out, strongest first, in thumbnail-region grid units. */
  regions: { cells: CellDifference[]; box: Box }[];
  /** Texture of the thumbnail: spread of its cell brightness (0-255). */
  texture: number;
}

/** Working pixels per cell side, bounds. */
const MIN_K = 2,
  MAX_K = 6;

/**
 * Box-average a region `r` (in full-picture pixels) of an interleaved image into w × h pixels of
 * `channels` values. Each source pixel stands for a scale × scale block and counts by its overlap.
 */
function boxAverage(
  src: ArrayLike<number>,
  srcW: number,
  srcH: number,
  stride: number,
  channels: number,
  scale: number,
  r: Box,
  w: number,
  h: number,
): Float32Array {
  const out = new Float32Array(w * h * channels);
  const acc = new Float64Array(channels);
  for (let y = 0; y < h; y++) {
    const y0 = r.y + (y * r.h) / h,
      y1 = r.y + ((y + 1) * r.h) / h;
    for (let x = 0; x < w; x++) {
      const x0 = r.x + (x * r.w) / w,
        x1 = r.x + ((x + 1) * r.w) / w;
      acc.fill(0);
      let n = 0;
      for (let sy = Math.floor(y0 / scale); sy * scale < y1 && sy < srcH; sy++) {
        const wy = Math.min(y1, (sy + 1) * scale) - Math.max(y0, sy * scale);
        if (wy <= 0) continue;
        for (let sx = Math.floor(x0 / scale); sx * scale < x1 && sx < srcW; sx++) {
          const wt = wy * (Math.min(x1, (sx + 1) * scale) - Math.max(x0, sx * scale));
          if (wt <= 0) continue;
          const p = (sy * srcW + sx) * stride;
          for (let c = 0; c < channels; c++) acc[c] += wt * src[p + c];
          n += wt;
        }
      }
      const o = (y * w + x) * channels;
      for (let c = 0; c < channels; c++) out[o + c] = n ? acc[c] / n : 0;
    }
  }
  return out;
}

/** The RGB box average of a region of an RGBA picture (decoded at 1/scale). */
function boxResample(src: RgbaImage, scale: number, r: Box, w: number, h: number): Float32Array {
  return boxAverage(src.data, src.width, src.height, 4, 3, scale, r, w, h);
}

/** Solve the symmetric n × n system a·x = b in place (Gaussian elimination, partial pivoting). */
function solve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r * n + c]) > Math.abs(a[p * n + c])) p = r;
    if (p !== c) {
      for (let k = 0; k < n; k++) [a[c * n + k], a[p * n + k]] = [a[p * n + k], a[c * n + k]];
      [b[c], b[p]] = [b[p], b[c]];
    }
    const d = a[c * n + c] || 1e-9;
    for (let r = c + 1; r < n; r++) {
      const f = a[r * n + c] / d;
      if (!f) continue;
      for (let k = c; k < n; k++) a[r * n + k] -= f * a[c * n + k];
      b[r] -= f * b[c];
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r];
    for (let k = r + 1; k < n; k++) s -= a[r * n + k] * x[k];
    x[r] = s / (a[r * n + r] || 1e-9);
  }
  return x;
}

/** Residual (sum of |R|, |G|, |B| errors) the trimmed fit always keeps. */
const MIN_TRIM = 9;

/** Knots of the per-channel tone curves (hinge functions): curves, gamma and clipping are piecewise linear enough. */
const KNOTS = [16, 40, 80, 120, 160, 200, 232];
/** Per thumbnail pixel: R, G, B, then each channel's hinges max(0, v - knot). */
const CHANNELS = 3 + 3 * KNOTS.length;
/** The fit's features: a constant, then the channels. */
const FEATURES = 1 + CHANNELS;

/**
 * The thumbnail's colours and their hinges, per thumbnail pixel, averaged into the working grid.
 * Averaging the hinges (not hinging the averages) makes a per-pixel tone curve commute with the
 * averaging: clipping or a curve applied to the image's pixels stays a linear function of these.
 */
function thumbFeatures(thumb: RgbaImage, t: Box, w: number, h: number): Float32Array {
  const px = new Float32Array(t.w * t.h * CHANNELS);
  for (let y = 0; y < t.h; y++) {
    for (let x = 0; x < t.w; x++) {
      const p = ((t.y + y) * thumb.width + t.x + x) * 4;
      let o = (y * t.w + x) * CHANNELS;
      for (let c = 0; c < 3; c++) px[o + c] = thumb.data[p + c];
      o += 3;
      for (let c = 0; c < 3; c++) {
        const v = thumb.data[p + c];
        for (const knot of KNOTS) px[o++] = v > knot ? v - knot : 0;
      }
    }
  }
  return boxAverage(px, t.w, t.h, CHANNELS, CHANNELS, 1, { x: 0, y: 0, w: t.w, h: t.h }, w, h);
}

/**
 * Predict the image's colours from the thumbnail's: per-channel tone curves plus a colour matrix,
 * fitted by least squares and refitted twice without the worst-fitting pixels. A camera renders its
 * thumbnail with its own tone, and a whole-picture edit (brightness, contrast, curves, saturation,
 * white balance, clipping) is a function of the original colours, which the thumbnail keeps; a local
 * change is a minority the trimmed fit ignores. `features` holds CHANNELS values per pixel.
 */
function fitColours(features: Float32Array, img: Float32Array): Float32Array {
  const n = img.length / 3;
  const x = new Float64Array(FEATURES);
  const keep = new Uint8Array(n).fill(1);
  const out = new Float32Array(img.length);
  const res = new Float32Array(n);
  const ata = new Float64Array(FEATURES * FEATURES);
  const atb = new Float64Array(3 * FEATURES);
  const row = (p: number) => {
    x[0] = 1;
    for (let c = 0; c < CHANNELS; c++) x[1 + c] = features[p * CHANNELS + c] / 255;
  };
  for (let pass = 0; pass < 3; pass++) {
    ata.fill(0);
    atb.fill(0);
    let used = 0;
    for (let p = 0; p < n; p++) {
      if (!keep[p]) continue;
      used++;
      row(p);
      for (let i = 0; i < FEATURES; i++) {
        const xi = x[i];
        if (xi === 0) continue;
        for (let j = i; j < FEATURES; j++) ata[i * FEATURES + j] += xi * x[j];
        atb[i] += xi * img[p * 3];
        atb[FEATURES + i] += xi * img[p * 3 + 1];
        atb[2 * FEATURES + i] += xi * img[p * 3 + 2];
      }
    }
    for (let i = 0; i < FEATURES; i++) for (let j = 0; j < i; j++) ata[i * FEATURES + j] = ata[j * FEATURES + i];
    // A little ridge, relative to each feature's own scale, keeps flat or grey pictures (whose
    // channels are collinear) from an ill-posed fit without damping the rarely used hinges.
    for (let i = 0; i < FEATURES; i++) ata[i * FEATURES + i] = ata[i * FEATURES + i] * (1 + 1e-3) + 1e-6 * used;
    const coef = [0, 1, 2].map((c) => solve(Float64Array.from(ata), atb.slice(c * FEATURES, (c + 1) * FEATURES), FEATURES));
    for (let p = 0; p < n; p++) {
      row(p);
      let e = 0;
      for (let c = 0; c < 3; c++) {
        const k = coef[c];
        let v = 0;
        for (let i = 0; i < FEATURES; i++) v += k[i] * x[i];
        out[p * 3 + c] = v;
        e += Math.abs(v - img[p * 3 + c]);
      }
      res[p] = e;
    }
    if (pass === 2) break;
    // Drop the worst quarter (at least everything over 3x the median) before refitting, but never
    // pixels within what compression leaves (3 per channel): on flat pictures the median is ~0 and
    // a cut at 3x of it would drop every coloured pixel and leave the fit to extrapolate them.
    const sorted = Float32Array.from(res).sort();
    const cut = Math.max(MIN_TRIM, Math.min(sorted[Math.floor(n * 0.75)], 3 * sorted[Math.floor(n / 2)]));
    for (let p = 0; p < n; p++) keep[p] = res[p] <= cut ? 1 : 0;
  }
  return out;
}

function luma(rgb: Float32Array, p: number): number {
  return 0.299 * rgb[p * 3] + 0.587 * rgb[p * 3 + 1] + 0.114 * rgb[p * 3 + 2];
}

/** Mean absolute luma step to the 4 neighbours: how textured each working pixel is. */
function gradient(rgb: Float32Array, w: number, h: number): Float32Array {
  const g = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = y * w + x,
        l = luma(rgb, p);
      const steps: number[] = [];
      if (x > 0) steps.push(Math.abs(l - luma(rgb, p - 1)));
      if (x < w - 1) steps.push(Math.abs(l - luma(rgb, p + 1)));
      if (y > 0) steps.push(Math.abs(l - luma(rgb, p - w)));
      if (y < h - 1) steps.push(Math.abs(l - luma(rgb, p + w)));
      g[p] = steps.length ? steps.reduce((a, b) => a + b, 0) / steps.length : 0;
    }
  }
  return g;
}

function median(values: ArrayLike<number>): number {
  const s = Float64Array.from(values).sort();
  if (!s.length) return 0;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Cells across the long side of the thumbnail region. */
const LONG_CELLS = 8;

/** Grid and working resolution for a thumbnail region of tw × th pixels. */
function gridFor(tw: number, th: number): { columns: number; rows: number; k: number } {
  const long = Math.max(tw, th),
    short = Math.min(tw, th);
  const across = Math.max(3, Math.min(LONG_CELLS, Math.round((LONG_CELLS * short) / long)));
  const k = Math.max(MIN_K, Math.min(MAX_K, Math.round(long / (4 * LONG_CELLS))));
  return tw >= th ? { columns: LONG_CELLS, rows: across, k } : { columns: across, rows: LONG_CELLS, k };
}

/**
 * Compare the thumbnail region `t` with the image region `i` cell by cell.
 */
function compareRegions(thumb: RgbaImage, image: RgbaImage | ScaledImage, t: Box, i: Box): RegionResult {
  const scale = 'scale' in image ? image.scale : 1;
  const { columns, rows, k } = gridFor(t.w, t.h);
  const w = columns * k,
    h = rows * k;
  const ip = boxResample(image, scale, i, w, h);
  const tp = fitColours(thumbFeatures(thumb, t, w, h), ip);
  const gt = gradient(tp, w, h),
    gi = gradient(ip, w, h);
  const cells: CellDifference[] = [];
  const texture: number[] = [];
  const cellLuma: number[] = [];
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      let d = 0,
        g = 0,
        l = 0;
      for (let y = row * k; y < (row + 1) * k; y++) {
        for (let x = column * k; x < (column + 1) * k; x++) {
          const p = y * w + x;
          d += (Math.abs(tp[p * 3] - ip[p * 3]) + Math.abs(tp[p * 3 + 1] - ip[p * 3 + 1]) + Math.abs(tp[p * 3 + 2] - ip[p * 3 + 2])) / 3;
          g += Math.min(gt[p], gi[p]);
          l += luma(tp, p);
        }
      }
      cells.push({ column, row, difference: d / (k * k), expected: 0, z: 0 });
      texture.push(g / (k * k));
      cellLuma.push(l / (k * k));
    }
  }
  // Noise model: an unchanged cell differs by a + b·texture (misregistration and resampling show at
  // edges). Theil-Sen slope over the cells, intercept by median: the changed minority cannot pull it.
  const slopes: number[] = [];
  for (let a = 0; a < cells.length; a++) {
    for (let b = a + 1; b < cells.length; b++) {
      const dx = texture[b] - texture[a];
      if (Math.abs(dx) > 0.5) slopes.push((cells[b].difference - cells[a].difference) / dx);
    }
  }
  const slope = Math.max(0, Math.min(1, median(slopes)));
  const intercept = median(cells.map((c, j) => c.difference - slope * texture[j]));
  const excess = cells.map((c, j) => c.difference - (intercept + slope * texture[j]));
  // Centre and spread of the unchanged cells: median and MAD, recomputed without the cells that
  // stand out (changes only ever add difference), so a change over many cells does not hide itself.
  let clean = excess;
  let mid = 0,
    spread = 0;
  for (let pass = 0; pass < 4; pass++) {
    mid = median(clean);
    spread = 1.4826 * median(clean.map((x) => Math.abs(x - mid)));
    const next = excess.filter((x) => x - mid < 3 * Math.max(spread, 0.5));
    if (next.length === clean.length || next.length < cells.length / 2) break;
    clean = next;
  }
  const floor = median(cells.map((c) => c.difference));
  const sd = Math.max(spread, 0.5, 0.1 * floor);
  cells.forEach((c, j) => {
    c.expected = Math.round((intercept + slope * texture[j]) * 100) / 100;
    c.z = Math.round(((excess[j] - mid) / sd) * 10) / 10;
    c.difference = Math.round(c.difference * 100) / 100;
  });
  const meanL = cellLuma.reduce((a, b) => a + b, 0) / cellLuma.length;
  const tex = Math.sqrt(cellLuma.reduce((a, b) => a + (b - meanL) ** 2, 0) / cellLuma.length);
  return {
    columns,
    rows,
    noiseFloor: Math.round(floor * 100) / 100,
    spread: Math.round(spread * 100) / 100,
    cells,
    regions: connectedRegions(cells, columns, rows),
    texture: Math.round(tex * 10) / 10,
  };
}

/** A cell at or above this robust z belongs to a region that stands out. */
const HOT_Z = 3.5;

/** Groups of 8-connected cells at or above HOT_Z, strongest (highest peak z) first. */
function connectedRegions(cells: CellDifference[], columns: number, rows: number): { cells: CellDifference[]; box: Box }[] {
  const seen = new Uint8Array(cells.length);
  const out: { cells: CellDifference[]; box: Box; peak: number }[] = [];
  for (let start = 0; start < cells.length; start++) {
    if (seen[start] || cells[start].z < HOT_Z) continue;
    const group: CellDifference[] = [];
    const stack = [start];
    seen[start] = 1;
    while (stack.length) {
      const j = stack.pop()!;
      const c = cells[j];
      group.push(c);
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const x = c.column + dx,
            y = c.row + dy;
          if (x < 0 || y < 0 || x >= columns || y >= rows) continue;
          const n = y * columns + x;
          if (!seen[n] && cells[n].z >= HOT_Z) {
            seen[n] = 1;
            stack.push(n);
          }
        }
      }
    }
    const x0 = Math.min(...group.map((c) => c.column)),
      y0 = Math.min(...group.map((c) => c.row));
    const x1 = Math.max(...group.map((c) => c.column)),
      y1 = Math.max(...group.map((c) => c.row));
    out.push({ cells: group, box: { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 }, peak: Math.max(...group.map((c) => c.z)) });
  }
  return out.sort((a, b) => b.peak - a.peak).map(({ cells: c, box }) => ({ cells: c, box }));
}

/** A grid box mapped onto a region of `cols` × `rows` cells spanning `r`, in whole pixels. */
function toPixels(box: Box, r: Box, cols: number, rows: number): Box {
  const x0 = Math.round(r.x + (box.x * r.w) / cols),
    y0 = Math.round(r.y + (box.y * r.h) / rows);
  const x1 = Math.round(r.x + ((box.x + box.w) * r.w) / cols),
    y1 = Math.round(r.y + ((box.y + box.h) * r.h) / rows);
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** The cell-by-cell comparison reduced to the facts a check needs: the grid, the noise and the strongest region. */
export function summariseRegions(thumb: RgbaImage, image: RgbaImage | ScaledImage, t: Box, i: Box): ThumbnailRegions {
  const r = compareRegions(thumb, image, t, i);
  const peak = (g: { cells: CellDifference[] }) => g.cells.reduce((a, c) => (c.z > a.z ? c : a));
  const out: ThumbnailRegions = {
    columns: r.columns,
    rows: r.rows,
    noiseFloor: r.noiseFloor,
    texture: r.texture,
    hotRegions: r.regions.length,
    secondZ: r.regions[1] ? peak(r.regions[1]).z : 0,
  };
  const top = r.regions[0];
  if (top) {
    const p = peak(top);
    out.strongest = {
      thumbBox: toPixels(top.box, t, r.columns, r.rows),
      imageBox: toPixels(top.box, i, r.columns, r.rows),
      cells: top.cells.length,
      z: p.z,
      difference: p.difference,
      expected: p.expected,
    };
  }
  return out;
}
