// React access to the client, and a small hook for "call this method, show loading and errors".
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { VerityClient } from './client.js';
import type { AllMethods, AnyMethod } from './types.js';

const ClientContext = createContext<VerityClient | null>(null);

export function ClientProvider({ client, children }: { client: VerityClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useClient(): VerityClient {
  const c = useContext(ClientContext);
  if (!c) throw new Error('useClient outside ClientProvider');
  return c;
}

export interface Loaded<T> {
  data: T | undefined;
  error: Error | null;
  loading: boolean;
  reload: () => void;
}

/** Calls `method` with `input` whenever the serialised input (or `version`) changes. */
export function useApi<M extends AnyMethod>(method: M, input: AllMethods[M]['input'] | null, version = 0): Loaded<AllMethods[M]['output']> {
  const client = useClient();
  const [state, setState] = useState<{ data?: AllMethods[M]['output']; error: Error | null; loading: boolean }>({
    error: null,
    loading: input !== null,
  });
  const [tick, setTick] = useState(0);
  const key = input === null ? null : JSON.stringify(input);
  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    client.call(method, JSON.parse(key), controller.signal).then(
      (data) => !controller.signal.aborted && setState({ data, error: null, loading: false }),
      (error: Error) => !controller.signal.aborted && setState((s) => ({ ...s, error, loading: false })),
    );
    return () => controller.abort();
  }, [client, method, key, version, tick]);
  return { data: state.data, error: state.error, loading: state.loading, reload: () => setTick((t) => t + 1) };
}
