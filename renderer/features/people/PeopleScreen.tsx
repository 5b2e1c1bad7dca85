// People: each sender's habits in the dump (mail clients, timezones, hours, DKIM coverage), and the
// messages that break them: a forged message rarely imitates every habit of its claimed sender.
import { useMemo, useState } from 'react';
import { useApi } from '../../api/context.js';
import { useApp } from '../../app/state.js';
import { href, navigate } from '../../app/router.js';
import { BarList, Empty, ErrorNote, Loading, Panel } from '../../components/ui.js';
import { num, pct } from '../../components/format.js';
import type { PersonProfile } from '../../api/types.js';

function HoursChart({ hours }: { hours: number[] }) {
  const max = Math.max(1, ...hours);
  const W = 24 * 18;
  const H = 90;
  return (
    <svg className="hours" viewBox={`0 0 ${W} ${H + 16}`} role="img" aria-label="Messages by hour of day (as written, sender's local time)">
      {hours.map((v, h) => {
        const bh = (H * v) / max;
        return (
          <g key={h}>
            <rect x={h * 18 + 2} y={H - bh} width={14} height={bh} className={v ? 'hb' : 'hb-zero'}>
              <title>{`${String(h).padStart(2, '0')}:00 — ${v} message${v === 1 ? '' : 's'}`}</title>
            </rect>
            {h % 3 === 0 && (
              <text x={h * 18 + 9} y={H + 13} textAnchor="middle" className="tl-axis">
                {String(h).padStart(2, '0')}
              </text>
            )}
          </g>
        );
      })}
      <line x1={0} x2={W} y1={H} y2={H} className="tl-grid" />
    </svg>
  );
}

function Profile({ p }: { p: PersonProfile }) {
  return (
    <div className="profile" data-testid="profile">
      <header className="profile-head">
        <h2 className="mono">{p.sender}</h2>
        <span className="muted">
          {num(p.messages)} messages · <a href={href.documents({ person: p.sender })}>list them</a>
        </span>
      </header>
      <div className="profile-grid">
        <Panel title="Mail clients">
          <BarList items={p.clients.map((c) => ({ label: c.value, value: c.count }))} labelWidth={260} />
        </Panel>
        <Panel title="Timezones (Date header offset)">
          <BarList items={p.timezones.map((c) => ({ label: c.value, value: c.count }))} labelWidth={80} />
        </Panel>
        <Panel title="Hour of day (sender's clock)">
          <HoursChart hours={p.hours} />
        </Panel>
        <Panel title="DKIM coverage">
          <div className="coverage">
            <div className="meter big">
              <span style={{ width: pct(p.dkimSigned, p.messages) }} />
            </div>
            <span>
              {num(p.dkimSigned)} of {num(p.messages)} signed ({pct(p.dkimSigned, p.messages)})
            </span>
          </div>
        </Panel>
      </div>
      <Panel title={`Out of habit (${p.outliers.length})`}>
        {p.outliers.length === 0 ? (
          <Empty title="No outlier">Every message from this sender matches the sender's usual habits.</Empty>
        ) : (
          <ul className="outliers">
            {p.outliers.map((o) => (
              <li key={o.id}>
                <a href={href.doc(o.id)}>Open the message</a>
                <span>{o.reason}</span>
              </li>
            ))}
          </ul>
        )}
      </Panel>
    </div>
  );
}

export function PeopleScreen({ sender }: { sender: string | null }) {
  const app = useApp();
  const profiles = useApi('people.profiles', { limit: 500 }, app.dataVersion);
  const [filter, setFilter] = useState('');
  const list = useMemo(
    () => (profiles.data ?? []).filter((p) => !filter || p.sender.toLowerCase().includes(filter.toLowerCase())),
    [profiles.data, filter],
  );
  if (profiles.error)
    return (
      <div className="screen">
        <ErrorNote error={profiles.error} onRetry={profiles.reload} />
      </div>
    );
  if (!profiles.data)
    return (
      <div className="screen">
        <Loading label="Building sender profiles" />
      </div>
    );
  if (profiles.data.length === 0)
    return (
      <div className="screen">
        <Empty title="No senders">The case holds no email with a sender.</Empty>
      </div>
    );
  const chosen =
    profiles.data.find((p) => p.sender === sender) ??
    [...profiles.data].sort((a, b) => b.outliers.length - a.outliers.length || b.messages - a.messages)[0];
  return (
    <div className="screen people">
      <aside className="people-list" aria-label="Senders">
        <input
          className="panel-filter"
          placeholder="Filter senders"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          aria-label="Filter senders"
        />
        <table className="grid compact">
          <thead>
            <tr>
              <th>Sender</th>
              <th className="num">Msgs</th>
              <th className="num">DKIM</th>
              <th className="num" title="Messages out of habit">
                Out
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((p) => (
              <tr
                key={p.sender}
                className={`clickable ${p.sender === chosen.sender ? 'selected' : ''}`}
                onClick={() => navigate(href.people(p.sender), true)}
              >
                <td className="ellipsis mono small" title={p.sender}>
                  <a href={href.people(p.sender)} onClick={(e) => e.preventDefault()}>
                    {p.sender}
                  </a>
                </td>
                <td className="num">{num(p.messages)}</td>
                <td className="num">{pct(p.dkimSigned, p.messages)}</td>
                <td className={`num ${p.outliers.length ? 'sev-text-medium' : 'muted'}`}>{p.outliers.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </aside>
      <div className="people-detail">
        <Profile p={chosen} />
      </div>
    </div>
  );
}
