// The engine runs in an Electron utility process (off the UI thread and out of main): it owns
// the case file and the extraction workers. Main only relays validated calls and events.

import { utilityProcess, type UtilityProcess } from 'electron';
import type { ApiResult } from '../src/model/api.js';

type HostMessage =
  | { type: 'result'; id: number; result: ApiResult<unknown> }
  | { type: 'event'; topic: string; payload: unknown }
  | { type: 'opened'; id: number; error?: string };

export class EngineProcess {
  private child: UtilityProcess | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (m: HostMessage) => void>();

  constructor(
    private readonly entry: string,
    private readonly env: Record<string, string>,
    private readonly onEvent: (topic: string, payload: unknown) => void,
  ) {}

  private ensure(): UtilityProcess {
    if (this.child) return this.child;
    const child = utilityProcess.fork(this.entry, [], {
      serviceName: 'Verity engine',
      env: { ...process.env, ...this.env },
      stdio: 'inherit',
    });
    child.on('message', (m: HostMessage) => {
      if (m.type === 'event') this.onEvent(m.topic, m.payload);
      else this.pending.get(m.id)?.(m);
    });
    child.on('exit', () => {
      this.child = null;
      for (const [id, resolve] of this.pending)
        resolve({ type: 'result', id, result: { ok: false, error: { code: 'internal', message: 'the engine stopped; try again' } } });
      this.pending.clear();
    });
    this.child = child;
    return child;
  }

  private request(msg: Record<string, unknown>): Promise<HostMessage> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, (m) => {
        this.pending.delete(id);
        resolve(m);
      });
      this.ensure().postMessage({ ...msg, id });
    });
  }

  async open(caseFile: string, dumpRoot: string | null): Promise<void> {
    const m = await this.request({ type: 'open', caseFile, dumpRoot });
    if (m.type === 'opened' && m.error) throw new Error(m.error);
  }

  async call(method: string, input: unknown): Promise<ApiResult<unknown>> {
    const m = await this.request({ type: 'call', method, input });
    return m.type === 'result' ? m.result : { ok: false, error: { code: 'internal', message: 'unexpected engine reply' } };
  }

  kill(): void {
    this.child?.kill();
  }
}
