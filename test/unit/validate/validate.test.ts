// `verity validate`'s scoring core: truth files in CSV and JSON, matching by report path (mbox
// messages, archive members), by Message-ID with or without <>, and the clear results and errors for
// a perfect truth, an empty truth, unknown paths and malformed files.

import { describe, expect, it } from 'vitest';
import type { JsonReport, ReportDocument, ReportFlag } from '../../../src/model/report.js';
import { renderValidationJson, renderValidationText } from '../../../src/report/validate/render.js';
import { scoreValidation } from '../../../src/report/validate/score.js';
import { formatTruthCsv, formatTruthJson, parseTruth, TruthParseError } from '../../../src/report/validate/truth.js';

const flag = (severity: ReportFlag['severity'], check = 'demo.check'): ReportFlag => ({
  check,
  severity,
  message: `${severity} finding`,
  evidence: {},
});

function doc(id: string, path: string, flags: ReportFlag[] = [], extra: Partial<ReportDocument> = {}): ReportDocument {
  return {
    id,
    path,
    sha256: id.padEnd(64, '0'),
    kind: 'email',
    score: flags.length ? 50 : 0,
    flags,
    tags: [],
    verdict: 'unresolved',
    note: '',
    ...extra,
  };
}

/** A small report: an mbox with three messages (one with an attachment), a zip with two members, loose files. */
function report(): JsonReport {
  const documents: ReportDocument[] = [
    doc('mbox', 'Mail/bob/Inbox.mbox', [], { kind: 'archive' }),
    doc('m1', 'Mail/bob/Inbox.mbox!message-1', [], { parent: 'mbox', messageId: 'one@example.org' }),
    doc('m2', 'Mail/bob/Inbox.mbox!message-2', [flag('high', 'email.dkim')], { parent: 'mbox', messageId: 'two@example.org' }),
    doc('m3', 'Mail/bob/Inbox.mbox!message-3', [], { parent: 'mbox', messageId: 'three@example.org' }),
    doc('m3a', 'Mail/bob/Inbox.mbox!message-3!budget.xlsx', [flag('medium', 'dates.attachment-after-email')], {
      parent: 'm3',
      kind: 'office',
    }),
    doc('e1', 'Mailboxes/ann/Inbox/hello.eml', [flag('low', 'email.habits')], { messageId: 'four@example.org' }),
    doc('e2', 'Mailboxes/ann/Sent/copy.eml', [flag('medium', 'email.threads')], { messageId: 'one@example.org' }),
    doc('zip', 'Archives/old.zip', [], { kind: 'archive' }),
    doc('z1', 'Archives/old.zip!old/a.docx', [flag('medium', 'people.outsider')], { parent: 'zip', kind: 'office' }),
    doc('z2', 'Archives/old.zip!old/b.docx', [], { parent: 'zip', kind: 'office' }),
    doc('p1', 'Shared/report.pdf', [flag('high', 'pdf.revisions')], { kind: 'pdf' }),
    doc('p2', 'Shared/memo.pdf', [], { kind: 'pdf' }),
  ];
  return {
    tool: 'verity',
    version: '0.1.0',
    generatedAt: '2024-01-01T00:00:00Z',
    dump: { root: '/cases/dump', documents: documents.length },
    documents,
  };
}

const PERFECT_CSV = `path,message_id,label,family
Mail/bob/Inbox.mbox!message-2,,forged,email-body-altered
Mail/bob/Inbox.mbox,<three@example.org>,forged,attachment-after-email
Archives/old.zip!old/a.docx,,forged,office-foreign-editor
Shared/report.pdf,,forged,pdf-text-edited-update
Mail/bob/Inbox.mbox!message-1,one@example.org,genuine,
Mailboxes/ann/Inbox/hello.eml,,genuine,email-client
Archives/old.zip!old/b.docx,,genuine,
Shared/memo.pdf,,genuine,
`;

