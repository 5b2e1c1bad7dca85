// Rows of a search, paged in as the table scrolls; see docs/renderer.md (paged rows).
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useClient } from '../../api/context.js';
import type { DocumentRow, SearchPage, SearchQuery } from '../../api/types.js';

const PAGE = 200;

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

/** The pages of one query: fetched once each, kept, and kept as a stale fallback over a refresh. */
class RowPages {
  total: number | null = null;
  totalIsEstimate = false;
  tookMs: number | null = null;
  error: Error | null = null;
  version = 0;
  private pages = new Map<number, DocumentRow[]>();
  private stale = new Map<number, DocumentRow[]>();
  private inflight = new Map<number, Promise<DocumentRow[]>>();
  private generation = 0;
  private dataVersion: number | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly fetchRows: (offset: number, limit: number) => Promise<SearchPage>) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  /** Load the first page; when the case's data changed since, fetch again, showing the old pages
   *  until their replacements arrive. */
  sync(dataVersion: number): void {
    if (this.dataVersion === dataVersion) return;
    if (this.dataVersion !== null) this.refresh();
    this.dataVersion = dataVersion;
    this.fetchPage(0).catch(() => {});
  }

  private refresh(): void {
    this.generation++;
    this.stale = this.pages;
    this.pages = new Map();
    this.inflight = new Map();
    this.changed();
  }

  row = (index: number): DocumentRow | undefined => {
    const p = Math.floor(index / PAGE);
    return (this.pages.get(p) ?? this.stale.get(p))?.[index - p * PAGE];
  };

  ensure = (from: number, to: number): void => {
    const first = Math.floor(Math.max(0, from) / PAGE);
    const last = Math.floor(Math.max(0, to - 1) / PAGE);
    for (let p = first; p <= last; p++) if (!this.pages.has(p)) this.fetchPage(p).catch(() => {});
  };

  load = async (from: number, to: number): Promise<DocumentRow[]> => {
    const first = Math.floor(from / PAGE);
    const last = Math.floor(Math.max(from, to - 1) / PAGE);
    const pages = await Promise.all(Array.from({ length: last - first + 1 }, (_, i) => this.fetchPage(first + i)));
    return pages.flat().slice(from - first * PAGE, to - first * PAGE);
  };

  private fetchPage(page: number): Promise<DocumentRow[]> {
    const have = this.pages.get(page);
    if (have) return Promise.resolve(have);
    const pending = this.inflight.get(page);
    if (pending) return pending;
    const generation = this.generation;
    const p = this.fetchRows(page * PAGE, PAGE).then(
      (res) => {
        if (generation !== this.generation) return res.rows;
        this.pages.set(page, res.rows);
        this.inflight.delete(page);
        this.total = res.total;
        this.totalIsEstimate = !!res.totalIsEstimate;
        this.tookMs = res.tookMs;
        this.error = null;
        this.changed();
        return res.rows;
      },
      (e: Error) => {
        this.inflight.delete(page);
        if (generation === this.generation) {
          this.error = e;
          this.changed();
        }
        throw e;
      },
    );
    this.inflight.set(page, p);
    return p;
  }

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }
}

export function usePagedRows(query: SearchQuery, dataVersion: number): PagedRows {
  const client = useClient();
  const key = JSON.stringify(query);
  // A new query starts from nothing; a data change (dataVersion) keeps the old pages as a fallback.
  const pages = useMemo(
    () => new RowPages((offset, limit) => client.call('search.query', { ...(JSON.parse(key) as SearchQuery), offset, limit })),
    [client, key],
  );
  useEffect(() => pages.sync(dataVersion), [pages, dataVersion]);
  const version = useSyncExternalStore(pages.subscribe, pages.getVersion);
  return useMemo(
    () => ({
      total: pages.total,
      totalIsEstimate: pages.totalIsEstimate,
      tookMs: pages.tookMs,
      error: pages.error,
      row: pages.row,
      ensure: pages.ensure,
      load: pages.load,
      version,
    }),
    [pages, version],
  );
}
