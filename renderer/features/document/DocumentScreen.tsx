// One document: preview on the left, findings and the other tabs on the right. Keys: Esc back,
// t tag, v verdict, n note, [ and ] change tab.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useApi, useClient } from '../../api/context.js';
import { useApp } from '../../app/state.js';
import { href, navigate } from '../../app/router.js';
import { ErrorNote, Kbd, KindTag, Loading, Score } from '../../components/ui.js';
import { bytes, day } from '../../components/format.js';
import { isTyping } from '../../components/keys.js';
import type { DocumentDetail, Verdict } from '../../api/types.js';
import { Preview } from '../../preview/Preview.js';
import { FindingsPanel } from './FindingsPanel.js';
import { MetadataPanel } from './MetadataPanel.js';
import { DatesPanel } from './DatesPanel.js';
import { ProvenancePanel, ProvenancePath } from './ProvenancePanel.js';
import { EmailRoutePanel } from './EmailRoutePanel.js';
import { ThreadPanel } from './ThreadPanel.js';
import { RevisionsPanel } from './RevisionsPanel.js';
import { SimilarPanel } from './SimilarPanel.js';
import { OcrPanel } from './OcrPanel.js';
import { NotePanel } from './NotePanel.js';
import { TagDialog, VERDICT_LIST, VerdictDialog } from '../analyst/AnalystDialogs.js';

interface Tab {
  id: string;
  label: string;
}

function tabsFor(d: DocumentDetail): Tab[] {
  const t: Tab[] = [{ id: 'findings', label: `Findings ${d.findings.length + d.errors.length}` }];
  if (d.row.kind === 'email') t.push({ id: 'route', label: 'Route & DKIM' }, { id: 'thread', label: 'Thread' });
  t.push(
    { id: 'dates', label: `Dates ${d.facts.dates?.length ?? 0}` },
    { id: 'metadata', label: `Metadata ${d.metadata.length}` },
    { id: 'provenance', label: 'Provenance' },
  );
  if (d.row.kind === 'pdf') t.push({ id: 'revisions', label: `Revisions ${d.facts.pdf?.revisions.length ?? 1}` });
  if (d.ocr.length) t.push({ id: 'ocr', label: `OCR text ${d.ocr.length}` });
  t.push({ id: 'similar', label: 'Similar' }, { id: 'note', label: d.note ? 'Note •' : 'Note' });
  return t;
}

