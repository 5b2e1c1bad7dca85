// A synthetic case of any size, deterministic for a seed, written through the real store writer and
// scorer, for the query tests and the benchmark; it can return a plain model of every document.

import { openCase } from '../store/db.js';
import { CaseWriter } from '../store/writer.js';
import { updateScores } from '../store/corpus-analysis.js';
import { recordFinishedScan } from '../store/scan-ledger.js';
import { checkpointAndOptimize } from '../store/maintenance.js';
import { scoreFindings } from '../checks/score.js';
import { documentId, displayPath } from '../ingest/locator.js';
import type { DocumentKind, Finding, Locator, Severity } from '../model/document.js';
import type { DocumentRecord, ExtractedContent } from '../model/ingest.js';
import type { Facts } from '../model/facts.js';
import { createHash } from 'node:crypto';

export interface SyntheticDoc {
  id: string;
  parentId: string | null;
  kind: DocumentKind;
  path: string;
  sha256: string;
  date: string | null;
  person: string | null;
  title: string;
  /** Distinct words of the text (lower case). */
  words: Set<string>;
  findings: Finding[];
  email?: { messageId: string; inReplyTo: string | null; from: string; mailer: string; offset: number; dkim: boolean };
}

export interface SyntheticOptions {
  /** Top-level documents to write (attachments come on top, about 10% more). */
  documents: number;
  seed?: number;
  keepModel?: boolean;
  onProgress?: (written: number) => void;
}

export interface SyntheticCase {
  documents: number;
  model: SyntheticDoc[];
  /** A word that occurs in exactly these documents' texts (for exact search assertions). */
  rareWords: Map<string, string[]>;
}

const SENDERS = 200;
const MAILERS = ['Microsoft Outlook 16.0', 'Apple Mail (2.3445)', 'Mozilla Thunderbird 91.0', 'Roundcube Webmail/1.4'];
const OFFSETS = [60, 120, -300, 0];
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'pa', 'do', 'fi', 'gu', 'be', 'xo', 'ly'];
const VOCAB = 3000;
const WORDS_PER_DOC = 40;
const DAY0 = Date.UTC(2019, 0, 1);
const DAYS = 3 * 365;

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function vocabWord(i: number): string {
  let w = '';
  let n = i + SYLLABLES.length;
  while (n > 0) {
    w += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  }
  return w;
}

