// HTML escaping for the report. Every value that comes from the dump or the analyst goes through
// esc(): the dump is hostile, and a subject such as <img src=http://tracker/...> must show as text,
// never as markup (an image would be fetched the moment the report is opened).

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text content and attribute values alike (quotes are escaped too). */
export function esc(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  // Control characters (other than tab and line breaks) make the page invalid and can confuse a
  // PDF printer; they are shown as U+FFFD like any undecodable byte.
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '\uFFFD');
}

/** An id usable in id="" and href="#...": document ids are hex, but nothing is assumed. */
export function anchorId(prefix: string, id: string): string {
  return `${prefix}-${id.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}`)}`;
}
