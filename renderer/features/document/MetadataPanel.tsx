// Every extracted field, grouped by where it came from, values exactly as found in the file.
import { useState } from 'react';
import type { MetadataEntry } from '../../api/types.js';
import { Empty } from '../../components/ui.js';

const SOURCE_LABEL: Record<string, string> = {
  'email.header': 'Email headers',
  pdf: 'PDF structure',
  'pdf.info': 'PDF Info dictionary',
  'pdf.xmp': 'PDF XMP packet',
  'ooxml.core': 'Office core properties',
  'ooxml.app': 'Office application properties',
  'ooxml.custom': 'Office custom properties',
  'odf.meta': 'OpenDocument meta.xml',
  'ole.summary': 'OLE SummaryInformation',
  'ole.docsummary': 'OLE DocumentSummaryInformation',
  exif: 'EXIF',
  xmp: 'XMP',
  iptc: 'IPTC',
  gps: 'GPS',
  zip: 'Zip member',
  fs: 'File system',
  mbox: 'Mbox',
  msg: 'Outlook MAPI',
  text: 'Text',
};

export function MetadataPanel({ metadata }: { metadata: MetadataEntry[] }) {
  const [filter, setFilter] = useState('');
  if (metadata.length === 0) return <Empty title="No metadata was extracted" />;
  const groups = new Map<string, MetadataEntry[]>();
  const f = filter.toLowerCase();
  for (const m of metadata) {
    if (f && !m.key.toLowerCase().includes(f) && !m.value.toLowerCase().includes(f)) continue;
    const g = groups.get(m.source) ?? [];
    g.push(m);
    groups.set(m.source, g);
  }
  return (
    <div className="metadata">
      <input
        className="panel-filter"
        placeholder="Filter fields and values"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        aria-label="Filter metadata"
      />
      {[...groups.entries()].map(([source, entries]) => (
        <section key={source} className="meta-group">
          <h3>
            {SOURCE_LABEL[source] ?? source} <span className="muted mono small">{source}</span>{' '}
            <span className="count">{entries.length}</span>
          </h3>
          <table className="kv">
            <tbody>
              {entries.map((m, i) => (
                <tr key={i}>
                  <th className="mono">{m.key}</th>
                  <td className="break">{m.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
