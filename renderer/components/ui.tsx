// Small presentational pieces used across screens.
import type { ReactNode } from 'react';
import type { Severity, Verdict } from '../api/types.js';
import { ApiClientError } from '../api/client.js';
import { snippetParts } from './snippet-lead.js';

export function SeverityBadge({ severity, count }: { severity: Severity | null; count?: number }) {
  if (!severity) return <span className="badge sev-none">none</span>;
  return (
    <span className={`badge sev-${severity}`} title={`severity: ${severity}`}>
      {severity}
      {count !== undefined ? ` ${count}` : ''}
    </span>
  );
}

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  return <span className={`verdict v-${verdict}`}>{verdict}</span>;
}

/** Score 0-100 with a bar coloured by band. */
export function Score({ value }: { value: number }) {
  const band = value >= 50 ? 'high' : value >= 25 ? 'medium' : value > 0 ? 'low' : 'none';
  return (
    <span className={`score score-${band}`} title={`score ${value} / 100`}>
      <span className="score-bar" style={{ width: `${Math.min(100, value)}%` }} />
      <span className="score-num">{value}</span>
    </span>
  );
}

export function KindTag({ kind }: { kind: string }) {
  return <span className={`kind k-${kind}`}>{kind}</span>;
}

export function Kbd({ children }: { children: ReactNode }) {
  return <kbd>{children}</kbd>;
}

export function Loading({ label = 'Loading' }: { label?: string }) {
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden /> {label}…
    </div>
  );
}

export function ErrorNote({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const code = error instanceof ApiClientError ? error.code : 'error';
  return (
    <div className="error-note" role="alert">
      <strong>{code === 'no-case-open' ? 'No case is open.' : 'Something failed.'}</strong> {error.message}{' '}
      <span className="muted">({code})</span>
      {onRetry && (
        <button type="button" className="btn small" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <div className="empty-title">{title}</div>
      {children && <div className="empty-body">{children}</div>}
    </div>
  );
}

export function Panel({
  title,
  actions,
  children,
  className,
}: {
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section className={`panel ${className ?? ''}`}>
      <header className="panel-head">
        <h2>{title}</h2>
        {actions && <div className="panel-actions">{actions}</div>}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}

/** Horizontal bars: label, bar proportional to the largest value, count. Rows may be clickable. */
export function BarList({
  items,
  onPick,
  tone,
  labelWidth = 150,
}: {
  items: { label: string; value: number; title?: string; key?: string; tone?: string }[];
  onPick?: (key: string) => void;
  tone?: string;
  labelWidth?: number;
}) {
  const max = Math.max(1, ...items.map((i) => i.value));
  return (
    <ul className="barlist" style={{ ['--label-w' as string]: `${labelWidth}px` }}>
      {items.map((i) => {
        const content = (
          <>
            <span className="bl-label" title={i.title ?? i.label}>
              {i.label}
            </span>
            <span className="bl-track">
              <span className={`bl-bar ${i.tone ?? tone ?? ''}`} style={{ width: `${(100 * i.value) / max}%` }} />
            </span>
            <span className="bl-value">{i.value.toLocaleString('en-GB')}</span>
          </>
        );
        return (
          <li key={i.key ?? i.label}>
            {onPick ? (
              <button type="button" className="bl-row" onClick={() => onPick(i.key ?? i.label)}>
                {content}
              </button>
            ) : (
              <div className="bl-row">{content}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** An FTS snippet with its matches in <mark> (text nodes only, never HTML). */
export function Snippet({ text }: { text: string }) {
  return <span className="snippet">{snippetParts(text).map((p, i) => (p.marked ? <mark key={i}>{p.text}</mark> : p.text))}</span>;
}
