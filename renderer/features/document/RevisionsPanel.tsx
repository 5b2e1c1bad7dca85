// A PDF's incremental updates: each revision's byte range, what it changed, the pages whose words
// an update changed (word by word, from the extracted facts), and the whole text of two revisions.
import { useState } from 'react';
import { useApi } from '../../api/context.js';
import type { PdfFacts } from '../../api/types.js';
import { Empty, ErrorNote, Loading } from '../../components/ui.js';
import { num } from '../../components/format.js';
import { TextDiff } from '../../components/TextDiff.js';

type Revision = PdfFacts['revisions'][number];

/** What an update did to the pages' text, in a few words. */
function textSummary(r: Revision): string {
  const tc = r.textChange;
  if (!tc) return '—';
  if (tc.error) return tc.error;
  const pages = tc.pagesAfter !== tc.pagesBefore ? ` (${num(tc.pagesBefore)} → ${num(tc.pagesAfter)} pages)` : '';
  const unread = tc.unread ? `, ${num(tc.unread)} more not compared` : '';
  return tc.changedPages === 0
    ? `same text${pages}`
    : `${num(tc.changedPages)} page${tc.changedPages > 1 ? 's' : ''} changed${pages}${unread}`;
}

/** The pages whose words update `r` changed, each as a word diff against the revision it was compared with. */
function PageChanges({ r }: { r: Revision }) {
  const tc = r.textChange;
  if (!tc) return null;
  if (tc.error)
    return (
      <p className="muted small">
        Update {r.index}: the text could not be compared ({tc.error}).
      </p>
    );
  if (tc.pages.length === 0) return <p className="muted small">Update {r.index} left the text of every page as it was.</p>;
  return (
    <div className="revision-pages" data-testid="revision-pages">
      <h3>
        Words changed by update {r.index} (against revision {tc.against})
      </h3>
      {tc.pages.map((p) => (
        <div key={p.page}>
          <h4>Page {p.page}</h4>
          <TextDiff before={p.before} after={p.after} labels={[`revision ${tc.against}`, `update ${r.index}`]} />
        </div>
      ))}
      {tc.changedPages > tc.pages.length && (
        <p className="muted small">… and {num(tc.changedPages - tc.pages.length)} more pages (the first 16 are kept).</p>
      )}
    </div>
  );
}

export function RevisionsPanel({ id, pdf }: { id: string; pdf: PdfFacts | undefined }) {
  const revs = pdf?.revisions ?? [];
  const texts = useApi('document.revisions', revs.length > 1 ? { id } : null);
  // The newest update whose words changed is shown first; the newest revision otherwise.
  const changed = [...revs].reverse().find((r) => (r.textChange?.pages.length ?? 0) > 0);
  const [pair, setPair] = useState<[number, number] | null>(null);
  if (revs.length <= 1) return <Empty title="One revision">This PDF was saved once: it has no incremental update to compare.</Empty>;
  const b = pair?.[1] ?? changed?.index ?? revs.length - 1;
  const a = pair?.[0] ?? changed?.textChange?.against ?? b - 1;
  const ta = texts.data?.find((t) => t.index === a);
  const tb = texts.data?.find((t) => t.index === b);
  const selected = revs.find((r) => r.index === b);
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
            <th>Text</th>
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
              <td className="small">{textSummary(r)}</td>
              <td>
                {r.index > 0 && (
                  <button
                    type="button"
                    className="btn small"
                    onClick={() => setPair([r.textChange && !r.textChange.error ? r.textChange.against : r.index - 1, r.index])}
                  >
                    vs previous
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {selected && selected.textChange?.against === a && <PageChanges r={selected} />}
      <h3>
        Whole text of revision {a} → revision {b}
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
