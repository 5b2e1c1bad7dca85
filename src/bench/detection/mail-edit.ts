// What a forger does to a raw message in a text editor or a short script: read and replace header
// fields, drop the signature, shift a date, and rewrite the text of body parts while keeping each
// part's transfer encoding (quoted-printable re-encoded, base64 re-wrapped at 76 columns).

import { base64Lines, quotedPrintable } from '../../demo/mime.js';

function splitRaw(raw: Buffer): { head: string; body: Buffer } {
  const s = raw.toString('latin1');
  const i = s.indexOf('\r\n\r\n');
  if (i < 0) return { head: s, body: Buffer.alloc(0) };
  return { head: s.slice(0, i + 2), body: raw.subarray(i + 4) };
}

function join(head: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from('\r\n'), body]);
}

/** Header fields as [name, whole raw field including folds]. */
function fields(head: string): { name: string; raw: string }[] {
  return head
    .split(/\r\n(?![ \t])/)
    .filter(Boolean)
    .map((raw) => ({ name: raw.slice(0, raw.indexOf(':')), raw }));
}

export function header(raw: Buffer, name: string): string | undefined {
  const f = fields(splitRaw(raw).head).find((h) => h.name.toLowerCase() === name.toLowerCase());
  return f?.raw
    .slice(f.raw.indexOf(':') + 1)
    .replace(/\r\n[ \t]+/g, ' ')
    .trim();
}

/** Replaces the first field `name` (or appends it), keeping its position. */
export function setHeader(raw: Buffer, name: string, value: string): Buffer {
  const { head, body } = splitRaw(raw);
  const fs = fields(head);
  const i = fs.findIndex((h) => h.name.toLowerCase() === name.toLowerCase());
  const line = `${fs[i]?.name ?? name}: ${value}`;
  if (i >= 0) fs[i] = { name, raw: line };
  else fs.push({ name, raw: line });
  return join(`${fs.map((f) => f.raw).join('\r\n')}\r\n`, body);
}

export function removeHeaders(raw: Buffer, names: string[]): Buffer {
  const { head, body } = splitRaw(raw);
  const drop = new Set(names.map((n) => n.toLowerCase()));
  return join(
    `${fields(head)
      .filter((f) => !drop.has(f.name.toLowerCase()))
      .map((f) => f.raw)
      .join('\r\n')}\r\n`,
    body,
  );
}

// ---------------------------------------------------------------------------------------------
// Body parts

function decodeQp(s: string): Buffer {
  const bytes: number[] = [];
  const t = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(t.slice(i + 1, i + 3))) {
      bytes.push(parseInt(t.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(t.charCodeAt(i) & 0xff);
  }
  return Buffer.from(bytes);
}

function partHeader(head: string, name: string): string {
  const f = fields(head).find((h) => h.name.toLowerCase() === name.toLowerCase());
  return f
    ? f.raw
        .slice(f.raw.indexOf(':') + 1)
        .replace(/\r\n[ \t]+/g, ' ')
        .trim()
    : '';
}

/** Rewrites the decoded text of every text/plain and text/html part with `edit`. Returns the new
 *  message and how many parts changed. */
export function editTextParts(raw: Buffer, edit: (text: string, subtype: string) => string): { raw: Buffer; changed: number } {
  let changed = 0;
  const walk = (entity: Buffer): Buffer => {
    const { head, body } = splitRaw(entity);
    const ct = partHeader(head, 'Content-Type') || 'text/plain';
    const bm = /boundary="?([^";]+)"?/i.exec(ct);
    if (/^multipart\//i.test(ct) && bm) {
      const b = bm[1];
      const s = body.toString('latin1');
      const delim = `--${b}`;
      const pieces = s.split(new RegExp(`(^|\\r\\n)${delim.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      // pieces: [preamble, sep, part, sep, part, ..., sep, '--\r\n...']
      let out = pieces[0];
      for (let i = 1; i < pieces.length; i += 2) {
        const sep = pieces[i];
        const chunk = pieces[i + 1] ?? '';
        if (chunk.startsWith('--')) {
          out += `${sep}${delim}${chunk}`;
          continue;
        }
        const nl = chunk.startsWith('\r\n') ? 2 : 0;
        const inner = Buffer.from(chunk.slice(nl), 'latin1');
        out += `${sep}${delim}${chunk.slice(0, nl)}${walk(inner).toString('latin1')}`;
      }
      return join(head, Buffer.from(out, 'latin1'));
    }
    const tm = /^text\/(plain|html)/i.exec(ct);
    if (!tm) return entity;
    const cte = partHeader(head, 'Content-Transfer-Encoding').toLowerCase();
    const trailing = /(\r\n)*$/.exec(body.toString('latin1'))![0];
    const core = body.subarray(0, body.length - trailing.length).toString('latin1');
    const decoded =
      cte === 'quoted-printable'
        ? decodeQp(core)
        : cte === 'base64'
          ? Buffer.from(core.replace(/\s+/g, ''), 'base64')
          : Buffer.from(core, 'latin1');
    const text = decoded.toString(/charset="?(iso-8859-1|windows-1252)/i.test(ct) ? 'latin1' : 'utf8');
    const next = edit(text.replace(/\r\n/g, '\n'), tm[1].toLowerCase());
    if (next === text.replace(/\r\n/g, '\n')) return entity;
    changed++;
    const enc =
      cte === 'quoted-printable'
        ? quotedPrintable(next)
        : cte === 'base64'
          ? base64Lines(Buffer.from(next.replace(/\n/g, '\r\n'), 'utf8'))
          : Buffer.from(next.replace(/\n/g, '\r\n'), 'utf8').toString('latin1');
    return join(head, Buffer.from(enc + trailing, 'latin1'));
  };
  const out = walk(raw);
  return { raw: out, changed };
}

/** The decoded text of the first text/plain part. */
export function plainText(raw: Buffer): string {
  let found = '';
  editTextParts(raw, (t, sub) => {
    if (!found && sub === 'plain') found = t;
    return t;
  });
  return found;
}

/** Replaces the first attachment's bytes, name and type (a forger swapping the document in a mail). */
export function replaceAttachment(raw: Buffer, filename: string, contentType: string, data: Buffer): Buffer {
  const s = raw.toString('latin1');
  const disp = s.search(/\r\nContent-Disposition:\s*attachment/i);
  if (disp < 0) throw new Error('replaceAttachment: the message has no attachment part');
  const partStart = s.lastIndexOf('\r\n--', disp);
  const headStart = s.indexOf('\r\n', partStart + 2) + 2;
  const headEnd = s.indexOf('\r\n\r\n', disp);
  const bodyEnd = s.indexOf('\r\n--', headEnd + 4);
  const headers = s
    .slice(headStart, headEnd)
    .replace(/((?:file)?name=)"?[^";\r\n]+"?/gi, `$1"${filename}"`)
    .replace(/Content-Type:\s*[^;\r\n]+/i, `Content-Type: ${contentType}`)
    .replace(/Content-Description:[^\r\n]*/i, `Content-Description: ${filename}`)
    .replace(/size=\d+/i, `size=${data.length}`);
  return Buffer.from(`${s.slice(0, headStart)}${headers}\r\n\r\n${base64Lines(data)}${s.slice(bodyEnd)}`, 'latin1');
}
