// Compact per-document state for corpus checks that keep a few numbers per document: at a million
// documents, a number in a typed array costs 4-8 bytes where an object or Map entry costs 50-100.

import { createHash } from 'node:crypto';

/** 48 bits of SHA-1 of a string, exact in a double. Among a million strings a collision is possible
 *  (about 1 in 500), so callers use it to preselect or to drop exact repeats, never as proof. */
export function hash48(s: string): number {
  return createHash('sha1').update(s).digest().readUIntBE(0, 6);
}

/** An append-only array of fixed-width Uint32 records in one buffer (doubling as it grows). */
export class GrowableU32 {
  private buf: Uint32Array;
  private len = 0;
  constructor(
    private readonly width: number,
    initialRecords = 1024,
  ) {
    this.buf = new Uint32Array(width * initialRecords);
  }
  private room(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    const next = new Uint32Array(Math.max(this.buf.length * 2, this.len + extra));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  push(rec: Uint32Array): void {
    this.room(this.width);
    this.buf.set(rec, this.len);
    this.len += this.width;
  }
  push1(v: number): void {
    this.room(1);
    this.buf[this.len++] = v;
  }
  at(i: number): Uint32Array {
    return this.buf.subarray(i * this.width, (i + 1) * this.width);
  }
  view(): Uint32Array {
    return this.buf.subarray(0, this.len);
  }
}

/** An append-only array of numbers (doubles) in one buffer. */
export class GrowableF64 {
  private buf = new Float64Array(1024);
  private len = 0;
  push(v: number): void {
    if (this.len === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.len++] = v;
  }
  at1(i: number): number {
    return this.buf[i];
  }
  view(): Float64Array {
    return this.buf.subarray(0, this.len);
  }
}
