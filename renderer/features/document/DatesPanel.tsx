// Every date the document carries, side by side, normalised to UTC with the offset as written,
// ordered in time, with each one's distance from the earliest: the contradictions jump out.
import type { ClaimedDate, MetadataEntry } from '../../api/types.js';
import { Empty } from '../../components/ui.js';
import { offset, utc } from '../../components/format.js';

function delta(ms: number): string {
  const a = Math.abs(ms);
  const d = Math.floor(a / 86400000);
  const h = Math.floor((a % 86400000) / 3600000);
  const m = Math.floor((a % 3600000) / 60000);
  const s = Math.floor((a % 60000) / 1000);
  if (a === 0) return '0';
  const txt = d > 365 ? `${(d / 365.25).toFixed(1)} y` : d ? `${d} d ${h} h` : h ? `${h} h ${m} min` : m ? `${m} min ${s} s` : `${s} s`;
  return `${ms < 0 ? '−' : '+'}${txt}`;
}

/** Occurrence dates (zip member time, file system, mbox envelope) have no zone: shown as written. */
const OCCURRENCE = new Set(['zip', 'fs', 'mbox']);

export function DatesPanel({ dates, metadata }: { dates: ClaimedDate[]; metadata: MetadataEntry[] }) {
  const occurrence = metadata.filter((m) => OCCURRENCE.has(m.source) && /time|date|envelope/i.test(m.key));
  if (dates.length === 0 && occurrence.length === 0) return <Empty title="This document states no dates" />;
  const sorted = [...dates].sort((a, b) => (a.utc ?? '~').localeCompare(b.utc ?? '~'));
  const first = sorted.find((d) => d.utc)?.utc;
  const t0 = first ? Date.parse(first) : null;
  const last = [...sorted].reverse().find((d) => d.utc)?.utc;
  return (
    <div className="dates">
      {first && last && (
        <p className="muted small">
          Span: {utc(first)} → {utc(last)} UTC ({delta(Date.parse(last) - Date.parse(first))})
        </p>
      )}
      <table className="grid compact" data-testid="dates">
        <thead>
          <tr>
            <th>Role · source</th>
            <th>As written</th>
            <th>UTC</th>
            <th>Offset</th>
            <th className="num">From earliest</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((d, i) => (
            <tr key={i}>
              <td>
                <div>{d.role}</div>
                <div className="mono small muted">{d.source}</div>
              </td>
              <td className="mono small break">{d.raw}</td>
              <td className="nowrap mono small">{d.utc ? utc(d.utc, true) : <span className="warn">unparsed</span>}</td>
              <td className="nowrap">{offset(d.offsetMinutes)}</td>
              <td className="num nowrap">{d.utc && t0 !== null ? delta(Date.parse(d.utc) - t0) : '—'}</td>
            </tr>
          ))}
          {occurrence.map((m, i) => {
            // File-system times are instants (UTC); zip and mbox times are local clock readings without a zone.
            const instant =
              /Z$|[+-]\d\d:?\d\d$/.test(m.value) && !Number.isNaN(Date.parse(m.value)) ? new Date(m.value).toISOString() : null;
            return (
              <tr key={`o${i}`} className="occurrence">
                <td>
                  <div>
                    {m.source === 'fs' ? 'file system' : 'container'} {m.key}
                  </div>
                  <div className="mono small muted">{m.source}</div>
                </td>
                <td className="mono small break">{m.value}</td>
                {instant ? (
                  <>
                    <td className="nowrap mono small">{utc(instant, true)}</td>
                    <td>UTC</td>
                    <td className="num nowrap">{t0 !== null ? delta(Date.parse(instant) - t0) : '—'}</td>
                  </>
                ) : (
                  <td className="muted small" colSpan={3}>
                    no zone recorded: local clock of the machine that wrote it
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
