// The Received chain as a timeline (first hop at the top, as the message travelled) with the time
// between hops, a jump backwards in red; then DKIM signatures with their offline verification.
import type { EmailFacts, FindingView, ReceivedHop } from '../../api/types.js';
import { Empty } from '../../components/ui.js';
import { offset, utc } from '../../components/format.js';
import { EvidenceTable } from '../../components/Evidence.js';

/** Each hop with the time since the step before it (the Date header, then the previous dated hop). */
function withGaps(email: EmailFacts): { hop: ReceivedHop; gapMs: number | null }[] {
  let prev: number | null = email.dateUtc ? Date.parse(email.dateUtc) : null;
  return [...email.received]
    .sort((a, b) => b.index - a.index)
    .map((hop) => {
      const t = hop.dateUtc ? Date.parse(hop.dateUtc) : null;
      const gapMs = t !== null && prev !== null ? t - prev : null;
      if (t !== null) prev = t;
      return { hop, gapMs };
    });
}

function gap(ms: number): string {
  const a = Math.abs(ms) / 1000;
  const txt =
    a < 60
      ? `${Math.round(a)} s`
      : a < 3600
        ? `${Math.round(a / 60)} min`
        : a < 172800
          ? `${(a / 3600).toFixed(1)} h`
          : `${(a / 86400).toFixed(1)} d`;
  return ms < 0 ? `−${txt}` : `+${txt}`;
}

export function EmailRoutePanel({ email, findings }: { email: EmailFacts; findings: FindingView[] }) {
  const hops = withGaps(email);
  const dkimFindings = findings.filter((f) => f.check.startsWith('email.dkim'));
  return (
    <div className="email-route">
      <h3>
        Received chain ({hops.length} hop{hops.length === 1 ? '' : 's'})
      </h3>
      {hops.length === 0 ? (
        <p className="muted">No Received headers: the message never crossed a mail server, or they were removed.</p>
      ) : (
        <ol className="hops" data-testid="received-chain">
          <li className="hop origin">
            <div className="hop-dot" />
            <div className="hop-body">
              <div className="hop-title">Written (Date header)</div>
              <div className="hop-time mono">
                {email.dateUtc ? `${utc(email.dateUtc, true)} UTC` : 'no parsable Date'}{' '}
                <span className="muted">({offset(email.dateOffsetMinutes)})</span>
              </div>
            </div>
          </li>
          {hops.map(({ hop: h, gapMs: d }) => (
            <li key={h.index} className={`hop ${d !== null && d < 0 ? 'backwards' : ''}`}>
              <div className="hop-dot" />
              <div className="hop-body">
                <div className="hop-title">
                  <span className="mono">{h.from ?? '?'}</span>
                  {h.fromIp && <span className="muted mono"> [{h.fromIp}]</span>} → <span className="mono">{h.by ?? '?'}</span>
                  {h.with && <span className="muted"> with {h.with}</span>}
                </div>
                <div className="hop-time mono">
                  {h.dateUtc ? `${utc(h.dateUtc, true)} UTC` : (h.dateRaw ?? 'no date')}{' '}
                  <span className="muted">({offset(h.offsetMinutes)})</span>
                  {d !== null && (
                    <span
                      className={`hop-gap ${d < 0 ? 'sev-text-high' : d > 86400000 ? 'sev-text-medium' : ''}`}
                      title={d < 0 ? 'earlier than the previous step' : d > 86400000 ? 'more than a day after the previous step' : ''}
                    >
                      {' '}
                      {gap(d)}
                    </span>
                  )}
                </div>
                <details>
                  <summary className="small">raw</summary>
                  <pre className="json">{h.raw}</pre>
                </details>
              </div>
            </li>
          ))}
        </ol>
      )}
      <h3>DKIM signatures ({email.dkim.length})</h3>
      {email.dkim.length === 0 ? (
        <p className="muted">The message carries no DKIM signature.</p>
      ) : (
        <table className="grid compact" data-testid="dkim">
          <thead>
            <tr>
              <th>Domain</th>
              <th>Selector</th>
              <th>Algorithm</th>
              <th>Signed headers</th>
              <th>Signed at</th>
              <th>Result</th>
            </tr>
          </thead>
          <tbody>
            {email.dkim.map((s) => {
              const f =
                dkimFindings.find((x) => x.evidence.signature === s.index) ?? (email.dkim.length === 1 ? dkimFindings[0] : undefined);
              const verdict = typeof f?.evidence.verdict === 'string' ? f.evidence.verdict : f ? f.severity : 'not checked';
              return (
                <tr key={s.index}>
                  <td className="mono">{s.domain ?? '—'}</td>
                  <td className="mono">{s.selector ?? '—'}</td>
                  <td className="mono">{s.algorithm ?? '—'}</td>
                  <td className="mono small break">{s.signedHeaders.join(' ')}</td>
                  <td className="nowrap">{s.timestamp ? `${utc(new Date(s.timestamp * 1000).toISOString())}` : '—'}</td>
                  <td>
                    <span className={`badge ${verdict === 'pass' ? 'ok' : verdict === 'fail' ? 'sev-high' : 'sev-info'}`}>{verdict}</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {dkimFindings.map((f, i) => (
        <details key={i} className="dkim-detail">
          <summary>
            DKIM evidence · {String(f.evidence.d ?? '')} {String(f.evidence.s ?? '')}
          </summary>
          <p>{f.message}</p>
          <EvidenceTable evidence={f.evidence} />
        </details>
      ))}
      {email.authenticationResults.length > 0 && (
        <>
          <h3>Authentication-Results (as written by the receiving server)</h3>
          {email.authenticationResults.map((a, i) => (
            <pre key={i} className="json">
              {a}
            </pre>
          ))}
        </>
      )}
      {email.received.length === 0 && email.dkim.length === 0 && <Empty title="No routing evidence" />}
    </div>
  );
}
