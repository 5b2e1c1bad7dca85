// DKIM keys: importing a key file (its name is recorded as each key's source, and the signed mail is
// re-verified), and the keys still missing with the look-ups to run on a connected machine.
import { useState, type ChangeEvent } from 'react';
import { useApi, useClient } from '../../api/context.js';
import { useApp } from '../../app/state.js';
import { ErrorNote, Panel } from '../../components/ui.js';
import { day, num } from '../../components/format.js';
import type { DkimImportResult } from '../../api/types.js';

const SHOWN_REPLACED = 10;

export function DkimKeysPanel() {
  const client = useClient();
  const app = useApp();
  const needed = useApi('dkim.needed', {}, app.dataVersion);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [imported, setImported] = useState<DkimImportResult | null>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const noDump = !app.session?.dumpRoot;

  async function importFile(e: ChangeEvent<HTMLInputElement>) {
    const input = e.currentTarget;
    const [first, ...others] = [...(input.files ?? [])];
    if (!first) return;
    setBusy(true);
    setError(null);
    setImported(null);
    try {
      // Several files in one import: the signed mail is re-verified once, after all of them.
      const more = await Promise.all(others.map(async (f) => ({ text: await f.text(), source: f.name })));
      setImported(await client.call('dkim.importKeys', { text: await first.text(), source: first.name, ...(more.length ? { more } : {}) }));
      app.refreshSummary();
      app.bumpData();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
      input.value = '';
    }
  }

  async function copyScript(script: string) {
    try {
      await navigator.clipboard.writeText(script);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }

  const keys = needed.data?.keys ?? [];
  return (
    <Panel
      title={`DKIM keys${needed.data ? ` · ${num(keys.length)} missing` : ''}`}
      actions={
        <label className={`btn small${busy ? ' disabled' : ''}`}>
          {busy ? 'Importing…' : 'Import key files…'}
          <input
            type="file"
            multiple
            accept=".txt,.zone,.json,.dat,.csv,.dns,text/plain,application/json"
            hidden
            disabled={busy}
            data-testid="dkim-key-file"
            onChange={(e) => void importFile(e)}
          />
        </label>
      }
    >
      <p className="muted">
        Signatures are verified offline with keys you import, one file or several: zone-file lines, dig output (the full answer or the lines
        the copied command below writes), opendkim-genkey&apos;s <code>.txt</code>, dkimpy&apos;s <code>.dns</code> (named after the key),
        or a DKIM key archive&apos;s JSON with the dates each key was seen. An opendkim KeyTable names private key files: give it to{' '}
        <code>verity scan --dkim-keys</code>, which reads them. Each key keeps the name of the file it came from; a key imported again from
        another file replaces the older one.
      </p>
      {noDump && (
        <div className="notice">This case was opened without its dump folder: imported keys are kept, but the mail is not re-verified.</div>
      )}
      {error && <ErrorNote error={error} />}
      {imported && (
        <div className="notice" data-testid="dkim-imported">
          Imported {num(imported.imported)} key(s) from <code>{imported.source}</code>; re-verified {num(imported.reverified)} signed
          email(s).
          {imported.replaced > 0 && (
            <ul>
              {imported.replacedKeys.slice(0, SHOWN_REPLACED).map((k) => (
                <li key={`${k.name}-${k.previousSource}`}>
                  <code>{k.name}</code>: {k.recordChanged ? 'a different key' : 'the same key'} from <code>{k.source}</code> replaces the
                  one from <code>{k.previousSource}</code>
                </li>
              ))}
              {imported.replaced > SHOWN_REPLACED && <li>… and {num(imported.replaced - SHOWN_REPLACED)} more</li>}
            </ul>
          )}
        </div>
      )}
      {needed.error && <ErrorNote error={needed.error} onRetry={needed.reload} />}
      {needed.data && keys.length === 0 && (
        <p data-testid="dkim-needed-none">No key is missing: every signature was checked with a key the case holds.</p>
      )}
      {keys.length > 0 && (
        <>
          <div className="table-wrap">
            <table className="grid compact" data-testid="dkim-needed">
              <thead>
                <tr>
                  <th>Key still missing</th>
                  <th className="num">Emails</th>
                  <th>Signed (UTC)</th>
                  <th>Look-up to run on a connected machine</th>
                </tr>
              </thead>
              <tbody>
                {keys.map((k) => (
                  <tr key={k.name}>
                    <td className="mono wrap">{k.name}</td>
                    <td className="num">{num(k.count)}</td>
                    <td className="nowrap">{k.firstDate ? `${day(k.firstDate)} – ${day(k.lastDate)}` : '—'}</td>
                    <td className="mono wrap">{k.lookup}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {needed.data?.fetchScript && (
            <>
              <p>
                Verity never looks keys up itself. This line runs every look-up and writes the answers into <code>dkim-keys.txt</code>,
                which you can import here:{' '}
                <button type="button" className="btn small" onClick={() => void copyScript(needed.data!.fetchScript!)}>
                  Copy
                </button>{' '}
                {copied === 'yes' && <span className="muted">copied</span>}
                {copied === 'failed' && <span className="muted">select the line and copy it</span>}
              </p>
              <pre className="json" data-testid="dkim-fetch-script">
                {needed.data.fetchScript}
              </pre>
            </>
          )}
          <p className="muted">
            Keys rotate: DNS answers with the key a domain publishes today, so for old mail the key it signed with is often gone. An archive
            of DKIM keys keeps retired ones with the dates they were seen; its JSON export imports as it is.
          </p>
        </>
      )}
      {needed.data && needed.data.awaitingReverification > 0 && (
        <div className="notice">
          {num(needed.data.awaitingReverification)} signature(s) have their key in the case but were not re-verified: open the case with its
          dump folder and import the keys again.
        </div>
      )}
    </Panel>
  );
}
