// The conversation this message belongs to (Message-ID / In-Reply-To / References), indented by depth.
import { useApi } from '../../api/context.js';
import { href } from '../../app/router.js';
import { Empty, ErrorNote, Loading } from '../../components/ui.js';
import { utc } from '../../components/format.js';

export function ThreadPanel({ id }: { id: string }) {
  const t = useApi('document.thread', { id });
  if (t.error) return <ErrorNote error={t.error} onRetry={t.reload} />;
  if (!t.data) return <Loading />;
  if (t.data.messages.length <= 1)
    return <Empty title="Not part of a thread">No other message in the dump replies to this one or is answered by it.</Empty>;
  return (
    <ol className="thread" data-testid="thread">
      {t.data.messages.map((m) => (
        <li key={m.id} className={m.id === id ? 'current' : ''} style={{ paddingLeft: 8 + Math.min(m.depth, 12) * 16 }}>
          <a href={href.doc(m.id)}>{m.subject ?? '(no subject)'}</a>
          <span className="muted small">
            {' '}
            {m.from ?? '?'} · {utc(m.date)} UTC
          </span>
          {m.inReplyTo && !t.data!.messages.some((x) => x.messageId === m.inReplyTo) && (
            <span className="badge sev-low" title={`In-Reply-To <${m.inReplyTo}> is not in the dump`}>
              parent missing
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
