// `verity serve` as a second front door: token, Host and Origin checks, size and type limits,
// loopback-only binding, the app's CSP, and previews that never let dump content run as a page.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../src/cli/serve.js';
import type { ApiResult, SearchPage } from '../../src/model/api.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function raw(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: { Host: `127.0.0.1:${port}`, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) =>
      e.code === 'EPIPE' || e.code === 'ECONNRESET' ? resolve({ status: -1, headers: {}, body: Buffer.alloc(0) }) : reject(e),
    );
    if (opts.body !== undefined) req.end(opts.body);
    else req.end();
  });
}

// A 1x1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let work: string;
let server: RunningServer;
let port: number;
const api = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  raw(port, {
    method: 'POST',
    path: `/api/${method}`,
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'verity-serve-sec-'));
  const dump = join(work, 'dump');
  mkdirSync(dump);
  writeFileSync(
    join(dump, 'page.html'),
    '<html><body><script>fetch("http://tracker.example/p")</script><img src="http://tracker.example/pixel.gif"></body></html>',
  );
  writeFileSync(join(dump, 'pixel.png'), PNG);
  // A download whose name is outside Latin-1 (a Japanese mailbox's attachment saved as a file).
  writeFileSync(join(dump, '見積書 "最終".dat'), Buffer.from([0, 1, 2, 3, 250, 251, 252, 253]));
  const renderer = join(work, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Verity</title><script type="module" src="/app.js"></script>');
  writeFileSync(join(renderer, 'app.js'), 'console.log("app")');
  writeFileSync(join(work, 'secret.txt'), 'not for the browser');
  server = await startServer({ caseFile: join(work, 'case.verity'), dumpRoot: dump, rendererDir: renderer, scanWorkers: 1 });
  port = server.port;
  const start = JSON.parse((await api('scan.start', {})).body.toString()) as ApiResult<unknown>;
  expect(start.ok).toBe(true);
  for (let i = 0; i < 600; i++) {
    const s = JSON.parse((await api('scan.status', {})).body.toString()) as ApiResult<{ state: string } | null>;
    if (s.ok && s.value && ['done', 'failed', 'cancelled'].includes(s.value.state)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
}, 120_000);

afterAll(async () => {
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('verity serve: who may call', () => {
  it('prints the token in the URL fragment only, and listens on 127.0.0.1 alone', () => {
    expect(server.url).toBe(`http://127.0.0.1:${port}/#token=${server.token}`);
    expect(Buffer.from(server.token, 'base64url').length).toBe(32);
    // /proc/net/tcp lists listening sockets: local address 0100007F is 127.0.0.1 (little-endian hex).
    const listening = readFileSync('/proc/net/tcp', 'utf8')
      .split('\n')
      .filter((l) => l.includes(`:${port.toString(16).toUpperCase().padStart(4, '0')} `) && / 0A /.test(l));
    expect(listening.length).toBe(1);
    expect(listening[0]).toContain(`0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`);
  });

  it('refuses a call without the token or with a wrong one (401)', async () => {
    expect((await api('case.summary', {}, { Authorization: '' })).status).toBe(401);
    expect(
      (await raw(port, { method: 'POST', path: '/api/case.summary', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status,
    ).toBe(401);
    expect((await api('case.summary', {}, { Authorization: `Bearer ${server.token.slice(0, -1)}x` })).status).toBe(401);
    expect((await api('case.summary', {}, { Authorization: `Basic ${server.token}` })).status).toBe(401);
    // The query-string token is for what a browser loads by itself, not for API calls.
    expect(
      (
        await raw(port, {
          method: 'POST',
          path: `/api/case.summary?token=${server.token}`,
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBe(401);
    const ok = await api('case.summary', {});
    expect(ok.status).toBe(200);
    expect((JSON.parse(ok.body.toString()) as ApiResult<unknown>).ok).toBe(true);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin (403), even with the token', async () => {
    expect((await api('case.summary', {}, { Host: `evil.example:${port}` })).status).toBe(403);
    expect((await api('case.summary', {}, { Host: `127.0.0.1:${port + 1}` })).status).toBe(403);
    expect((await raw(port, { path: '/', headers: { Host: 'evil.example' } })).status).toBe(403);
    expect((await api('case.summary', {}, { Host: `localhost:${port}` })).status).toBe(200);
    expect((await api('case.summary', {}, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await api('case.summary', {}, { Origin: 'null' })).status).toBe(403);
    expect((await api('case.summary', {}, { Origin: `http://127.0.0.1:${port}` })).status).toBe(200);
    expect((await api('case.summary', {}, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
  });

  it('limits size and type of requests (413, 415), and answers 404/405 for other routes', async () => {
    const big = Buffer.alloc(9 << 20, 0x20);
    expect(
      (
        await raw(port, {
          method: 'POST',
          path: '/api/search.query',
          headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
          body: big,
        })
      ).status,
    ).toBeOneOf([413, -1]);
    expect((await api('case.summary', {}, { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await api('case.summary', {}, { 'Content-Type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect((await raw(port, { path: '/nowhere' })).status).toBe(404);
    expect((await raw(port, { path: '/api/case.summary', headers: { Authorization: `Bearer ${server.token}` } })).status).toBe(405);
    const malformed = await raw(port, {
      method: 'POST',
      path: '/api/case.summary',
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
      body: '{nope',
    });
    expect(malformed.status).toBe(400);
  });

  it('will not open another case file by path for a token holder', async () => {
    const r = JSON.parse((await api('session.open', { caseFile: join(work, 'elsewhere.verity') })).body.toString()) as ApiResult<unknown>;
    expect(r.ok ? 'opened' : r.error.code).toBe('unauthorized');
    expect(existsSync(join(work, 'elsewhere.verity'))).toBe(false);
  });

  it('never sends CORS headers and never lets responses be cached', async () => {
    const r = await api('case.summary', {}, { Origin: `http://127.0.0.1:${port}` });
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    expect(r.headers['cache-control']).toBe('no-store');
  });
});

describe('verity serve: what the browser gets', () => {
  it('serves the renderer with a strict CSP and nothing outside it', async () => {
    const index = await raw(port, { path: '/' });
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toContain('text/html');
    const csp = String(index.headers['content-security-policy']);
    for (const d of [
      "default-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "frame-ancestors 'none'",
      "img-src 'self' data: blob:",
      "connect-src 'self'",
    ])
      expect(csp).toContain(d);
    expect((await raw(port, { path: '/app.js' })).body.toString()).toContain('console.log');
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/app.js%00.png'])
      expect((await raw(port, { path: p })).status, p).toBe(404);
  });

  it('streams events to a token holder only', async () => {
    expect((await raw(port, { path: '/api/events' })).status).toBe(401);
    const res = await fetch(`http://127.0.0.1:${port}/api/events?token=${server.token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('retry:');
    await reader.cancel();
  });

  it('previews dump content inertly: HTML as text, images as images, always sandboxed and nosniff', async () => {
    const page = JSON.parse((await api('search.query', { sort: 'path' })).body.toString()) as ApiResult<SearchPage>;
    if (!page.ok) throw new Error(page.error.message);
    const html = page.value.rows.find((r) => r.path === 'page.html')!;
    const png = page.value.rows.find((r) => r.path === 'pixel.png')!;
    expect((await raw(port, { path: `/api/preview/${html.id}` })).status).toBe(401);
    const h = await raw(port, { path: `/api/preview/${html.id}?token=${server.token}` });
    expect(h.status).toBe(200);
    expect(h.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(h.headers['content-security-policy']).toMatch(/^sandbox/);
    expect(h.headers['x-content-type-options']).toBe('nosniff');
    expect(h.body.toString()).toContain('<script>');
    const p = await raw(port, { path: `/api/preview/${png.id}`, headers: { Authorization: `Bearer ${server.token}` } });
    expect(p.status).toBe(200);
    expect(p.headers['content-type']).toBe('image/png');
    expect(p.body.equals(PNG)).toBe(true);
    expect((await raw(port, { path: `/api/preview/no-such-doc?token=${server.token}` })).status).toBe(404);
    // Binary content is a download under its real name (RFC 5987), with an ASCII fallback.
    const bin = page.value.rows.find((r) => r.path.endsWith('.dat'))!;
    const d = await raw(port, { path: `/api/preview/${bin.id}?token=${server.token}` });
    expect(d.status).toBe(200);
    expect(d.headers['content-type']).toBe('application/octet-stream');
    expect(d.headers['content-disposition']).toBe(
      `attachment; filename="___ ____.dat.bin"; filename*=UTF-8''${encodeURIComponent('見積書 _最終_.dat.bin')}`,
    );
  });
});
