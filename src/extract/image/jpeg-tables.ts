// The quantisation tables of a JPEG summarised as the fingerprint of the encoder that last
// compressed its pixels: table sums, chroma subsampling and the IJG quality when the tables are
// exactly libjpeg's. How image.editor uses it: docs/checks-images.md.

import type { JpegQuantisation } from '../../model/facts-image.js';
import type { JpegStructure } from './structure.js';

/** ITU T.81 Annex K tables K.1 and K.2 (natural order): libjpeg scales these by its quality. */
const ANNEX_K_LUMINANCE = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22,
  37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
const ANNEX_K_CHROMINANCE = [
  17,
  18,
  24,
  47,
  99,
  99,
  99,
  99,
  18,
  21,
  26,
  66,
  99,
  99,
  99,
  99,
  24,
  26,
  56,
  99,
  99,
  99,
  99,
  99,
  47,
  66,
  99,
  99,
  99,
  99,
  99,
  99,
  ...new Array<number>(32).fill(99),
];

/** libjpeg's jpeg_quality_scaling and jpeg_add_quant_table (baseline: clamped to 1..255). */
function ijgTable(base: readonly number[], quality: number): number[] {
  const scale = quality < 50 ? Math.floor(5000 / quality) : 200 - 2 * quality;
  return base.map((b) => Math.min(255, Math.max(1, Math.floor((b * scale + 50) / 100))));
}

const same = (a: ArrayLike<number>, b: readonly number[]) => b.every((v, i) => a[i] === v);

/** The libjpeg quality (1-100) whose tables these are exactly, if any. */
function ijgQuality(luma: Uint16Array, chroma: Uint16Array | undefined): number | undefined {
  for (let q = 1; q <= 100; q++) {
    if (same(luma, ijgTable(ANNEX_K_LUMINANCE, q)) && (!chroma || same(chroma, ijgTable(ANNEX_K_CHROMINANCE, q)))) return q;
  }
  return undefined;
}

/** Summarise the tables used by the frame's first (luma) and second (chroma) components. */
export function describeQuantisation(s: Pick<JpegStructure, 'quantTables' | 'components'>): JpegQuantisation | undefined {
  const [first, second] = s.components;
  const luma = first && s.quantTables[first.tq];
  if (!luma) return undefined;
  const chroma = second ? s.quantTables[second.tq] : undefined;
  const sum = (t: Uint16Array) => t.reduce((a, b) => a + b, 0);
  const out: JpegQuantisation = { luminanceSum: sum(luma), sampling: `${first.h}x${first.v}` };
  if (chroma) out.chrominanceSum = sum(chroma);
  const q = ijgQuality(luma, chroma);
  if (q !== undefined) out.ijgQuality = q;
  return out;
}
