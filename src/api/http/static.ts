// Static files of the built renderer (dist/renderer), served read-only with a strict CSP. Only
// files under the root, by exact path; no directory listings, no symlinks out of the root.

import { readFile, realpath, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Inline styles: React style props and the sanitised email body's own CSS (never scripts).
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
};

/** dist/renderer of the package this module belongs to (works from src/ under tsx and from dist/). */
export function defaultRendererDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist', 'renderer');
    dir = dirname(dir);
  }
  return resolve('dist', 'renderer');
}

export interface StaticFile {
  body: Buffer;
  type: string;
}

/** The file for a URL path, or null (missing, outside the root, not a regular file). */
export async function staticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (rel === '/' || rel === '') rel = '/index.html';
  if (rel.includes('\0') || rel.split('/').some((s) => s === '..')) return null;
  const realRoot = await realpath(root).catch(() => null);
  if (!realRoot) return null;
  const target = resolve(realRoot, `.${rel}`);
  const real = await realpath(target).catch(() => null);
  if (!real || !(real === realRoot || real.startsWith(realRoot + sep))) return null;
  const st = await stat(real).catch(() => null);
  if (!st?.isFile()) return null;
  return { body: await readFile(real), type: TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream' };
}
