// The checks every request to `verity serve` passes first: Host (DNS rebinding), Origin (another
// site's page) and the run token, compared in constant time (docs/api.md, "The two transports").

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison: hash both sides so lengths match and timing says nothing. */
export function tokenMatches(given: string | null | undefined, token: string): boolean {
  if (typeof given !== 'string' || given.length === 0 || given.length > 1024) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

function allowedOrigins(port: number): Set<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
}

export type GuardFailure = { status: 403; reason: string } | null;

/** Host must name this server; Origin, when the browser sends one, must be this server's own. */
export function checkHostAndOrigin(req: IncomingMessage, port: number): GuardFailure {
  const host = (req.headers.host ?? '').toLowerCase();
  if (!allowedHosts(port).has(host)) return { status: 403, reason: 'forbidden host' };
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedOrigins(port).has(origin.toLowerCase())) return { status: 403, reason: 'forbidden origin' };
  // A browser that says the request comes from another site is refused even without an Origin.
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site') return { status: 403, reason: 'cross-site request' };
  return null;
}

/** The token from `Authorization: Bearer …`, or from `?token=` for what a browser loads by itself (EventSource, preview). */
export function requestToken(req: IncomingMessage, url: URL, allowQuery: boolean): string | null {
  const auth = req.headers.authorization;
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    return m ? m[1] : null;
  }
  return allowQuery ? url.searchParams.get('token') : null;
}
