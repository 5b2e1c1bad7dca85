// What the client needs from a transport: call a method, hear events. Two adapters implement it
// (loopback HTTP for `verity serve`, Electron IPC for the desktop app); nothing else knows which.
import type { ApiResult, ShellAction } from './types.js';

export interface Transport {
  readonly kind: 'http' | 'ipc';
  invoke(method: string, input: unknown, signal?: AbortSignal): Promise<ApiResult<unknown>>;
  /** Subscribe to an event topic; returns the unsubscribe function. */
  subscribe(topic: string, callback: (payload: unknown) => void): () => void;
  /** Called after the event stream reconnects: missed events are not replayed, callers resync. */
  onReconnect(callback: () => void): () => void;
  /** Native dialogs and recent cases: only the desktop shell has them. */
  readonly shell: ((action: ShellAction, arg?: unknown) => Promise<unknown>) | null;
}
