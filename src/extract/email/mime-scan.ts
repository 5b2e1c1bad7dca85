// A linear scan of a message's MIME structure (boundaries, parts, depth) that refuses what is beyond
// the limits before mailparser, which recurses per level, sees it.

export interface MimeScan {
  /** Boundary parameters of the multiparts that were opened, in order of appearance. */
  boundaries: string[];
  /** Body parts found (delimiter lines), plus 1 for the top-level entity. */
  parts: number;
  /** Deepest multipart nesting (top-level multipart = 1; a single-part message = 0). */
  depth: number;
  /** Set when a limit stopped the scan. */
  exceeded?: { limit: 'maxMimeDepth' | 'maxMimeParts'; value: number; offset: number };
}

const BOUNDARY = /;\s*boundary\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;"]+))/i;

/** The boundary of a multipart Content-Type value, or undefined for any other type. */
function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^\s*multipart\//i.test(contentType)) return undefined;
  const m = BOUNDARY.exec(contentType);
  const b = m ? (m[1] ?? m[2]).replace(/\\(.)/g, '$1') : undefined;
  return b && b.length <= 200 ? b : undefined;
}

/** Content-Type value among header lines collected as latin1 text (unfolded). */
function contentTypeOf(headerText: string): string | undefined {
  const unfolded = headerText.replace(/\r?\n[ \t]+/g, ' ');
  const m = /^content-type[ \t]*:(.*)$/im.exec(unfolded);
  return m ? m[1].trim() : undefined;
}

/** Most header bytes read per part to find its Content-Type. */
const PART_HEADER_CAP = 64 * 1024;

/**
 * Scan [bodyOffset, end) of `buf` given the top-level Content-Type. Embedded message/rfc822 parts
 * are opaque here, as they are to mailparser with ignoreEmbedded (they become child documents).
 */
export function scanMime(
  buf: Uint8Array,
  topContentType: string | undefined,
  bodyOffset: number,
  limits: { maxMimeParts: number; maxMimeDepth: number },
): MimeScan {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const scan: MimeScan = { boundaries: [], parts: 1, depth: 0 };
  const top = multipartBoundary(topContentType);
  if (top === undefined) return scan;
  const stack: string[] = [top];
  scan.boundaries.push(top);
  scan.depth = 1;

  let inHeaders = false;
  let header = '';
  let at = bodyOffset;
  while (at < b.length) {
    let nl = b.indexOf(0x0a, at);
    if (nl < 0) nl = b.length;
    let end = nl;
    if (end > at && b[end - 1] === 0x0d) end--;

    if (inHeaders) {
      if (end === at) {
        // End of a part's headers: a multipart part opens a new level.
        inHeaders = false;
        const inner = multipartBoundary(contentTypeOf(header));
        header = '';
        if (inner !== undefined) {
          stack.push(inner);
          scan.boundaries.push(inner);
          if (stack.length > scan.depth) scan.depth = stack.length;
          if (stack.length > limits.maxMimeDepth) {
            scan.exceeded = { limit: 'maxMimeDepth', value: stack.length, offset: at };
            return scan;
          }
        }
      } else if (header.length < PART_HEADER_CAP) {
        header += b.subarray(at, Math.min(nl + 1, at + PART_HEADER_CAP - header.length)).toString('latin1');
      }
    } else if (b[at] === 0x2d && b[at + 1] === 0x2d && stack.length > 0) {
      // A line starting with "--": is it a delimiter of an open multipart (innermost first)?
      const line = b.subarray(at + 2, Math.min(end, at + 2 + 204)).toString('latin1');
      for (let i = stack.length - 1; i >= 0; i--) {
        const bd = stack[i];
        if (!line.startsWith(bd)) continue;
        const rest = line.slice(bd.length);
        if (/^--[ \t]*$/.test(rest) || rest.startsWith('--')) {
          stack.length = i; // close delimiter: this level and any unclosed inner ones end
          break;
        }
        if (/^[ \t]*$/.test(rest)) {
          stack.length = i + 1; // unclosed inner levels end at the outer delimiter
          scan.parts++;
          if (scan.parts > limits.maxMimeParts) {
            scan.exceeded = { limit: 'maxMimeParts', value: scan.parts, offset: at };
            return scan;
          }
          inHeaders = true;
          header = '';
          break;
        }
      }
    }
    at = nl + 1;
  }
  return scan;
}
