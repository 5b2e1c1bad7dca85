// Findings, most severe first, each with what the check detects, the evidence as data, and the
// innocent causes that produce the same trace: what a fact-checker needs to weigh the flag.
import type { FindingView } from '../../api/types.js';
import { useApp } from '../../app/state.js';
import { href } from '../../app/router.js';
import { Empty, SeverityBadge } from '../../components/ui.js';
import { EvidenceTable } from '../../components/Evidence.js';

const RANK = { high: 0, medium: 1, low: 2, info: 3 } as const;

export function FindingsPanel({ findings, errors }: { findings: FindingView[]; errors: { code: string; message: string }[] }) {
  const app = useApp();
  const sorted = [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  if (sorted.length === 0 && errors.length === 0)
    return <Empty title="No findings">No check found anything to report on this document.</Empty>;
  return (
    <div className="findings" data-testid="findings">
      {errors.map((e, i) => (
        <article key={`e${i}`} className="finding sev-border-medium">
          <header>
            <span className="badge sev-medium">{e.code}</span>
            <h3>Extraction problem</h3>
          </header>
          <p>{e.message}</p>
        </article>
      ))}
      {sorted.map((f, i) => {
        const info = app.checks.get(f.check);
        return (
          <article key={i} className={`finding sev-border-${f.severity}`}>
            <header>
              <SeverityBadge severity={f.severity} />
              <h3>{f.title || info?.title || f.check}</h3>
              <a className="check-id mono small" href={href.documents({ check: f.check })} title="All documents with this finding">
                {f.check}
              </a>
            </header>
            <p className="finding-message">{f.message}</p>
            <details open={f.severity === 'high' || f.severity === 'medium'}>
              <summary>Evidence</summary>
              <EvidenceTable evidence={f.evidence} />
            </details>
            <details>
              <summary>What this check detects{info?.whyForgersLeaveIt ? ', and why forgers leave it' : ''}</summary>
              <p>{f.detects || info?.detects}</p>
              {info?.whyForgersLeaveIt && <p className="muted">{info.whyForgersLeaveIt}</p>}
            </details>
            {f.innocentCauses.length > 0 && (
              <details open={f.severity !== 'info'}>
                <summary>Innocent causes ({f.innocentCauses.length})</summary>
                <ul className="causes">
                  {f.innocentCauses.map((c, j) => (
                    <li key={j}>{c}</li>
                  ))}
                </ul>
              </details>
            )}
          </article>
        );
      })}
    </div>
  );
}
