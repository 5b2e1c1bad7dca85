// A text diff between two versions (PDF revisions, near-duplicates), by words or lines, with
// unchanged stretches folded so the differences are what you see.
import { useMemo } from 'react';
import { diffLines, diffWordsWithSpace, type ChangeObject } from 'diff';

const CONTEXT = 160;

export function TextDiff({
  before,
  after,
  mode = 'words',
  labels,
}: {
  before: string;
  after: string;
  mode?: 'words' | 'lines';
  labels: [string, string];
}) {
  const parts = useMemo<ChangeObject<string>[]>(
    () => (mode === 'lines' ? diffLines(before, after) : diffWordsWithSpace(before, after)),
    [before, after, mode],
  );
  const added = parts.filter((p) => p.added).reduce((n, p) => n + p.value.length, 0);
  const removed = parts.filter((p) => p.removed).reduce((n, p) => n + p.value.length, 0);
  return (
    <div className="diff">
      <div className="diff-legend small">
        <span className="diff-del">− {labels[0]}</span> <span className="diff-ins">+ {labels[1]}</span>
        <span className="muted">
          {' '}
          · {removed.toLocaleString('en-GB')} characters removed, {added.toLocaleString('en-GB')} added
        </span>
      </div>
      {added + removed === 0 ? (
        <div className="muted">The two texts are identical.</div>
      ) : (
        <pre className="diff-body" data-testid="diff">
          {parts.map((p, i) => {
            if (p.added) return <ins key={i}>{p.value}</ins>;
            if (p.removed) return <del key={i}>{p.value}</del>;
            const v = p.value;
            if (v.length <= CONTEXT * 2 + 20) return <span key={i}>{v}</span>;
            const head = i === 0 ? '' : v.slice(0, CONTEXT);
            const tail = i === parts.length - 1 ? '' : v.slice(-CONTEXT);
            return (
              <span key={i}>
                {head}
                <span className="diff-fold">{` ⋯ ${(v.length - head.length - tail.length).toLocaleString('en-GB')} unchanged characters ⋯ `}</span>
                {tail}
              </span>
            );
          })}
        </pre>
      )}
    </div>
  );
}
