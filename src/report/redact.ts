// Source protection: what in a report could expose a source or an uninvolved person, and replacing each
// such value everywhere with a stable token (what and where: docs/report.md, "Redaction").

import { parseAddressHeader } from 'mailparser';
import type { Db } from '../store/db.js';
import { metadataValuesOf } from '../store/queries/report-documents.js';
import type { RedactionCandidate, ReportSelection } from '../model/api.js';
import type { ReportMetadataEntry } from '../model/report.js';
import type { LocatorSegment } from '../model/document.js';
import { gatherReport, type GatheredDocument, type GatheredReport } from './gather.js';
import { PhraseMatcher, phraseKey } from './phrase-match.js';

export type RedactionCategory = RedactionCandidate['category'];

/** Order of categories in lists, tokens and warnings. */
const REDACTION_CATEGORIES: readonly RedactionCategory[] = ['person', 'email', 'device', 'gps', 'printer'];

/** Word used inside the token and in warnings, per category. */
const CATEGORY_LABEL: Record<RedactionCategory, { token: string; plural: string }> = {
  person: { token: 'person', plural: 'author, editor or correspondent names' },
  email: { token: 'address', plural: 'email addresses' },
  device: { token: 'device serial', plural: 'device serial numbers' },
  gps: { token: 'location', plural: 'GPS positions' },
  printer: { token: 'scanner/printer', plural: 'scanner or printer identifiers' },
};

/** Metadata keys whose value is a person's name (any source: Office, ODF, OLE, XMP, EXIF, IPTC, MAPI). */
const PERSON_KEYS = new Set(
  [
    'Author',
    'LastAuthor',
    'dc:creator',
    'dc:contributor',
    'cp:lastModifiedBy',
    'meta:initial-creator',
    'xmp:Author',
    'pdf:Author',
    'Artist',
    'By-line',
    'Writer-Editor',
    'Credit',
    'OwnerName',
    'CameraOwnerName',
    'Manager',
    'Owner',
    'senderName',
    'SenderName',
    'creatorName',
    'lastModifierName',
    'PidTagSenderName',
    'PidTagSentRepresentingName',
    'PidTagLastModifierName',
    'PidTagDisplayTo',
    'PidTagDisplayCc',
    'PidTagDisplayBcc',
    'PidTagCreatorName',
  ].map((k) => k.toLowerCase()),
);

/** Headers whose value is an address list (display names and addresses). */
const ADDRESS_HEADERS = new Set(
  [
    'From',
    'To',
    'Cc',
    'Bcc',
    'Reply-To',
    'Sender',
    'Resent-From',
    'Resent-To',
    'Resent-Cc',
    'Resent-Sender',
    'Return-Path',
    'Delivered-To',
    'X-Original-To',
    'X-Sender',
    'X-Envelope-From',
    'X-Envelope-To',
    'Disposition-Notification-To',
    'Return-Receipt-To',
    'Errors-To',
  ].map((k) => k.toLowerCase()),
);

/** Identifier headers and evidence keys: not harvested for addresses (a Message-ID looks like one). */
const ID_KEY =
  /^(message-?id|in-?reply-?to|references|resent-message-id|content-id|x-ms-.*|thread-index|dkim-signature|arc-.*|x-google-.*|messageids?)$/i;

/** Person roles of facts.people that name a human (not 'company'). */
const PERSON_ROLES = new Set([
  'author',
  'last-modified-by',
  'comment-author',
  'revision-author',
  'sender',
  'recipient',
  'initial-creator',
  'editor',
  'contributor',
  'owner',
  'artist',
]);

/** Account names that name nobody: installers' defaults. */
const GENERIC_NAMES = new Set([
  'user',
  'utilisateur',
  'usuario',
  'utente',
  'benutzer',
  'gebruiker',
  'administrator',
  'administrateur',
  'administrador',
  'admin',
  'owner',
  'author',
  'auteur',
  'autor',
  'unknown',
  'inconnu',
  'windows user',
  'microsoft office user',
  'utilisateur de microsoft office',
  'utilisateur windows',
  'guest',
  'invité',
  'default',
  'test',
  'pc',
  'home',
  'none',
  'n/a',
  '-',
]);

