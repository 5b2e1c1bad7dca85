// Streaming mbox splitter: message byte ranges in one pass over the chunks, a small window of the
// current line held; the separator rule is in docs/extract.md (mbox).

export interface MboxMessage {
  index: number;
  /** The "From " line (without line break), '' for text before the first separator. */
  envelope: string;
  /** Offset of the first byte after the "From " line. */
  offset: number;
  /** Bytes up to the next "From " line (or end of file): exactly what the .eml would hold. */
  length: number;
  /** Lines starting with one or more '>' followed by "From " (mbox quoting). */
  quotedFromLines: number;
}

/** Bytes of a line kept for inspection; longer lines are only measured. */
const LINE_WINDOW = 1024;

const HEADER_LINE = /^[\x21-\x39\x3b-\x7e]+[ \t]*:/;
const QUOTED_FROM = /^>+From /;

interface Candidate {
  lineStart: number;
  lineEnd: number;
  envelope: string;
}

/**
 * Split an mbox given as a sequence of chunks (offsets are counted from `base`).
 * Yields each message as soon as the next separator (or the end) is seen.
 */
export async function* splitMbox(chunks: AsyncIterable<Uint8Array>, base = 0): AsyncGenerator<MboxMessage> {
  let index = 0;
  let pos = base; // absolute offset of the next byte to read
  let lineStart = base;
  /** First bytes (at most LINE_WINDOW, copied) of a line that began in an earlier chunk. */
  let carry: Buffer | null = null;
  let prevBlank = false;
  let pending: Candidate | null = null;
  // Current message: starts after its "From " line.
  let msgStart = base;
  let msgEnvelope = '';
  let msgQuoted = 0;
  let started = false; // true once the first separator (or leading text) opened a message

  const finish = (end: number): MboxMessage | null => {
    if (!started && end === base) return null;
    const m: MboxMessage = {
      index,
      envelope: msgEnvelope,
      offset: msgStart,
      length: Math.max(0, end - msgStart),
      quotedFromLines: msgQuoted,
    };
    index++;
    return m;
  };
  const open = (c: Candidate) => {
    msgStart = c.lineEnd;
    msgEnvelope = c.envelope;
    msgQuoted = 0;
    started = true;
  };

  // Handle one complete line [start, end) of the file whose first bytes are b[from, to).
  // Most lines are body text: they are only measured, and decoded to a string only when they
  // could matter (a "From " or '>' line, the line after a candidate separator, the first line).
  const onLine = (start: number, end: number, b: Buffer, from: number, to: number, out: MboxMessage[]) => {
    let len = to - from;
    if (len > 0 && b[from + len - 1] === 0x0a) len--;
    if (len > 0 && b[from + len - 1] === 0x0d) len--;
    const blank = len === 0 && end - start <= 2;
    const first = len > 0 ? b[from] : -1;
    if (pending) {
      const c = pending;
      pending = null;
      if (HEADER_LINE.test(b.toString('latin1', from, from + len))) {
        const m = finish(c.lineStart);
        if (m) out.push(m);
        open(c);
      }
    }
    if (first === 0x46 /* F */ && len >= 5 && b.toString('latin1', from, from + 5) === 'From ') {
      const cand = { lineStart: start, lineEnd: end, envelope: b.toString('latin1', from, from + len) };
      if (start === base) open(cand);
      else if (prevBlank) pending = cand;
    } else if (first === 0x3e /* > */ && QUOTED_FROM.test(b.toString('latin1', from, from + len))) {
      msgQuoted++;
    } else if (start === base) {
      // Text before any separator: kept as a message without envelope, so nothing vanishes.
      started = true;
    }
    prevBlank = blank;
  };

  for await (const chunk of chunks) {
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const out: MboxMessage[] = [];
    let at = 0;
    while (at < buf.length) {
      const nl = buf.indexOf(0x0a, at);
      if (nl < 0) {
        // The line goes on in the next chunk: keep (a copy of) its first bytes only.
        if (carry === null) carry = Buffer.from(buf.subarray(at, Math.min(buf.length, at + LINE_WINDOW)));
        else if (carry.length < LINE_WINDOW)
          carry = Buffer.concat([carry, buf.subarray(at, Math.min(buf.length, at + LINE_WINDOW - carry.length))]);
        pos += buf.length - at;
        break;
      }
      const stop = nl + 1;
      pos += stop - at;
      if (carry !== null) {
        const head =
          carry.length < LINE_WINDOW ? Buffer.concat([carry, buf.subarray(at, Math.min(stop, at + LINE_WINDOW - carry.length))]) : carry;
        onLine(lineStart, pos, head, 0, head.length, out);
        carry = null;
      } else {
        onLine(lineStart, pos, buf, at, Math.min(stop, at + LINE_WINDOW), out);
      }
      lineStart = pos;
      at = stop;
    }
    for (const m of out) yield m;
  }
  // A last line without a line break.
  if (carry !== null) {
    const out: MboxMessage[] = [];
    onLine(lineStart, pos, carry, 0, carry.length, out);
    for (const m of out) yield m;
  }
  // A candidate separator at the very end has no header after it: it stays in the body.
  pending = null;
  const last = finish(pos);
  if (last) yield last;
}
