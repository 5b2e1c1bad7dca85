// The facet column: each value with its count under the current filter; click to toggle.
import { useState } from 'react';
import type { FacetCounts, SearchQuery } from '../../api/types.js';
import { useApp } from '../../app/state.js';

type ListKey = 'kinds' | 'checks' | 'severities' | 'tags' | 'verdicts' | 'people';

const ORDER: Record<string, number> = { high: 0, medium: 1, low: 2, info: 3, fake: 0, suspect: 1, authentic: 2, unresolved: 3 };

function FacetGroup({
  title,
  values,
  selected,
  onToggle,
  labels,
  limit = 8,
  filterable,
  approximate,
}: {
  title: string;
  values: { value: string; count: number }[];
  selected: string[];
  onToggle: (v: string) => void;
  labels?: (v: string) => string;
  limit?: number;
  filterable?: boolean;
  approximate?: (v: string) => boolean;
}) {
  const [more, setMore] = useState(false);
  const [text, setText] = useState('');
  // Selected values stay visible even when the current filter leaves them with no count.
  const all = [...values];
  for (const s of selected) if (!all.some((v) => v.value === s)) all.push({ value: s, count: 0 });
  const shown = all.filter(
    (v) => !text || v.value.toLowerCase().includes(text.toLowerCase()) || labels?.(v.value).toLowerCase().includes(text.toLowerCase()),
  );
  const list = more || text ? shown : shown.slice(0, limit);
  return (
    <fieldset className="facet">
      <legend>
        {title}
        {selected.length > 0 && (
          <button type="button" className="link small" onClick={() => selected.forEach(onToggle)}>
            clear
          </button>
        )}
      </legend>
      {filterable && all.length > limit && (
        <input
          className="facet-filter"
          placeholder={`Filter ${title.toLowerCase()}`}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-label={`Filter ${title}`}
        />
      )}
      {list.length === 0 && <div className="muted small">none</div>}
      {list.map((v) => (
        <label
          key={v.value}
          className={`facet-item ${selected.includes(v.value) ? 'on' : ''}`}
          title={labels ? `${labels(v.value)} (${v.value})` : v.value}
        >
          <input type="checkbox" checked={selected.includes(v.value)} onChange={() => onToggle(v.value)} />
          <span className="facet-label">{labels ? labels(v.value) : v.value}</span>
          <span className="facet-count" title={approximate?.(v.value) ? 'estimated from a sample of the matches' : undefined}>
            {approximate?.(v.value) ? '≈ ' : ''}
            {v.count.toLocaleString('en-GB')}
          </span>
        </label>
      ))}
      {!text && shown.length > limit && (
        <button type="button" className="link small" onClick={() => setMore(!more)}>
          {more ? 'fewer' : `${shown.length - limit} more`}
        </button>
      )}
    </fieldset>
  );
}

const FIELD: Record<ListKey, keyof SearchQuery> = {
  kinds: 'kinds',
  checks: 'checks',
  severities: 'severities',
  tags: 'tags',
  verdicts: 'verdicts',
  people: 'people',
};

export function Facets({
  facets,
  query,
  onChange,
}: {
  facets: FacetCounts | undefined;
  query: SearchQuery;
  onChange: (q: SearchQuery) => void;
}) {
  const app = useApp();
  const toggle = (k: ListKey) => (v: string) => {
    const field = FIELD[k];
    const cur = (query[field] as string[] | undefined) ?? [];
    const next = cur.includes(v) ? cur.filter((x) => x !== v) : [...cur, v];
    onChange({ ...query, [field]: next.length ? next : undefined });
  };
  const sel = (k: ListKey) => (query[FIELD[k]] as string[] | undefined) ?? [];
  // FacetCounts.approximate: every count but the tags and the decided verdicts is an estimate.
  const approx = facets?.approximate ? () => true : undefined;
  const sorted = (vals: { value: string; count: number }[] | undefined) =>
    [...(vals ?? [])].sort((a, b) => (ORDER[a.value] ?? 9) - (ORDER[b.value] ?? 9));
  return (
    <aside className="facets" aria-label="Filters">
      <fieldset className="facet">
        <legend>Date (UTC)</legend>
        <div className="date-range">
          <span>from</span>
          <input
            type="date"
            aria-label="From date"
            value={query.dateFrom?.slice(0, 10) ?? ''}
            onChange={(e) => onChange({ ...query, dateFrom: e.target.value || undefined })}
          />
          <span>to</span>
          <input
            type="date"
            aria-label="To date"
            value={query.dateTo?.slice(0, 10) ?? ''}
            onChange={(e) => onChange({ ...query, dateTo: e.target.value ? `${e.target.value}T23:59:59.999Z` : undefined })}
          />
        </div>
      </fieldset>
      <FacetGroup
        title="Severity"
        values={sorted(facets?.severities)}
        selected={sel('severities')}
        onToggle={toggle('severities')}
        approximate={approx}
      />
      <FacetGroup
        title="Check"
        values={facets?.checks ?? []}
        selected={sel('checks')}
        onToggle={toggle('checks')}
        labels={(v) => app.checks.get(v)?.title ?? v}
        filterable
        approximate={approx}
      />
      <FacetGroup title="Kind" values={facets?.kinds ?? []} selected={sel('kinds')} onToggle={toggle('kinds')} approximate={approx} />
      <FacetGroup
        title="Verdict"
        values={sorted(facets?.verdicts)}
        selected={sel('verdicts')}
        onToggle={toggle('verdicts')}
        approximate={approx && ((v) => v === 'unresolved')}
      />
      <FacetGroup title="Tag" values={facets?.tags ?? []} selected={sel('tags')} onToggle={toggle('tags')} filterable />
      <FacetGroup
        title="Sender / author"
        values={facets?.people ?? []}
        selected={sel('people')}
        onToggle={toggle('people')}
        filterable
        limit={6}
        approximate={approx}
      />
    </aside>
  );
}
