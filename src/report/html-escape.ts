// HTML escaping for the report: every value from the dump or the analyst goes through esc(), so
// hostile markup shows as text and never fetches anything.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text content and attribute values alike (quotes are escaped too). */
export function esc(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  // Control characters (C0 and DEL; not tab and line breaks) make the page invalid and can confuse a
  // PDF printer; they are shown as U+FFFD like any undecodable byte.
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]).replace(/[^\P{Cc}\t\n\r\u0080-\u009F]/gu, '\uFFFD');
}

/** An id usable in id="" and href="#...": document ids are hex, but nothing is assumed. */
export function anchorId(prefix: string, id: string): string {
  return `${prefix}-${id.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}`)}`;
}