const KIND_SPLIT: [DocumentKind, number][] = [
  ['email', 0.55],
  ['pdf', 0.15],
  ['office', 0.1],
  ['image', 0.1],
  ['text', 0.05],
  ['archive', 0.02],
  ['other', 0.03],
];
const MIME: Record<DocumentKind, string> = {
  email: 'message/rfc822',
  pdf: 'application/pdf',
  office: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  image: 'image/jpeg',
  text: 'text/plain',
  archive: 'application/zip',
  other: 'application/octet-stream',
};
const EXT: Record<DocumentKind, string> = {
  email: 'eml',
  pdf: 'pdf',
  office: 'docx',
  image: 'jpg',
  text: 'txt',
  archive: 'zip',
  other: 'bin',
};

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 5322 date in the sender's own offset: 'Tue, 02 Mar 2021 09:10:00 +0100'. */
function rfc2822(utcIso: string, offsetMinutes: number): string {
  const d = new Date(Date.parse(utcIso) + offsetMinutes * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  const a = Math.abs(offsetMinutes);
  return `${DAY_NAMES[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${offsetMinutes < 0 ? '-' : '+'}${p(Math.floor(a / 60))}${p(a % 60)}`;
}

/** The header rows an email extractor records (source 'email.header', names as written). */
function emailHeaders(
  e: NonNullable<SyntheticDoc['email']>,
  date: string | null,
  subject: string,
): { source: string; key: string; value: string }[] {
  const h = (key: string, value: string) => ({ source: 'email.header', key, value });
  return [
    ...(e.dkim ? [h('DKIM-Signature', 'v=1; a=rsa-sha256; d=example.org; s=sel; bh=x; b=y')] : []),
    h('From', e.from),
    h('To', 'desk@example.org'),
    h('Subject', subject),
    ...(date ? [h('Date', rfc2822(date, e.offset))] : []),
    h('Message-ID', `<${e.messageId}>`),
    ...(e.inReplyTo ? [h('In-Reply-To', `<${e.inReplyTo}>`)] : []),
    h(e.mailer.startsWith('Mozilla') ? 'User-Agent' : 'X-Mailer', e.mailer),
  ];
}

function senderAddress(i: number): string {
  return `person${i}@example.org`;
}

export async function buildSyntheticCase(caseFile: string, opts: SyntheticOptions): Promise<SyntheticCase> {
  const rnd = prng(opts.seed ?? 1);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const zipf = (n: number) => Math.floor(n * rnd() ** 3);
  const db = openCase(caseFile);
  const writer = new CaseWriter(db);
  const scanId = recordFinishedScan(db, '/synthetic', new Date(DAY0).toISOString());
  const model: SyntheticDoc[] = [];
  const rareWords = new Map<string, string[]>();
  const emails: { id: string; messageId: string; refs: string[] }[] = [];
  const contents: { sha256: string; kind: DocumentKind; size: number; model: Omit<SyntheticDoc, 'id' | 'parentId' | 'path'> }[] = [];
  const corpusFindings: { id: string; finding: Finding }[] = [];
  let written = 0;
  let batch: (() => void)[] = [];
  const flush = () => {
    const ops = batch;
    batch = [];
    writer.commit(() => ops.forEach((op) => op()));
    opts.onProgress?.(written);
  };

  // Earlier contents a copy may repeat: a bounded pool, so a million-document case stays in memory.
  const remember = (c: (typeof contents)[number]) => {
    if (contents.length < 5000) contents.push(c);
    else contents[Math.floor(rnd() * contents.length)] = c;
  };
  const kindAt = (u: number): DocumentKind => {
    let acc = 0;
    for (const [k, p] of KIND_SPLIT) if (u < (acc += p)) return k;
    return 'other';
  };

  const makeContent = (
    kind: DocumentKind,
    i: number,
    withEmail: SyntheticDoc['email'] | undefined,
  ): { content: ExtractedContent; m: Omit<SyntheticDoc, 'id' | 'parentId' | 'path'> } => {
    const words: string[] = [];
    for (let w = 0; w < WORDS_PER_DOC; w++) words.push(vocabWord(zipf(VOCAB)));
    if (i % 997 === 0) words.push(`rareterm${Math.floor(i / 997) % 7}`);
    const text = words.join(' ');
    const sha256 = createHash('sha256')
      .update(`${opts.seed ?? 1}:${i}:${text}`)
      .digest('hex');
    const date = rnd() < 0.03 ? null : new Date(DAY0 + Math.floor(rnd() * DAYS * 86_400_000)).toISOString();
    const title = `${kind} ${vocabWord(zipf(VOCAB))} ${i}`;
    const findings: Finding[] = [];
    const f = (check: string, severity: Severity, message: string, evidence: Record<string, unknown> = {}) =>
      findings.push({ check, severity, message, evidence });
    if (kind === 'pdf' && rnd() < 0.08) f('pdf.info-xmp-mismatch', 'medium', 'Info and XMP dates differ.', { info: '2020', xmp: '2021' });
    if (kind === 'email' && withEmail?.dkim && rnd() < 0.04)
      f('email.dkim', 'high', 'The body hash does not match.', { expected: 'a', actual: 'b' });
    if (rnd() < 0.05) f('dates.order', 'low', 'Modified before created.', {});
    if (rnd() < 0.01) f('extract.corrupt', 'info', 'The file is damaged.', { code: 'corrupt' });
    let person: string | null = null;
    const facts: Facts = {};
    if (withEmail) {
      person = withEmail.from;
      facts.email = {
        headers: [],
        from: { name: '', address: withEmail.from },
        to: [],
        cc: [],
        bcc: [],
        subject: title,
        dateRaw: date ?? undefined,
        dateUtc: date,
        dateOffsetMinutes: withEmail.offset,
        messageId: withEmail.messageId,
        inReplyTo: withEmail.inReplyTo ?? undefined,
        references: withEmail.inReplyTo ? [withEmail.inReplyTo] : [],
        mailer: withEmail.mailer,
        received: [],
        dkim: withEmail.dkim ? [{ header: 'DKIM-Signature', index: 0, raw: '', tags: {}, signedHeaders: ['from'] }] : [],
        arc: [],
        authenticationResults: [],
        boundaries: [],
        attachments: [],
        rawSize: 1000,
        origin: 'rfc822',
      };
    } else if (kind === 'pdf' || kind === 'office') {
      person = `Author ${zipf(50)}`;
    }
    const size = 1000 + Math.floor(rnd() * 100_000);
    const content: ExtractedContent = {
      sha256,
      kind,
      mime: MIME[kind],
      size,
      extractor: `synthetic.${kind}`,
      extractorVersion: 1,
      title,
      date,
      person,
      metadata: withEmail ? emailHeaders(withEmail, date, title) : person ? [{ source: 'pdf.info', key: 'Author', value: person }] : [],
      text,
      facts,
      findings,
    };
    return { content, m: { kind, sha256, date, person, title, words: new Set(words), findings, email: withEmail } };
  };

  const addDoc = (
    locator: Locator,
    parentId: string | null,
    depth: number,
    topIndex: number,
    contentOrReuse: ExtractedContent | { reuse: (typeof contents)[number] },
    m: Omit<SyntheticDoc, 'id' | 'parentId' | 'path'>,
  ) => {
    const id = documentId(locator);
    const path = displayPath(locator);
    const rec: DocumentRecord = {
      id,
      parentId,
      rootPath: (locator[0] as { path: string }).path,
      path,
      name: path.split(/[!/]/).pop() ?? path,
      locator,
      depth,
      sha256: m.sha256,
      size: 'reuse' in contentOrReuse ? contentOrReuse.reuse.size : contentOrReuse.size,
      topIndex,
      occurrence: [{ source: 'fs', key: 'mtime', value: '2022-01-01T00:00:00Z' }],
      occurrenceFindings: [],
      ...('reuse' in contentOrReuse ? {} : { content: contentOrReuse }),
    };
    batch.push(() => writer.writeDocument(rec, scanId));
    written++;
    if (opts.keepModel) model.push({ ...m, id, parentId, path, words: m.words, findings: [...m.findings] });
    for (const w of m.words) if (w.startsWith('rareterm')) rareWords.set(w, [...(rareWords.get(w) ?? []), id]);
    if (batch.length >= 1000) flush();
    return id;
  };

  for (let i = 0; i < opts.documents; i++) {
    const box = i % 50;
    // 5% of documents repeat an earlier content (the same bytes stored twice in the dump).
    if (contents.length > 10 && rnd() < 0.05) {
      const reuse = pick(contents);
      const locator: Locator = [{ type: 'file', path: `copies/c${i}.${EXT[reuse.kind]}` }];
      addDoc(locator, null, 0, -1, { reuse }, reuse.model);
      continue;
    }
    const kind = kindAt(rnd());
    if (kind === 'email') {
      const from = senderAddress(zipf(SENDERS));
      const parent = emails.length && rnd() < 0.3 ? pick(emails) : null;
      const em = {
        messageId: `m${i}@synthetic.test`,
        inReplyTo: parent?.messageId ?? null,
        from,
        mailer: pick(MAILERS),
        offset: pick(OFFSETS),
        dkim: rnd() < 0.7,
      };
      const { content, m } = makeContent(kind, i, em);
      const locator: Locator = [
        { type: 'file', path: `mail/box${box}.mbox` },
        { type: 'mbox', index: i, offset: i * 1000, length: 1000 },
      ];
      const id = addDoc(locator, null, 1, i, content, m);
      if (emails.length < 20000) emails.push({ id, messageId: em.messageId, refs: [] });
      else emails[Math.floor(rnd() * emails.length)] = { id, messageId: em.messageId, refs: [] };
      if (rnd() < 0.01)
        corpusFindings.push({
          id,
          finding: { check: 'email.sender-habits', severity: 'medium', message: `Out of habit for ${from}.`, evidence: { sender: from } },
        });
      remember({ sha256: content.sha256, kind, size: content.size, model: m });
      if (rnd() < 0.18) {
        const a = makeContent('pdf', i + 0.5, undefined);
        addDoc([...locator, { type: 'attachment', index: 0, name: `attachment${i}.pdf` }], id, 2, i, a.content, a.m);
        remember({ sha256: a.content.sha256, kind: 'pdf', size: a.content.size, model: a.m });
      }
    } else {
      const { content, m } = makeContent(kind, i, undefined);
      const locator: Locator = [{ type: 'file', path: `docs/dir${box}/file${i}.${EXT[kind]}` }];
      const id = addDoc(locator, null, 0, -1, content, m);
      remember({ sha256: content.sha256, kind, size: content.size, model: m });
      if (rnd() < 0.005 && model.length > 1) {
        const other = opts.keepModel ? model[Math.floor(rnd() * (model.length - 1))].id : documentId([{ type: 'file', path: 'none' }]);
        corpusFindings.push({
          id,
          finding: {
            check: 'text.near-duplicate',
            severity: 'low',
            message: 'Nearly the same text as another document.',
            evidence: { otherDocument: other, estimatedShingleSimilarity: Math.round(rnd() * 100) / 100 },
          },
        });
      }
    }
  }
  flush();
  // Corpus findings, then scores, as the ingest's analysis does.
  writer.commit(() => {
    for (const { id, finding } of corpusFindings) {
      const rowid = writer.docRowid(id);
      if (rowid !== undefined) writer.insertFinding(rowid, 'corpus', finding);
    }
    updateScores(db, scoreFindings);
  });
  if (opts.keepModel) {
    const byId = new Map(model.map((d) => [d.id, d]));
    for (const { id, finding } of corpusFindings) byId.get(id)?.findings.push(finding);
  }
  checkpointAndOptimize(db);
  db.close();
  return { documents: written, model, rareWords };
}
