// Documents: full-text search, facets, sort, and a virtualized table paged in from the engine.
import { useCallback, useRef, useState } from 'react';
import { useApi } from '../../api/context.js';
import { useApp } from '../../app/state.js';
import { href } from '../../app/router.js';
import { ErrorNote, Kbd } from '../../components/ui.js';
import { num } from '../../components/format.js';
import type { SearchQuery } from '../../api/types.js';
import { usePagedRows } from './paged-rows.js';
import { VirtualRows, type VirtualRowsHandle } from './VirtualRows.js';
import { Facets } from './Facets.js';
import { TagDialog, VerdictDialog } from '../analyst/AnalystDialogs.js';
import { hasFilters } from './document-query.js';
import { useDocumentQuery } from './use-document-query.js';
import { useTableCursor } from './use-table-cursor.js';
import { DocumentHeader, DocumentRow } from './DocumentRow.js';

const SELECT_ALL_CAP = 50_000;

export function DocumentsScreen({ active, params }: { active: boolean; params: URLSearchParams | null }) {
  const app = useApp();
  const { selection, setSelection } = app;
  const { filter, query, text, setText, commitText, setFilter } = useDocumentQuery(params);
  const [dialog, setDialog] = useState<null | 'tag' | 'verdict'>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const search = useRef<HTMLInputElement>(null);
  const table = useRef<VirtualRowsHandle>(null);

  const rows = usePagedRows(query, app.dataVersion);
  const facets = useApi('search.facets', active ? { ...query, sort: undefined, order: undefined } : null, app.dataVersion);
  const total = rows.total ?? 0;
  const hasText = !!query.text;
  const rowHeight = hasText ? 50 : 32;
  const { cursor, toggle, onRowClick } = useTableCursor({
    listening: active && !dialog,
    rows,
    queryKey: JSON.stringify(query),
    table,
    search,
    openDialog: setDialog,
  });

  const update = (q: SearchQuery) => {
    setFilter(q);
    table.current?.element()?.scrollTo({ top: 0 });
  };

  async function selectAllMatching() {
    const n = Math.min(total, SELECT_ALL_CAP);
    const list = await rows.load(0, n);
    setSelection(new Set(list.map((r) => r.id)));
    setNotice(
      total > SELECT_ALL_CAP ? `Selected the first ${num(SELECT_ALL_CAP)} of ${num(total)}; export by filter covers them all.` : null,
    );
  }

  const current = rows.row(cursor);
  const targetIds = (): string[] => (selection.size ? [...selection] : current ? [current.id] : []);
  const onRange = useCallback((from: number, to: number) => rows.ensure(from, to), [rows]);
  const renderRow = (i: number, top: number) => {
    const r = rows.row(i);
    return (
      <DocumentRow
        key={i}
        index={i}
        top={top}
        height={rowHeight}
        row={r}
        selected={r ? selection.has(r.id) : false}
        isCursor={i === cursor}
        showSnippet={hasText}
        onClick={onRowClick}
        onToggle={toggle}
      />
    );
  };

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
                  commitText();
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
          {hasFilters(query) && (
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
          <DocumentHeader />
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
