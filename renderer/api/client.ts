// The one typed client every feature uses. It unwraps ApiResult and throws ApiClientError with the
// engine's stable error code; it knows nothing of the transport underneath.
import type { AllMethods, AnyMethod, ApiErrorCode, ApiEvents, ShellAction } from './types.js';
import type { Transport } from './transport.js';

export class ApiClientError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly method: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiClientError';
  }
}

export interface VerityClient {
  readonly transport: 'http' | 'ipc';
  call<M extends AnyMethod>(method: M, input: AllMethods[M]['input'], signal?: AbortSignal): Promise<AllMethods[M]['output']>;
  on<T extends keyof ApiEvents>(topic: T, callback: (payload: ApiEvents[T]) => void): () => void;
  onReconnect(callback: () => void): () => void;
  /** Desktop menu commands ('overview', 'documents', 'export'...); never fires in a browser. */
  onMenu(callback: (command: string) => void): () => void;
  /** Native shell actions (desktop only); null in a browser. */
  readonly shell: ((action: ShellAction, arg?: unknown) => Promise<unknown>) | null;
}

export function createClient(transport: Transport): VerityClient {
  return {
    transport: transport.kind,
    async call(method, input, signal) {
      const result = await transport.invoke(method, input, signal);
      if (!result.ok) throw new ApiClientError(result.error.code, result.error.message, method, result.error.details);
      return result.value as never;
    },
    on(topic, callback) {
      return transport.subscribe(topic, callback as (payload: unknown) => void);
    },
    onReconnect: (cb) => transport.onReconnect(cb),
    onMenu: (cb) => (transport.kind === 'ipc' ? transport.subscribe('menu', (p) => cb(String(p))) : () => {}),
    shell: transport.shell,
  };
}
