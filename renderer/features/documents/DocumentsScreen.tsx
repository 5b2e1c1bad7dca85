// Documents: full-text search, facets, sort, and a virtualized table paged in from the engine.
// Keyboard: j/k move, Shift+J/K extend, x/Space select, Enter open, t tag, v verdict, / search,
// Esc clears the selection.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useApi } from '../../api/context.js';
import { useApp } from '../../app/state.js';
import { href, navigate } from '../../app/router.js';
import { ErrorNote, KindTag, Score, SeverityBadge, Snippet, VerdictBadge, Kbd } from '../../components/ui.js';
import { leadToFirstMatch } from '../../components/snippet-lead.js';
import { day, num } from '../../components/format.js';
import { isTyping } from '../../components/keys.js';
import type { DocumentRow, SearchQuery, Severity, Verdict, DocumentKind } from '../../api/types.js';
import { usePagedRows } from './paged-rows.js';
import { VirtualRows, type VirtualRowsHandle } from './VirtualRows.js';
import { Facets } from './Facets.js';
import { TagDialog, VerdictDialog } from '../analyst/AnalystDialogs.js';

const SELECT_ALL_CAP = 50_000;

/** Filters carried in a link (from the Overview, a finding, a person). */
function queryFromParams(params: URLSearchParams, base: SearchQuery): SearchQuery | null {
  const list = (k: string) => params.get(k)?.split(',').filter(Boolean);
  const keys = ['q', 'kind', 'check', 'severity', 'tag', 'verdict', 'person', 'from', 'to'];
  if (!keys.some((k) => params.has(k))) return null;
  return {
    sort: base.sort,
    order: base.order,
    text: params.get('q') ?? undefined,
    kinds: list('kind') as DocumentKind[] | undefined,
    checks: list('check'),
    severities: list('severity') as Severity[] | undefined,
    tags: list('tag'),
    verdicts: list('verdict') as Verdict[] | undefined,
    people: list('person'),
    dateFrom: params.get('from') ?? undefined,
    dateTo: params.get('to') ? `${params.get('to')}T23:59:59.999Z` : undefined,
  };
}

function clean(q: SearchQuery): SearchQuery {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)) out[k] = v;
  return out as SearchQuery;
}