describe('parseTruth', () => {
  it('reads CSV and JSON, with or without angle brackets, into the same entries', () => {
    const csv = parseTruth(PERFECT_CSV);
    expect(csv).toHaveLength(8);
    expect(csv[1]).toEqual({
      path: 'Mail/bob/Inbox.mbox',
      messageId: 'three@example.org',
      label: 'forged',
      family: 'attachment-after-email',
      line: 3,
    });
    const json = parseTruth(formatTruthJson(csv));
    expect(json.map(({ line: _l, ...e }) => e)).toEqual(csv.map(({ line: _l, ...e }) => e));
    expect(json[3].line).toBe(5);
    const again = parseTruth(formatTruthCsv(csv));
    expect(again.map(({ line: _l, ...e }) => e)).toEqual(csv.map(({ line: _l, ...e }) => e));
  });

  it('accepts quoted CSV fields, CRLF line ends, comments, blank lines, any column order and message-id spellings', () => {
    const text =
      '\uFEFF# analyst notes\r\nlabel,Message-ID,path,note\r\n\r\nFORGED,<a@b>,"dir/with, comma.eml","said ""no"""\r\ngenuine,,x.pdf,\r\n';
    expect(parseTruth(text)).toEqual([
      { path: 'dir/with, comma.eml', messageId: 'a@b', label: 'forged', family: undefined, line: 4 },
      { path: 'x.pdf', messageId: undefined, label: 'genuine', family: undefined, line: 5 },
    ]);
  });

  it('names the line of every malformed CSV row', () => {
    const text = 'path,message_id,label,family\nok.pdf,,genuine,\nbad.pdf,,fake,\n,,forged,x\na.pdf,,forged,f,extra\n';
    try {
      parseTruth(text, 'truth.csv');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TruthParseError);
      const err = e as TruthParseError;
      expect(err.problems.map((p) => p.line)).toEqual([3, 4, 5]);
      expect(err.message).toContain("line 3: row: unknown label 'fake' (expected genuine or forged)");
      expect(err.message).toContain('line 4: row: an entry needs a path or a Message-ID');
      expect(err.message).toContain('line 5: 5 fields where the header has 4');
      expect(err.message.startsWith('truth.csv:')).toBe(true);
    }
  });

  it('rejects a header without a label column, an unclosed quote and an empty file', () => {
    expect(() => parseTruth('path,family\na,b\n')).toThrow(/line 1: the header must name a label column/);
    expect(() => parseTruth('path,label\n"a.pdf,genuine\n')).toThrow(/line 2: a quoted field is never closed/);
    expect(() => parseTruth('  \n\n')).toThrow(/the file is empty/);
  });

  it('names the line of malformed JSON items and of JSON syntax errors', () => {
    const text = '[\n  {"path": "a.pdf", "label": "genuine"},\n  {"path": "b.pdf"},\n  "c.pdf",\n  {"messageId": 7, "label": "forged"}\n]';
    try {
      parseTruth(text);
      expect.unreachable();
    } catch (e) {
      const err = e as TruthParseError;
      expect(err.problems).toEqual([
        { line: 3, message: 'item 2: no label (expected genuine or forged)' },
        { line: 4, message: 'item 3: expected an object' },
        { line: 5, message: 'item 4: messageId must be a string' },
      ]);
    }
    expect(() => parseTruth('[\n {"path": "a", "label": "genuine"},\n {"path": }\n]')).toThrow(/line 3: not valid JSON/);
    expect(() => parseTruth('{"path": "a"}')).toThrow(/expected a JSON array/);
  });

  it('reads a header-only CSV and an empty JSON array as a truth with no entries', () => {
    expect(parseTruth('path,message_id,label,family\n')).toEqual([]);
    expect(parseTruth('[]')).toEqual([]);
  });
});

