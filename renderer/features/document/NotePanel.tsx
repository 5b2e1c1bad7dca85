// The analyst's note on a document: saved explicitly (button or Ctrl+Enter), kept across re-scans.
import { useEffect, useRef, useState } from 'react';
import { useClient } from '../../api/context.js';
import { useApp } from '../../app/state.js';
import { ErrorNote, Kbd } from '../../components/ui.js';

export function NotePanel({ id, note, focusSignal }: { id: string; note: string; focusSignal: number }) {
  const client = useClient();
  const app = useApp();
  const [text, setText] = useState(note);
  const [saved, setSaved] = useState(note);
  const [error, setError] = useState<Error | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (focusSignal) area.current?.focus();
  }, [focusSignal]);
  async function save() {
    try {
      await client.call('analyst.note', { id, note: text });
      setSaved(text);
      setError(null);
      app.bumpData();
    } catch (e) {
      setError(e as Error);
    }
  }
  return (
    <div className="note-panel">
      <textarea
        ref={area}
        name="note"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void save();
          }
        }}
        placeholder="Why this verdict: what you checked, with whom, what remains open."
        aria-label="Analyst note"
      />
      <div className="form-actions">
        <span className="muted small">{text === saved ? (saved ? 'Saved' : 'No note yet') : 'Unsaved changes'}</span>
        <button type="button" className="btn primary" onClick={() => void save()} disabled={text === saved}>
          Save note <Kbd>Ctrl+Enter</Kbd>
        </button>
      </div>
      {error && <ErrorNote error={error} />}
    </div>
  );
}
