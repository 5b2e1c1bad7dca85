// A small case written row by row (the store's schema, no scan), for the report's unit tests: a
// hostile email (formula, markup and URL in its subject and headers), a PDF named after a person
// and stamped by an office scanner, a geotagged photo with a camera serial, a clean note without
// findings, and an attachment inside the email. Each value the tests look for is planted here.

import { openCase, type Db } from '../../../src/store/db.js';
import { setNote, setVerdict, tagDocuments } from '../../../src/store/queries/analyst.js';
import { SEVERITY_RANK } from '../../../src/store/severity.js';
import type { LocatorSegment, Severity } from '../../../src/model/document.js';

export const HOSTILE_SUBJECT = '=HYPERLINK("http://x","y")';
export const HOSTILE_MARKUP = '<img src=http://tracker.invalid/p.png><script>alert(1)</script>';
const CHECKSET = 'email.dkim@1,software.anachronism@1,image.editor@1,people.outsider@1,text.near-duplicate@1';
const FIXED = new Date('2026-01-02T03:04:05.000Z');

export interface FixtureDoc {
  id: string;
  parentId?: string;
  path: string;
  name: string;
  kind: string;
  mime: string;
  title?: string;
  score: number;
  locator: LocatorSegment[];
  metadata: [string, string, string][];
  occurrence?: [string, string, string][];
  people?: { role: string; name: string; source: string; email?: string }[];
  findings?: { check: string; severity: Severity; message: string; evidence: Record<string, unknown> }[];
  messageId?: string;
}

const hex = (n: number, len: number) => n.toString(16).padStart(len, '0');

