// Tag and verdict dialogs, for one document or a selection. Keyboard first: type a tag and press
// Enter; press 1-4 (or a/s/f/u) for a verdict.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useClient, useApi } from '../../api/context.js';
import { useApp } from '../../app/state.js';
import { ErrorNote } from '../../components/ui.js';
import type { Verdict } from '../../api/types.js';

export const VERDICT_LIST: { v: Verdict; key: string; help: string }[] = [
  { v: 'authentic', key: 'a', help: 'Checked and consistent with the genuine population' },
  { v: 'suspect', key: 's', help: 'Signals need explaining before publication' },
  { v: 'fake', key: 'f', help: 'Shown to be forged or altered' },
  { v: 'unresolved', key: 'u', help: 'Not decided (the default)' },
];

function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const before = useRef<Element | null>(document.activeElement);
  useEffect(() => {
    const prev = before.current;
    return () => {
      if (prev instanceof HTMLElement) prev.focus();
    };
  }, []);
  return (
    <div className="overlay" onMouseDown={onClose}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        ref={ref}
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            e.nativeEvent.stopImmediatePropagation();
            onClose();
          }
        }}
      >
        <h2>{title}</h2>
        {children}
      </div>
    </div>
  );
}

export function TagDialog({
  ids,
  currentTags,
  onClose,
  onDone,
}: {
  ids: string[];
  currentTags: string[];
  onClose: () => void;
  onDone: () => void;
}) {
  const client = useClient();
  const app = useApp();
  const known = useApi('analyst.tags', {});
  const [text, setText] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  async function apply(add: string[], remove: string[]) {
    setBusy(true);
    try {
      await client.call('analyst.tag', { ids, ...(add.length ? { add } : {}), ...(remove.length ? { remove } : {}) });
      app.bumpData();
      onDone();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  }
  const tags = text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const suggestions = (known.data ?? []).filter((t) => !text || t.tag.toLowerCase().includes(text.toLowerCase().trim())).slice(0, 8);

  return (
    <Dialog title={ids.length === 1 ? 'Tag the document' : `Tag ${ids.length.toLocaleString('en-GB')} documents`} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (tags.length) void apply(tags, []);
        }}
      >
        <label className="field">
          <span className="field-label">Add tags (comma-separated)</span>
          <input
            ref={input}
            name="tag"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="e.g. to-verify, source-A"
            autoComplete="off"
          />
        </label>
        {suggestions.length > 0 && (
          <div className="chips">
            {suggestions.map((t) => (
              <button type="button" key={t.tag} className="chip" onClick={() => void apply([t.tag], [])} disabled={busy}>
                + {t.tag} <span className="muted">{t.count}</span>
              </button>
            ))}
          </div>
        )}
        {currentTags.length > 0 && (
          <>
            <div className="field-label">Remove</div>
            <div className="chips">
              {currentTags.map((t) => (
                <button type="button" key={t} className="chip chip-remove" onClick={() => void apply([], [t])} disabled={busy}>
                  − {t}
                </button>
              ))}
            </div>
          </>
        )}
        {error && <ErrorNote error={error} />}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn primary" disabled={busy || tags.length === 0}>
            Add tag{tags.length > 1 ? 's' : ''}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function VerdictDialog({
  ids,
  current,
  onClose,
  onDone,
}: {
  ids: string[];
  current?: Verdict;
  onClose: () => void;
  onDone: () => void;
}) {
  const client = useClient();
  const app = useApp();
  const [error, setError] = useState<Error | null>(null);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);

  async function apply(verdict: Verdict) {
    try {
      await client.call('analyst.verdict', { ids, verdict });
      app.bumpData();
      onDone();
    } catch (e) {
      setError(e as Error);
    }
  }
  return (
    <Dialog title={ids.length === 1 ? 'Verdict' : `Verdict for ${ids.length.toLocaleString('en-GB')} documents`} onClose={onClose}>
      <div
        className="verdict-choices"
        onKeyDown={(e) => {
          const i = VERDICT_LIST.findIndex((x, n) => x.key === e.key || String(n + 1) === e.key);
          if (i >= 0) {
            e.preventDefault();
            void apply(VERDICT_LIST[i].v);
          }
        }}
      >
        {VERDICT_LIST.map((x, n) => (
          <button
            type="button"
            key={x.v}
            ref={n === 0 ? first : undefined}
            className={`verdict-choice v-${x.v} ${current === x.v ? 'current' : ''}`}
            onClick={() => void apply(x.v)}
          >
            <kbd>{n + 1}</kbd>
            <span className="vc-name">{x.v}</span>
            <span className="vc-help">{x.help}</span>
          </button>
        ))}
      </div>
      {error && <ErrorNote error={error} />}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
