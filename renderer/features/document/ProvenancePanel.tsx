// Where this document comes from: the container path down from the dump, every path where the same
// bytes occur, and the hashes that identify it.
import type { DocumentDetail, LocatorSegment } from '../../api/types.js';
import { href } from '../../app/router.js';
import { bytes } from '../../components/format.js';
import { KindTag } from '../../components/ui.js';

function segmentLabel(s: LocatorSegment): string {
  switch (s.type) {
    case 'file':
      return s.path;
    case 'member':
      return s.name;
    case 'mbox':
      return `message ${s.index + 1}`;
    case 'attachment':
      return s.name || `attachment ${s.index + 1}`;
    case 'item':
      return s.name || `item ${s.id}`;
  }
}

export function ProvenancePath({ doc }: { doc: DocumentDetail }) {
  const segs = doc.locator;
  return (
    <nav className="provenance" aria-label="Container path" data-testid="provenance">
      <span className="crumb root">dump</span>
      {segs.map((s, i) => (
        <span key={i} className="crumb-wrap">
          <span className="sep">›</span>
          {i === segs.length - 2 && doc.parentId ? (
            <a className="crumb" href={href.doc(doc.parentId)} title="Open the containing document">
              {segmentLabel(s)}
            </a>
          ) : (
            <span className={`crumb ${i === segs.length - 1 ? 'current' : ''}`}>{segmentLabel(s)}</span>
          )}
        </span>
      ))}
    </nav>
  );
}

export function ProvenancePanel({ doc }: { doc: DocumentDetail }) {
  const r = doc.row;
  return (
    <div className="provenance-panel">
      <h3>Container path</h3>
      <ProvenancePath doc={doc} />
      <table className="kv">
        <tbody>
          <tr>
            <th>Display path</th>
            <td className="mono break">{r.path}</td>
          </tr>
          <tr>
            <th>SHA-256</th>
            <td className="mono break" data-testid="sha256">
              {r.sha256}
            </td>
          </tr>
          <tr>
            <th>Size</th>
            <td>
              {bytes(r.size)} ({r.size.toLocaleString('en-GB')} bytes)
            </td>
          </tr>
          <tr>
            <th>Type</th>
            <td>
              <KindTag kind={r.kind} /> <span className="mono">{r.mime}</span>
            </td>
          </tr>
          <tr>
            <th>Document id</th>
            <td className="mono">{r.id}</td>
          </tr>
          <tr>
            <th>Locator</th>
            <td>
              <pre className="json">{JSON.stringify(doc.locator, null, 1)}</pre>
            </td>
          </tr>
        </tbody>
      </table>
      <h3>Same content elsewhere ({doc.occurrences.length})</h3>
      {doc.occurrences.length === 0 ? (
        <p className="muted">These bytes occur only here in the dump.</p>
      ) : (
        <ul className="plain">
          {doc.occurrences.map((o) => (
            <li key={o.id}>
              <a href={href.doc(o.id)} className="mono">
                {o.path}
              </a>
            </li>
          ))}
        </ul>
      )}
      {doc.children.length > 0 && (
        <>
          <h3>Contains ({doc.children.length})</h3>
          <ul className="plain">
            {doc.children.map((c) => (
              <li key={c.id}>
                <KindTag kind={c.kind} /> <a href={href.doc(c.id)}>{c.name}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
