// The two transports of the one API, for tests that run each scenario through both: the
// dispatcher called directly (what Electron's IPC relay calls) and the real loopback HTTP server.

import { Session } from '../../src/api/session.js';
import { startServer } from '../../src/api/http/server.js';
import type { AllMethods, AnyMethod, ApiEvents, ApiResult } from '../../src/model/api.js';

interface SeenEvent {
  seq: number;
  topic: keyof ApiEvents;
  payload: unknown;
}

export interface TestTransport {
  name: string;
  invoke<K extends AnyMethod>(method: K, input: AllMethods[K]['input']): Promise<ApiResult<AllMethods[K]['output']>>;
  /** Raw call, for inputs the types would refuse. */
  invokeRaw(method: string, input: unknown): Promise<ApiResult<unknown>>;
  events: SeenEvent[];
  close(): Promise<void>;
}

export interface TransportOptions {
  caseFile: string;
  dumpRoot?: string;
  scanWorkers?: number;
}

/** The dispatcher as Electron's utility process drives it (src/api/host.ts): a Session. */
export async function directTransport(opts: TransportOptions): Promise<TestTransport> {
  const session = new Session({
    transport: 'ipc',
    initial: { caseFile: opts.caseFile, dumpRoot: opts.dumpRoot },
    allowOpen: true,
    scanWorkers: opts.scanWorkers,
  });
  const events: SeenEvent[] = [];
  const off = session.events.subscribe((e) => events.push({ seq: e.seq, topic: e.topic, payload: e.payload }));
  return {
    name: 'dispatch',
    invoke: (method, input) => session.dispatch(method, input) as never,
    invokeRaw: (method, input) => session.dispatch(method, input),
    events,
    async close() {
      off();
      await session.dispose();
    },
  };
}

/** Parses a server-sent event stream read with fetch (the way the renderer reads it, with a header). */
async function readEvents(url: string, token: string, into: SeenEvent[], signal: AbortSignal): Promise<void> {
  const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` }, signal });
  if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
  const decoder = new TextDecoder();
  let buf = '';
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buf += decoder.decode(chunk, { stream: true });
      let cut: number;
      while ((cut = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, cut);
        buf = buf.slice(cut + 2);
        const fields: Record<string, string> = {};
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) continue;
          const i = line.indexOf(':');
          if (i > 0) fields[line.slice(0, i)] = (fields[line.slice(0, i)] ?? '') + line.slice(i + 1).replace(/^ /, '');
        }
        if (fields.event && fields.data !== undefined)
          into.push({ seq: Number(fields.id), topic: fields.event as keyof ApiEvents, payload: JSON.parse(fields.data) });
      }
    }
  } catch (e) {
    if (!signal.aborted) throw e;
  }
}

export async function httpTransport(opts: TransportOptions): Promise<TestTransport & { base: string; token: string }> {
  const server = await startServer({ ...opts, port: 0, rendererDir: '/nonexistent-renderer' });
  const base = `http://127.0.0.1:${server.port}`;
  const events: SeenEvent[] = [];
  const stop = new AbortController();
  const reading = readEvents(`${base}/api/events`, server.token, events, stop.signal).catch(() => undefined);
  // Wait until the stream is subscribed, so no event of the test is missed.
  await new Promise((r) => setTimeout(r, 200));
  const call = async (method: string, input: unknown) => {
    const res = await fetch(`${base}/api/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    if (res.status !== 200) throw new Error(`HTTP ${res.status} for ${method}: ${await res.text()}`);
    return (await res.json()) as ApiResult<unknown>;
  };
  return {
    name: 'http',
    base,
    token: server.token,
    invoke: (method, input) => call(method, input) as never,
    invokeRaw: call,
    events,
    async close() {
      stop.abort();
      await server.close();
      await reading;
    },
  };
}
