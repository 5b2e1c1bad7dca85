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
// Hand-written because no maintained zone-file parser on npm keeps TXT character-strings apart from
// the quoting quirks above without pulling a DNS server library in.

export interface DkimKeyParseResult {
  keys: Map<string, string>;
  /** Lines that looked like records but could not be read, with their line number. */
  problems: { line: number; message: string }[];
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

export function parseDkimKeyFile(text: string): DkimKeyParseResult {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('{')) return parseJson(trimmed);
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

function parseLines(text: string): DkimKeyParseResult {
  const keys = new Map<string, string>();
  const problems: DkimKeyParseResult['problems'] = [];
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const startLine = n + 1;
    let line = lines[n];
    if (/^\s*([;#$]|$)/.test(line)) continue; // comments, $ORIGIN/$TTL directives, blank lines
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
    const name = normaliseDnsName(m[1]);
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
      if (type !== 'TXT' && type !== 'SPF') continue;
      const { tokens } = tokenize(rest);
      keys.set(name, tokens.map((t) => t.text).join(''));
      continue;
    }
    // FAKE_DNS.dat style: the rest of the line is the record itself.
    const value = rest.trim();
    if (value === 'NXDOMAIN' || /^~~.*~~$/.test(value)) continue; // simulated absence / DNS error: no key
    const whole = value.match(/^"((?:[^"\\]|\\.)*)"$/);
    keys.set(name, whole ? whole[1] : value);
  }
  return { keys, problems };
}
