// A finding's evidence as data: scalars in a key/value table, nested objects and arrays as nested
// tables or pretty JSON. Values are text nodes only (evidence can quote hostile strings).
import type { ReactNode } from 'react';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function CountBar({ n, max }: { n: number; max: number }) {
  return (
    <span className="countbar-cell">
      <span className="countbar">
        <span className="bar" style={{ width: `${Math.max(1, Math.round((n / max) * 100))}%` }} />
      </span>
      <span className="mono">{n}</span>
    </span>
  );
}

function Value({ v, depth }: { v: unknown; depth: number }): ReactNode {
  if (v === null || v === undefined) return <span className="muted">—</span>;
  if (typeof v === 'string') return <span className={/^[0-9a-f]{32,}$/i.test(v) || v.length > 60 ? 'mono break' : ''}>{v}</span>;
  if (typeof v === 'number' || typeof v === 'boolean') return <span className="mono">{String(v)}</span>;
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x !== 'object' || x === null)) return <span className="mono break">{v.map(String).join(', ')}</span>;
    if (depth > 1 || v.length > 20) return <pre className="json">{JSON.stringify(v, null, 2)}</pre>;
    const cols = [...new Set(v.flatMap((x) => (isPlainObject(x) ? Object.keys(x) : [])))];
    if (cols.length && cols.length <= 8 && v.every(isPlainObject)) {
      // A `count` column is a distribution (a sender's offsets, clients, first hops): bars show its shape.
      const counts = v.map((x) => (x as Record<string, unknown>).count);
      const max = counts.every((c) => typeof c === 'number') ? Math.max(0, ...(counts as number[])) : 0;
      return (
        <table className="grid compact nested">
          <thead>
            <tr>
              {cols.map((c) => (
                <th key={c}>{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {v.map((row, i) => (
              <tr key={i}>
                {cols.map((c) => (
                  <td key={c}>
                    {c === 'count' && max > 0 ? (
                      <CountBar n={(row as Record<string, unknown>).count as number} max={max} />
                    ) : (
                      <Value v={(row as Record<string, unknown>)[c]} depth={depth + 1} />
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    }
    return <pre className="json">{JSON.stringify(v, null, 2)}</pre>;
  }
  if (isPlainObject(v))
    return depth > 1 ? <pre className="json">{JSON.stringify(v, null, 2)}</pre> : <EvidenceTable evidence={v} depth={depth + 1} />;
  return <span>{String(v)}</span>;
}

export function EvidenceTable({ evidence, depth = 0 }: { evidence: Record<string, unknown>; depth?: number }) {
  const entries = Object.entries(evidence);
  if (entries.length === 0) return <span className="muted">no evidence recorded</span>;
  return (
    <table className="kv evidence">
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k}>
            <th>{k}</th>
            <td>
              <Value v={v} depth={depth} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
