// `verity serve`: the api over loopback HTTP and server-sent events, hardened as docs/api.md ("The
// two transports") says: 127.0.0.1 only, a per-run bearer token, Host and Origin checks, limits.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServiceOptions } from '../service.js';
import { Session } from '../session.js';
import { documentBase } from '../../store/queries/document.js';
import { checkHostAndOrigin, newToken, requestToken, tokenMatches } from './guard.js';
import { APP_CSP, defaultRendererDir, staticFile } from './static.js';
import { sendPreview } from './preview.js';

/** Largest JSON request body. Bulk tagging sends ids (about 35 bytes each): 8 MB is ~200,000 ids. */
const MAX_BODY_BYTES = 8 << 20;
const HEARTBEAT_MS = 15_000;

export interface ServerOptions extends Omit<ServiceOptions, 'events' | 'access'> {
  /** Let 'session.open' open other case files by path (off: the case is the one given here). */
  allowOpen?: boolean;
  /** 0 or absent = a random free port. */
  port?: number;
  rendererDir?: string;
  /** Fixed token (tests); default a fresh random one. */
  token?: string;
  log?: (message: string, error?: unknown) => void;
}

export interface RunningServer {
  url: string;
  token: string;
  port: number;
  session: Session;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const BASE_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

function sendText(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': "default-src 'none'" });
  res.end(text);
}

function sendJson(res: ServerResponse, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(200, {
    ...BASE_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Security-Policy': "default-src 'none'",
  });
  res.end(body);
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').toLowerCase().split(';')[0].trim();
  if (type !== 'application/json') throw new HttpError(415, 'expected application/json');
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw new HttpError(413, 'request too large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'request too large');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'malformed JSON');
  }
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const session = new Session({
    transport: 'http',
    initial: { caseFile: opts.caseFile, dumpRoot: opts.dumpRoot, dkimKeys: opts.dkimKeys, dkimKeysSource: opts.dkimKeysSource },
    allowOpen: !!opts.allowOpen,
    scanWorkers: opts.scanWorkers,
  });
  const token = opts.token ?? newToken();
  const rendererDir = opts.rendererDir ?? defaultRendererDir();
  const log = opts.log ?? (() => {});
  const streams = new Set<ServerResponse>();
  let port = 0;

  const authorised = (req: IncomingMessage, url: URL, allowQuery: boolean) => tokenMatches(requestToken(req, url, allowQuery), token);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const guard = checkHostAndOrigin(req, port);
    if (guard) return sendText(res, guard.status, guard.reason);
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const path = url.pathname;

    if (path === '/api/events') {
      if (req.method !== 'GET') return sendText(res, 405, 'method not allowed');
      if (!authorised(req, url, true)) return sendText(res, 401, 'unauthorized');
      return openEventStream(req, res);
    }
    if (path.startsWith('/api/preview/')) {
      if (req.method !== 'GET') return sendText(res, 405, 'method not allowed');
      if (!authorised(req, url, true)) return sendText(res, 401, 'unauthorized');
      let id: string;
      try {
        id = decodeURIComponent(path.slice('/api/preview/'.length));
      } catch {
        return sendText(res, 404, 'no such document');
      }
      return preview(res, id);
    }
    if (path.startsWith('/api/')) {
      if (!authorised(req, url, false)) return sendText(res, 401, 'unauthorized');
      if (req.method !== 'POST') return sendText(res, 405, 'method not allowed');
      const method = path.slice('/api/'.length);
      const input = await readJsonBody(req);
      // A client that goes away cancels its call.
      const controller = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) controller.abort();
      });
      const result = await session.dispatch(method, input, { signal: controller.signal, log });
      return sendJson(res, result);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'method not allowed');
    const file = await staticFile(rendererDir, path);
    if (!file) return sendText(res, 404, path === '/' ? 'the renderer is not built (npm run build)' : 'not found');
    res.writeHead(200, {
      ...BASE_HEADERS,
      'Content-Type': file.type,
      'Content-Security-Policy': APP_CSP,
      'Content-Length': String(file.body.length),
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  function openEventStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      ...BASE_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      Connection: 'keep-alive',
      'Content-Security-Policy': "default-src 'none'",
    });
    res.write(`retry: 3000\n: connected seq=${session.events.lastSeq}\n\n`);
    streams.add(res);
    const unsubscribe = session.events.subscribe((e) => {
      res.write(`id: ${e.seq}\nevent: ${e.topic}\ndata: ${JSON.stringify(e.payload)}\n\n`);
    });
    const beat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    beat.unref();
    const stop = () => {
      clearInterval(beat);
      unsubscribe();
      streams.delete(res);
    };
    req.on('close', stop);
    res.on('close', stop);
  }

  async function preview(res: ServerResponse, id: string): Promise<void> {
    const service = session.serviceOrNull;
    const doc = service ? documentBase(service.reader, id) : undefined;
    if (!service || !doc) return sendText(res, 404, 'no such document');
    if (!service.dumpRoot) return sendText(res, 409, 'this case was opened without its dump folder');
    try {
      await sendPreview(res, service.dumpRoot, doc);
    } catch (e) {
      log(`preview of ${id} failed`, e);
      if (!res.headersSent) sendText(res, 404, 'the document bytes cannot be read from the dump');
      else res.destroy();
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (e instanceof HttpError) {
        // An oversized body is not read further: answer, then close the connection.
        if (e.status === 413) {
          res.setHeader('Connection', 'close');
          res.once('finish', () => req.destroy());
        }
        sendText(res, e.status, e.message);
        return;
      }
      log(`request ${req.method} ${req.url?.split('?')[0]} failed`, e);
      sendText(res, 500, 'internal error');
    });
  });
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;
  server.maxHeadersCount = 100;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // SECURITY: the IPv4 loopback address only, never 0.0.0.0, never 'localhost' (may be ::1 or remapped).
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (e) => {
    await session.dispose();
    throw e;
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    token,
    port,
    session,
    async close() {
      for (const s of streams) s.end();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await session.dispose();
    },
  };
}
