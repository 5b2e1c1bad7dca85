// The engine's entry in Electron's utility process (electron/main.ts forks dist/api/host.js): a
// Session driven by messages from main (docs/api.md, "The two transports").

import { Session } from './session.js';

type HostRequest =
  { type: 'open'; id: number; caseFile: string; dumpRoot: string | null } | { type: 'call'; id: number; method: string; input: unknown };

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
const send = (m: unknown) => (parentPort ? parentPort.postMessage(m) : process.send?.(m));
const onMessage = (fn: (m: unknown) => void) => (parentPort ? parentPort.on('message', (e) => fn(e.data)) : process.on('message', fn));

// The desktop opens cases through main's dialogs, so 'session.open' is allowed here.
const session = new Session({ transport: 'ipc', allowOpen: true });
session.events.subscribe((e) => send({ type: 'event', topic: e.topic, payload: e.payload, seq: e.seq }));

const log = (message: string, error?: unknown) =>
  process.stderr.write(`${message}${error ? `: ${String((error as Error)?.message ?? error).slice(0, 300)}` : ''}\n`);

onMessage((raw) => {
  const m = raw as HostRequest;
  if (!m || typeof m !== 'object' || typeof m.id !== 'number') return;
  if (m.type === 'open') {
    void (async () => {
      try {
        const r = await session.dispatch(
          'session.open',
          { caseFile: m.caseFile, ...(m.dumpRoot ? { dumpRoot: m.dumpRoot } : {}) },
          { log },
        );
        send({ type: 'opened', id: m.id, ...(r.ok ? {} : { error: r.error.message }) });
      } catch (e) {
        send({ type: 'opened', id: m.id, error: String((e as Error)?.message ?? e) });
      }
    })();
  } else if (m.type === 'call') {
    void session.dispatch(String(m.method), m.input, { log }).then((result) => send({ type: 'result', id: m.id, result }));
  }
});

const stop = () => void session.dispose().finally(() => process.exit(0));
process.on('SIGTERM', stop);
