// A windowed list: fixed row height, only the visible rows plus an overscan in the DOM
// (limits: docs/renderer.md).
import { forwardRef, useCallback, useImperativeHandle, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

export interface VirtualRowsHandle {
  scrollToIndex(index: number): void;
  element(): HTMLDivElement | null;
}

interface Props {
  count: number;
  rowHeight: number;
  overscan?: number;
  onRange?: (from: number, to: number) => void;
  renderRow: (index: number, top: number) => ReactNode;
  className?: string;
  label: string;
  /** Changes whenever rows' content changes, to re-render the window. */
  version?: number;
}

export const VirtualRows = forwardRef<VirtualRowsHandle, Props>(function VirtualRows(
  { count, rowHeight, overscan = 12, onRange, renderRow, className, label },
  ref,
) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    setHeight(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan);

  useLayoutEffect(() => {
    onRange?.(first, last);
  }, [first, last, onRange]);

  const scrollToIndex = useCallback(
    (index: number) => {
      const el = box.current;
      if (!el) return;
      const top = index * rowHeight;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
    },
    [rowHeight],
  );
  useImperativeHandle(ref, () => ({ scrollToIndex, element: () => box.current }), [scrollToIndex]);

  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) rows.push(renderRow(i, i * rowHeight));
  return (
    <div
      className={`vrows ${className ?? ''}`}
      ref={box}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      role="grid"
      tabIndex={0}
      aria-label={label}
      aria-rowcount={count}
    >
      <div className="vrows-spacer" style={{ height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  );
});
