// Documents per ISO week with flagged ones overlaid, hand-drawn SVG; long empty stretches between
// active periods collapse into a marked break (docs/renderer.md).
import { useLayoutEffect, useMemo, useRef, useState } from 'react';

export interface WeekPoint {
  week: string;
  documents: number;
  flagged: number;
}

/** ISO week 'YYYY-Www' → Monday UTC of that week (ms). */
function weekStart(week: string): number | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return null;
  const year = Number(m[1]);
  const jan4 = Date.UTC(year, 0, 4);
  const dow = (new Date(jan4).getUTCDay() + 6) % 7;
  return jan4 - dow * 86400000 + (Number(m[2]) - 1) * 7 * 86400000;
}

const WEEK = 7 * 86400000;
type Slot = { kind: 'week'; p: WeekPoint; start: number } | { kind: 'gap'; weeks: number };

export function TimelineChart({
  points,
  onPickWeek,
  height = 180,
}: {
  points: WeekPoint[];
  onPickWeek?: (from: string, to: string) => void;
  height?: number;
}) {
  const [hover, setHover] = useState<number | null>(null);
  // Drawn at the container's real width (a stretched viewBox would distort the axis text).
  const box = useRef<HTMLDivElement>(null);
  const [W, setW] = useState(1000);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setW(Math.max(300, el.clientWidth)));
    ro.observe(el);
    setW(Math.max(300, el.clientWidth));
    return () => ro.disconnect();
  }, []);
  const slots = useMemo(() => {
    const sorted = points
      .map((p) => ({ p, start: weekStart(p.week) }))
      .filter((x): x is { p: WeekPoint; start: number } => x.start !== null)
      .sort((a, b) => a.start - b.start);
    const out: Slot[] = [];
    for (let i = 0; i < sorted.length; i++) {
      if (i > 0) {
        const missing = Math.round((sorted[i].start - sorted[i - 1].start) / WEEK) - 1;
        if (missing > 3) out.push({ kind: 'gap', weeks: missing });
        else
          for (let k = 0; k < missing; k++)
            out.push({ kind: 'week', p: { week: '', documents: 0, flagged: 0 }, start: sorted[i - 1].start + (k + 1) * WEEK });
      }
      out.push({ kind: 'week', ...sorted[i] });
    }
    return out;
  }, [points]);

  const max = Math.max(1, ...points.map((p) => p.documents));
  const padL = 36;
  const padB = 22;
  const padT = 8;
  const plotH = height - padB - padT;
  const slotW = (W - padL - 4) / slots.length;
  const barW = Math.max(1, slotW * 0.78);
  const y = (v: number) => padT + plotH - (plotH * v) / max;
  const ticks = [0, Math.round(max / 2), max].filter((v, i, a) => a.indexOf(v) === i);
  // Label a year at its first slot, then at most every ~90px.
  let lastLabelX = -Infinity;
  let lastYear = '';
  const h = hover !== null ? slots[hover] : null;

  if (slots.length === 0)
    return (
      <div className="muted" ref={box}>
        No dated documents.
      </div>
    );
  return (
    <div className="timeline" ref={box}>
      <svg
        width={W}
        height={height}
        viewBox={`0 0 ${W} ${height}`}
        role="img"
        aria-label="Documents per week, flagged overlaid"
        onMouseLeave={() => setHover(null)}
      >
        {ticks.map((t) => (
          <g key={t}>
            <line x1={padL} x2={W} y1={y(t)} y2={y(t)} className="tl-grid" />
            <text x={padL - 6} y={y(t) + 4} className="tl-axis" textAnchor="end">
              {t}
            </text>
          </g>
        ))}
        {slots.map((s, i) => {
          const x = padL + i * slotW;
          if (s.kind === 'gap') {
            return (
              <g key={`g${i}`}>
                <rect x={x + slotW * 0.2} y={padT} width={slotW * 0.6} height={plotH} className="tl-gap" />
                <title>{`${s.weeks} weeks without documents`}</title>
              </g>
            );
          }
          const d = new Date(s.start).toISOString();
          const year = d.slice(0, 4);
          let label: string | null = null;
          if (year !== lastYear && x - lastLabelX > 40) {
            label = year;
            lastYear = year;
            lastLabelX = x;
          } else if (x - lastLabelX > 90) {
            label = d.slice(5, 10);
            lastLabelX = x;
          }
          return (
            <g
              key={s.start}
              onMouseEnter={() => setHover(i)}
              onClick={() => onPickWeek?.(d.slice(0, 10), new Date(s.start + WEEK - 1000).toISOString().slice(0, 10))}
              className={onPickWeek && s.p.documents ? 'tl-click' : ''}
            >
              <rect x={x} y={padT} width={slotW} height={plotH} className={hover === i ? 'tl-hover' : 'tl-hit'} />
              {s.p.documents > 0 && (
                <rect
                  x={x + (slotW - barW) / 2}
                  y={y(s.p.documents)}
                  width={barW}
                  height={plotH + padT - y(s.p.documents)}
                  className="tl-docs"
                />
              )}
              {s.p.flagged > 0 && (
                <rect
                  x={x + (slotW - barW) / 2}
                  y={y(s.p.flagged)}
                  width={barW}
                  height={plotH + padT - y(s.p.flagged)}
                  className="tl-flag"
                />
              )}
              {label && (
                <text x={x} y={height - 6} className="tl-axis">
                  {label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <div className="tl-legend">
        <span>
          <i className="sw tl-docs-sw" /> documents
        </span>
        <span>
          <i className="sw tl-flag-sw" /> flagged
        </span>
        <span>
          <i className="sw tl-gap-sw" /> weeks without documents (collapsed)
        </span>
        <span className="tl-readout">
          {h && h.kind === 'week'
            ? `Week of ${new Date(h.start).toISOString().slice(0, 10)}: ${h.p.documents} documents, ${h.p.flagged} flagged`
            : h && h.kind === 'gap'
              ? `${h.weeks} weeks without documents`
              : 'Point at a week; click to list its documents'}
        </span>
      </div>
    </div>
  );
}
