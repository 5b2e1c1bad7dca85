// Rows of a search, paged in as the table scrolls: fixed-size pages fetched with offset/limit,
// cached per query, deduplicated while in flight. After a data change the old pages stay on screen
// (stale) until their replacements arrive, so tagging a row never blanks the table.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient } from '../../api/context.js';
import type { DocumentRow, SearchQuery } from '../../api/types.js';

export const PAGE = 200;

export interface PagedRows {
  total: number | null;
  /** The total is estimated (SearchPage.totalIsEstimate): shown as "≈". */
  totalIsEstimate: boolean;
  tookMs: number | null;
  error: Error | null;
  row(index: number): DocumentRow | undefined;
  /** Ask for the pages covering [from, to). */
  ensure(from: number, to: number): void;
  /** Resolve once the rows [from, to) are loaded, then return them. */
  load(from: number, to: number): Promise<DocumentRow[]>;
  /** Bumped when pages arrive, so the table re-renders. */
  version: number;
}

export function usePagedRows(query: SearchQuery, dataVersion: number): PagedRows {
  const client = useClient();
  const key = JSON.stringify(query);
  const cache = useRef(new Map<number, DocumentRow[]>());
  const stale = useRef(new Map<number, DocumentRow[]>());
  const inflight = useRef(new Map<number, Promise<DocumentRow[]>>());
  const gen = useRef(0);
  const [total, setTotal] = useState<number | null>(null);
  const [totalIsEstimate, setTotalIsEstimate] = useState(false);
  const [tookMs, setTookMs] = useState<number | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [version, setVersion] = useState(0);
  const lastKey = useRef(key);

  const fetchPage = useCallback(
    (page: number): Promise<DocumentRow[]> => {
      const have = cache.current.get(page);
      if (have) return Promise.resolve(have);
      const pending = inflight.current.get(page);
      if (pending) return pending;
      const g = gen.current;
      const p = client.call('search.query', { ...JSON.parse(key), offset: page * PAGE, limit: PAGE }).then(
        (res) => {
          if (g !== gen.current) return res.rows;
          cache.current.set(page, res.rows);
          inflight.current.delete(page);
          setTotal(res.total);
          setTotalIsEstimate(!!res.totalIsEstimate);
          setTookMs(res.tookMs);
          setError(null);
          setVersion((v) => v + 1);
          return res.rows;
        },
        (e: Error) => {
          inflight.current.delete(page);
          if (g === gen.current) setError(e);
          throw e;
        },
      );
      inflight.current.set(page, p);
      return p;
    },
    [client, key],
  );

  // A new query drops everything; a data change keeps the old pages as a stale fallback.
  useEffect(() => {
    gen.current++;
    if (lastKey.current !== key) {
      stale.current = new Map();
      setTotal(null);
      lastKey.current = key;
    } else {
      stale.current = cache.current;
    }
    cache.current = new Map();
    inflight.current = new Map();
    setVersion((v) => v + 1);
    fetchPage(0).catch(() => {});
  }, [key, dataVersion, fetchPage]);

  const ensure = useCallback(
    (from: number, to: number) => {
      const first = Math.floor(Math.max(0, from) / PAGE);
      const last = Math.floor(Math.max(0, to - 1) / PAGE);
      for (let p = first; p <= last; p++) if (!cache.current.has(p)) fetchPage(p).catch(() => {});
    },
    [fetchPage],
  );

  const load = useCallback(
    async (from: number, to: number) => {
      const first = Math.floor(from / PAGE);
      const last = Math.floor(Math.max(from, to - 1) / PAGE);
      const pages = await Promise.all(Array.from({ length: last - first + 1 }, (_, i) => fetchPage(first + i)));
      return pages.flat().slice(from - first * PAGE, to - first * PAGE);
    },
    [fetchPage],
  );

  const row = useCallback((index: number) => {
    const p = Math.floor(index / PAGE);
    return (cache.current.get(p) ?? stale.current.get(p))?.[index - p * PAGE];
  }, []);

  return { total, totalIsEstimate, tookMs, error, row, ensure, load, version };
}
