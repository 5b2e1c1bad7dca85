// App-wide state: which case is open, its summary (refreshed when the engine says the case
// changed), the Documents filter and the analyst's selection (shared with Export).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useClient } from '../api/context.js';
import { ApiClientError } from '../api/client.js';
import type { CaseSummary, CheckInfoView, SearchQuery, SessionInfo } from '../api/types.js';

export interface AppState {
  session: SessionInfo | null;
  /** True when the engine has no session layer (older `verity serve`): the case is fixed. */
  sessionFixed: boolean;
  setSession(s: SessionInfo): void;
  summary: CaseSummary | null;
  summaryError: Error | null;
  refreshSummary(): void;
  /** Bumped whenever documents' tags/verdicts/findings change: lists reload. */
  dataVersion: number;
  bumpData(): void;
  checks: Map<string, CheckInfoView>;
  filter: SearchQuery;
  setFilter(q: SearchQuery): void;
  selection: Set<string>;
  setSelection(s: Set<string>): void;
  booted: boolean;
}

const Ctx = createContext<AppState | null>(null);

export function useApp(): AppState {
  const s = useContext(Ctx);
  if (!s) throw new Error('useApp outside AppStateProvider');
  return s;
}

export function AppStateProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [sessionFixed, setSessionFixed] = useState(false);
  const [booted, setBooted] = useState(false);
  // The summary belongs to the case it was read from: another case shows none until its own arrives.
  const [summaryOf, setSummaryOf] = useState<{ caseFile: string; summary: CaseSummary } | null>(null);
  const [summaryError, setSummaryError] = useState<Error | null>(null);
  const [summaryTick, setSummaryTick] = useState(0);
  const [dataVersion, setDataVersion] = useState(0);
  const [checks, setChecks] = useState<Map<string, CheckInfoView>>(new Map());
  const [filter, setFilter] = useState<SearchQuery>({ sort: 'score', order: 'desc' });
  const [selection, setSelection] = useState<Set<string>>(new Set());

  // Boot: ask the session layer which case is open; an engine without it has a fixed case.
  useEffect(() => {
    let alive = true;
    (async () => {
      try {
        const info = await client.call('session.info', {});
        if (alive) setSession(info);
      } catch (e) {
        if (!(e instanceof ApiClientError) || e.code === 'unauthorized') {
          if (alive) setSummaryError(e as Error);
        } else {
          try {
            const s = await client.call('case.summary', {});
            if (alive) {
              setSessionFixed(true);
              setSession({ caseFile: s.caseFile, dumpRoot: s.dumpRoot, recent: [], transport: client.transport });
              setSummaryOf({ caseFile: s.caseFile, summary: s });
            }
          } catch (e2) {
            if (alive) {
              setSessionFixed(true);
              setSession({ caseFile: null, dumpRoot: null, recent: [], transport: client.transport });
              if (!(e2 instanceof ApiClientError && e2.code === 'no-case-open')) setSummaryError(e2 as Error);
            }
          }
        }
      } finally {
        if (alive) setBooted(true);
      }
    })();
    return () => {
      alive = false;
    };
  }, [client]);

  const caseFile = session?.caseFile ?? null;
  const summary = summaryOf && summaryOf.caseFile === caseFile ? summaryOf.summary : null;
  useEffect(() => {
    if (!caseFile) return;
    let alive = true;
    client.call('case.summary', {}).then(
      (s) => alive && (setSummaryOf({ caseFile, summary: s }), setSummaryError(null)),
      (e: Error) => alive && setSummaryError(e),
    );
    return () => {
      alive = false;
    };
  }, [client, caseFile, summaryTick]);

  useEffect(() => {
    if (!caseFile) return;
    client.call('checks.list', {}).then(
      (list) => setChecks(new Map(list.map((c) => [c.id, c]))),
      () => {},
    );
  }, [client, caseFile]);

  // The engine announces changes (scan batches committed, re-verification, analyst edits elsewhere).
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = client.on('case.changed', () => {
      // Coalesce bursts during a scan into one refresh per second.
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        setSummaryTick((t) => t + 1);
        setDataVersion((v) => v + 1);
      }, 1000);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [client]);

  const refreshSummary = useCallback(() => setSummaryTick((t) => t + 1), []);
  const bumpData = useCallback(() => {
    setDataVersion((v) => v + 1);
    setSummaryTick((t) => t + 1);
  }, []);

  const value = useMemo<AppState>(
    () => ({
      session,
      sessionFixed,
      setSession,
      summary,
      summaryError,
      refreshSummary,
      dataVersion,
      bumpData,
      checks,
      filter,
      setFilter,
      selection,
      setSelection,
      booted,
    }),
    [session, sessionFixed, summary, summaryError, refreshSummary, dataVersion, bumpData, checks, filter, selection, booted],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}
