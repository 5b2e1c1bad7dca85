// An email as a reader sees it: the headers that matter, attachments linked to their documents,
// and the body (HTML made inert, see sanitize.ts; or plain text).
import { useMemo, useState } from 'react';
import type { DocumentDetail, EmailFacts } from '../api/types.js';
import { href } from '../app/router.js';
import { bytes, offset, utc } from '../components/format.js';
import { emailDocument, sanitizeEmailHtml } from './sanitize.js';

function addr(a: { name: string; address: string } | undefined): string {
  if (!a) return '';
  return a.name ? `${a.name} <${a.address}>` : a.address;
}

export function EmailPreview({ doc, email }: { doc: DocumentDetail; email: EmailFacts }) {
  const hasHtml = !!email.html;
  const [mode, setMode] = useState<'html' | 'text'>(hasHtml ? 'html' : 'text');
  const clean = useMemo(() => (email.html ? sanitizeEmailHtml(email.html) : null), [email.html]);
  const childByName = new Map(doc.children.map((c) => [c.name, c]));
  const rows: [string, string][] = [
    ['From', addr(email.from)],
    ...(email.sender ? ([['Sender', addr(email.sender)]] as [string, string][]) : []),
    ['To', email.to.map(addr).join(', ')],
    ...(email.cc.length ? ([['Cc', email.cc.map(addr).join(', ')]] as [string, string][]) : []),
    ...(email.replyTo?.length ? ([['Reply-To', email.replyTo.map(addr).join(', ')]] as [string, string][]) : []),
    ['Date', email.dateRaw ? `${email.dateRaw}  →  ${utc(email.dateUtc, true)} UTC (${offset(email.dateOffsetMinutes)})` : '—'],
    ['Subject', email.subject ?? ''],
    ['Message-ID', email.messageId ? `<${email.messageId}>` : '—'],
    ...(email.inReplyTo ? ([['In-Reply-To', `<${email.inReplyTo}>`]] as [string, string][]) : []),
    ...(email.mailer || email.userAgent ? ([['Client', email.mailer ?? email.userAgent ?? '']] as [string, string][]) : []),
  ];
  return (
    <div className="email-preview">
      <table className="kv email-head">
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th>{k}</th>
              <td className={k === 'Message-ID' || k === 'In-Reply-To' ? 'mono' : ''}>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {email.attachments.length > 0 && (
        <div className="attachments">
          <span className="muted">Attachments</span>
          {email.attachments.map((a, i) => {
            const child = childByName.get(a.filename) ?? doc.children[i];
            return (
              <span key={`${a.index}-${a.filename}`} className="attachment">
                {child ? <a href={href.doc(child.id)}>{a.filename || '(unnamed)'}</a> : <span>{a.filename || '(unnamed)'}</span>}
                <span className="muted">
                  {' '}
                  {a.contentType} · {bytes(a.size)}
                </span>
              </span>
            );
          })}
        </div>
      )}
      <div className="body-bar">
        {hasHtml && (
          <div className="seg" role="tablist" aria-label="Body format">
            <button
              type="button"
              role="tab"
              aria-selected={mode === 'html'}
              className={mode === 'html' ? 'on' : ''}
              onClick={() => setMode('html')}
            >
              HTML (inert)
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={mode === 'text'}
              className={mode === 'text' ? 'on' : ''}
              onClick={() => setMode('text')}
            >
              Plain text
            </button>
          </div>
        )}
        {clean && mode === 'html' && (
          <span className={`blocked-note ${clean.remoteBlocked ? 'warn' : ''}`} data-testid="remote-blocked">
            {clean.remoteBlocked} remote image{clean.remoteBlocked === 1 ? '' : 's'} blocked · scripts disabled · {clean.links} link
            {clean.links === 1 ? '' : 's'} not followed
          </span>
        )}
      </div>
      {mode === 'html' && clean ? (
        <iframe
          className="email-frame"
          title="Email body (sanitised, scripts and remote content blocked)"
          sandbox=""
          referrerPolicy="no-referrer"
          srcDoc={emailDocument(clean.html)}
          data-testid="email-frame"
        />
      ) : (
        <pre className="email-text">{email.text ?? doc.textPreview ?? ''}</pre>
      )}
    </div>
  );
}
