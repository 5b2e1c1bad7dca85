// Importing a DKIM key file into the case, each key with its source: the file as the analyst named
// it, or for a public key archive's JSON the entry and the dates it was seen (docs/api.md, "DKIM keys").
import type { Db } from '../store/db.js';
import { storeDkimKeys, storedDkimKeys, type DkimKeyRecord, type ReplacedDkimKey } from '../store/dkim-keys.js';
import { dkimKeyName, parseDkimKeyFile } from '../checks/dkim-keys.js';

/** The source of key text given without a name. */
export const UNNAMED_KEY_SOURCE = 'key text given without a file name';

export interface DkimKeyFile {
  text: string;
  /** The file's name or path as given, or how the text arrived ("command line --dkim-keys keys.txt"). */
  source?: string;
}

export interface DkimKeyImport {
  /** Keys stored (one per name). */
  imported: number;
  /** Keys that replaced another: an older one from another source, or an older entry of the same archive. */
  replaced: ReplacedDkimKey[];
  /** Lines or entries that looked like keys but could not be read. */
  problems: { line: number; message: string }[];
}

/** One entry of a public DKIM key archive's JSON export. */
interface ArchiveEntry {
  domain: string;
  selector: string;
  value: string;
  firstSeenAt?: string;
  lastSeenAt?: string;
}

/** The record text of an archive value: as it is, or its DNS character-strings joined ("a" "b"). */
function recordText(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? value.join('') : undefined;
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  return v.startsWith('"') ? [...v.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1].replace(/\\(.)/g, '$1')).join('') : v;
}

const seenAt = (e: ArchiveEntry): number => Date.parse(e.lastSeenAt ?? e.firstSeenAt ?? '') || 0;

/** A public archive's JSON (`[{domain, selector, value, firstSeenAt, lastSeenAt}]`, dates optional):
 *  per name the entry seen last wins, and the others are listed as replaced. */
function parseArchive(
  data: unknown[],
  source: string,
): { keys: DkimKeyRecord[]; replaced: ReplacedDkimKey[]; problems: DkimKeyImport['problems'] } {
  const best = new Map<string, { entry: ArchiveEntry; key: DkimKeyRecord }>();
  const replaced: ReplacedDkimKey[] = [];
  const problems: DkimKeyImport['problems'] = [];
  data.forEach((raw, i) => {
    const e = raw as Partial<Record<keyof ArchiveEntry, unknown>> | null;
    const record = e && typeof e === 'object' ? recordText(e.value) : undefined;
    if (!e || typeof e.domain !== 'string' || typeof e.selector !== 'string' || !e.domain || !e.selector || record === undefined) {
      problems.push({ line: 0, message: `entry ${i + 1} is not {domain, selector, value}` });
      return;
    }
    const entry: ArchiveEntry = {
      domain: e.domain,
      selector: e.selector,
      value: record,
      ...(typeof e.firstSeenAt === 'string' ? { firstSeenAt: e.firstSeenAt } : {}),
      ...(typeof e.lastSeenAt === 'string' ? { lastSeenAt: e.lastSeenAt } : {}),
    };
    const seen = [entry.firstSeenAt && `first seen ${entry.firstSeenAt}`, entry.lastSeenAt && `last seen ${entry.lastSeenAt}`].filter(
      Boolean,
    );
    const key: DkimKeyRecord = {
      name: dkimKeyName(entry.selector, entry.domain),
      record,
      source: `${source}, entry ${i + 1}${seen.length ? ` (${seen.join(', ')})` : ''}`,
    };
    const held = best.get(key.name);
    const [older, newer] = !held ? [undefined, key] : seenAt(entry) >= seenAt(held.entry) ? [held.key, key] : [key, held.key];
    if (older)
      replaced.push({ name: key.name, source: newer.source, previousSource: older.source, recordChanged: older.record !== newer.record });
    if (newer === key) best.set(key.name, { entry, key });
  });
  return { keys: [...best.values()].map((b) => b.key), replaced, problems };
}

/** The keys of a key file, each with its source. Formats: those of checks/dkim-keys.ts, and archive JSON. */
function readDkimKeyFile(file: DkimKeyFile): { keys: DkimKeyRecord[]; replaced: ReplacedDkimKey[]; problems: DkimKeyImport['problems'] } {
  const source = file.source?.trim() || UNNAMED_KEY_SOURCE;
  const trimmed = file.text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('[')) {
    let data: unknown;
    try {
      data = JSON.parse(trimmed);
    } catch (e) {
      return { keys: [], replaced: [], problems: [{ line: 0, message: `not valid JSON: ${(e as Error).message}` }] };
    }
    if (Array.isArray(data)) return parseArchive(data, source);
  }
  const parsed = parseDkimKeyFile(file.text);
  return { keys: [...parsed.keys].map(([name, record]) => ({ name, record, source })), replaced: [], problems: parsed.problems };
}

/** A key's name is `selector._domainkey.domain`, the selector a DNS label (no leading `_`). Zone
 *  files also hold SPF, DMARC and DKIM policy records (`_adsp._domainkey.…`): no signature looks
 *  those up, so they are not imported, nor counted as keys. */
const KEY_NAME = /^[^_.][^]*?\._domainkey\.[^.]/;

/** Stores a key file's keys in the case; the newest import of a name wins, and the answer says which it replaced. */
export function importDkimKeyFile(db: Db, file: DkimKeyFile): DkimKeyImport {
  const read = readDkimKeyFile(file);
  const keys = read.keys.filter((k) => KEY_NAME.test(k.name));
  const problems = [...read.problems];
  if (keys.length < read.keys.length)
    problems.push({
      line: 0,
      message: `${read.keys.length - keys.length} TXT record(s) are not DKIM keys (no selector._domainkey name): skipped`,
    });
  const names = new Set(keys.map((k) => k.name));
  const replaced = [...read.replaced.filter((r) => names.has(r.name)), ...storeDkimKeys(db, keys)];
  return { imported: keys.length, replaced, problems };
}

/** DKIM keys for a scan: those stored in the case plus any imported with --dkim-keys. */
export function loadDkimKeys(db: Db, importText?: string, source?: string): Map<string, string> {
  if (importText) importDkimKeyFile(db, { text: importText, source });
  return storedDkimKeys(db);
}
