// Start: open a new or existing case (dump folder + case file) or a recent one. In the desktop app
// the paths come from native dialogs; in a browser they are typed (the server is local).
import { useEffect, useState, type FormEvent } from 'react';
import { useClient } from '../../api/context.js';
import { useApp } from '../../app/state.js';
import { href, navigate } from '../../app/router.js';
import { ErrorNote, Panel, Empty } from '../../components/ui.js';
import { utc } from '../../components/format.js';
import type { SessionInfo } from '../../api/types.js';

type Recent = SessionInfo['recent'][number];

export function StartScreen() {
  const client = useClient();
  const app = useApp();
  const [dump, setDump] = useState(app.session?.dumpRoot ?? '');
  const [caseFile, setCaseFile] = useState(app.session?.caseFile ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [recent, setRecent] = useState<Recent[]>(app.session?.recent ?? []);
  const desktop = !!client.shell;

  useEffect(() => {
    if (!client.shell) return;
    client.shell('recentCases').then(
      (list) => Array.isArray(list) && setRecent(list as Recent[]),
      () => {},
    );
  }, [client]);

  async function open(caseFile: string, dumpRoot: string | null) {
    setBusy(true);
    setError(null);
    try {
      const info = await client.call('session.open', { caseFile, ...(dumpRoot ? { dumpRoot } : {}) });
      app.setSession(info);
      app.setSelection(new Set());
      app.refreshSummary();
      app.bumpData();
      const summary = await client.call('case.summary', {});
      navigate(summary.documents === 0 ? href.scan() : href.overview());
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  }

  async function pick(action: 'pickDump' | 'pickCase') {
    if (!client.shell) return;
    const path = await client.shell(action);
    if (typeof path === 'string') (action === 'pickDump' ? setDump : setCaseFile)(path);
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (caseFile.trim()) void open(caseFile.trim(), dump.trim() || null);
  };

  return (
    <div className="screen start">
      <header className="screen-head">
        <div>
          <h1>Open a case</h1>
          <p className="lede">
            A case is one file that holds the index of a dump: documents, metadata, findings, and your tags and verdicts. The dump folder is
            opened read-only; nothing in it is changed, run or fetched.
          </p>
        </div>
      </header>
      {app.sessionFixed && app.session?.caseFile && (
        <div className="notice">
          This server was started for <code>{app.session.caseFile}</code>; start <code>verity serve</code> with another <code>--case</code>{' '}
          to work on another case. <a href={href.overview()}>Go to the overview</a>
        </div>
      )}
      <div className="start-grid">
        <Panel title="New or existing case">
          <form className="form" onSubmit={submit}>
            <label className="field">
              <span className="field-label">Dump folder</span>
              <span className="field-row">
                <input
                  name="dump"
                  value={dump}
                  onChange={(e) => setDump(e.target.value)}
                  placeholder="/path/to/leak"
                  spellCheck={false}
                  readOnly={desktop}
                />
                {desktop && (
                  <button type="button" className="btn" onClick={() => void pick('pickDump')}>
                    Choose…
                  </button>
                )}
              </span>
              <span className="field-help">The folder as received. Needed to scan and to preview documents.</span>
            </label>
            <label className="field">
              <span className="field-label">Case file</span>
              <span className="field-row">
                <input
                  name="caseFile"
                  value={caseFile}
                  onChange={(e) => setCaseFile(e.target.value)}
                  placeholder="/path/to/leak.verity"
                  spellCheck={false}
                  readOnly={desktop}
                  required
                />
                {desktop && (
                  <button type="button" className="btn" onClick={() => void pick('pickCase')}>
                    Choose…
                  </button>
                )}
              </span>
              <span className="field-help">Created if it does not exist; keep it outside the dump.</span>
            </label>
            {error && <ErrorNote error={error} />}
            <div className="form-actions">
              <button type="submit" className="btn primary" disabled={busy || !caseFile.trim()}>
                {busy ? 'Opening…' : 'Open case'}
              </button>
            </div>
          </form>
        </Panel>
        <Panel title="Recent cases">
          {recent.length === 0 ? (
            <Empty title="No recent cases">Cases you open are listed here.</Empty>
          ) : (
            <ul className="recent">
              {recent.map((r) => (
                <li key={r.caseFile}>
                  <button type="button" className="recent-item" onClick={() => void open(r.caseFile, r.dumpRoot)} disabled={busy}>
                    <span className="recent-name">{r.caseFile.split(/[\\/]/).pop()}</span>
                    <span className="recent-path mono">{r.caseFile}</span>
                    <span className="recent-meta">
                      dump {r.dumpRoot ? <span className="mono">{r.dumpRoot}</span> : 'not recorded'} · opened {utc(r.openedAt)} UTC
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </Panel>
      </div>
    </div>
  );
}
