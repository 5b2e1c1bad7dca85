// Importing DKIM key files into the case, each key with its source: the file as the analyst named
// it, or for a public key archive's JSON the entry and the dates it was seen (docs/api.md, "DKIM keys").
// Also reading the files --dkim-keys names (several, or folders) and --dkim-published-keys' PEM files.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { Db } from '../store/db.js';
import {
  publishedDkimKeys,
  storeDkimKeys,
  storedDkimKeys,
  storePublishedDkimKeys,
  type DkimKeyRecord,
  type ReplacedDkimKey,
} from '../store/dkim-keys.js';
import { dkimKeyName, parseDkimKeyFile, publicRecordOf, readPrivateKey, spkiFingerprint } from '../checks/dkim-keys.js';
import { dkimRecordFingerprint } from '../checks/email/dkim.js';
import type { DkimKey } from '../checks/types.js';

/** The source of key text given without a name. */
export const UNNAMED_KEY_SOURCE = 'key text given without a file name';

export interface DkimKeyFile {
  text: string;
  /** The file's name or path as given, or how the text arrived ("command line --dkim-keys keys.txt"). */
  source?: string;
}

type Problem = { line: number; message: string };

export interface DkimKeyImport {
  /** Keys stored (one per name). */
  imported: number;
  /** Keys that replaced another: an older one from another source, or an older entry of the same archive. */
  replaced: ReplacedDkimKey[];
  /** Lines or entries that looked like keys but could not be read. */
  problems: Problem[];
}

/** One entry of a public DKIM key archive's JSON export; `source` is Verity's own (readDkimKeyPaths). */
interface ArchiveEntry {
  domain: string;
  selector: string;
  value: string;
  firstSeenAt?: string;
  lastSeenAt?: string;
  source?: string;
}

/** The record text of an archive value: as it is, or its DNS character-strings joined ("a" "b"). */
function recordText(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? value.join('') : undefined;
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  return v.startsWith('"') ? [...v.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1].replace(/\\(.)/g, '$1')).join('') : v;
}

const seenAt = (e: ArchiveEntry): number => Date.parse(e.lastSeenAt ?? e.firstSeenAt ?? '') || 0;
const optional = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** A public archive's JSON (`[{domain, selector, value, firstSeenAt, lastSeenAt}]`, dates optional):
 *  per name the entry seen last wins, and the others are listed as replaced. */
function parseArchive(data: unknown[], source: string): { keys: DkimKeyRecord[]; replaced: ReplacedDkimKey[]; problems: Problem[] } {
  const best = new Map<string, { entry: ArchiveEntry; key: DkimKeyRecord }>();
  const replaced: ReplacedDkimKey[] = [];
  const problems: Problem[] = [];
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
      firstSeenAt: optional(e.firstSeenAt),
      lastSeenAt: optional(e.lastSeenAt),
    };
    const seen = [entry.firstSeenAt && `first seen ${entry.firstSeenAt}`, entry.lastSeenAt && `last seen ${entry.lastSeenAt}`].filter(
      Boolean,
    );
    const key: DkimKeyRecord = {
      name: dkimKeyName(entry.selector, entry.domain),
      record,
      source: optional(e.source) ?? `${source}, entry ${i + 1}${seen.length ? ` (${seen.join(', ')})` : ''}`,
      ...(entry.firstSeenAt ? { firstSeenAt: entry.firstSeenAt } : {}),
      ...(entry.lastSeenAt ? { lastSeenAt: entry.lastSeenAt } : {}),
    };
    const held = best.get(key.name);
    const [older, newer] = !held ? [undefined, key] : seenAt(entry) >= seenAt(held.entry) ? [held.key, key] : [key, held.key];
    if (older)
      replaced.push({ name: key.name, source: newer.source, previousSource: older.source, recordChanged: older.record !== newer.record });
    if (newer === key) best.set(key.name, { entry, key });
  });
  return { keys: [...best.values()].map((b) => b.key), replaced, problems };
}

