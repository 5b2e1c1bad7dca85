// Raw bytes of one document for the browser's viewers, never served as anything a browser would
// run, always sandboxed and nosniff (docs/api.md, "The two transports").

import type { ServerResponse } from 'node:http';
import type { Locator } from '../../model/document.js';
import { DEFAULT_LIMITS } from '../../ingest/limits.js';

/** Sniffed types the preview may serve as themselves. Everything else is text/plain or a download. */
const INERT_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/tiff', 'image/bmp']);
const TEXTUAL = /^(text\/|message\/|application\/(mbox|xml|json|rtf))/;

const PREVIEW_CSP = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'";

function previewContentType(mime: string): { type: string; attachment: boolean } {
  const m = mime.toLowerCase().split(';')[0].trim();
  if (INERT_TYPES.has(m)) return { type: m, attachment: false };
  // HTML, SVG, XML, email source: shown as their text, never interpreted.
  if (TEXTUAL.test(m) || m === 'image/svg+xml') return { type: 'text/plain; charset=utf-8', attachment: false };
  return { type: 'application/octet-stream', attachment: true };
}

/** A file name safe for a Content-Disposition header (the stored one is attacker-controlled). */
function safeFileName(name: string): string {
  const cleaned = name
    // eslint-disable-next-line no-control-regex -- control characters are what must not reach a header
    .replace(/[\x00-\x1f\x7f"\\/:*?<>|]/g, '_')
    .replace(/^\.+/, '_')
    .slice(0, 150);
  return cleaned || 'document';
}

/** Content-Disposition for a download: an ASCII fallback name, and the real one in RFC 5987's
 *  filename* (a header value outside Latin-1 makes Node refuse the whole response). */
function attachmentDisposition(name: string): string {
  const safe = `${safeFileName(name)}.bin`;
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_');
  if (ascii === safe) return `attachment; filename="${safe}"`;
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export async function sendPreview(
  res: ServerResponse,
  dumpRoot: string,
  doc: { locator: Locator; mime: string; name: string },
): Promise<void> {
  const { openLocator } = await import('../../ingest/open-locator.js');
  const opened = await openLocator(dumpRoot, doc.locator, DEFAULT_LIMITS);
  try {
    const { type, attachment } = previewContentType(doc.mime);
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': String(opened.source.size),
      'Content-Security-Policy': PREVIEW_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Referrer-Policy': 'no-referrer',
      ...(attachment ? { 'Content-Disposition': attachmentDisposition(doc.name) } : {}),
    });
    for await (const chunk of opened.source.chunks()) {
      if (!res.write(chunk)) await new Promise<void>((resolve) => res.once('drain', resolve));
      if (res.destroyed) break;
    }
    res.end();
  } finally {
    await opened.close();
  }
}
