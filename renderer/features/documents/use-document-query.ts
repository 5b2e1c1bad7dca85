// The Documents query: the shared filter, the search box's text (committed after a pause), and
// filters arriving in a link, applied once before the address is cleaned.
import { useEffect, useEffectEvent, useMemo, useState } from 'react';
import { useApp } from '../../app/state.js';
import { href, navigate } from '../../app/router.js';
import type { SearchQuery } from '../../api/types.js';
import { cleanQuery, queryFromParams } from './document-query.js';

const TYPING_PAUSE_MS = 250;

export interface DocumentQuery {
  /** The filter as the analyst set it (shared with Export). */
  filter: SearchQuery;
  /** The filter cleaned of empty fields: what is sent to the engine. */
  query: SearchQuery;
  /** The search box's text: typed text not yet committed, else the filter's text. */
  text: string;
  setText(text: string): void;
  /** Commit the typed text now (Enter). */
  commitText(): void;
  setFilter(q: SearchQuery): void;
}

export function useDocumentQuery(params: URLSearchParams | null): DocumentQuery {
  const { filter, setFilter } = useApp();
  const committed = filter.text ?? '';
  // What the analyst typed, valid only while the filter's text is still the one it was typed over:
  // a link or a commit that changes the filter's text replaces it.
  const [draft, setDraft] = useState<{ text: string; over: string } | null>(null);
  const text = draft && draft.over === committed ? draft.text : committed;

  const applyLink = useEffectEvent((linkParams: URLSearchParams) => {
    const q = queryFromParams(linkParams, filter);
    if (!q) return;
    setFilter(cleanQuery(q));
    navigate(href.documents(), true);
  });
  const paramKey = params?.toString() ?? '';
  useEffect(() => {
    if (paramKey) applyLink(new URLSearchParams(paramKey));
  }, [paramKey]);

  // Full-text search as you type, once typing pauses.
  useEffect(() => {
    if (text === committed) return;
    const t = setTimeout(() => setFilter({ ...filter, text: text || undefined }), TYPING_PAUSE_MS);
    return () => clearTimeout(t);
  }, [text, committed, filter, setFilter]);

  const query = useMemo(() => cleanQuery(filter), [filter]);
  return {
    filter,
    query,
    text,
    setText: (t) => setDraft({ text: t, over: committed }),
    commitText: () => setFilter({ ...filter, text: text || undefined }),
    setFilter,
  };
}
