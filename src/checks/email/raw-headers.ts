// Reading the header block of a raw message for the DKIM check. DKIM is judged on the bytes as
// received (never on re-serialised headers), so the check looks at the raw header block itself:
// which header instances exist, in which order, and whether the block is well formed.
// (src/extract/email/raw-headers.ts does the same for the extractor; checks do not import from
// extract/ — DESIGN.md layering — and this one needs no limits bookkeeping.)

export interface RawHeaderField {
  /** Lower-cased field name. */
  key: string;
  /** Name as written. */
  name: string;
  /** Unfolded value (CRLF/LF + WSP removed), not decoded. */
  value: string;
}

export interface RawHeaderBlock {
  fields: RawHeaderField[];
  /** Lines of the header block that are neither a field nor a continuation (RFC 5322 §2.2). */
  malformed: string[];
  /** Byte offset where the body starts (after the blank line), or the message length. */
  bodyOffset: number;
}

export function readHeaderBlock(raw: Uint8Array): RawHeaderBlock {
  // latin1 keeps one char per byte, so offsets stay byte offsets and 8-bit headers survive.
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1');
  const m = /\r?\n\r?\n/.exec(text);
  const headEnd = m ? m.index : text.length;
  const bodyOffset = m ? m.index + m[0].length : text.length;
  const lines = text.slice(0, headEnd).split(/\r?\n/);
  const fields: RawHeaderField[] = [];
  const malformed: string[] = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line) && fields.length) {
      fields[fields.length - 1].value += line;
      continue;
    }
    const f = /^([\x21-\x39\x3b-\x7e]+)[ \t]*:(.*)$/.exec(line);
    if (f) fields.push({ key: f[1].toLowerCase(), name: f[1], value: f[2] });
    else if (line.length) malformed.push(line.slice(0, 200));
  }
  for (const f of fields) f.value = f.value.replace(/^[ \t]+/, '');
  return { fields, malformed, bodyOffset };
}

/** DKIM tag=value list (RFC 6376 §3.2): whitespace around names and values is ignored; b= and bh=
 * lose all internal whitespace (folding). Returns null when the list is not a tag list. */
export function parseTagList(value: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const part of value.split(';')) {
    if (!part.trim()) continue;
    const eq = part.indexOf('=');
    if (eq < 0) return null;
    const name = part.slice(0, eq).trim();
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) return null;
    let v = part
      .slice(eq + 1)
      .trim()
      .replace(/\r?\n[ \t]+/g, ' ');
    if (name === 'b' || name === 'bh' || name === 'p') v = v.replace(/\s+/g, '');
    if (name in out) return null; // duplicate tag: RFC 6376 §3.2 says the list is invalid
    out[name] = v;
  }
  return out;
}
