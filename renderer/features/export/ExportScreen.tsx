// Export: a report of the selection, the current filter, a tag, a verdict or the whole case, in the
// formats the engine offers, after reviewing what in it could expose a source (redaction candidates).
import { useMemo, useState } from 'react';
import { useApi, useClient } from '../../api/context.js';
import { useApp } from '../../app/state.js';
import { href } from '../../app/router.js';
import { Empty, ErrorNote, Loading, Panel } from '../../components/ui.js';
import { bytes, num } from '../../components/format.js';
import type { ReportFormat, ReportSelection, SearchQuery, Verdict } from '../../api/types.js';

type Scope = 'selection' | 'filter' | 'tag' | 'verdict' | 'score' | 'all';

function describeFilter(q: SearchQuery): string {
  const parts: string[] = [];
  if (q.text) parts.push(`text “${q.text}”`);
  if (q.kinds?.length) parts.push(`kind ${q.kinds.join('/')}`);
  if (q.checks?.length) parts.push(`check ${q.checks.join('/')}`);
  if (q.severities?.length) parts.push(`severity ${q.severities.join('/')}`);
  if (q.tags?.length) parts.push(`tag ${q.tags.join('/')}`);
  if (q.verdicts?.length) parts.push(`verdict ${q.verdicts.join('/')}`);
  if (q.people?.length) parts.push(`person ${q.people.join('/')}`);
  if (q.dateFrom || q.dateTo) parts.push(`dates ${q.dateFrom?.slice(0, 10) ?? '…'}–${q.dateTo?.slice(0, 10) ?? '…'}`);
  return parts.length ? parts.join(', ') : 'no filter (every document)';
}

