// Scan progress: per-stage counters that never pretend to be done while queues are non-empty,
// bytes, rate, ETA and the current file; start, cancel and resume; DKIM keys; and the failure ledger.
import { useCallback, useEffect, useState } from 'react';
import { useClient } from '../../api/context.js';
import { useApp } from '../../app/state.js';
import { href } from '../../app/router.js';
import { ErrorNote, Panel, Empty } from '../../components/ui.js';
import { bytes, duration, num, utc } from '../../components/format.js';
import type { FailureEntry, OcrProgress, ScanProgress } from '../../api/types.js';
import { DkimKeysPanel } from './DkimKeysPanel.js';

const RUNNING = new Set(['walking', 'running', 'analysing', 'ocr']);

/** The OCR choices of the scan screen: the languages tesseract reads (its data ships with Verity). */
const OCR_CHOICES: { value: string; label: string; langs: string[] | null }[] = [
  { value: 'eng+fra', label: 'English and French', langs: ['eng', 'fra'] },
  { value: 'fra', label: 'French', langs: ['fra'] },
  { value: 'eng', label: 'English', langs: ['eng'] },
  { value: 'none', label: 'No OCR', langs: null },
];
const FAIL_PAGE = 100;

export function ScanScreen() {
  const client = useClient();
  const app = useApp();
  const [progress, setProgress] = useState<ScanProgress | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const [failures, setFailures] = useState<{ total: number; rows: FailureEntry[] } | null>(null);
  const [failOffset, setFailOffset] = useState(0);
  const [ocrChoice, setOcrChoice] = useState(OCR_CHOICES[0].value);

  const resync = useCallback(() => {
    client.call('scan.status', {}).then(setProgress, (e: Error) => setError(e));
  }, [client]);

  useEffect(() => {
    resync();
    const off = client.on('scan.progress', (p) => setProgress(p));
    const offRe = client.onReconnect(resync);
    return () => {
      off();
      offRe();
    };
  }, [client, resync]);

  const errors = progress?.errors ?? 0;
  const state = progress?.state ?? 'idle';
  useEffect(() => {
    client.call('scan.failures', { offset: failOffset, limit: FAIL_PAGE }).then(setFailures, (e: Error) => setError(e));
  }, [client, failOffset, errors, state, app.summary?.failures]);

  // Refresh the case summary when a scan ends, so the rest of the app sees the new documents.
  const { refreshSummary, bumpData } = app;
  useEffect(() => {
    if (state === 'done' || state === 'cancelled' || state === 'failed') {
      refreshSummary();
      bumpData();
    }
  }, [state, refreshSummary, bumpData]);

  async function start(resume: boolean) {
    setBusy(true);
    setError(null);
    try {
      const langs = OCR_CHOICES.find((c) => c.value === ocrChoice)?.langs ?? null;
      await client.call('scan.start', langs ? { resume, ocrLangs: langs } : { resume, ocr: false });
      resync();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  }

  async function cancel() {
    setBusy(true);
    try {
      await client.call('scan.cancel', {});
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  }

  const running = RUNNING.has(state);
  const last = app.summary?.lastScan ?? null;
  const canResume = !running && (state === 'cancelled' || state === 'failed' || (last !== null && last.finishedAt === null));
  const noDump = !app.session?.dumpRoot;

  return (
    <div className="screen scan">
      <header className="screen-head">
        <div>
          <h1>Scan</h1>
          <p className="lede">
            Dump <code>{app.session?.dumpRoot ?? 'not given'}</code> → case <code>{app.session?.caseFile}</code>
          </p>
        </div>
        <div className="head-actions">
          {running ? (
            <button type="button" className="btn danger" onClick={() => void cancel()} disabled={busy}>
              Cancel scan
            </button>
          ) : (
            <>
              {canResume && (
                <button type="button" className="btn primary" onClick={() => void start(true)} disabled={busy || noDump}>
                  Resume scan
                </button>
              )}
              <button
                type="button"
                className={`btn ${canResume ? '' : 'primary'}`}
                onClick={() => void start(false)}
                disabled={busy || noDump}
                title="Unchanged files are not extracted again"
              >
                {app.summary?.documents ? 'Rescan dump' : 'Start scan'}
              </button>
            </>
          )}
        </div>
      </header>
      {!running && !noDump && (
        <div className="scan-ocr">
          <label htmlFor="ocr-choice">OCR of scans and document images, as the scan’s last stage:</label>
          <select id="ocr-choice" data-testid="ocr-choice" value={ocrChoice} onChange={(e) => setOcrChoice(e.target.value)}>
            {OCR_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
          <span className="muted small">Documents are searchable and checked before OCR starts.</span>
        </div>
      )}
      {noDump && (
        <div className="notice">
          This case was opened without its dump folder: it can be read, not scanned. Open it again with the dump folder to scan.
        </div>
      )}
      {error && <ErrorNote error={error} />}
      <div className="scan-state">
        <span className={`state-pill st-${state}`} data-testid="scan-state">
          {state}
        </span>
        {progress ? (
          <span className="muted">
            started {utc(progress.startedAt, true)} UTC · elapsed {duration(progress.elapsedMs / 1000)}
            {progress.message ? ` · ${progress.message}` : ''}
          </span>
        ) : last ? (
          <span className="muted">
            last scan {utc(last.startedAt)} UTC — {last.state}
            {last.finishedAt ? `, finished ${utc(last.finishedAt)} UTC` : ', not finished'}
          </span>
        ) : (
          <span className="muted">This case has not been scanned yet.</span>
        )}
        {(state === 'done' || (!running && (app.summary?.documents ?? 0) > 0)) && (
          <a className="btn small" href={href.overview()}>
            Go to the overview →
          </a>
        )}
      </div>
      {progress && <ProgressDetail p={progress} />}
      {(app.summary?.documents ?? 0) > 0 && <DkimKeysPanel />}
      <Panel title={`Failure ledger${failures ? ` · ${num(failures.total)}` : ''}`} className="fill">
        {!failures ? null : failures.total === 0 ? (
          <Empty title="No failures">Every file found so far was read, extracted and indexed.</Empty>
        ) : (
          <>
            <div className="table-wrap">
              <table className="grid" data-testid="failures">
                <thead>
                  <tr>
                    <th style={{ width: '40%' }}>File</th>
                    <th>Stage</th>
                    <th>Code</th>
                    <th>Why</th>
                    <th>When (UTC)</th>
                  </tr>
                </thead>
                <tbody>
                  {failures.rows.map((f, i) => (
                    <tr key={`${f.path}-${i}`}>
                      <td className="mono wrap">{f.documentId ? <a href={href.doc(f.documentId)}>{f.path}</a> : f.path}</td>
                      <td>{f.stage}</td>
                      <td>
                        <span className="badge sev-medium">{f.code}</span>
                      </td>
                      <td className="wrap">{f.message}</td>
                      <td className="nowrap">{utc(f.at, true)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {failures.total > FAIL_PAGE && (
              <div className="pager">
                <button
                  type="button"
                  className="btn small"
                  disabled={failOffset === 0}
                  onClick={() => setFailOffset(Math.max(0, failOffset - FAIL_PAGE))}
                >
                  ← Previous
                </button>
                <span>
                  {num(failOffset + 1)}–{num(Math.min(failures.total, failOffset + FAIL_PAGE))} of {num(failures.total)}
                </span>
                <button
                  type="button"
                  className="btn small"
                  disabled={failOffset + FAIL_PAGE >= failures.total}
                  onClick={() => setFailOffset(failOffset + FAIL_PAGE)}
                >
                  Next →
                </button>
              </div>
            )}
          </>
        )}
      </Panel>
    </div>
  );
}

function Stage({ label, value, of, help }: { label: string; value: number; of: number; help: string }) {
  const ratio = of > 0 ? Math.min(1, value / of) : 0;
  return (
    <div className="stage" title={help}>
      <div className="stage-label">{label}</div>
      <div className="stage-value" data-testid={`stage-${label.toLowerCase()}`}>
        {num(value)}
      </div>
      <div className="meter">
        <span style={{ width: `${ratio * 100}%` }} />
      </div>
    </div>
  );
}

function ProgressDetail({ p }: { p: ScanProgress }) {
  const d = p.documents;
  const total = Math.max(d.discovered, 1);
  return (
    <>
      <div className="stages">
        <Stage label="Discovered" value={d.discovered} of={total} help="Files found by the walk and documents found inside containers" />
        <Stage label="Extracted" value={d.extracted} of={total} help="Documents whose extraction finished (or failed)" />
        <Stage label="Indexed" value={d.indexed} of={total} help="Documents committed to the case file" />
        <Stage label="Analysed" value={d.analysed} of={total} help="Documents whose checks ran" />
      </div>
      <dl className="facts-row">
        <div>
          <dt>Files</dt>
          <dd>
            {num(p.files.done)} / {num(p.files.discovered)}
            {p.walkComplete ? '' : '+'}
            {p.files.skippedUnchanged ? <span className="muted"> ({num(p.files.skippedUnchanged)} unchanged)</span> : null}
          </dd>
        </div>
        <div>
          <dt>Bytes</dt>
          <dd>
            {bytes(p.bytes.done)} / {bytes(p.bytes.discovered)}
            {p.walkComplete ? '' : '+'}
          </dd>
        </div>
        <div>
          <dt>Rate</dt>
          <dd>{bytes(Math.round(p.rate))}/s</dd>
        </div>
        <div>
          <dt>ETA</dt>
          <dd>{p.walkComplete ? duration(p.etaSeconds) : 'walk not finished'}</dd>
        </div>
        <div>
          <dt>Errors</dt>
          <dd className={p.errors ? 'warn' : ''}>{num(p.errors)}</dd>
        </div>
      </dl>
      {p.ocr && <OcrDetail o={p.ocr} />}
      <div className="current-file">
        <span className="muted">{RUNNING.has(p.state) ? 'Current file' : 'Last file'}</span>{' '}
        <span className="mono">{p.currentFile ?? '—'}</span>
      </div>
    </>
  );
}

function OcrDetail({ o }: { o: OcrProgress }) {
  return (
    <dl className="facts-row" data-testid="ocr-progress">
      <div>
        <dt>OCR ({o.langs})</dt>
        <dd>
          {num(o.documents.done)} / {num(o.documents.total)} documents
          {o.documents.failed ? <span className="warn"> ({num(o.documents.failed)} failed)</span> : null}
        </dd>
      </div>
      <div>
        <dt>Pages</dt>
        <dd>
          {num(o.pages.done)} / {num(o.pages.planned)}
          {o.documents.done < o.documents.total ? '+' : ''}
        </dd>
      </div>
      <div>
        <dt>Pages per second</dt>
        <dd>{o.pagesPerSecond.toFixed(2)}</dd>
      </div>
      <div>
        <dt>OCR ETA</dt>
        <dd>{duration(o.etaSeconds)}</dd>
      </div>
    </dl>
  );
}
