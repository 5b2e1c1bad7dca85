// The documents table's cursor, selection and keyboard: j/k move, Shift+J/K and Shift+click extend,
// x/Space and Ctrl+click select, Enter opens, t tags, v gives a verdict, / searches, Esc clears.
import { useCallback, useEffect, useEffectEvent, useLayoutEffect, useRef, useState, type MouseEvent, type RefObject } from 'react';
import { useApp } from '../../app/state.js';
import { href, navigate } from '../../app/router.js';
import { isTyping } from '../../components/keys.js';
import type { DocumentRow } from '../../api/types.js';
import type { PagedRows } from './paged-rows.js';
import type { VirtualRowsHandle } from './VirtualRows.js';

const PAGE_KEYS_STEP = 20;

interface Options {
  /** The screen is shown and no dialog is open: its keys are live. */
  listening: boolean;
  rows: PagedRows;
  /** Identifies the query: a new query puts the cursor back on the first row. */
  queryKey: string;
  table: RefObject<VirtualRowsHandle | null>;
  search: RefObject<HTMLInputElement | null>;
  openDialog(dialog: 'tag' | 'verdict'): void;
}

export interface TableCursor {
  cursor: number;
  toggle(id: string): void;
  onRowClick(e: MouseEvent, index: number, row: DocumentRow | undefined): void;
}

export function useTableCursor({ listening, rows, queryKey, table, search, openDialog }: Options): TableCursor {
  const { selection, setSelection } = useApp();
  const [cursorAt, setCursorAt] = useState({ queryKey, index: 0 });
  const cursor = cursorAt.queryKey === queryKey ? cursorAt.index : 0;
  const total = rows.total ?? 0;

  // Keys can arrive faster than React re-renders: handlers read and write these refs, never a
  // stale render's values (three quick 'j' presses must move three rows). Renders sync them.
  const cursorRef = useRef(cursor);
  const selectionRef = useRef(selection);
  // Where a Shift range starts (a ref: it never needs a render of its own).
  const anchorRef = useRef<number | null>(null);
  useLayoutEffect(() => {
    cursorRef.current = cursor;
    selectionRef.current = selection;
  }, [cursor, selection]);

  const setCursor = useCallback(
    (n: number) => {
      cursorRef.current = n;
      setCursorAt({ queryKey, index: n });
    },
    [queryKey],
  );
  const setSel = useCallback(
    (next: Set<string>) => {
      selectionRef.current = next;
      setSelection(next);
    },
    [setSelection],
  );

  const moveTo = (i: number) => {
    const n = Math.max(0, Math.min(total - 1, i));
    setCursor(n);
    table.current?.scrollToIndex(n);
    return n;
  };

  const selectRange = async (from: number, to: number, additive: boolean) => {
    const [a, b] = from <= to ? [from, to] : [to, from];
    const list = await rows.load(a, b + 1);
    const next = new Set(additive ? selectionRef.current : []);
    for (const r of list) next.add(r.id);
    setSel(next);
  };

  const toggle = (id: string) => {
    const next = new Set(selectionRef.current);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSel(next);
  };

  const extendTo = (from: number, to: number, shift: boolean) => {
    if (!shift) {
      anchorRef.current = null;
      return;
    }
    if (anchorRef.current === null) anchorRef.current = from;
    void selectRange(anchorRef.current, to, false);
  };

  const onKey = useEffectEvent((e: KeyboardEvent) => {
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
    if (k === 'j' || k === 'ArrowDown' || k === 'J') extendTo(cur, moveTo(cur + 1), e.shiftKey);
    else if (k === 'k' || k === 'ArrowUp' || k === 'K') extendTo(cur, moveTo(cur - 1), e.shiftKey);
    else if (k === 'PageDown') moveTo(cur + PAGE_KEYS_STEP);
    else if (k === 'PageUp') moveTo(cur - PAGE_KEYS_STEP);
    else if (k === 'Home') moveTo(0);
    else if (k === 'End') moveTo(total - 1);
    else if (k === 'x' || k === ' ') {
      const r = rows.row(cur);
      if (r) toggle(r.id);
      anchorRef.current = cur;
    } else if (k === 'Enter') {
      const r = rows.row(cur);
      if (r) navigate(href.doc(r.id));
    } else if (k === 't') openDialog('tag');
    else if (k === 'v') openDialog('verdict');
    else if (k === '/') search.current?.focus();
    else if (k === 'Escape') {
      if (selectionRef.current.size) setSel(new Set());
      anchorRef.current = null;
    } else return;
    e.preventDefault();
  });

  useEffect(() => {
    if (!listening) return;
    const listener = (e: KeyboardEvent) => onKey(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [listening]);

  const onRowClick = (e: MouseEvent, i: number, r: DocumentRow | undefined) => {
    const from = anchorRef.current ?? cursorRef.current;
    setCursor(i);
    if (!r) return;
    if (e.shiftKey) {
      void selectRange(from, i, e.ctrlKey || e.metaKey);
    } else if (e.ctrlKey || e.metaKey) {
      toggle(r.id);
      anchorRef.current = i;
    } else anchorRef.current = i;
  };

  return { cursor, toggle, onRowClick };
}
