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
  const [tick, setTick] = useState(0);
  const key = input === null ? null : JSON.stringify(input);
  const request = key === null ? null : JSON.stringify([method, key, version, tick]);
  // The last answer, tagged with the request it answers: while a newer request is out, the old
  // data stays on screen and the call is loading.
  const [answer, setAnswer] = useState<{ request: string; data?: AllMethods[M]['output']; error: Error | null } | null>(null);
  useEffect(() => {
    if (request === null || key === null) return;
    const controller = new AbortController();
    client.call(method, JSON.parse(key), controller.signal).then(
      (data) => !controller.signal.aborted && setAnswer({ request, data, error: null }),
      (error: Error) => !controller.signal.aborted && setAnswer((a) => ({ request, data: a?.data, error })),
    );
    return () => controller.abort();
  }, [client, method, key, request]);
  const current = answer !== null && answer.request === request;
  return {
    data: answer?.data,
    error: current ? answer.error : null,
    loading: request !== null && !current,
    reload: () => setTick((t) => t + 1),
  };
}
