// The frame: navigation rail, the current screen, global shortcuts and the help overlay.
import { useEffect, useRef, useState } from 'react';
import { useApp } from './state.js';
import { href, navigate, useHashRoute, type Route } from './router.js';
import { useClient } from '../api/context.js';
import { StartScreen } from '../features/start/StartScreen.js';
import { ScanScreen } from '../features/scan/ScanScreen.js';
import { OverviewScreen } from '../features/overview/OverviewScreen.js';
import { DocumentsScreen } from '../features/documents/DocumentsScreen.js';
import { DocumentScreen } from '../features/document/DocumentScreen.js';
import { PeopleScreen } from '../features/people/PeopleScreen.js';
import { ExportScreen } from '../features/export/ExportScreen.js';
import { ErrorNote, Kbd, Loading } from '../components/ui.js';
import { num } from '../components/format.js';
import { isTyping } from '../components/keys.js';

const NAV: { route: Route['name']; label: string; to: string; key: string }[] = [
  { route: 'overview', label: 'Overview', to: href.overview(), key: 'o' },
  { route: 'documents', label: 'Documents', to: href.documents(), key: 'd' },
  { route: 'people', label: 'People', to: href.people(), key: 'p' },
  { route: 'scan', label: 'Scan', to: href.scan(), key: 's' },
  { route: 'export', label: 'Export', to: href.export(), key: 'e' },
];

function basename(p: string | null | undefined): string {
  if (!p) return '';
  return p.split(/[\\/]/).filter(Boolean).pop() ?? p;
}

export function App() {
  const app = useApp();
  const client = useClient();
  const route = useHashRoute();
  const [help, setHelp] = useState(false);
  const gPending = useRef(false);

  const caseOpen = !!app.session?.caseFile;
  // Land somewhere sensible when the address names no screen: Start without a case, Scan for an
  // empty case, else Overview. An address that names a screen (a reload, a link) is respected.
  useEffect(() => {
    if (!app.booted) return;
    if (!caseOpen) {
      if (route?.name !== 'start') navigate(href.start(), true);
    } else if (!route && app.summary) navigate(app.summary.documents === 0 ? href.scan() : href.overview(), true);
  }, [app.booted, caseOpen, route, app.summary]);

  useEffect(
    () =>
      client.onMenu((cmd) => {
        if (cmd === 'new-case' || cmd === 'open-case') navigate(href.start());
        else if (cmd === 'overview') navigate(href.overview());
        else if (cmd === 'documents') navigate(href.documents());
        else if (cmd === 'people') navigate(href.people());
        else if (cmd === 'export') navigate(href.export());
      }),
    [client],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === '?') {
        setHelp((h) => !h);
        e.preventDefault();
        return;
      }
      if (e.key === 'Escape' && help) {
        setHelp(false);
        e.preventDefault();
        return;
      }
      if (!caseOpen) return;
      if (gPending.current) {
        gPending.current = false;
        const item = NAV.find((n) => n.key === e.key);
        if (item) {
          navigate(item.to);
          e.preventDefault();
        }
        return;
      }
      if (e.key === 'g') {
        gPending.current = true;
        setTimeout(() => (gPending.current = false), 1200);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [caseOpen, help]);

  if (!app.booted)
    return (
      <div className="boot">
        <Loading label="Connecting to the Verity engine" />
      </div>
    );
  if (app.summaryError && !app.session)
    return (
      <div className="boot">
        <ErrorNote error={app.summaryError} />
      </div>
    );

  const active = route?.name === 'doc' ? 'documents' : route?.name;
  return (
    <div className="app">
      <nav className="rail" aria-label="Main">
        <div className="brand">
          <span className="brand-mark" aria-hidden>
            V
          </span>
          <span>Verity</span>
        </div>
        {caseOpen && (
          <div className="case-box" title={`${app.session?.caseFile}\ndump: ${app.session?.dumpRoot ?? 'not given'}`}>
            <div className="case-label">Case</div>
            <div className="case-name">{basename(app.session?.caseFile)}</div>
            <div className="case-sub">{app.summary ? `${num(app.summary.documents)} documents` : '…'}</div>
          </div>
        )}
        <ul>
          {caseOpen &&
            NAV.map((n) => (
              <li key={n.route}>
                <a href={n.to} className={active === n.route ? 'active' : ''} aria-current={active === n.route ? 'page' : undefined}>
                  <span>{n.label}</span>
                  <span className="rail-key">g {n.key}</span>
                </a>
              </li>
            ))}
          <li>
            <a href={href.start()} className={active === 'start' ? 'active' : ''}>
              <span>{caseOpen ? 'Cases' : 'Start'}</span>
            </a>
          </li>
        </ul>
        <div className="rail-foot">
          <button type="button" className="link" onClick={() => setHelp(true)}>
            Keyboard shortcuts <Kbd>?</Kbd>
          </button>
          <div className="muted small">{client.transport === 'ipc' ? 'Desktop' : 'Loopback server'} · offline</div>
        </div>
      </nav>
      <main className="main">
        {app.summaryError && caseOpen && <ErrorNote error={app.summaryError} onRetry={app.refreshSummary} />}
        {route?.name === 'start' && <StartScreen />}
        {caseOpen && (
          <>
            {route?.name === 'scan' && <ScanScreen />}
            {route?.name === 'overview' && <OverviewScreen />}
            {/* Documents stays mounted so returning from a document keeps scroll, cursor and selection. */}
            <DocumentsScreen active={route?.name === 'documents'} params={route?.name === 'documents' ? route.params : null} />
            {route?.name === 'doc' && <DocumentScreen key={route.id} id={route.id} tab={route.tab} />}
            {route?.name === 'people' && <PeopleScreen sender={route.sender} />}
            {route?.name === 'export' && <ExportScreen />}
          </>
        )}
      </main>
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
    </div>
  );
}

function HelpOverlay({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const rows: [string, string][] = [
    ['g o / g d / g p / g s / g e', 'Overview, Documents, People, Scan, Export'],
    ['/', 'Search documents'],
    ['j / k', 'Next / previous document'],
    ['Shift+J / Shift+K', 'Extend the selection'],
    ['x or Space', 'Select the current document'],
    ['Enter', 'Open the current document'],
    ['t', 'Tag the selection (or the current document)'],
    ['v', 'Give a verdict to the selection (or the current document)'],
    ['n', 'Write a note (document view)'],
    ['[ / ]', 'Previous / next tab (document view)'],
    ['Esc', 'Back / clear the selection'],
    ['?', 'This help'],
  ];
  return (
    <div className="overlay" onMouseDown={onClose}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts"
        tabIndex={-1}
        ref={ref}
        onMouseDown={(e) => e.stopPropagation()}
      >
        <h2>Keyboard shortcuts</h2>
        <table className="kv">
          <tbody>
            {rows.map(([k, v]) => (
              <tr key={k}>
                <th>
                  <Kbd>{k}</Kbd>
                </th>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