export const DOCS: FixtureDoc[] = [
  {
    id: 'a1'.padEnd(32, '0'),
    path: 'mail/eml/claire.dumont/Inbox/0001.eml',
    name: '0001.eml',
    kind: 'email',
    mime: 'message/rfc822',
    title: HOSTILE_SUBJECT,
    score: 55,
    locator: [{ type: 'file', path: 'mail/eml/claire.dumont/Inbox/0001.eml' }],
    messageId: 'CAF00d1e@mail.example.org',
    metadata: [
      ['email.header', 'From', 'Claire Dumont <claire.dumont@example.org>'],
      ['email.header', 'To', `"Karim Benali" <karim.benali@example.org>, ${HOSTILE_MARKUP} <x@tracker.invalid>`],
      ['email.header', 'Subject', HOSTILE_SUBJECT],
      ['email.header', 'Date', 'Thu, 30 Mar 2017 09:51:02 +0200'],
      ['email.header', 'Message-ID', '<CAF00d1e@mail.example.org>'],
      ['email.header', 'Received', 'from a.example.org by b.example.org for <claire.dumont@example.org>; Thu, 30 Mar 2017 09:51:29 +0200'],
      ['email.header', 'DKIM-Signature', 'v=1; d=example.org; s=sel; bh=abc='],
      ['email.header', 'X-Mailer', 'Microsoft Outlook 16.0'],
    ],
    people: [
      { role: 'sender', name: 'Claire Dumont', source: 'email.header:From', email: 'claire.dumont@example.org' },
      { role: 'recipient', name: 'Karim Benali', source: 'email.header:To', email: 'karim.benali@example.org' },
    ],
    findings: [
      {
        check: 'email.dkim',
        severity: 'high',
        message:
          'The DKIM signature of example.org (selector sel) carries a body hash that does not match the body: the body changed after signing.',
        evidence: {
          signature: 0,
          d: 'example.org',
          s: 'sel',
          verdict: 'nokey',
          bodyHash: 'fail',
          bhExpected: 'abc=',
          bhComputed: 'xyz=',
          h: ['from', 'to', 'subject'],
        },
      },
      {
        check: 'people.outsider',
        severity: 'low',
        message: `Sender ${HOSTILE_MARKUP} writes like claire.dumont@example.org; see https://tracker.invalid/report`,
        evidence: {
          sender: 'claire.dumont@example.org',
          link: 'https://tracker.invalid/report',
          nested: {
            deeper: [
              { a: 1, b: 'two' },
              { a: 3, b: HOSTILE_MARKUP },
            ],
          },
        },
      },
    ],
  },
  {
    id: 'a2'.padEnd(32, '0'),
    parentId: 'a1'.padEnd(32, '0'),
    path: 'mail/eml/claire.dumont/Inbox/0001.eml!budget.pdf',
    name: 'budget.pdf',
    kind: 'pdf',
    mime: 'application/pdf',
    title: 'Budget de Jean Dupont',
    score: 80,
    locator: [
      { type: 'file', path: 'mail/eml/claire.dumont/Inbox/0001.eml' },
      { type: 'attachment', index: 0, name: 'budget.pdf' },
    ],
    metadata: [
      ['pdf.info', 'Author', 'Jean Dupont'],
      ['pdf.info', 'Producer', 'Canon iR-ADV C5535  PDF'],
      ['pdf.info', 'Creator', 'Microsoft® Word 2019'],
      ['pdf.info', 'CreationDate', "D:20120514100400+02'00'"],
      ['pdf.xmp', 'dc:creator', 'Jean Dupont'],
      ['pdf', 'Version', '1.7'],
    ],
    people: [{ role: 'author', name: 'Jean Dupont', source: 'pdf.info:Author' }],
    findings: [
      {
        check: 'software.anachronism',
        severity: 'high',
        message:
          'Microsoft® Word 2019 (pdf.info:Creator) did not exist before 2018-09-24, yet the latest date the document claims is 2012-05-14.',
        evidence: {
          software: 'Microsoft® Word 2019',
          earliestRelease: '2018-09-24',
          releaseSource: 'https://learn.microsoft.com/en-us/lifecycle/products/',
          author: 'Jean Dupont',
        },
      },
    ],
  },
  {
    id: 'b1'.padEnd(32, '0'),
    path: 'photos/IMG_0001.jpg',
    name: 'IMG_0001.jpg',
    kind: 'image',
    mime: 'image/jpeg',
    score: 25,
    locator: [{ type: 'file', path: 'photos/IMG_0001.jpg' }],
    metadata: [
      ['exif', 'Make', 'Canon'],
      ['exif', 'Model', 'Canon EOS 80D'],
      ['exif', 'BodySerialNumber', '0123456789'],
      ['exif', 'Software', 'Adobe Photoshop CC 2017'],
      ['exif', 'Artist', 'Jean Dupont'],
      ['gps', 'GPSLatitude', '48.856613'],
      ['gps', 'GPSLongitude', '2.352222'],
      ['gps', 'GPSAltitudeRef', '0'],
    ],
    findings: [
      {
        check: 'image.editor',
        severity: 'medium',
        message: 'Saved by Adobe Photoshop CC 2017 (camera serial 0123456789) at 48.856613, 2.352222.',
        evidence: { software: 'Adobe Photoshop CC 2017', position: '48.856613, 2.352222' },
      },
    ],
  },
  {
    id: 'c1'.padEnd(32, '0'),
    // Named after a person only through the folder: the login of an address another document carries.
    path: 'notes/karim.benali/readme.txt',
    name: 'readme.txt',
    kind: 'text',
    mime: 'text/plain',
    score: 0,
    locator: [{ type: 'file', path: 'notes/karim.benali/readme.txt' }],
    metadata: [['text', 'charset', 'utf-8']],
    occurrence: [['fs', 'mtime', '2017-04-01T10:00:00Z']],
  },
  {
    id: 'd1'.padEnd(32, '0'),
    // A folder named after its owner's first name only.
    path: 'budget/xls_julien/tableau.xlsx',
    name: 'tableau.xlsx',
    kind: 'office',
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    title: 'tableau',
    score: 8,
    locator: [{ type: 'file', path: 'budget/xls_julien/tableau.xlsx' }],
    metadata: [
      ['ooxml.core', 'dc:creator', 'Julien Marchand'],
      ['ooxml.core', 'cp:lastModifiedBy', 'Utilisateur'],
      ['ooxml.app', 'Application', 'Microsoft Excel'],
    ],
    people: [
      { role: 'author', name: 'Julien Marchand', source: 'ooxml.core:dc:creator' },
      { role: 'last-modified-by', name: 'Utilisateur', source: 'ooxml.core:cp:lastModifiedBy' },
    ],
    findings: [
      {
        check: 'text.near-duplicate',
        severity: 'low',
        message: 'The text is 98% identical to another document in the dump.',
        evidence: { otherDocument: 'c1'.padEnd(32, '0'), changedWords: 2 },
      },
    ],
  },
];