export function DocumentScreen({ id, tab }: { id: string; tab: string | null }) {
  const app = useApp();
  const client = useClient();
  const [version, setVersion] = useState(0);
  const doc = useApi('document.get', { id }, version + app.dataVersion * 1000);
  const [dialog, setDialog] = useState<null | 'tag' | 'verdict'>(null);
  const [noteFocus, setNoteFocus] = useState(0);
  const [verdictError, setVerdictError] = useState<Error | null>(null);
  const d = doc.data;
  const tabs = useMemo(() => (d ? tabsFor(d) : []), [d]);
  const current = tab && tabs.some((t) => t.id === tab) ? tab : 'findings';
  const setTab = useCallback((t: string) => navigate(href.doc(id, t), true), [id]);

  useEffect(() => {
    if (dialog) return;
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e)) {
        if (e.key === 'Escape') (e.target as HTMLElement).blur();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'Escape') {
        if (window.history.length > 1) window.history.back();
        else navigate(href.documents());
      } else if (e.key === 't') setDialog('tag');
      else if (e.key === 'v') setDialog('verdict');
      else if (e.key === 'n') {
        setTab('note');
        setNoteFocus((n) => n + 1);
      } else if (e.key === ']' || e.key === '[') {
        const i = tabs.findIndex((t) => t.id === current);
        const next = tabs[(i + (e.key === ']' ? 1 : tabs.length - 1)) % tabs.length];
        if (next) setTab(next.id);
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialog, tabs, current, setTab]);

  if (doc.error)
    return (
      <div className="screen">
        <ErrorNote error={doc.error} onRetry={doc.reload} />
      </div>
    );
  if (!d)
    return (
      <div className="screen">
        <Loading label="Loading the document" />
      </div>
    );
  const r = d.row;

  async function setVerdict(v: Verdict) {
    try {
      await client.call('analyst.verdict', { ids: [id], verdict: v });
      setVerdictError(null);
      app.bumpData();
      setVersion((x) => x + 1);
    } catch (e) {
      setVerdictError(e as Error);
    }
  }

  return (
    <div className="screen document">
      <header className="doc-head">
        <div className="doc-head-main">
          <div className="doc-head-top">
            <button type="button" className="btn small" onClick={() => window.history.back()} title="Back (Esc)">
              ← Back
            </button>
            <KindTag kind={r.kind} />
            <h1 title={r.title ?? r.name}>{r.title || r.name}</h1>
            <Score value={r.score} />
          </div>
          <ProvenancePath doc={d} />
          <div className="doc-head-facts small">
            <span>{day(r.date)}</span>
            {r.person && <span>{r.person}</span>}
            <span>{bytes(r.size)}</span>
            <span className="mono" title={r.sha256}>
              sha256 {r.sha256.slice(0, 12)}…
            </span>
          </div>
        </div>
        <div className="doc-head-side">
          <div className="seg verdict-seg" role="radiogroup" aria-label="Verdict" data-testid="verdict">
            {VERDICT_LIST.map((x) => (
              <button
                type="button"
                key={x.v}
                role="radio"
                aria-checked={r.verdict === x.v}
                className={`v-${x.v} ${r.verdict === x.v ? 'on' : ''}`}
                onClick={() => void setVerdict(x.v)}
                title={x.help}
              >
                {x.v}
              </button>
            ))}
          </div>
          <div className="tag-row" data-testid="doc-tags">
            {r.tags.map((t) => (
              <span key={t} className="tag">
                {t}
              </span>
            ))}
            <button type="button" className="btn small" onClick={() => setDialog('tag')}>
              Tag… <Kbd>t</Kbd>
            </button>
          </div>
          {verdictError && <ErrorNote error={verdictError} />}
        </div>
      </header>
      <div className="doc-body">
        <section className="doc-preview" aria-label="Preview">
          <Preview doc={d} />
        </section>
        <section className="doc-side" aria-label="Details">
          <div className="tabs" role="tablist">
            {tabs.map((t) => (
              <button
                type="button"
                key={t.id}
                role="tab"
                aria-selected={current === t.id}
                className={current === t.id ? 'on' : ''}
                onClick={() => setTab(t.id)}
              >
                {t.label}
              </button>
            ))}
          </div>
          <div className="tab-body" role="tabpanel">
            {current === 'findings' && <FindingsPanel findings={d.findings} errors={d.errors} />}
            {current === 'route' && d.facts.email && <EmailRoutePanel email={d.facts.email} findings={d.findings} />}
            {current === 'thread' && <ThreadPanel id={id} />}
            {current === 'dates' && <DatesPanel dates={d.facts.dates ?? []} metadata={d.metadata} />}
            {current === 'metadata' && <MetadataPanel metadata={d.metadata} />}
            {current === 'provenance' && <ProvenancePanel doc={d} />}
            {current === 'revisions' && <RevisionsPanel id={id} pdf={d.facts.pdf} />}
            {current === 'ocr' && <OcrPanel id={id} kind={r.kind} pages={d.ocr} />}
            {current === 'similar' && <SimilarPanel id={id} text={d.textPreview} />}
            {current === 'note' && <NotePanel id={id} note={d.note} focusSignal={noteFocus} />}
          </div>
        </section>
      </div>
      {dialog === 'tag' && (
        <TagDialog
          ids={[id]}
          currentTags={r.tags}
          onClose={() => setDialog(null)}
          onDone={() => (setDialog(null), setVersion((x) => x + 1))}
        />
      )}
      {dialog === 'verdict' && (
        <VerdictDialog
          ids={[id]}
          current={r.verdict}
          onClose={() => setDialog(null)}
          onDone={() => (setDialog(null), setVersion((x) => x + 1))}
        />
      )}
    </div>
  );
}
