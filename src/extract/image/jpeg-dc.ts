// JPEG decoded at 1/8 scale from the DC coefficients alone, for the thumbnail comparison (~10x
// cheaper than jpeg-js); scope and bounds in docs/extract.md (Thumbnails).

export interface DcImage {
  /** ceil(fullWidth/8) × ceil(fullHeight/8): one pixel per 8×8 block. */
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, row-major. */
  data: Uint8Array;
  /** Each pixel is the mean of a scale × scale block of the fullWidth × fullHeight picture. */
  scale: 8;
  fullWidth: number;
  fullHeight: number;
  /** Rows (of fullHeight) decoded from real data: less when the data ended early or hit a stray
   *  marker, and the rest was decoded from zero bits. */
  decodedRows: number;
}

interface Component {
  id: number;
  h: number;
  v: number;
  tq: number;
  /** q[0] of its quantization table, latched at its first scan. */
  q0: number;
  /** Blocks per line / column including MCU padding (storage), and without (non-interleaved scans). */
  bw: number;
  bh: number;
  bwScan: number;
  bhScan: number;
  dc: Int16Array;
  pred: number;
  dcTable: Huffman | undefined;
  acTable: Huffman | undefined;
}

/** Canonical Huffman table (ITU T.81 Annex C) with a 9-bit lookup for the common short codes. */
interface Huffman {
  /** lookup[peek 9 bits] = length << 8 | symbol, or 0 when the code is longer than 9 bits. */
  lookup: Uint16Array;
  maxcode: Int32Array; // per length 1..16, -1 when none; index 17 is a sentinel
  valptr: Int32Array;
  mincode: Int32Array;
  values: Uint8Array;
}

const LOOKAHEAD = 9;

function buildHuffman(counts: Uint8Array, values: Uint8Array): Huffman {
  const maxcode = new Int32Array(18).fill(-1),
    valptr = new Int32Array(17),
    mincode = new Int32Array(17);
  const lookup = new Uint16Array(1 << LOOKAHEAD);
  let code = 0,
    k = 0;
  for (let len = 1; len <= 16; len++) {
    valptr[len] = k;
    mincode[len] = code;
    for (let i = 0; i < counts[len - 1]; i++, k++, code++) {
      if (len <= LOOKAHEAD) {
        const shift = LOOKAHEAD - len;
        for (let j = code << shift, end = (code + 1) << shift; j < end; j++) lookup[j] = (len << 8) | values[k];
      }
    }
    if (counts[len - 1]) maxcode[len] = code - 1;
    if (code > 1 << len) throw new Error('JPEG Huffman table is invalid (too many codes)');
    code <<= 1;
  }
  return { lookup, maxcode, valptr, mincode, values };
}

/** Reads the entropy-coded bits of a scan; stops at any marker and then supplies zero bits. */
class BitReader {
  acc = 0;
  nbits = 0;
  /** Zero bits appended past the data (at a marker or the end of the file). */
  pad = 0;
  overrun = false;
  constructor(
    private readonly d: Uint8Array,
    public pos: number,
  ) {}

  private fill(): void {
    while (this.nbits <= 24) {
      const d = this.d,
        p = this.pos;
      let b = 0;
      if (p < d.length && !(d[p] === 0xff && d[p + 1] !== 0x00)) {
        b = d[p];
        this.pos = p + (b === 0xff ? 2 : 1); // FF00 is a stuffed FF
      } else this.pad += 8; // at a marker or the end: zeros, as jpeg-js's tolerant decoding
      this.acc = (this.acc << 8) | b;
      this.nbits += 8;
    }
  }
  peek(n: number): number {
    if (this.nbits < n) this.fill();
    return (this.acc >>> (this.nbits - n)) & ((1 << n) - 1);
  }
  skip(n: number): void {
    this.nbits -= n;
    if (this.nbits < this.pad) {
      this.overrun = true;
      this.pad = this.nbits;
    }
  }
  bits(n: number): number {
    if (n === 0) return 0;
    const v = this.peek(n);
    this.skip(n);
    return v;
  }
  /** A value of `s` bits in JPEG's sign convention (T.81 F.12 EXTEND). */
  signed(s: number): number {
    const v = this.bits(s);
    return v < 1 << (s - 1) ? v - (1 << s) + 1 : v;
  }
  decode(t: Huffman): number {
    const e = t.lookup[this.peek(LOOKAHEAD)];
    if (e) {
      this.skip(e >> 8);
      return e & 0xff;
    }
    const code16 = this.peek(16);
    for (let len = LOOKAHEAD + 1; len <= 16; len++) {
      const code = code16 >>> (16 - len);
      if (t.maxcode[len] >= 0 && code <= t.maxcode[len]) {
        this.skip(len);
        return t.values[t.valptr[len] + code - t.mincode[len]];
      }
    }
    throw new Error('JPEG data is corrupt (invalid Huffman code)');
  }
  /** At a restart boundary: drop the partial byte and step over the RSTn marker. */
  restart(): void {
    this.acc = this.nbits = this.pad = 0;
    this.pos = nextMarker(this.d, this.pos, false);
    if (this.d[this.pos + 1] >= 0xd0 && this.d[this.pos + 1] <= 0xd7) this.pos += 2;
  }
}