/** Writes the fixture case and the analyst's work on it; returns the open (writable) db. */
export function writeReportCase(file: string): Db {
  const db = openCase(file);
  const insContent = db.prepare('INSERT INTO content (sha256, kind, mime, size, title, facts) VALUES (?, ?, ?, ?, ?, ?)');
  const insMeta = db.prepare('INSERT INTO content_metadata (content_id, seq, source, key, value) VALUES (?, ?, ?, ?, ?)');
  const insDoc =
    db.prepare(`INSERT INTO documents (id, parent_id, root_path, path, name, locator, depth, top_index, sha256, content_id, kind, mime, size, title, score, scan_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, 1)`);
  const insOcc = db.prepare('INSERT INTO occurrence_metadata (doc_rowid, seq, source, key, value) VALUES (?, ?, ?, ?, ?)');
  const insFinding = db.prepare(
    'INSERT INTO findings (doc_rowid, origin, check_id, severity, severity_rank, message, evidence) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insEmail = db.prepare('INSERT INTO emails (content_id, message_id, subject) VALUES (?, ?, ?)');
  db.transaction(() => {
    db.prepare("INSERT INTO case_meta (key, value) VALUES ('dump_root', '/home/reporter/leaks/campagne'), ('analysed_checkset', ?)").run(
      CHECKSET,
    );
    db.prepare(
      "INSERT INTO scans (dump_root, started_at, finished_at, state) VALUES ('/home/reporter/leaks/campagne', '2026-01-01T10:00:00.000Z', '2026-01-01T10:05:00.000Z', 'done')",
    ).run();
    DOCS.forEach((d, i) => {
      const sha = hex(i + 1, 64);
      const contentId = Number(
        insContent.run(sha, d.kind, d.mime, 1000 + i, d.title ?? null, JSON.stringify({ people: d.people ?? [] })).lastInsertRowid,
      );
      d.metadata.forEach(([source, key, value], seq) => insMeta.run(contentId, seq, source, key, value));
      const rowid = Number(
        insDoc.run(
          d.id,
          d.parentId ?? null,
          d.locator[0].type === 'file' ? d.locator[0].path : d.path,
          d.path,
          d.name,
          JSON.stringify(d.locator),
          d.locator.length - 1,
          sha,
          contentId,
          d.kind,
          d.mime,
          1000 + i,
          d.title ?? null,
          d.score,
        ).lastInsertRowid,
      );
      (d.occurrence ?? []).forEach(([source, key, value], seq) => insOcc.run(rowid, seq, source, key, value));
      for (const f of d.findings ?? [])
        insFinding.run(rowid, 'content', f.check, f.severity, SEVERITY_RANK[f.severity], f.message, JSON.stringify(f.evidence));
      if (d.kind === 'email') insEmail.run(contentId, d.messageId ?? null, d.title ?? null);
    });
  })();
  tagDocuments(db, [DOCS[0].id, DOCS[1].id], ['publish'], [], FIXED);
  tagDocuments(db, [DOCS[1].id], ['Jean Dupont dossier'], [], FIXED);
  setVerdict(db, [DOCS[1].id], 'fake', FIXED);
  setVerdict(db, [DOCS[0].id], 'suspect', FIXED);
  setVerdict(db, [DOCS[3].id], 'authentic', FIXED);
  setNote(db, DOCS[1].id, 'Jean Dupont denies writing it.\nCalled him on 3 April, "never saw it", he said.', FIXED);
  return db;
}
