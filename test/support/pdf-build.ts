// Small, exact PDF writers for tests: an original file and incremental updates with correct
// cross-reference offsets (classic table or cross-reference stream), so structure tests can
// state the expected revisions, offsets and changed objects precisely — and break them on purpose.
import { deflateSync } from 'node:zlib';

export interface BuiltPdf {
  bytes: Buffer;
  /** Offset of each object header, by object number. */
  offsets: Map<number, number>;
  /** Offset of this save's xref section (the startxref value). */
  xref: number;
  /** End of the %%EOF line of this save. */
  end: number;
}

const enc = (s: string): Buffer => Buffer.from(s, 'latin1');

/** A minimal one-page document; extra objects may be added as bodies keyed by number. */
export function simpleObjects(text = 'Hello'): Record<number, string> {
  const content = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  return {
    1: '<< /Type /Catalog /Pages 2 0 R >>',
    2: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    3: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    4: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    5: `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  };
}

function writeBody(parts: Buffer[], start: number, objects: Record<number, string>, offsets: Map<number, number>): number {
  let at = start;
  for (const [n, body] of Object.entries(objects)) {
    offsets.set(Number(n), at);
    const chunk = enc(`${n} 0 obj\n${body}\nendobj\n`);
    parts.push(chunk);
    at += chunk.length;
  }
  return at;
}

function xrefTable(entries: Map<number, number>, size: number, withZero: boolean): string {
  const nums = [...entries.keys()].sort((a, b) => a - b);
  let out = 'xref\n';
  if (withZero) out += '0 1\n0000000000 65535 f \n';
  // one subsection per run of consecutive numbers
  for (let i = 0; i < nums.length;) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === nums[j] + 1) j++;
    out += `${nums[i]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) out += `${String(entries.get(nums[k])).padStart(10, '0')} 00000 n \n`;
    i = j + 1;
  }
  void size;
  return out;
}

/** An original PDF with a classic xref table. `trailer` adds keys (e.g. '/Info 6 0 R'). */
export function buildPdf(objects: Record<number, string>, opts: { version?: string; trailer?: string } = {}): BuiltPdf {
  const parts: Buffer[] = [enc(`%PDF-${opts.version ?? '1.4'}\n%\xe2\xe3\xcf\xd3\n`)];
  const offsets = new Map<number, number>();
  const at = writeBody(parts, parts[0].length, objects, offsets);
  const size = Math.max(...Object.keys(objects).map(Number)) + 1;
  const tail = `${xrefTable(offsets, size, true)}trailer\n<< /Size ${size} /Root 1 0 R ${opts.trailer ?? ''}>>\nstartxref\n${at}\n%%EOF\n`;
  parts.push(enc(tail));
  const bytes = Buffer.concat(parts);
  return { bytes, offsets, xref: at, end: bytes.length };
}

/** Append an incremental update redefining / adding `objects`, chained to `base` with /Prev. */
export function appendUpdate(base: BuiltPdf, objects: Record<number, string>, opts: { trailer?: string; prev?: number } = {}): BuiltPdf {
  const parts: Buffer[] = [base.bytes];
  const offsets = new Map<number, number>();
  const at = writeBody(parts, base.bytes.length, objects, offsets);
  const all = new Map([...base.offsets, ...offsets]);
  const size = Math.max(...all.keys()) + 1;
  const tail = `${xrefTable(offsets, size, false)}trailer\n<< /Size ${size} /Root 1 0 R /Prev ${opts.prev ?? base.xref} ${opts.trailer ?? ''}>>\nstartxref\n${at}\n%%EOF\n`;
  parts.push(enc(tail));
  const bytes = Buffer.concat(parts);
  return { bytes, offsets: all, xref: at, end: bytes.length };
}

/**
 * An original PDF whose cross-reference is a stream (PDF 1.5), with the objects listed in
 * `compressed` stored in one object stream. `entryOverride` replaces xref rows (hostile tests).
 */
export function buildXrefStreamPdf(
  objects: Record<number, string>,
  opts: { compressed?: number[]; entryOverride?: Record<number, [number, number, number]>; extraDict?: string } = {},
): BuiltPdf {
  const compressed = new Set(opts.compressed ?? []);
  const parts: Buffer[] = [enc('%PDF-1.5\n%\xe2\xe3\xcf\xd3\n')];
  const offsets = new Map<number, number>();
  const direct: Record<number, string> = {};
  for (const [n, body] of Object.entries(objects)) if (!compressed.has(Number(n))) direct[Number(n)] = body;
  const nums = Object.keys(objects).map(Number);
  const stmNum = Math.max(...nums) + 1;
  const xrefNum = stmNum + 1;
  const rows = new Map<number, [number, number, number]>();
  if (compressed.size) {
    const members = [...compressed];
    let header = '';
    let data = '';
    members.forEach((n, i) => {
      header += `${n} ${data.length} `;
      data += `${objects[n]}\n`;
      rows.set(n, [2, stmNum, i]);
    });
    const payload = deflateSync(enc(header + data));
    direct[stmNum] =
      `<< /Type /ObjStm /N ${members.length} /First ${header.length} /Filter /FlateDecode /Length ${payload.length} >>\nstream\n${payload.toString('latin1')}\nendstream`;
  }
  const at = writeBody(parts, parts[0].length, direct, offsets);
  for (const [n, off] of offsets) rows.set(n, [1, off, 0]);
  rows.set(xrefNum, [1, at, 0]);
  for (const [n, row] of Object.entries(opts.entryOverride ?? {})) rows.set(Number(n), row);
  const size = xrefNum + 1;
  const table = Buffer.alloc(size * 7);
  for (let n = 0; n < size; n++) {
    const [t, f2, f3] = rows.get(n) ?? [0, 0, n === 0 ? 65535 : 0];
    table.writeUInt8(t, n * 7);
    table.writeUInt32BE(f2, n * 7 + 1);
    table.writeUInt16BE(f3, n * 7 + 5);
  }
  const payload = deflateSync(table);
  const xrefObj = enc(
    `${xrefNum} 0 obj\n<< /Type /XRef /Size ${size} /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length ${payload.length} ${opts.extraDict ?? ''}>>\nstream\n`,
  );
  parts.push(xrefObj, payload, enc('\nendstream\nendobj\n'));
  offsets.set(xrefNum, at);
  const xref = at;
  parts.push(enc(`startxref\n${xref}\n%%EOF\n`));
  const bytes = Buffer.concat(parts);
  return { bytes, offsets, xref, end: bytes.length };
}