/** The key name a file of one bare record is named after (dknewkey's `sel._domainkey.example.org.dns`). */
function nameFromFileName(source: string): string | undefined {
  const name = basename(source.replace(/^command line --dkim-keys /, '')).replace(/\.(dns|txt|key|pub)$/i, '');
  return KEY_NAME.test(name.toLowerCase()) ? name.toLowerCase() : undefined;
}

/** The keys of a key file, each with its source. Formats: those of checks/dkim-keys.ts, and archive JSON. */
function readDkimKeyFile(file: DkimKeyFile): { keys: DkimKeyRecord[]; replaced: ReplacedDkimKey[]; problems: Problem[] } {
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
  const problems = [...parsed.problems];
  if (parsed.bareRecord !== undefined) {
    const name = nameFromFileName(source);
    if (name) return { keys: [{ name, record: parsed.bareRecord, source }], replaced: [], problems };
    problems.push({ line: 1, message: 'one key record without a name: name the file after the key (selector._domainkey.domain.dns)' });
  }
  if (parsed.keyTable)
    problems.push({
      line: parsed.keyTable[0].line,
      message: `${parsed.keyTable.length} opendkim KeyTable line(s) name private key files: give the KeyTable with --dkim-keys, which reads them`,
    });
  return { keys: [...parsed.keys].map(([name, record]) => ({ name, record, source })), replaced: [], problems };
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

/** A published private key, by the SHA-256 of its public half's SPKI. */
export interface PublishedDkimKey {
  spkiSha256: string;
  /** The PEM file it was read from. */
  source: string;
}

/** The case's key table for the DKIM check: each key with its source, archive dates, and whether its private half is published. */
export function caseDkimKeys(db: Db): Map<string, DkimKey> {
  const published = publishedDkimKeys(db);
  const out = new Map<string, DkimKey>();
  for (const [name, k] of storedDkimKeys(db)) {
    const fingerprint = published.size ? dkimRecordFingerprint(k.record) : null;
    const pem = fingerprint ? published.get(fingerprint) : undefined;
    out.set(name, { ...k, ...(pem ? { publishedPrivateKey: pem } : {}) });
  }
  return out;
}

/** DKIM keys for a scan: those stored in the case plus any imported with --dkim-keys and --dkim-published-keys. */
export function loadDkimKeys(db: Db, importText?: string, source?: string, published?: readonly PublishedDkimKey[]): Map<string, DkimKey> {
  if (importText) importDkimKeyFile(db, { text: importText, source });
  if (published?.length) storePublishedDkimKeys(db, new Map(published.map((p) => [p.spkiSha256, p.source])));
  return caseDkimKeys(db);
}

// ---------------------------------------------------------------------------------------------
// Reading the files the command line names

/** Files of a folder, recursively, in name order; hidden files and folders left out. */
async function filesOf(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) return [path];
  const entries = (await readdir(path, { withFileTypes: true })).filter((e) => !e.name.startsWith('.'));
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const out: string[] = [];
  for (const e of entries) if (e.isDirectory() || e.isFile()) out.push(...(await filesOf(join(path, e.name))));
  return out;
}

/** Key files larger than this are not key files (a folder given by mistake holds other things). */
const MAX_KEY_FILE_BYTES = 10_000_000;

export interface DkimKeyPaths {
  /** All the keys, as archive entries with their source each: the text `dkimKeys` takes. */
  text: string;
  keys: number;
  /** Per file: what could not be read. */
  problems: { file: string; line: number; message: string }[];
}

/** Where a KeyTable's key path may be on this machine: as written, then each of its trailing parts
 *  under the KeyTable's folder (a copied /etc/opendkim keeps `keys/example.org/mail.private` beside the table). */
function keyPathCandidates(table: string, keyPath: string): string[] {
  const parts = keyPath.split(/[\\/]+/).filter(Boolean);
  const here = dirname(table);
  return [isAbsolute(keyPath) ? keyPath : join(here, keyPath), ...parts.map((_, i) => join(here, ...parts.slice(i)))];
}

/** An opendkim KeyTable's keys: each private key read (see keyPathCandidates) and its public half
 *  published as the record. */
