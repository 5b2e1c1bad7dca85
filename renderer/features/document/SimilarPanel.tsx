// Near-duplicates: documents whose text is almost the same. Forgers start from a genuine document;
// the few words that differ are often the forgery.
import { useState } from 'react';
import { useApi } from '../../api/context.js';
import { href } from '../../app/router.js';
import { Empty, ErrorNote, Loading } from '../../components/ui.js';
import { TextDiff } from '../../components/TextDiff.js';

export function SimilarPanel({ id, text }: { id: string; text: string }) {
  const list = useApi('document.nearDuplicates', { id });
  const [other, setOther] = useState<string | null>(null);
  const chosen = other ?? list.data?.[0]?.id ?? null;
  const otherDoc = useApi('document.get', chosen ? { id: chosen } : null);
  if (list.error) return <ErrorNote error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  if (list.data.length === 0) return <Empty title="No near-duplicates">No other document in the dump has nearly the same text.</Empty>;
  return (
    <div className="similar">
      <table className="grid compact">
        <thead>
          <tr>
            <th className="num">Similarity</th>
            <th>Document</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.data.map((d) => (
            <tr key={d.id} className={d.id === chosen ? 'selected' : ''}>
              {/* 0 = the engine found the pair but recorded no measure. */}
              <td className="num">
                {d.similarity > 0 ? (
                  `${(d.similarity * 100).toFixed(1)}%`
                ) : (
                  <span className="muted" title="The check paired these documents without recording a measure">
                    paired
                  </span>
                )}
              </td>
              <td className="mono small break">
                <a href={href.doc(d.id)}>{d.path}</a>
              </td>
              <td>
                <button type="button" className="btn small" onClick={() => setOther(d.id)} disabled={d.id === chosen}>
                  Compare
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {otherDoc.error ? (
        <ErrorNote error={otherDoc.error} />
      ) : !otherDoc.data ? (
        <Loading />
      ) : (
        <TextDiff before={otherDoc.data.textPreview} after={text} labels={[otherDoc.data.row.name, 'this document']} />
      )}
    </div>
  );
}