/** Offset of the next marker at or after `p` (FF00 stuffing, fill FFs and, if asked, RSTn skipped). */
function nextMarker(d: Uint8Array, p: number, skipRst: boolean): number {
  for (; p + 1 < d.length; p++) {
    if (d[p] !== 0xff) continue;
    const m = d[p + 1];
    if (m !== 0x00 && m !== 0xff && !(skipRst && m >= 0xd0 && m <= 0xd7)) return p;
  }
  return d.length;
}

/**
 * Decode the 1/8-scale image of a JPEG. Throws for unsupported codings (the caller then uses a full
 * decoder), over `maxMegapixels`, when the 1/8 image would be under `minSide` pixels a side (before
 * any decoding), or for data too corrupt to follow.
 */
export function decodeJpegDc(d: Uint8Array, maxMegapixels: number, minSide = 1): DcImage {
  if (d[0] !== 0xff || d[1] !== 0xd8) throw new Error('not a JPEG (no SOI marker)');
  const q0 = new Int32Array(4).fill(-1);
  const dcTables: (Huffman | undefined)[] = [],
    acTables: (Huffman | undefined)[] = [];
  let comps: Component[] | undefined;
  let width = 0,
    height = 0,
    maxH = 1,
    maxV = 1,
    mcusX = 0,
    mcusY = 0;
  let progressive = false,
    restartInterval = 0,
    adobeTransform = -1,
    scans = 0,
    decodedRows = Infinity;
  let p = 2;

  while (p < d.length) {
    p = nextMarker(d, p, true);
    if (p + 1 >= d.length) break;
    const m = d[p + 1];
    if (m === 0xd9) break; // EOI
    if (m === 0x01 || (m >= 0xd0 && m <= 0xd8)) {
      p += 2;
      continue;
    } // TEM, stray RSTn/SOI
    if (p + 4 > d.length) break;
    const len = (d[p + 2] << 8) | d[p + 3],
      s = p + 4,
      end = p + 2 + len;
    if (len < 2 || end > d.length) throw new Error(`JPEG segment FF${m.toString(16).toUpperCase()} overruns the file`);
    p = end;
    if (m === 0xc0 || m === 0xc1 || m === 0xc2) {
      if (comps) throw new Error('JPEG has more than one frame (SOF) marker');
      if (len < 8) throw new Error('JPEG frame header is truncated');
      if (d[s] !== 8) throw new Error(`JPEG of ${d[s]}-bit precision is not supported by the 1/8 decoder`);
      height = (d[s + 1] << 8) | d[s + 2];
      width = (d[s + 3] << 8) | d[s + 4];
      const n = d[s + 5];
      if (!width || !height) throw new Error('JPEG frame has no size (DNL not supported)');
      if (n !== 1 && n !== 3) throw new Error(`JPEG with ${n} components is not supported by the 1/8 decoder`);
      if (len < 8 + 3 * n) throw new Error('JPEG frame header is truncated');
      if (width * height > maxMegapixels * 1e6)
        throw new Error(`JPEG of ${((width * height) / 1e6).toFixed(1)} Mpixel exceeds ${maxMegapixels}`);
      if (Math.min(width, height) < 8 * minSide) throw new Error(`JPEG of ${width}x${height} is too small for a 1/8-scale decode`);
      progressive = m === 0xc2;
      const raw = [];
      for (let i = 0; i < n; i++) {
        const o = s + 6 + 3 * i,
          h = d[o + 1] >> 4,
          v = d[o + 1] & 15;
        if (h < 1 || h > 4 || v < 1 || v > 4 || d[o + 2] > 3) throw new Error('JPEG frame has invalid sampling factors or table numbers');
        raw.push({ id: d[o], h, v, tq: d[o + 2] });
        maxH = Math.max(maxH, h);
        maxV = Math.max(maxV, v);
      }
      if (new Set(raw.map((c) => c.id)).size !== n) throw new Error('JPEG frame repeats a component id');
      mcusX = Math.ceil(width / (8 * maxH));
      mcusY = Math.ceil(height / (8 * maxV));
      comps = raw.map((c) => {
        const bw = mcusX * c.h,
          bh = mcusY * c.v;
        return {
          ...c,
          q0: -1,
          bw,
          bh,
          bwScan: Math.ceil(Math.ceil((width * c.h) / maxH) / 8),
          bhScan: Math.ceil(Math.ceil((height * c.v) / maxV) / 8),
          dc: new Int16Array(bw * bh),
          pred: 0,
          dcTable: undefined,
          acTable: undefined,
        };
      });
    } else if ((m >= 0xc3 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) || m === 0xde) {
      const kind = m === 0xde ? 'hierarchical' : m >= 0xc9 ? 'arithmetic-coded' : m === 0xc3 ? 'lossless' : 'hierarchical/lossless';
      throw new Error(`${kind} JPEG (SOF${m - 0xc0}) is not supported by the 1/8 decoder`);
    } else if (m === 0xc4) {
      // DHT: one or more tables
      for (let o = s; o < end;) {
        const tc = d[o] >> 4,
          th = d[o] & 15;
        if (tc > 1 || th > 3 || o + 17 > end) throw new Error('JPEG Huffman table header is invalid');
        const counts = d.subarray(o + 1, o + 17);
        const total = counts.reduce((a, b) => a + b, 0);
        if (total > 256 || o + 17 + total > end) throw new Error('JPEG Huffman table is invalid');
        (tc ? acTables : dcTables)[th] = buildHuffman(counts, d.subarray(o + 17, o + 17 + total));
        o += 17 + total;
      }
    } else if (m === 0xdb) {
      // DQT: only q[0] (the DC step) matters here
      for (let o = s; o < end;) {
        const pq = d[o] >> 4,
          tq = d[o] & 15,
          size = pq ? 128 : 64;
        if (pq > 1 || tq > 3 || o + 1 + size > end) throw new Error('JPEG quantization table is invalid');
        q0[tq] = pq ? (d[o + 1] << 8) | d[o + 2] : d[o + 1];
        o += 1 + size;
      }
    } else if (m === 0xdd) {
      if (len < 4) throw new Error('JPEG restart interval segment is truncated');
      restartInterval = (d[s] << 8) | d[s + 1];
    } else if (m === 0xee && len >= 14 && String.fromCharCode(...d.subarray(s, s + 5)) === 'Adobe') {
      adobeTransform = d[s + 11];
    } else if (m === 0xda) {
      if (!comps) throw new Error('JPEG scan before its frame header');
      const ns = d[s];
      if (ns < 1 || ns > 4 || len < 6 + 2 * ns) throw new Error('JPEG scan header is invalid');
      const scan: Component[] = [];
      for (let i = 0; i < ns; i++) {
        const c = comps.find((x) => x.id === d[s + 1 + 2 * i]);
        if (!c) throw new Error('JPEG scan names an unknown component');
        c.dcTable = dcTables[d[s + 2 + 2 * i] >> 4];
        c.acTable = acTables[d[s + 2 + 2 * i] & 15];
        scan.push(c);
      }
      const ss = d[s + 1 + 2 * ns],
        se = d[s + 2 + 2 * ns],
        ah = d[s + 3 + 2 * ns] >> 4,
        al = d[s + 3 + 2 * ns] & 15;
      if (progressive && ss > 0) {
        p = nextMarker(d, p, true);
        continue;
      } // AC scan: not needed
      if (progressive ? se !== 0 : ss !== 0 || se !== 63) throw new Error('JPEG scan has an invalid spectral selection');
      for (const c of scan) {
        if (c.q0 < 0) c.q0 = q0[c.tq];
        if (c.q0 < 0) throw new Error('JPEG component has no quantization table');
        if (!(ah && progressive) && !c.dcTable) throw new Error('JPEG scan uses an undefined DC Huffman table');
        if (!progressive && !c.acTable) throw new Error('JPEG scan uses an undefined AC Huffman table');
      }
      // Bound the work: progressive files have at most 1 + 13 DC scans per component.
      if (++scans > 48) throw new Error('JPEG has too many scans');
      const r = decodeScan(d, p, scan, progressive, ah, al, restartInterval, mcusX, mcusY, maxV);
      decodedRows = Math.min(decodedRows, r.rows);
      p = r.pos;
    }
  }
  if (!comps) throw new Error('JPEG has no frame header (SOF)');
  if (!scans) throw new Error('JPEG has no scan (SOS) with image data');
  if (comps.some((c) => c.q0 < 0)) decodedRows = 0; // a component's scan is missing altogether
  return toRgba(comps, width, height, maxH, maxV, comps.length === 3 && adobeTransform !== 0, Math.min(height, decodedRows));
}