export function DocumentsScreen({ active, params }: { active: boolean; params: URLSearchParams | null }) {
  const app = useApp();
  const { filter, setFilter, selection, setSelection } = app;
  const [text, setText] = useState(filter.text ?? '');
  const [cursor, setCursorState] = useState(0);
  // Keys can arrive faster than React re-renders: handlers read and write these refs, never a
  // stale closure (three quick 'j' presses must move three rows).
  const cursorRef = useRef(0);
  const selectionRef = useRef(selection);
  selectionRef.current = selection;
  const setCursor = useCallback((n: number) => {
    cursorRef.current = n;
    setCursorState(n);
  }, []);
  const setSel = useCallback(
    (next: Set<string>) => {
      selectionRef.current = next;
      setSelection(next);
    },
    [setSelection],
  );
  // Where a Shift range starts (a ref: it never needs a render of its own).
  const anchorRef = useRef<number | null>(null);
  const setAnchor = (n: number | null) => {
    anchorRef.current = n;
  };
  const [dialog, setDialog] = useState<null | 'tag' | 'verdict'>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const search = useRef<HTMLInputElement>(null);
  const table = useRef<VirtualRowsHandle>(null);

  // Links with filters replace the current filter once, then the URL is cleaned.
  const paramKey = params?.toString() ?? '';
  useEffect(() => {
    if (!params) return;
    const q = queryFromParams(params, filter);
    if (q) {
      setFilter(clean(q));
      setText(q.text ?? '');
      setCursor(0);
      navigate(href.documents(), true);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [paramKey]);

  const query = useMemo(() => clean(filter), [filter]);
  const rows = usePagedRows(query, app.dataVersion);
  const facets = useApi('search.facets', active ? { ...query, sort: undefined, order: undefined } : null, app.dataVersion);
  const total = rows.total ?? 0;
  const hasText = !!query.text;
  const rowHeight = hasText ? 50 : 32;

  // Debounced full-text search as you type.
  useEffect(() => {
    if ((filter.text ?? '') === text) return;
    const t = setTimeout(() => {
      setFilter({ ...filter, text: text || undefined });
      setCursor(0);
    }, 250);
    return () => clearTimeout(t);
  }, [text, filter, setFilter]);

  const update = (q: SearchQuery) => {
    setFilter(q);
    setCursor(0);
    table.current?.element()?.scrollTo({ top: 0 });
  };

  const moveTo = useCallback(
    (i: number) => {
      const n = Math.max(0, Math.min(total - 1, i));
      setCursor(n);
      table.current?.scrollToIndex(n);
      return n;
    },
    [total, setCursor],
  );

  const selectRange = useCallback(
    async (from: number, to: number, additive: boolean) => {
      const [a, b] = from <= to ? [from, to] : [to, from];
      const list = await rows.load(a, b + 1);
      const next = new Set(additive ? selectionRef.current : []);
      for (const r of list) next.add(r.id);
      setSel(next);
    },
    [rows, setSel],
  );

  const toggle = useCallback(
    (id: string) => {
      const next = new Set(selectionRef.current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      setSel(next);
    },
    [setSel],
  );

  async function selectAllMatching() {
    const n = Math.min(total, SELECT_ALL_CAP);
    const list = await rows.load(0, n);
    setSelection(new Set(list.map((r) => r.id)));
    setNotice(
      total > SELECT_ALL_CAP ? `Selected the first ${num(SELECT_ALL_CAP)} of ${num(total)}; export by filter covers them all.` : null,
    );
  }

  const targetIds = (): string[] => {
    if (selection.size) return [...selection];
    const r = rows.row(cursor);
    return r ? [r.id] : [];
  };

  useEffect(() => {
    if (!active || dialog) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (isTyping(e)) {
        if (e.key === 'Escape' || (e.key === 'ArrowDown' && e.target === search.current)) {
          (e.target as HTMLElement).blur();
          table.current?.element()?.focus();
          e.preventDefault();
        }
        return;
      }
      const cur = cursorRef.current;
      const k = e.key;
      if (k === 'j' || k === 'ArrowDown' || k === 'J') {
        const n = moveTo(cur + 1);
        if (e.shiftKey) {
          if (anchorRef.current === null) setAnchor(cur);
          void selectRange(anchorRef.current ?? cur, n, false);
        } else setAnchor(null);
      } else if (k === 'k' || k === 'ArrowUp' || k === 'K') {
        const n = moveTo(cur - 1);
        if (e.shiftKey) {
          if (anchorRef.current === null) setAnchor(cur);
          void selectRange(anchorRef.current ?? cur, n, false);
        } else setAnchor(null);
      } else if (k === 'PageDown') moveTo(cur + 20);
      else if (k === 'PageUp') moveTo(cur - 20);
      else if (k === 'Home') moveTo(0);
      else if (k === 'End') moveTo(total - 1);
      else if (k === 'x' || k === ' ') {
        const r = rows.row(cur);
        if (r) toggle(r.id);
        setAnchor(cur);
      } else if (k === 'Enter') {
        const r = rows.row(cur);
        if (r) navigate(href.doc(r.id));
      } else if (k === 't') setDialog('tag');
      else if (k === 'v') setDialog('verdict');
      else if (k === '/') search.current?.focus();
      else if (k === 'Escape') {
        if (selectionRef.current.size) setSel(new Set());
        setAnchor(null);
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, dialog, total, rows, moveTo, selectRange, toggle, setSel]);

  const onRange = useCallback((from: number, to: number) => rows.ensure(from, to), [rows]);

  const onRowClick = (e: React.MouseEvent, i: number, r: DocumentRow | undefined) => {
    setCursor(i);
    if (!r) return;
    if (e.shiftKey) {
      void selectRange(anchorRef.current ?? cursorRef.current, i, e.ctrlKey || e.metaKey);
    } else if (e.ctrlKey || e.metaKey) {
      toggle(r.id);
      setAnchor(i);
    } else setAnchor(i);
  };

  const renderRow = (i: number, top: number) => {
    const r = rows.row(i);
    const selected = r ? selection.has(r.id) : false;
    return (
      <div
        key={i}
        className={`vrow ${i === cursor ? 'cursor' : ''} ${selected ? 'selected' : ''} ${i % 2 ? 'odd' : ''}`}
        style={{ top, height: rowHeight }}
        role="row"
        aria-selected={selected}
        data-row={i}
        data-id={r?.id}
        onMouseDown={(e) => {
          if (e.shiftKey) e.preventDefault();
        }}
        onClick={(e) => onRowClick(e, i, r)}
        onDoubleClick={() => r && navigate(href.doc(r.id))}
      >
        {!r ? (
          <div className="cell placeholder-row">
            <span className="skeleton" />
          </div>
        ) : (
          <>
            <div className="cell c-sel" onClick={(e) => e.stopPropagation()}>
              <input type="checkbox" aria-label={`Select ${r.name}`} checked={selected} onChange={() => toggle(r.id)} tabIndex={-1} />
            </div>
            <div className="cell c-score">
              <Score value={r.score} />
            </div>
            <div className="cell c-kind">
              <KindTag kind={r.kind} />
            </div>
            <div className="cell c-doc">
              <div className="doc-line">
                <a href={href.doc(r.id)} className="doc-title" tabIndex={-1} onClick={(e) => e.stopPropagation()}>
                  {r.title || r.name}
                </a>
                <span className="doc-path mono" title={r.path}>
                  {r.path}
                </span>
              </div>
              {hasText && r.snippet && (
                <div className="doc-snippet">
                  <Snippet text={leadToFirstMatch(r.snippet.replace(/\s+/g, ' '))} />
                </div>
              )}
            </div>
            <div className="cell c-person" title={r.person ?? ''}>
              {r.person ?? <span className="muted">—</span>}
            </div>
            <div className="cell c-date">{day(r.date)}</div>
            <div className="cell c-flags">
              {r.flags > 0 ? <SeverityBadge severity={r.topSeverity} count={r.flags} /> : <span className="muted">—</span>}
            </div>
            <div className="cell c-verdict">
              {r.verdict !== 'unresolved' ? <VerdictBadge verdict={r.verdict} /> : <span className="muted">—</span>}
            </div>
            <div className="cell c-tags" title={r.tags.join(', ')}>
              {r.tags.map((t) => (
                <span key={t} className="tag">
                  {t}
                </span>
              ))}
            </div>
          </>
        )}
      </div>
    );
  };

  const current = rows.row(cursor);
  const filtersOn = ['kinds', 'checks', 'severities', 'tags', 'verdicts', 'people', 'dateFrom', 'dateTo'].some(
    (k) => query[k as keyof SearchQuery] !== undefined,
  );

  return (
    <div className="screen documents" hidden={!active}>
      <Facets facets={facets.data} query={query} onChange={update} />
      <div className="doc-main">
        <div className="toolbar">
          <div className="search-box">
            <input
              ref={search}
              type="search"
              name="search"
              placeholder="Search text, subjects, names…   ( / )"
              value={text}
              onChange={(e) => setText(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  setFilter({ ...filter, text: text || undefined });
                  (e.target as HTMLInputElement).blur();
                  table.current?.element()?.focus();
                }
              }}
              aria-label="Full-text search"
            />
          </div>
          <label className="inline-field">
            Sort
            <select
              aria-label="Sort"
              value={`${query.sort ?? 'score'}:${query.order ?? 'desc'}`}
              onChange={(e) => {
                const [sort, order] = e.target.value.split(':') as [SearchQuery['sort'], SearchQuery['order']];
                update({ ...filter, sort, order });
              }}
            >
              <option value="score:desc">Score, highest first</option>
              <option value="date:desc">Date, newest first</option>
              <option value="date:asc">Date, oldest first</option>
              <option value="path:asc">Path</option>
              {hasText && <option value="relevance:desc">Relevance</option>}
            </select>
          </label>
          <span className="result-count" data-testid="result-count">
            {rows.total === null ? '…' : `${rows.totalIsEstimate ? '≈ ' : ''}${num(rows.total)} document${rows.total === 1 ? '' : 's'}`}
            {rows.tookMs !== null && <span className="muted"> · {rows.tookMs} ms</span>}
          </span>
          {filtersOn && (
            <button
              type="button"
              className="btn small"
              onClick={() => update({ sort: filter.sort, order: filter.order, text: filter.text })}
            >
              Clear filters
            </button>
          )}
        </div>
        <div className={`bulkbar ${selection.size ? 'on' : ''}`} aria-live="polite">
          {selection.size ? (
            <>
              <strong>{num(selection.size)} selected</strong>
              <button type="button" className="btn small" onClick={() => setDialog('tag')}>
                Tag… <Kbd>t</Kbd>
              </button>
              <button type="button" className="btn small" onClick={() => setDialog('verdict')}>
                Verdict… <Kbd>v</Kbd>
              </button>
              <a className="btn small" href={href.export()}>
                Export selection…
              </a>
              <button type="button" className="btn small" onClick={() => setSelection(new Set())}>
                Clear <Kbd>Esc</Kbd>
              </button>
            </>
          ) : (
            <span className="muted">
              <Kbd>j</Kbd>/<Kbd>k</Kbd> move · <Kbd>Enter</Kbd> open · <Kbd>x</Kbd> select · <Kbd>Shift</Kbd>+click range · <Kbd>t</Kbd> tag
              · <Kbd>v</Kbd> verdict
            </span>
          )}
          {total > 0 && (
            <button type="button" className="link small push" onClick={() => void selectAllMatching()}>
              Select all {num(Math.min(total, SELECT_ALL_CAP))} matching
            </button>
          )}
          {notice && <span className="muted small">{notice}</span>}
        </div>
        {rows.error && <ErrorNote error={rows.error} />}
        <div className="vtable">
          <div className="vhead" role="row">
            <div className="cell c-sel" />
            <div className="cell c-score">Score</div>
            <div className="cell c-kind">Kind</div>
            <div className="cell c-doc">Document</div>
            <div className="cell c-person">Sender / author</div>
            <div className="cell c-date">Date (UTC)</div>
            <div className="cell c-flags">Findings</div>
            <div className="cell c-verdict">Verdict</div>
            <div className="cell c-tags">Tags</div>
          </div>
          {rows.total === 0 ? (
            <div className="empty">
              <div className="empty-title">No document matches</div>
              <div className="empty-body">
                {hasText
                  ? 'Full-text search uses FTS5 syntax: words, "exact phrases", prefix*, OR, NOT.'
                  : 'Loosen the filters on the left.'}
              </div>
            </div>
          ) : (
            <VirtualRows
              ref={table}
              count={total}
              rowHeight={rowHeight}
              onRange={onRange}
              renderRow={renderRow}
              version={rows.version}
              label="Documents"
              className="vbody"
            />
          )}
        </div>
        {current && (
          <div className="statusline mono small">
            {num(cursor + 1)} / {num(total)} · {current.path} · sha256 {current.sha256.slice(0, 16)}…
          </div>
        )}
      </div>
      {dialog === 'tag' && (
        <TagDialog
          ids={targetIds()}
          currentTags={selection.size ? [] : (current?.tags ?? [])}
          onClose={() => setDialog(null)}
          onDone={() => setDialog(null)}
        />
      )}
      {dialog === 'verdict' && (
        <VerdictDialog
          ids={targetIds()}
          current={selection.size ? undefined : current?.verdict}
          onClose={() => setDialog(null)}
          onDone={() => setDialog(null)}
        />
      )}
    </div>
  );
}
