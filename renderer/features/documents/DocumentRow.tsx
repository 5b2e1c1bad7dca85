// One row of the documents table (a skeleton until its page arrives).
import type { MouseEvent } from 'react';
import { href, navigate } from '../../app/router.js';
import { KindTag, Score, SeverityBadge, Snippet, VerdictBadge } from '../../components/ui.js';
import { leadToFirstMatch } from '../../components/snippet-lead.js';
import { day } from '../../components/format.js';
import type { DocumentRow as Row } from '../../api/types.js';

interface Props {
  index: number;
  top: number;
  height: number;
  row: Row | undefined;
  selected: boolean;
  isCursor: boolean;
  showSnippet: boolean;
  onClick(e: MouseEvent, index: number, row: Row | undefined): void;
  onToggle(id: string): void;
}

export function DocumentRow({ index, top, height, row: r, selected, isCursor, showSnippet, onClick, onToggle }: Props) {
  return (
    <div
      className={`vrow ${isCursor ? 'cursor' : ''} ${selected ? 'selected' : ''} ${index % 2 ? 'odd' : ''}`}
      style={{ top, height }}
      role="row"
      aria-selected={selected}
      data-row={index}
      data-id={r?.id}
      onMouseDown={(e) => {
        if (e.shiftKey) e.preventDefault();
      }}
      onClick={(e) => onClick(e, index, r)}
      onDoubleClick={() => r && navigate(href.doc(r.id))}
    >
      {!r ? (
        <div className="cell placeholder-row">
          <span className="skeleton" />
        </div>
      ) : (
        <>
          <div className="cell c-sel" onClick={(e) => e.stopPropagation()}>
            <input type="checkbox" aria-label={`Select ${r.name}`} checked={selected} onChange={() => onToggle(r.id)} tabIndex={-1} />
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
            {showSnippet && r.snippet && (
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
}

/** The table's header row, its columns matching DocumentRow's cells. */
export function DocumentHeader() {
  return (
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
  );
}