function decodeScan(
  d: Uint8Array,
  pos: number,
  scan: Component[],
  progressive: boolean,
  ah: number,
  al: number,
  restartInterval: number,
  mcusX: number,
  mcusY: number,
  maxV: number,
): { pos: number; rows: number } {
  const br = new BitReader(d, pos);
  const single = scan.length === 1; // non-interleaved: one block per MCU, over the component's own size
  const units = single ? scan[0].bwScan * scan[0].bhScan : mcusX * mcusY;
  const unitsPerRow = single ? scan[0].bwScan : mcusX;
  for (const c of scan) c.pred = 0;
  const block = (c: Component, row: number, col: number) => {
    const i = row * c.bw + col;
    if (progressive && ah) {
      // DC refinement: one more bit of precision
      if (br.bits(1)) c.dc[i] |= 1 << al;
      return;
    }
    const t = br.decode(c.dcTable!);
    if (t > 11) throw new Error('JPEG data is corrupt (DC difference out of range)');
    c.pred += t ? br.signed(t) : 0;
    c.dc[i] = c.pred << al;
    if (progressive) return;
    const ac = c.acTable!;
    for (let k = 1; k < 64; k++) {
      // skip the AC codes: decode each symbol, drop its `size` bits
      const rs = br.decode(ac),
        r = rs >> 4,
        size = rs & 15;
      if (size) {
        k += r;
        br.bits(size);
      } else if (r === 15) k += 15;
      else break;
    }
  };
  for (let u = 0; u < units; u++) {
    if (restartInterval && u > 0 && u % restartInterval === 0) {
      br.restart();
      for (const c of scan) c.pred = 0;
    }
    const row = Math.floor(u / unitsPerRow),
      col = u % unitsPerRow;
    if (single) block(scan[0], row, col);
    else for (const c of scan) for (let y = 0; y < c.v; y++) for (let x = 0; x < c.h; x++) block(c, row * c.v + y, col * c.h + x);
    // Data ran out in this unit: rows above its MCU row were decoded from real data.
    if (br.overrun) return { pos: d.length, rows: (row * 8 * maxV) / (single ? scan[0].v : 1) };
  }
  return { pos: nextMarker(d, br.pos, true), rows: Infinity };
}