async function keyTableKeys(
  file: string,
  entries: NonNullable<ReturnType<typeof parseDkimKeyFile>['keyTable']>,
): Promise<{ keys: ArchiveEntry[]; problems: Problem[] }> {
  const keys: ArchiveEntry[] = [];
  const problems: Problem[] = [];
  for (const e of entries) {
    let text: string | undefined;
    let from = 'the key written in the line';
    if (e.inline) text = e.key;
    else
      for (const candidate of keyPathCandidates(file, e.key)) {
        try {
          text = await readFile(candidate, 'utf8');
          from = candidate;
          break;
        } catch {
          // the next place
        }
      }
    if (text === undefined) {
      problems.push({ line: e.line, message: `the private key ${e.key} cannot be read (nor under the KeyTable's folder)` });
      continue;
    }
    try {
      keys.push({
        domain: e.domain,
        selector: e.selector,
        value: publicRecordOf(readPrivateKey(text)),
        source: `${file} line ${e.line} (opendkim KeyTable; public half of ${from})`,
      });
    } catch (err) {
      problems.push({ line: e.line, message: `the private key ${from} is not an RSA or Ed25519 key: ${(err as Error).message}` });
    }
  }
  return { keys, problems };
}

/** Reads every key file the paths name (files, or folders of them), whatever their format, into one
 *  key archive whose entries keep their own source; KeyTables' private keys are read here. */
export async function readDkimKeyPaths(paths: readonly string[]): Promise<DkimKeyPaths> {
  const entries: ArchiveEntry[] = [];
  const problems: DkimKeyPaths['problems'] = [];
  for (const path of paths) {
    let files: string[];
    try {
      files = await filesOf(path);
    } catch (e) {
      throw new Error(`The DKIM key file or folder ${path} cannot be read: ${(e as Error).message}`, { cause: e });
    }
    for (const file of files) {
      if ((await stat(file)).size > MAX_KEY_FILE_BYTES) {
        problems.push({ file, line: 0, message: 'larger than a key file: skipped' });
        continue;
      }
      const text = await readFile(file, 'utf8');
      // A private key beside a KeyTable (opendkim's keys/ folder) is read through the table, not as a key file.
      if (/^\s*-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) continue;
      const parsed = /^\s*\[/.test(text) ? undefined : parseDkimKeyFile(text);
      if (parsed?.keyTable) {
        const table = await keyTableKeys(file, parsed.keyTable);
        entries.push(...table.keys);
        problems.push(...table.problems.map((p) => ({ file, ...p })));
      }
      const read = readDkimKeyFile({ text, source: file });
      for (const k of read.keys.filter((key) => KEY_NAME.test(key.name))) {
        const [selector, domain] = k.name.split('._domainkey.');
        entries.push({ domain, selector, value: k.record, source: k.source, firstSeenAt: k.firstSeenAt, lastSeenAt: k.lastSeenAt });
      }
      problems.push(...read.problems.filter((p) => !/KeyTable line/.test(p.message)).map((p) => ({ file, ...p })));
    }
  }
  return { text: JSON.stringify(entries), keys: entries.length, problems };
}

/** The published private keys of a folder (--dkim-published-keys): each PEM file's public-key fingerprint. */
export async function readPublishedKeyFolder(
  dir: string,
): Promise<{ keys: PublishedDkimKey[]; problems: { file: string; message: string }[] }> {
  const keys: PublishedDkimKey[] = [];
  const problems: { file: string; message: string }[] = [];
  for (const file of await filesOf(dir)) {
    const text = await readFile(file, 'utf8');
    // A dkim-rotate folder may hold several keys per file: each PEM block counts.
    const blocks = text.match(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g) ?? [];
    if (!blocks.length) problems.push({ file, message: 'no PEM private key in it' });
    for (const pem of blocks) {
      try {
        keys.push({ spkiSha256: spkiFingerprint(readPrivateKey(pem)), source: file });
      } catch (e) {
        problems.push({ file, message: `unreadable private key: ${(e as Error).message}` });
      }
    }
  }
  return { keys, problems };
}