describe('scoreValidation', () => {
  it('scores a perfect truth: recall 1 in every family, no false positive', () => {
    const r = scoreValidation(report(), parseTruth(PERFECT_CSV));
    expect(r.recall).toEqual({ count: 4, total: 4, rate: 1 });
    expect(Object.values(r.recallByFamily).every((v) => v.rate === 1)).toBe(true);
    expect(r.falsePositives).toEqual({ count: 0, total: 4, rate: 0 });
    expect(r.lookalikes).toEqual({ count: 0, total: 1, rate: 0 });
    expect(r.missed).toEqual([]);
    expect(r.unmatched).toEqual([]);
  });

  it('finds a forged email through its attachment, and through a Message-ID inside an mbox path', () => {
    const r = scoreValidation(
      report(),
      parseTruth('path,message_id,label,family\nMail/bob/Inbox.mbox,three@example.org,forged,attachment-after-email\n'),
    );
    expect(r.recall.count).toBe(1);
    const low = scoreValidation(report(), parseTruth('path,message_id,label,family\nMail/bob/Inbox.mbox,three@example.org,forged,x\n'), {
      threshold: 'high',
    });
    expect(low.recall.count).toBe(0);
    expect(low.missed[0].documents.map((d) => d.path)).toEqual(['Mail/bob/Inbox.mbox!message-3!budget.xlsx']);
  });

  it('lists missed forgeries with all their findings and false positives with theirs', () => {
    const truth = parseTruth(
      'path,message_id,label,family\nMailboxes/ann/Inbox/hello.eml,,forged,email-client\n,<one@example.org>,genuine,\n',
    );
    const r = scoreValidation(report(), truth);
    expect(r.missed).toHaveLength(1);
    expect(r.missed[0].documents[0].flags.map((f) => f.check)).toEqual(['email.habits']);
    // Message-ID alone matches both copies; the Sent copy is flagged medium.
    expect(r.falseItems.map((f) => f.documents.map((d) => d.path))).toEqual([['Mailboxes/ann/Sent/copy.eml']]);
    expect(r.falsePositives).toEqual({ count: 1, total: 1, rate: 1 });
    const text = renderValidationText(r);
    expect(text).toContain('Missed forged items (1):');
    expect(text).toContain('low email.habits: low finding');
    expect(text).toContain('medium email.threads: medium finding (Mailboxes/ann/Sent/copy.eml)');
  });

  it('reports unknown paths and Message-IDs as unmatched without failing', () => {
    const truth = parseTruth(
      'path,message_id,label,family\nnowhere.pdf,,forged,x\n,<ghost@example.org>,genuine,\nMail/bob/Inbox.mbox,ghost@example.org,forged,y\nShared/report.pdf,,forged,z\n',
    );
    const r = scoreValidation(report(), truth);
    expect(r.unmatched.map((u) => [u.line, u.reason])).toEqual([
      [2, 'no document at path nowhere.pdf'],
      [3, 'no email with Message-ID <ghost@example.org>'],
      [4, 'no email with Message-ID <ghost@example.org> at this path (the email there is <one@example.org>)'],
    ]);
    expect(r.recall).toEqual({ count: 1, total: 1, rate: 1 });
    expect(renderValidationText(r)).toContain('Truth entries that match no document (3):');
  });

  it('gives a clear result for an empty truth, and counts unlisted documents as genuine when asked', () => {
    const empty = scoreValidation(report(), []);
    expect(empty.recall.rate).toBeNull();
    expect(empty.falsePositives.total).toBe(0);
    expect(empty.notes[0]).toMatch(/lists no items/);
    const all = scoreValidation(report(), [], { unlistedAsGenuine: true });
    // Every document is its own genuine item: m2, m3a, e2, z1, p1 carry medium or high findings.
    expect(all.falsePositives).toEqual({ count: 5, total: 12, rate: 5 / 12 });
    const json = JSON.parse(renderValidationJson(all));
    expect(json.tool).toBe('verity validate');
    expect(json.falsePositives.count).toBe(5);
  });

  it('does not count the containers of a forgery as genuine, and lets a forged entry win over a genuine one', () => {
    const truth = parseTruth(
      'path,message_id,label,family\nArchives/old.zip!old/b.docx,,forged,near-duplicate-doctored\nArchives/old.zip,,genuine,\n',
    );
    const r = scoreValidation(report(), truth, { unlistedAsGenuine: true });
    expect(r.contested).toBe(1);
    expect(r.falseItems.map((f) => f.path)).toContain('Archives/old.zip');
    const unlisted = scoreValidation(report(), parseTruth('path,label\nArchives/old.zip!old/b.docx,forged\n'), { unlistedAsGenuine: true });
    expect(unlisted.falsePositives.total).toBe(10); // 12 documents - the forgery - its zip
  });

  it('accepts absolute paths under the dump root, backslashes and ./, and ignores duplicate entries', () => {
    const truth = parseTruth('path,label\n/cases/dump/Shared/report.pdf,forged\n.\\Shared\\report.pdf,forged\n');
    const r = scoreValidation(report(), truth);
    expect(r.recall).toEqual({ count: 1, total: 1, rate: 1 });
    expect(r.truth.duplicates).toBe(1);
  });
});