function toRgba(
  comps: Component[],
  fullWidth: number,
  fullHeight: number,
  maxH: number,
  maxV: number,
  ycc: boolean,
  decodedRows: number,
): DcImage {
  const width = Math.ceil(fullWidth / 8),
    height = Math.ceil(fullHeight / 8);
  const data = new Uint8Array(width * height * 4);
  const planes = comps.map((c) => ({ c, scale: c.q0 / 8 }));
  const val = [0, 0, 0];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let i = 0; i < planes.length; i++) {
        // nearest-neighbour upsampling of subsampled planes
        const { c, scale } = planes[i];
        val[i] = c.dc[Math.floor((y * c.v) / maxV) * c.bw + Math.floor((x * c.h) / maxH)] * scale + 128;
      }
      const o = (y * width + x) * 4;
      if (planes.length === 1) data[o] = data[o + 1] = data[o + 2] = clamp(val[0]);
      else if (!ycc) [data[o], data[o + 1], data[o + 2]] = [clamp(val[0]), clamp(val[1]), clamp(val[2])];
      else {
        // JFIF YCbCr -> RGB, the same coefficients as jpeg-js
        const [yy, cb, cr] = [val[0], val[1] - 128, val[2] - 128];
        data[o] = clamp(yy + 1.402 * cr);
        data[o + 1] = clamp(yy - 0.3441363 * cb - 0.71413636 * cr);
        data[o + 2] = clamp(yy + 1.772 * cb);
      }
      data[o + 3] = 255;
    }
  }
  return { width, height, data, scale: 8, fullWidth, fullHeight, decodedRows };
}

function clamp(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
}
