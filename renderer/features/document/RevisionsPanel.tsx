// A PDF's incremental updates: each revision's byte range and what it changed, and the text of two
// revisions compared (what a later save added or removed).
import { useState } from 'react';
import { useApi } from '../../api/context.js';
import type { PdfFacts } from '../../api/types.js';
import { Empty, ErrorNote, Loading } from '../../components/ui.js';
import { num } from '../../components/format.js';
import { TextDiff } from '../../components/TextDiff.js';

export function RevisionsPanel({ id, pdf }: { id: string; pdf: PdfFacts | undefined }) {
  const revs = pdf?.revisions ?? [];
  const texts = useApi('document.revisions', revs.length > 1 ? { id } : null);
  const [pair, setPair] = useState<[number, number] | null>(null);
  if (revs.length <= 1) return <Empty title="One revision">This PDF was saved once: it has no incremental update to compare.</Empty>;
  const a = pair?.[0] ?? revs.length - 2;
  const b = pair?.[1] ?? revs.length - 1;
  const ta = texts.data?.find((t) => t.index === a);
  const tb = texts.data?.find((t) => t.index === b);
  return (
    <div className="revisions">
      <table className="grid compact">
        <thead>
          <tr>
            <th>#</th>
            <th>Bytes</th>
            <th className="num">Objects defined</th>
            <th className="num">Redefined</th>
            <th>Changed types</th>
            <th>Compare</th>
          </tr>
        </thead>
        <tbody>
          {revs.map((r) => (
            <tr key={r.index} className={r.index === a || r.index === b ? 'selected' : ''}>
              <td>{r.index === 0 ? 'original' : `update ${r.index}`}</td>
              <td className="mono small">
                {num(r.start)}–{num(r.end)}
              </td>
              <td className="num">{num(r.objectsDefinedCount ?? r.objectsDefined.length)}</td>
              <td className="num">{num(r.objectsChangedCount ?? r.objectsChanged.length)}</td>
              <td className="small">
                {Object.entries(r.changedTypes)
                  .map(([k, v]) => `${k} ×${v}`)
                  .join(', ') || '—'}
              </td>
              <td>
                {r.index > 0 && (
                  <button type="button" className="btn small" onClick={() => setPair([r.index - 1, r.index])}>
                    vs previous
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>
        Text of revision {a} → revision {b}
      </h3>
      {texts.error ? (
        <ErrorNote error={texts.error} />
      ) : !texts.data ? (
        <Loading label="Reading each revision's text" />
      ) : !ta || !tb ? (
        <Empty title="Revision text unavailable" />
      ) : ta.error || tb.error ? (
        <ErrorNote error={new Error(ta.error ?? tb.error ?? '')} />
      ) : (
        <TextDiff before={ta.text} after={tb.text} mode="lines" labels={[`revision ${a}`, `revision ${b}`]} />
      )}
    </div>
  );
}
