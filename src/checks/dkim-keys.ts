// Parsing an imported DKIM key file into the key table the DKIM check resolves against
// ('selector._domainkey.domain' -> TXT record text). Verification is offline: this table is the
// only place keys come from, so the parser accepts the shapes archived keys are kept in.
//
// Accepted formats (auto-detected):
//  - BIND zone-file lines: `name [ttl] [IN] TXT "v=DKIM1; k=rsa; " "p=..."`, with the value split into
//    several quoted strings, possibly inside parentheses across lines, and unquoted parts mixed in
//    (each part is a DNS character-string; they concatenate with no separator, RFC 6376 §3.6.2.2).
//  - Mail::DKIM's FAKE_DNS.dat: `name<whitespace>record` with the record unquoted, `NXDOMAIN` and
//    `~~...~~` markers for simulated DNS errors (those names are left out: no key).
//  - JSON: `{ name: { TXT: [[chunk, ...], ...] } }` (mailauth's test dns.json) or `{ name: "record" }`.
//  - dig's answer section (`name. TTL IN TXT "..." "..."`, CNAMEs followed to their TXT), and the
//    `name TXT "..."` lines the fetch line of `verity dkim needed` writes from `dig +short`.
//  - opendkim-genkey's `selector.txt` (`mail._domainkey IN TXT ( ... ) ; ----- DKIM key mail for
//    example.com`): the relative name completed from $ORIGIN or from that comment.
//  - opendkim KeyTable lines (`keyname domain:selector:/path/to/key.private`, or the key inline):
//    returned as references to private keys, which ingest/dkim-keys.ts reads (checks do no I/O).
//  - one bare record (dkimpy's dknewkey `name.dns`): returned alone; its file name names it.
// Hand-written because no maintained zone-file parser on npm keeps TXT character-strings apart from
// the quoting quirks above without pulling a DNS server library in.

import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/** A KeyTable line: the public key is the private key's public half. */
interface DkimKeyTableEntry {
  line: number;
  domain: string;
  selector: string;
  /** A path to the private key file, as written (relative paths are the KeyTable folder's), or the key itself (base64 DER). */
  key: string;
  inline: boolean;
}

export interface DkimKeyParseResult {
  keys: Map<string, string>;
  /** Lines that looked like records but could not be read, with their line number. */
  problems: { line: number; message: string }[];
  /** opendkim KeyTable lines, whose keys are private key files to read. */
  keyTable?: DkimKeyTableEntry[];
  /** The whole text is one record without a name (dkimpy's dknewkey `.dns` file). */
  bareRecord?: string;
}

/** Record types we recognise in zone files, so that non-TXT lines are skipped rather than misread. */
const RR_TYPES = new Set(['A', 'AAAA', 'MX', 'NS', 'PTR', 'CNAME', 'SOA', 'SRV', 'CAA', 'DS', 'DNSKEY', 'TLSA', 'HINFO', 'TXT', 'SPF']);
const CLASSES = new Set(['IN', 'CH', 'HS']);

/** Lower-case, no trailing dot: DNS names compare case-insensitively (RFC 4343). */
function normaliseDnsName(name: string): string {
  return name.trim().replace(/\.+$/, '').toLowerCase();
}

/** The key-table name for a signature's selector and domain. */
export function dkimKeyName(selector: string, domain: string): string {
  return normaliseDnsName(`${selector}._domainkey.${domain}`);
}

/** A DKIM key record's tag list: `v=DKIM1; k=rsa; p=...`, or without v= but with p=. */
const BARE_RECORD = /^(?:v\s*=\s*DKIM1\s*;[\s\S]*|(?:[a-z]\s*=[^;]*;\s*)*p\s*=[\s\S]*)$/i;

export function parseDkimKeyFile(text: string): DkimKeyParseResult {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('{')) return parseJson(trimmed);
  const unquoted = trimmed.replace(/^"([^"]*)"$/, '$1');
  if (!/[\r\n]/.test(trimmed) && BARE_RECORD.test(unquoted)) return { keys: new Map(), problems: [], bareRecord: unquoted };
  return parseLines(text);
}