/** Save text as a file: an object URL and a download link (works in a browser and in Electron). */
function download(fileName: string, mime: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportScreen() {
  const app = useApp();
  const client = useClient();
  const tags = useApi('analyst.tags', {}, app.dataVersion);
  const [scope, setScope] = useState<Scope>(app.selection.size ? 'selection' : 'filter');
  const [format, setFormat] = useState<ReportFormat>('html');
  const [tag, setTag] = useState('');
  const [verdict, setVerdict] = useState<Verdict>('fake');
  const [minScore, setMinScore] = useState(25);
  const [redact, setRedact] = useState(false);
  const [metadata, setMetadata] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [done, setDone] = useState<{ fileName: string; size: number } | null>(null);

  const filterQuery = useMemo(() => {
    const { offset: _o, limit: _l, ...rest } = app.filter;
    return rest;
  }, [app.filter]);
  const chosenTag = tag || tags.data?.[0]?.tag || '';

  const selection: ReportSelection | null = useMemo(() => {
    switch (scope) {
      case 'selection':
        return app.selection.size ? { documents: [...app.selection] } : null;
      case 'filter':
        return { query: filterQuery };
      case 'tag':
        return chosenTag ? { tag: chosenTag } : null;
      case 'verdict':
        return { verdict };
      case 'score':
        return { minScore };
      case 'all':
        return {};
    }
  }, [scope, app.selection, filterQuery, chosenTag, verdict, minScore]);

  const count = useApi('search.query', selection ? selectionAsQuery(selection) : null, app.dataVersion);
  const candidates = useApi('report.redactionCandidates', selection, app.dataVersion);

  async function run() {
    if (!selection) return;
    setBusy(true);
    setError(null);
    try {
      const out = await client.call('report.export', { format, selection, redact, metadata });
      download(out.fileName, out.mime, out.content);
      setDone({ fileName: out.fileName, size: new Blob([out.content]).size });
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  }

  const scopes: { id: Scope; label: string; detail: string; disabled?: boolean }[] = [
    {
      id: 'selection',
      label: 'Selected documents',
      detail: `${num(app.selection.size)} selected in Documents`,
      disabled: app.selection.size === 0,
    },
    { id: 'filter', label: 'Current filter', detail: describeFilter(filterQuery) },
    { id: 'tag', label: 'A tag', detail: tags.data?.length ? '' : 'no tag yet', disabled: !tags.data?.length },
    { id: 'verdict', label: 'A verdict', detail: '' },
    { id: 'score', label: 'Score at least', detail: '' },
    { id: 'all', label: 'The whole case', detail: app.summary ? `${num(app.summary.documents)} documents` : '' },
  ];

  return (
    <div className="screen export">
      <header className="screen-head">
        <div>
          <h1>Export a report</h1>
          <p className="lede">
            A report carries findings with their evidence and innocent explanations, your verdicts, tags and notes. Review the redaction
            list before sharing it.
          </p>
        </div>
      </header>
      <div className="export-grid">
        <Panel title="What to include">
          <div className="scopes" role="radiogroup" aria-label="Documents in the report">
            {scopes.map((s) => (
              <label key={s.id} className={`scope ${scope === s.id ? 'on' : ''} ${s.disabled ? 'disabled' : ''}`}>
                <input
                  type="radio"
                  name="scope"
                  value={s.id}
                  checked={scope === s.id}
                  disabled={s.disabled}
                  onChange={() => setScope(s.id)}
                />
                <span className="scope-label">{s.label}</span>
                {s.id === 'tag' && tags.data?.length ? (
                  <select value={chosenTag} onChange={(e) => (setTag(e.target.value), setScope('tag'))} aria-label="Tag">
                    {tags.data.map((t) => (
                      <option key={t.tag} value={t.tag}>
                        {t.tag} ({t.count})
                      </option>
                    ))}
                  </select>
                ) : null}
                {s.id === 'verdict' && (
                  <select
                    value={verdict}
                    onChange={(e) => (setVerdict(e.target.value as Verdict), setScope('verdict'))}
                    aria-label="Verdict"
                  >
                    {(['fake', 'suspect', 'authentic', 'unresolved'] as const).map((v) => (
                      <option key={v}>{v}</option>
                    ))}
                  </select>
                )}
                {s.id === 'score' && (
                  <input
                    type="number"
                    min={0}
                    max={100}
                    value={minScore}
                    onChange={(e) => (setMinScore(Number(e.target.value)), setScope('score'))}
                    aria-label="Minimum score"
                  />
                )}
                <span className="scope-detail muted">{s.detail}</span>
              </label>
            ))}
          </div>
          <div className="export-count" data-testid="export-count">
            {count.data
              ? `${num(count.data.total)} document${count.data.total === 1 ? '' : 's'} in this report`
              : count.loading
                ? 'Counting…'
                : ''}
          </div>
          <div className="form-row">
            <span className="field-label">Format</span>
            <div className="seg" role="radiogroup" aria-label="Format">
              {(['html', 'csv', 'json'] as const).map((f) => (
                <button
                  type="button"
                  key={f}
                  role="radio"
                  aria-checked={format === f}
                  className={format === f ? 'on' : ''}
                  onClick={() => setFormat(f)}
                >
                  {f.toUpperCase()}
                </button>
              ))}
            </div>
            <span className="muted small">
              {format === 'html'
                ? 'one self-contained page that prints to PDF'
                : format === 'csv'
                  ? 'one row per finding, spreadsheet-safe'
                  : 'the documented JSON contract'}
            </span>
          </div>
          <label className="check">
            <input type="checkbox" checked={redact} onChange={(e) => setRedact(e.target.checked)} name="redact" /> Redact the fields listed
            on the right
          </label>
          <label className="check">
            <input type="checkbox" checked={metadata} onChange={(e) => setMetadata(e.target.checked)} /> Include every metadata field (for
            comparison with other tools)
          </label>
          {error && <ErrorNote error={error} />}
          <div className="form-actions">
            {done && (
              <span className="muted small" data-testid="export-done">
                Saved {done.fileName} ({bytes(done.size)})
              </span>
            )}
            <button
              type="button"
              className="btn primary"
              onClick={() => void run()}
              disabled={busy || !selection || count.data?.total === 0}
            >
              {busy ? 'Exporting…' : `Export ${format.toUpperCase()}`}
            </button>
          </div>
        </Panel>
        <Panel title={`Could expose a source${candidates.data ? ` · ${candidates.data.length}` : ''}`} className="fill">
          {candidates.error ? (
            <ErrorNote error={candidates.error} />
          ) : !candidates.data ? (
            <Loading />
          ) : candidates.data.length === 0 ? (
            <Empty title="Nothing found">
              No author name, address, device serial, GPS position or printer identifier in these documents.
            </Empty>
          ) : (
            <div className="table-wrap">
              <table className="grid compact" data-testid="redaction">
                <thead>
                  <tr>
                    <th>Category</th>
                    <th>Field</th>
                    <th>Value</th>
                    <th className="num">Docs</th>
                  </tr>
                </thead>
                <tbody>
                  {candidates.data.map((c, i) => (
                    <tr key={i}>
                      <td>
                        <span className={`badge cat-${c.category}`}>{c.category}</span>
                      </td>
                      <td className="mono small">
                        {c.source}:{c.field}
                      </td>
                      <td className={`break ${redact ? 'redacted' : ''}`}>{c.value}</td>
                      <td className="num">{num(c.documents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Panel>
      </div>
      {scope === 'selection' && app.selection.size === 0 && (
        <p className="muted">
          Select documents in <a href={href.documents()}>Documents</a> first.
        </p>
      )}
    </div>
  );
}

/** The same documents as a search, to count them before exporting. */
function selectionAsQuery(s: ReportSelection): SearchQuery {
  if (s.documents) return { ids: s.documents, limit: 1 };
  if (s.query) return { ...s.query, limit: 1 };
  return {
    ...(s.tag ? { tags: [s.tag] } : {}),
    ...(s.verdict ? { verdicts: [s.verdict] } : {}),
    ...(s.minScore !== undefined ? { minScore: s.minScore } : {}),
    limit: 1,
  };
}