/** Scanner and printer product lines, as they appear in Producer/Creator/Software strings. */
const SCANNER_PRINTER = new RegExp(
  [
    'scan(?:ner|snap|ned)?\\b',
    'paperstream',
    'canoscan',
    'imagerunner',
    '\\biR[- ]?(?:ADV|C?\\d{3,4})',
    'imageclass',
    'workcent(?:re|er)',
    'altalink',
    'versalink',
    'docucentre',
    'apeos',
    'bizhub',
    'laserjet',
    'officejet',
    'pagewide',
    'deskjet',
    'ecosys',
    'taskalfa',
    'aficio',
    '\\bMFP\\b',
    '\\bMFC-',
    '\\bDCP-',
    'lexmark',
    'kyocera',
    'konica',
    'ricoh',
    'sharp mx',
    'e-studio',
    'xerox',
    'printer',
    'fujitsu fi-',
    '\\bfi-\\d{4}',
    'naps2',
    'vuescan',
    'twain',
  ].join('|'),
  'i',
);

/** Keys that carry the producing application or device (where a scanner or printer names itself). */
const PRODUCER_KEYS = new Set([
  'producer',
  'creator',
  'xmp:creatortool',
  'pdf:producer',
  'software',
  'application',
  'appname',
  'meta:generator',
  'generator',
  'x:xmptk',
]);

// Bounded and anchored at a token start: an unbounded `[...]+@` backtracks quadratically on a
// long run of letters without '@' (a hostile 10 MB header took two minutes). RFC 5321 limits
// the local part to 64 characters and a label to 63.
const EMAIL_RE = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,8}/gu;

function categoriseField(source: string, key: string, value: string): RedactionCategory | null {
  const k = key.toLowerCase();
  if (source === 'gps' || /^gps/i.test(key)) return 'gps';
  if (/serial/i.test(key)) return 'device';
  if (/printer|scanner/i.test(key)) return 'printer';
  if (PRODUCER_KEYS.has(k) && SCANNER_PRINTER.test(value)) return 'printer';
  return null;
}

const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
const normKey = phraseKey;

function isGenericName(name: string): boolean {
  const n = normKey(name);
  return GENERIC_NAMES.has(n) || !/\p{L}.*\p{L}/u.test(n);
}

/** Parsed address list: the display names and the addresses. */
function addressParts(value: string): { names: string[]; addresses: string[] } {
  const names: string[] = [];
  const addresses: string[] = [];
  try {
    for (const a of parseAddressHeader(value, { flatten: true }).value) {
      // The display name of a machine address (a list's "reseau-asso" <reseau-asso-bounces@...>)
      // names a list, not a person.
      const machine = !!a.address && isMachineAddress(a.address);
      if (a.name && a.name.trim() && !machine) names.push(a.name.trim());
      if (a.address && a.address.includes('@')) addresses.push(a.address.trim());
    }
  } catch {
    // an unparseable list: the address scan below still finds its addresses
  }
  for (const m of value.matchAll(EMAIL_RE)) addresses.push(m[0]);
  return { names, addresses };
}

/** Strings of an evidence object, with the key each sits under (identifier keys skipped). */
function* evidenceStrings(v: unknown, key = ''): Generator<string> {
  if (typeof v === 'string') {
    if (!ID_KEY.test(key)) yield v;
  } else if (Array.isArray(v)) {
    for (const x of v) yield* evidenceStrings(x, key);
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) yield* evidenceStrings(x, k);
  }
}

class CandidateSet {
  /** (category, source, field, normalised value) -> candidate with the documents carrying it. */
  private readonly byKey = new Map<string, { c: RedactionCandidate; docs: Set<string> }>();

  add(doc: string, category: RedactionCategory, source: string, field: string, value: string): void {
    const v = norm(value);
    if (v === '') return;
    if (category === 'person' && isGenericName(v)) return;
    const key = `${category}\u0000${source}\u0000${field}\u0000${v.toLowerCase()}`;
    let e = this.byKey.get(key);
    if (!e) {
      e = { c: { field, source, value: v, documents: 0, category }, docs: new Set() };
      this.byKey.set(key, e);
    }
    e.docs.add(doc);
  }