function parseJson(text: string): DkimKeyParseResult {
  const keys = new Map<string, string>();
  const problems: DkimKeyParseResult['problems'] = [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { keys, problems: [{ line: 0, message: `not valid JSON: ${(e as Error).message}` }] };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    return { keys, problems: [{ line: 0, message: 'JSON key file must be an object of name -> record' }] };
  for (const [name, value] of Object.entries(data as Record<string, unknown>)) {
    if (typeof value === 'string') keys.set(normaliseDnsName(name), value);
    else if (value && typeof value === 'object' && Array.isArray((value as { TXT?: unknown }).TXT)) {
      // mailauth's resolver shape: a list of records, each a list of character-strings. DKIM wants
      // one record per name; the first one that is a DKIM key wins (others are SPF etc.).
      const records = (value as { TXT: unknown[] }).TXT.map((r) => (Array.isArray(r) ? r.map(String).join('') : String(r)));
      const dkim = records.find((r) => /(^|;)\s*(v\s*=\s*DKIM1|p\s*=)/i.test(r)) ?? records[0];
      if (dkim !== undefined) keys.set(normaliseDnsName(name), dkim);
    } else problems.push({ line: 0, message: `unreadable record for ${name}` });
  }
  return { keys, problems };
}

/** Splits a zone-file value into tokens: quoted strings (escapes resolved) and bare words; ';' starts a comment outside quotes. */
function tokenize(s: string): { tokens: { text: string; quoted: boolean }[]; open: number } {
  const tokens: { text: string; quoted: boolean }[] = [];
  let open = 0;
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === ';') break;
    if (c === '(') {
      open++;
      i++;
      continue;
    }
    if (c === ')') {
      open--;
      i++;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      let out = '';
      i++;
      while (i < s.length && s[i] !== '"') {
        if (s[i] === '\\' && i + 1 < s.length) {
          const m = s.slice(i + 1, i + 4).match(/^\d{3}/);
          if (m) {
            out += String.fromCharCode(Number(m[0]));
            i += 4;
            continue;
          }
          out += s[i + 1];
          i += 2;
          continue;
        }
        out += s[i++];
      }
      i++; // closing quote
      tokens.push({ text: out, quoted: true });
      continue;
    }
    let out = '';
    while (i < s.length && !/[\s;()"]/.test(s[i])) out += s[i++];
    tokens.push({ text: out, quoted: false });
  }
  return { tokens, open };
}

/** `keyname domain:selector:keypath-or-key` (opendkim.conf(5), KeyTable). */
const KEY_TABLE_VALUE = /^([^\s:=;"]+):([^\s:=;"]+):(\S+)$/;
/** opendkim-genkey's comment after the record: "----- DKIM key mail for example.com". */
const GENKEY_COMMENT = /;\s*-+\s*DKIM key (\S+) for (\S+)/i;

/** The absolute name of a zone-file owner name: relative names get $ORIGIN (or, from opendkim-genkey, the domain its comment names). */
function absoluteName(name: string, origin: string | undefined, line: string): string {
  if (name === '@' && origin) return normaliseDnsName(origin);
  if (name.endsWith('.') || (!origin && !/\._domainkey$/i.test(name))) return normaliseDnsName(name);
  if (origin) return normaliseDnsName(`${name}.${origin}`);
  const genkey = GENKEY_COMMENT.exec(line);
  return normaliseDnsName(genkey && /\._domainkey$/i.test(name) ? `${name}.${genkey[2]}` : name);
}

function parseLines(text: string): DkimKeyParseResult {
  const keys = new Map<string, string>();
  const aliases = new Map<string, string>();
  const keyTable: DkimKeyTableEntry[] = [];
  const problems: DkimKeyParseResult['problems'] = [];
  const lines = text.split(/\r?\n/);
  let origin: string | undefined;
  for (let n = 0; n < lines.length; n++) {
    const startLine = n + 1;
    let line = lines[n];
    const directive = line.match(/^\s*\$ORIGIN\s+(\S+)/i);
    if (directive) origin = directive[1] === '.' ? undefined : directive[1];
    if (/^\s*([;#$]|$)/.test(line)) continue; // comments (dig's ";; ANSWER SECTION:"), $TTL, blank lines
    // A record continued across lines by an open parenthesis: join until it closes.
    let depth = tokenize(line).open;
    while (depth > 0 && n + 1 < lines.length) {
      n++;
      line += ' ' + lines[n];
      depth = tokenize(line).open;
    }
    const m = line.match(/^\s*(\S+)\s+([\s\S]*)$/);
    if (!m) {
      if (/\S/.test(line)) problems.push({ line: startLine, message: `no record after the name: ${line.trim().slice(0, 80)}` });
      continue;
    }
    const name = absoluteName(m[1], origin, line);
    let rest = m[2];
    // Zone-file prefix: [ttl] [class] type, in either order for ttl/class.
    let type: string | undefined;
    for (let k = 0; k < 3; k++) {
      const w = rest.match(/^(\S+)\s*([\s\S]*)$/);
      if (!w) break;
      const word = w[1].toUpperCase();
      if (/^\d+$/.test(word) || CLASSES.has(word)) {
        rest = w[2];
        continue;
      }
      if (RR_TYPES.has(word)) {
        type = word;
        rest = w[2];
      }
      break;
    }
    if (type !== undefined) {
      if (type === 'CNAME') {
        const target = tokenize(rest).tokens[0]?.text;
        if (target) aliases.set(name, absoluteName(target, origin, ''));
      }
      if (type !== 'TXT' && type !== 'SPF') continue;
      const { tokens } = tokenize(rest);
      keys.set(name, tokens.map((t) => t.text).join(''));
      continue;
    }
    const value = rest.trim();
    const entry = KEY_TABLE_VALUE.exec(value);
    if (entry) {
      // opendkim reads a path when the field starts with '/' or './'; a long base64 field is the key itself.
      const inline = !/^\.?\//.test(entry[3]) && /^[A-Za-z0-9+/]{100,}={0,2}$/.test(entry[3]);
      keyTable.push({ line: startLine, domain: entry[1], selector: entry[2], key: entry[3], inline });
      continue;
    }
    // FAKE_DNS.dat style: the rest of the line is the record itself.
    if (value === 'NXDOMAIN' || /^~~.*~~$/.test(value)) continue; // simulated absence / DNS error: no key
    const whole = value.match(/^"((?:[^"\\]|\\.)*)"$/);
    keys.set(name, whole ? whole[1] : value);
  }
  // A CNAME'd key (Microsoft 365, SendGrid and other providers' selectors) is the TXT at its target.
  for (const [alias] of aliases) {
    let target = alias;
    for (let hops = 0; hops < 8 && aliases.has(target); hops++) target = aliases.get(target)!;
    const record = keys.get(target);
    if (record !== undefined && !keys.has(alias)) keys.set(alias, record);
  }
  return { keys, problems, ...(keyTable.length ? { keyTable } : {}) };
}

/** SHA-256 (hex) of a public key's SPKI DER: how a published private key is matched to a key record. */
export function spkiFingerprint(key: KeyObject): string {
  return createHash('sha256')
    .update((key.type === 'private' ? createPublicKey(key) : key).export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** A private key as given: PEM (PKCS#1, PKCS#8), or base64 DER as opendkim's KeyTable may hold it inline. */
export function readPrivateKey(text: string): KeyObject {
  const t = text.trim();
  if (t.includes('-----BEGIN')) return createPrivateKey(t);
  const der = Buffer.from(t.replace(/\s+/g, ''), 'base64');
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs1' });
  }
}

/** The DKIM key record that publishes a private key's public half (as opendkim-genkey and dknewkey write it). */
export function publicRecordOf(privateKey: KeyObject): string {
  const pub = createPublicKey(privateKey);
  if (pub.asymmetricKeyType === 'ed25519') {
    const raw = pub.export({ type: 'spki', format: 'der' }).subarray(-32);
    return `v=DKIM1; k=ed25519; p=${raw.toString('base64')}`;
  }
  if (pub.asymmetricKeyType !== 'rsa') throw new Error(`a ${pub.asymmetricKeyType} key is not a DKIM key (rsa or ed25519)`);
  return `v=DKIM1; k=rsa; p=${pub.export({ type: 'spki', format: 'der' }).toString('base64')}`;
}
