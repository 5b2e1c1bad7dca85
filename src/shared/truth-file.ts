// Writing a ground-truth file in the format `verity validate --truth` reads (CSV with the header
// `path,message_id,label,family`, or a JSON array); the reader is src/report/validate/truth.ts.

import type { TruthRow } from '../model/validation.js';

function csvField(v: string | undefined): string {
  if (v === undefined) return '';
  return /[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

export function formatTruthCsv(entries: readonly TruthRow[]): string {
  return `path,message_id,label,family\n${entries.map((e) => [e.path, e.messageId, e.label, e.family].map(csvField).join(',')).join('\n')}\n`;
}

export function formatTruthJson(entries: readonly TruthRow[]): string {
  const items = entries.map((e) => {
    const o: Record<string, string> = {};
    if (e.path) o.path = e.path;
    if (e.messageId) o.messageId = e.messageId;
    o.label = e.label;
    if (e.family) o.family = e.family;
    return `  ${JSON.stringify(o)}`;
  });
  return `[\n${items.join(',\n')}\n]\n`;
}
