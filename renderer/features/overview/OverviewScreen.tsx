// Overview: what is in the case and where to look first.
import { useApi } from '../../api/context.js';
import { useApp } from '../../app/state.js';
import { href, navigate } from '../../app/router.js';
import { BarList, Empty, ErrorNote, KindTag, Loading, Panel, Score, SeverityBadge } from '../../components/ui.js';
import { day, num } from '../../components/format.js';
import { TimelineChart } from './TimelineChart.js';

const SEVERITIES = ['high', 'medium', 'low', 'info'] as const;
const VERDICTS = ['authentic', 'suspect', 'fake', 'unresolved'] as const;

export function OverviewScreen() {
  const app = useApp();
  const s = app.summary;
  const timeline = useApi('overview.timeline', {}, app.dataVersion);
  const top = useApi('search.query', { sort: 'score', order: 'desc', minScore: 1, limit: 15 }, app.dataVersion);

  if (!s) return <Loading label="Loading the case summary" />;
  if (s.documents === 0)
    return (
      <div className="screen">
        <Empty title="This case has no documents yet">
          <a className="btn primary" href={href.scan()}>
            Scan the dump
          </a>
        </Empty>
      </div>
    );

  const flaggedFindings = s.bySeverity.high + s.bySeverity.medium + s.bySeverity.low;
  const reviewed = s.verdicts.authentic + s.verdicts.suspect + s.verdicts.fake;
  const go = (filters: Record<string, string>) => navigate(href.documents(filters));

  return (
    <div className="screen overview">
      <header className="screen-head">
        <div>
          <h1>Overview</h1>
          <p className="lede">
            {num(s.documents)} documents from <code>{s.dumpRoot ?? 'an unrecorded dump'}</code>
            {s.lastScan ? ` · last scan ${day(s.lastScan.startedAt)} (${s.lastScan.state})` : ''}
          </p>
        </div>
      </header>
      <div className="stat-row">
        <button type="button" className="stat" onClick={() => go({})}>
          <span className="stat-value">{num(s.documents)}</span>
          <span className="stat-label">documents</span>
        </button>
        <button type="button" className="stat" onClick={() => go({ severity: 'high' })}>
          <span className="stat-value sev-text-high">{num(s.bySeverity.high)}</span>
          <span className="stat-label">high-severity findings</span>
        </button>
        <button type="button" className="stat" onClick={() => go({ severity: 'high,medium,low' })}>
          <span className="stat-value">{num(flaggedFindings)}</span>
          <span className="stat-label">findings above info</span>
        </button>
        <button type="button" className="stat" onClick={() => go({ verdict: 'authentic,suspect,fake' })}>
          <span className="stat-value">
            {num(reviewed)}
            <small> / {num(s.documents)}</small>
          </span>
          <span className="stat-label">with a verdict</span>
        </button>
        <a className="stat" href={href.scan()}>
          <span className={`stat-value ${s.failures ? 'sev-text-medium' : ''}`}>{num(s.failures)}</span>
          <span className="stat-label">failures in the ledger</span>
        </a>
      </div>
      <div className="overview-grid">
        <Panel title="Documents per week" className="span-2">
          {timeline.error ? (
            <ErrorNote error={timeline.error} />
          ) : !timeline.data ? (
            <Loading />
          ) : (
            <TimelineChart points={timeline.data} onPickWeek={(from, to) => go({ from, to })} />
          )}
        </Panel>
        <Panel title="Documents by kind">
          <BarList
            items={Object.entries(s.byKind)
              .sort((a, b) => b[1] - a[1])
              .map(([k, v]) => ({ label: k, value: v }))}
            onPick={(k) => go({ kind: k })}
            labelWidth={80}
          />
        </Panel>
        <Panel title="Findings by severity">
          <BarList
            items={SEVERITIES.map((sv) => ({ label: sv, value: s.bySeverity[sv] ?? 0, tone: `sev-bg-${sv}` }))}
            onPick={(k) => go({ severity: k })}
            labelWidth={80}
          />
          <h3 className="sub">Verdicts</h3>
          <BarList
            items={VERDICTS.map((v) => ({ label: v, value: s.verdicts[v] ?? 0, tone: `v-bg-${v}` }))}
            onPick={(k) => go({ verdict: k })}
            labelWidth={80}
          />
        </Panel>
        <Panel title="Findings by check">
          {s.byCheck.length === 0 ? (
            <Empty title="No findings" />
          ) : (
            <BarList
              items={s.byCheck.map((c) => ({
                key: c.check,
                label: app.checks.get(c.check)?.title ?? c.check,
                title: `${c.check} — ${app.checks.get(c.check)?.detects ?? ''}`,
                value: c.count,
              }))}
              onPick={(k) => go({ check: k })}
              labelWidth={320}
            />
          )}
        </Panel>
        <Panel title="Most suspicious documents" className="span-2" actions={<a href={href.documents({})}>All documents →</a>}>
          {top.error ? (
            <ErrorNote error={top.error} />
          ) : !top.data ? (
            <Loading />
          ) : top.data.rows.length === 0 ? (
            <Empty title="No document has a score above zero" />
          ) : (
            <table className="grid compact" data-testid="top-suspicious">
              <thead>
                <tr>
                  <th className="w-score">Score</th>
                  <th className="w-kind">Kind</th>
                  <th>Document</th>
                  <th className="w-date">Date (UTC)</th>
                  <th className="w-sev">Top</th>
                  <th className="w-num">Findings</th>
                </tr>
              </thead>
              <tbody>
                {top.data.rows.map((r) => (
                  <tr key={r.id} className="clickable" onClick={() => navigate(href.doc(r.id))}>
                    <td>
                      <Score value={r.score} />
                    </td>
                    <td>
                      <KindTag kind={r.kind} />
                    </td>
                    <td className="ellipsis">
                      <a href={href.doc(r.id)} onClick={(e) => e.stopPropagation()}>
                        {r.title || r.name}
                      </a>{' '}
                      <span className="muted mono small">{r.path}</span>
                    </td>
                    <td className="nowrap">{day(r.date)}</td>
                    <td>
                      <SeverityBadge severity={r.topSeverity} />
                    </td>
                    <td className="num">{r.flags}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Panel>
      </div>
    </div>
  );
}
