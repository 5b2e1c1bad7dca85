// Electron transport: the preload's narrow `window.verity` bridge (contextBridge). The renderer
// never names an IPC channel; it only calls these three functions.
import type { ApiResult, ShellAction } from './types.js';
import type { Transport } from './transport.js';

export interface VerityBridge {
  invoke(method: string, input: unknown): Promise<ApiResult<unknown>>;
  on(topic: string, callback: (payload: unknown) => void): () => void;
  shell(action: ShellAction, arg?: unknown): Promise<unknown>;
}

export function createIpcTransport(bridge: VerityBridge): Transport {
  return {
    kind: 'ipc',
    async invoke(method, input, signal) {
      if (signal?.aborted) return { ok: false, error: { code: 'cancelled', message: 'request cancelled' } };
      try {
        return await bridge.invoke(method, input ?? {});
      } catch (e) {
        return { ok: false, error: { code: 'internal', message: (e as Error).message } };
      }
    },
    subscribe: (topic, callback) => bridge.on(topic, callback),
    // IPC events are not lost on a socket: there is no reconnect to announce.
    onReconnect: () => () => {},
    shell: (action, arg) => bridge.shell(action, arg),
  };
}
