// Loopback HTTP transport for `verity serve`: POST /api/<method> with a bearer token, events as
// server-sent events read with fetch; the token leaves the address bar at once (docs/renderer.md).
import type { ApiResult } from './types.js';
import type { Transport } from './transport.js';

const TOKEN_KEY = 'verity.token';

/** Take `#token=...` out of the URL (keeping any other hash route) and remember it for this tab. */
export function adoptTokenFromUrl(): string | null {
  const hash = window.location.hash;
  const m = /(?:^#|&)token=([A-Za-z0-9_\-.~%]+)/.exec(hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(m[1]));
    const rest = hash.replace(/(?:^#|&)token=[^&]*/, '').replace(/^&/, '');
    const clean = window.location.pathname + window.location.search + (rest ? `#${rest.replace(/^#/, '')}` : '');
    window.history.replaceState(null, '', clean);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function parseSse(buffer: string, emit: (topic: string, data: string) => void): string {
  let idx: number;
  while ((idx = buffer.indexOf('\n\n')) >= 0) {
    const block = buffer.slice(0, idx);
    buffer = buffer.slice(idx + 2);
    let topic = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') topic = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length) emit(topic, data.join('\n'));
  }
  return buffer;
}

export function createHttpTransport(token: string | null): Transport {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const reconnectListeners = new Set<() => void>();
  let stream: AbortController | null = null;
  let connectedOnce = false;

  const headers = (): Record<string, string> => (token ? { Authorization: `Bearer ${token}` } : {});

  async function runStream(): Promise<void> {
    const controller = new AbortController();
    stream = controller;
    let delay = 1000;
    while (!controller.signal.aborted) {
      try {
        const res = await fetch('/api/events', { headers: headers(), signal: controller.signal, cache: 'no-store' });
        if (!res.ok || !res.body) throw new Error(`event stream: HTTP ${res.status}`);
        if (connectedOnce) reconnectListeners.forEach((cb) => cb());
        connectedOnce = true;
        delay = 1000;
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer = parseSse(buffer + value.replace(/\r\n/g, '\n'), (topic, data) => {
            const set = listeners.get(topic);
            if (!set) return;
            let payload: unknown;
            try {
              payload = JSON.parse(data);
            } catch {
              return;
            }
            set.forEach((cb) => cb(payload));
          });
        }
      } catch {
        if (controller.signal.aborted) return;
      }
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 15_000);
    }
  }

  return {
    kind: 'http',
    shell: null,
    async invoke(method, input, signal) {
      let res: Response;
      try {
        res = await fetch(`/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { ...headers(), 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
          signal,
          cache: 'no-store',
        });
      } catch (e) {
        if (signal?.aborted) return { ok: false, error: { code: 'cancelled', message: 'request cancelled' } };
        return { ok: false, error: { code: 'internal', message: `the Verity server cannot be reached (${(e as Error).message})` } };
      }
      if (res.status === 401)
        return {
          ok: false,
          error: { code: 'unauthorized', message: 'the access token is missing or wrong: open the address `verity serve` printed' },
        };
      if (!res.ok) return { ok: false, error: { code: 'internal', message: `HTTP ${res.status}: ${(await res.text()).slice(0, 200)}` } };
      return (await res.json()) as ApiResult<unknown>;
    },
    subscribe(topic, callback) {
      let set = listeners.get(topic);
      if (!set) listeners.set(topic, (set = new Set()));
      set.add(callback);
      if (!stream) void runStream();
      return () => {
        set!.delete(callback);
      };
    },
    onReconnect(callback) {
      reconnectListeners.add(callback);
      return () => reconnectListeners.delete(callback);
    },
  };
}