  list(): RedactionCandidate[] {
    const out = [...this.byKey.values()].map((e) => ({ ...e.c, documents: e.docs.size }));
    const rank = (c: RedactionCategory) => REDACTION_CATEGORIES.indexOf(c);
    return out.sort(
      (a, b) =>
        rank(a.category) - rank(b.category) ||
        b.documents - a.documents ||
        cmp(a.value, b.value) ||
        cmp(a.source, b.source) ||
        cmp(a.field, b.field),
    );
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Split 'ooxml.core:dc:creator' into source and field. */
function splitClaimSource(s: string): { source: string; field: string } {
  const i = s.indexOf(':');
  return i < 0 ? { source: s, field: s } : { source: s.slice(0, i), field: s.slice(i + 1) };
}

/**
 * People the whole case names (senders, recipients, authors, editors), to find them where the
 * selected documents mention them only in passing: a mailbox folder in a path (mail/nadia.haddad/),
 * a subject, a note, a finding's message. Read through the (key, value) index, so distinct values
 * only.
 */
export interface KnownPeople {
  /** Display and author names. */
  names: string[];
  /** Addresses. */
  addresses: string[];
}

const ADDRESS_HEADER_SPELLINGS = [
  'From',
  'To',
  'Cc',
  'CC',
  'Bcc',
  'BCC',
  'Reply-To',
  'Sender',
  'Delivered-To',
  'X-Original-To',
  'Return-Path',
  'Resent-From',
  'Resent-To',
];
const PERSON_KEY_SPELLINGS = [
  'Author',
  'LastAuthor',
  'dc:creator',
  'cp:lastModifiedBy',
  'meta:initial-creator',
  'xmp:Author',
  'Artist',
  'OwnerName',
  'CameraOwnerName',
  'By-line',
  'Writer-Editor',
];

export function knownPeople(db: Db): KnownPeople {
  const names = new Set<string>();
  const addresses = new Set<string>();
  const rows = metadataValuesOf(db, [...ADDRESS_HEADER_SPELLINGS, ...PERSON_KEY_SPELLINGS]);
  for (const r of rows) {
    if (ADDRESS_HEADERS.has(r.key.toLowerCase())) {
      const parts = addressParts(r.value);
      // Only names written like a person's: list and service names ("reseau-asso", "Service des
      // salles") would otherwise be searched for, and replaced, all over the report.
      for (const n of parts.names) if (!n.includes('@') && !isGenericName(n) && looksLikePersonName(n)) names.add(norm(n));
      for (const a of parts.addresses) addresses.add(norm(a));
    } else {
      const name = norm(r.value.replace(EMAIL_RE, '').replace(/[<>()"]/g, ' '));
      if (name && !isGenericName(name) && looksLikePersonName(name)) names.add(name);
      for (const a of r.value.matchAll(EMAIL_RE)) addresses.add(norm(a[0]));
    }
  }
  const sorted = (x: Set<string>) => [...x].sort(cmp);
  return { names: sorted(names), addresses: sorted(addresses) };
}

/** Words that make a display name a service or a team rather than a person. */
const NOT_A_PERSON =
  /^(service|services|mairie|équipe|equipe|team|support|contact|info|infos|news|newsletter|presse|direction|secrétariat|secretariat|accueil|comptabilité|comptabilite|liste|list|bureau|office|admin|noreply|no-reply)$/i;
const PARTICLES = new Set([
  'de',
  'du',
  'des',
  'del',
  'della',
  'der',
  'den',
  'van',
  'von',
  'le',
  'la',
  'di',
  'da',
  'dos',
  'y',
  'bin',
  'ibn',
  'al',
]);

/** A display name written like a person's (Claire Dumont, Jean-Luc de La Tour), not a service's
 * (Service des salles): two to five words, each capitalised apart from particles. */
export function looksLikePersonName(name: string): boolean {
  const words = norm(name).split(' ');
  if (words.length < 2 || words.length > 5) return false;
  return words.every((w) => PARTICLES.has(w.toLowerCase()) || (/^\p{Lu}[\p{L}\p{M}'’.-]*$/u.test(w) && !NOT_A_PERSON.test(w)));
}

/** Words of a person's name that identify them on their own in a file or folder name (julien in
 * xls_julien/): from names written like a person's, letters only, four or more, not a particle. */
export function nameParts(name: string): string[] {
  if (!looksLikePersonName(name)) return [];
  return phraseKey(name)
    .split(/[\s.,'’_()-]+/)
    .filter((w) => w.length >= 4 && /^\p{L}+$/u.test(w) && !PARTICLES.has(w));
}

/** What a report of these documents would disclose, from the very data the report is made of. */
export function candidatesOf(data: GatheredReport, known?: KnownPeople): RedactionCandidate[] {
  const set = new CandidateSet();
  const referenced = new Map(data.referenced);
  // Names and addresses the case knows, and the name-like local parts of its addresses (logins).
  const mention = known
    ? (() => {
        const byKey = new Map<string, RedactionCategory>();
        for (const n of known.names) byKey.set(normKey(n), 'person');
        for (const a of known.addresses) {
          byKey.set(normKey(a), 'email');
          const lp = localPart(a);
          if (lp && !byKey.has(normKey(lp))) byKey.set(normKey(lp), 'email');
        }
        // In paths, a single word of a name is enough to point at someone (mail/xls_julien/).
        const inPaths = new Map(byKey);
        for (const n of known.names) for (const w of nameParts(n)) if (!inPaths.has(w)) inPaths.set(w, 'person');
        return {
          matcher: new PhraseMatcher([...byKey.keys()].filter((k) => k.length >= 3)),
          pathMatcher: new PhraseMatcher([...inPaths.keys()].filter((k) => k.length >= 3)),
          byKey: inPaths,
        };
      })()
    : null;
  const scanPath = (doc: string, field: string, text: string) => {
    if (!mention || !text) return;
    for (const h of mention.pathMatcher.hits(text.normalize('NFC').replace(/_/g, ' ')))
      set.add(doc, mention.byKey.get(h.key) ?? 'person', 'document', field, text.normalize('NFC').slice(h.index, h.index + h.text.length));
  };
  const scan = (doc: string, source: string, field: string, text: string) => {
    if (!mention || !text) return;
    for (const h of mention.matcher.hits(text.normalize('NFC'))) set.add(doc, mention.byKey.get(h.key) ?? 'person', source, field, h.text);
  };
  for (const d of data.documents) {
    for (const p of d.people) {
      const { source, field } = splitClaimSource(p.source);
      // A claim without a display name carries the address as its name: that is an address.
      if (PERSON_ROLES.has(p.role) && p.name && !p.name.includes('@') && !(p.email && isMachineAddress(p.email)))
        set.add(d.id, 'person', source, field, p.name);
      if (p.email && p.email.includes('@')) set.add(d.id, 'email', source, field, p.email);
    }
    for (const m of d.metadata) {
      const k = m.key.toLowerCase();
      const field = categoriseField(m.source, m.key, m.value);
      if (field) {
        set.add(d.id, field, m.source, m.key, m.value);
        continue;
      }
      if (ADDRESS_HEADERS.has(k)) {
        const parts = addressParts(m.value);
        for (const n of parts.names) if (!n.includes('@')) set.add(d.id, 'person', m.source, m.key, n);
        for (const a of parts.addresses) set.add(d.id, 'email', m.source, m.key, a);
        continue;
      }
      if (PERSON_KEYS.has(k)) {
        for (const a of m.value.matchAll(EMAIL_RE)) set.add(d.id, 'email', m.source, m.key, a[0]);
        const name = m.value.replace(EMAIL_RE, '').replace(/[<>()"]/g, ' ');
        if (norm(name)) set.add(d.id, 'person', m.source, m.key, name);
        continue;
      }
      if (!ID_KEY.test(m.key)) {
        for (const a of m.value.matchAll(EMAIL_RE)) set.add(d.id, 'email', m.source, m.key, a[0]);
        scan(d.id, m.source, m.key, m.value);
      }
    }
    for (const f of d.flags) {
      for (const a of f.message.matchAll(EMAIL_RE)) set.add(d.id, 'email', f.check, 'finding message', a[0]);
      scan(d.id, f.check, 'finding message', f.message);
      for (const s of evidenceStrings(f.evidence)) {
        for (const a of s.matchAll(EMAIL_RE)) set.add(d.id, 'email', f.check, 'finding evidence', a[0]);
        scan(d.id, f.check, 'finding evidence', s);
      }
    }
    scanPath(d.id, 'path', d.path);
    for (const f of d.flags)
      for (const id of evidenceStrings(f.evidence))
        if (referenced.has(id)) scanPath(d.id, 'path of a document the evidence names', referenced.get(id)!);
    scan(d.id, 'document', 'title', d.title ?? '');
    scan(d.id, 'analyst', 'note', d.note);
    for (const t of d.tags) scan(d.id, 'analyst', 'tag', t);
  }
  return set.list();
}

/** The redaction candidates of a report selection (the API's report.redactionCandidates). */
export function redactionCandidates(db: Db, selection: ReportSelection): RedactionCandidate[] {
  return candidatesOf(gatherReport(db, selection), knownPeople(db));
}

interface RedactionToken {
  value: string;
  token: string;
  category: RedactionCategory;
}

export interface Redactor {
  /** One token per distinct value, numbered per category in a fixed order. */
  readonly tokens: readonly RedactionToken[];
  /** Replace every candidate value in a text. */
  text(s: string): string;
  /** The same for a path or file name, where '_' separates words and one word of a person's name
   * (julien in xls_julien/) is replaced too. */
  path(s: string): string;
  /** A sensitive field's whole value, or null when the field is not one. */
  field(source: string, key: string, value: string): string | null;
}

/** Values too short or too common to replace inside free text (they are still replaced as fields). */
function replaceableInText(t: RedactionToken): boolean {
  if (t.category === 'gps') return t.value.length >= 5 && /\d/.test(t.value);
  return t.value.length >= 3;
}

const MACHINE_LOCAL =
  /(^|[-_.+])(lists?|bounces?|request|owner|admin|noreply|no-reply|donotreply|do-not-reply|mailer-daemon|postmaster|notifications?|newsletter)([-_.+]|$)/i;

function isMachineAddress(address: string): boolean {
  const at = address.lastIndexOf('@');
  return /^lists?\./i.test(address.slice(at + 1)) || MACHINE_LOCAL.test(address.slice(0, at));
}

/** The name-like local part of an address (julien.marchand@...), redacted with the address. */
function localPart(address: string): string | null {
  const lp = address.slice(0, address.lastIndexOf('@'));
  // Machine addresses (lists, bounces, no-reply) have no person behind their local part.
  if (isMachineAddress(address)) return null;
  return lp.length >= 5 && /[._-]/.test(lp) && /\p{L}{2}/u.test(lp) ? lp : null;
}

export function buildRedactor(candidates: readonly RedactionCandidate[]): Redactor {
  // One token per distinct value (case-insensitive); a value seen under two categories takes the
  // first in REDACTION_CATEGORIES order. Numbered in category order, then by value, so the same
  // candidates always give the same tokens.
  const byValue = new Map<string, { value: string; category: RedactionCategory }>();
  const rank = (c: RedactionCategory) => REDACTION_CATEGORIES.indexOf(c);
  for (const c of candidates) {
    const k = normKey(c.value);
    const seen = byValue.get(k);
    if (!seen || rank(c.category) < rank(seen.category)) byValue.set(k, { value: norm(c.value), category: c.category });
  }
  // A login found in a path ("nadia.haddad") is the local part of an address: one token for both.
  const addressOfLogin = new Map<string, string>();
  for (const [k, v] of [...byValue.entries()].sort(([a], [b]) => cmp(a, b))) {
    if (v.category !== 'email') continue;
    const lp = k.includes('@') ? localPart(k) : null;
    if (lp && !addressOfLogin.has(lp)) addressOfLogin.set(lp, k);
  }
  // A single word of one person's name found in a path (julien in xls_julien/) is that person.
  const personOfPart = new Map<string, string | null>();
  for (const [k, v] of [...byValue.entries()].sort(([a], [b]) => cmp(a, b))) {
    if (v.category !== 'person' || !k.includes(' ')) continue;
    for (const w of nameParts(v.value)) personOfPart.set(w, personOfPart.has(w) && personOfPart.get(w) !== k ? null : k);
  }
  const aliasOf = (k: string): string | null => {
    if (k.includes('@')) return null;
    if (addressOfLogin.has(k)) return addressOfLogin.get(k)!;
    const person = personOfPart.get(k);
    return person && byValue.get(k)?.category === 'person' ? person : null;
  };
  const distinct = [...byValue.entries()]
    .filter(([k]) => !aliasOf(k))
    .sort(([ka, a], [kb, b]) => rank(a.category) - rank(b.category) || cmp(ka, kb));
  const counters: Record<RedactionCategory, number> = { person: 0, email: 0, device: 0, gps: 0, printer: 0 };
  const tokens: RedactionToken[] = [];
  const tokenOf = new Map<string, string>();
  for (const [k, v] of distinct) {
    const token = `[redacted ${CATEGORY_LABEL[v.category].token} ${++counters[v.category]}]`;
    tokens.push({ value: v.value, token, category: v.category });
    tokenOf.set(k, token);
  }
  for (const k of [...byValue.keys()].sort(cmp)) {
    const a = aliasOf(k);
    if (a) {
      tokens.push({ value: byValue.get(k)!.value, token: tokenOf.get(a)!, category: byValue.get(a)!.category });
      tokenOf.set(k, tokenOf.get(a)!);
    }
  }
  // Free-text patterns: every replaceable value plus the local parts of addresses, longest first so
  // an address wins over its own local part. Whitespace inside a value matches any run of spaces.
  const textual = new Map<string, string>();
  for (const t of tokens) {
    if (!replaceableInText(t)) continue;
    textual.set(normKey(t.value), tokenOf.get(normKey(t.value)) ?? t.token);
    if (t.category === 'email') {
      const lp = localPart(t.value);
      if (lp && !textual.has(normKey(lp))) textual.set(normKey(lp), t.token);
    }
  }
  // Whole words only: "Marc" must not eat into "Marchand", nor a serial into a longer number.
  const matcher = new PhraseMatcher(textual.keys());
  // Words of people's names, for paths: the person's own token when only one person has that word,
  // a plain "[redacted name]" when several do (a shared first name must not link two people).
  const partOwners = new Map<string, Set<string>>();
  for (const t of tokens) {
    if (t.category !== 'person') continue;
    for (const w of nameParts(t.value)) {
      if (textual.has(w)) continue;
      const owners = partOwners.get(w) ?? new Set<string>();
      owners.add(t.token);
      partOwners.set(w, owners);
    }
  }
  const partToken = new Map<string, string>();
  for (const [w, owners] of [...partOwners.entries()].sort(([a], [b]) => cmp(a, b)))
    partToken.set(w, owners.size === 1 ? [...owners][0] : '[redacted name]');
  const inPaths = new Map([...textual, ...partToken]);
  const pathMatcher = new PhraseMatcher(inPaths.keys());
  // In free text, a first or last name alone ("À demain, Claire" in a quoted signature) is replaced
  // only when capitalised: many names are also words ("claire", "pierre", "rose").
  const partMatcher = new PhraseMatcher(partToken.keys());
  const capitalised = /^\p{Lu}/u;
  return {
    tokens,
    text(s: string): string {
      if (!s) return s;
      const whole = matcher.replace(s, (h) => textual.get(h.key) ?? h.text);
      return partMatcher.replace(whole, (h) => (capitalised.test(h.text) ? (partToken.get(h.key) ?? h.text) : h.text));
    },
    path(s: string): string {
      if (!s) return s;
      return pathMatcher.replace(s, (h) => inPaths.get(h.key) ?? h.text, { underscoreSeparates: true });
    },
    field(source: string, key: string, value: string): string | null {
      if (!categoriseField(source, key, value)) return null;
      return (
        tokenOf.get(normKey(value)) ??
        (norm(value) === '' ? value : `[redacted ${CATEGORY_LABEL[categoriseField(source, key, value)!].token}]`)
      );
    },
  };
}

function redactDeep(v: unknown, r: Redactor): unknown {
  if (typeof v === 'string') return r.text(v);
  if (Array.isArray(v)) return v.map((x) => redactDeep(x, r));
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, redactDeep(x, r)]));
  return v;
}

function redactSegment(s: LocatorSegment, r: Redactor): LocatorSegment {
  switch (s.type) {
    case 'file': {
      // The raw name bytes would give the redacted path back.
      return { type: 'file', path: r.path(s.path) };
    }
    case 'member':
    case 'attachment':
      return { ...s, name: r.path(s.name) };
    case 'item':
      return { ...s, name: r.path(s.name) };
    default:
      return s;
  }
}

function redactMetadata(m: ReportMetadataEntry, r: Redactor): ReportMetadataEntry {
  return { source: m.source, key: m.key, value: r.field(m.source, m.key, m.value) ?? r.text(m.value) };
}

function redactDocument(d: GatheredDocument, r: Redactor): GatheredDocument {
  const out: GatheredDocument = {
    ...d,
    path: r.path(d.path),
    name: r.path(d.name),
    title: d.title === null ? null : r.text(d.title),
    note: r.text(d.note),
    tags: d.tags.map((t) => r.text(t)),
    flags: d.flags.map((f) => ({ ...f, message: r.text(f.message), evidence: redactDeep(f.evidence, r) as Record<string, unknown> })),
    metadata: d.metadata.map((m) => redactMetadata(m, r)),
    locator: d.locator.map((s) => redactSegment(s, r)),
    people: d.people.map((p) => ({ ...p, name: r.text(p.name), ...(p.email !== undefined ? { email: r.text(p.email) } : {}) })),
  };
  if (d.messageId !== undefined) out.messageId = r.text(d.messageId);
  if (d.parentPath !== undefined) out.parentPath = r.path(d.parentPath);
  if (d.dkim)
    out.dkim = d.dkim.map((s) => ({
      ...s,
      domain: r.text(s.domain),
      selector: r.text(s.selector),
      reason: r.text(s.reason),
      // A key file's folders name the analyst's machine, as the dump root does: its name is kept.
      keySource: s.keySource === null ? null : r.path(s.keySource.split(/[\\/]/).filter(Boolean).pop() ?? s.keySource),
    }));
  return out;
}

/** The report data with every candidate value replaced by its token. */
export function redactReport(data: GatheredReport, r: Redactor): GatheredReport {
  const root = data.dump.root.replace(/[\\/]+$/, '');
  const base = root.split(/[\\/]/).pop() ?? '';
  return {
    ...data,
    dump: { ...data.dump, root: r.path(base) },
    selection: { ...data.selection, ...(data.selection.tag ? { tag: r.text(data.selection.tag) } : {}) },
    documents: data.documents.map((d) => redactDocument(d, r)),
    referenced: data.referenced.map(([id, path]) => [id, r.path(path)]),
  };
}

/** Distinct values per category (what the CLI warns about). */
export function countByCategory(candidates: readonly RedactionCandidate[]): Record<RedactionCategory, number> {
  const seen: Record<RedactionCategory, Set<string>> = {
    person: new Set(),
    email: new Set(),
    device: new Set(),
    gps: new Set(),
    printer: new Set(),
  };
  for (const c of candidates) seen[c.category].add(normKey(c.value));
  return Object.fromEntries(REDACTION_CATEGORIES.map((c) => [c, seen[c].size])) as Record<RedactionCategory, number>;
}

/** The warning printed when a report is written without --redact; null when nothing is exposed. */
export function redactionWarning(candidates: readonly RedactionCandidate[]): string | null {
  const counts = countByCategory(candidates);
  const parts = REDACTION_CATEGORIES.filter((c) => counts[c] > 0).map((c) => `${counts[c]} ${CATEGORY_LABEL[c].plural}`);
  if (!parts.length) return null;
  return [
    `Warning: this report is not redacted. It discloses ${parts.join(', ')}.`,
    'These can expose a source or people who have nothing to do with the story.',
    'Before publishing, write it again with --redact: each value is then replaced everywhere by a stable token such as [redacted person 1].',
  ].join('\n');
}
