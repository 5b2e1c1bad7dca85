import { beforeAll, describe, expect, it } from 'vitest';
import { officeFacts } from '../../../../src/extract/office/office-facts.js';
import { emailExtractor } from '../../../../src/extract/email/rfc822.js';
import { pdfExtractor } from '../../../../src/extract/pdf/pdf.js';
import {
  differingPassages,
  estimatedSimilarity,
  minhash,
  nearDuplicate,
  normalizeText,
} from '../../../../src/checks/corpus/near-duplicate.js';
import { quoteStyleChanges } from '../../../../src/checks/corpus/near-duplicate-judge.js';
import type { CorpusDocument } from '../../../../src/checks/types.js';
import type { OfficeFacts } from '../../../../src/model/facts-office.js';
import { claimDate } from '../../../../src/shared/dates.js';
import { docFrom } from '../document/harness.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { corpusDoc, corpusDocsFromDir, runCorpus } from './harness.js';

describe.skipIf(corpusMissing())('text.near-duplicate on real texts', () => {
  let enron: CorpusDocument[] = [];
  let lorem: CorpusDocument[] = [];
  beforeAll(async () => {
    enron = await corpusDocsFromDir(emailExtractor, corpusPath('email/enron/eml'), 'email', (n) => n.endsWith('.eml'));
    lorem = await corpusDocsFromDir(pdfExtractor, corpusPath('pdf/format-corpus/variations'), 'pdf', (n) => n.endsWith('.pdf'));
  }, 120_000);

  it('one text laid out by four producers (different hyphenation) is not reported', () => {
    expect(lorem).toHaveLength(4);
    expect(runCorpus(nearDuplicate, lorem)).toEqual([]);
  });

  it('finds a doctored copy of a real Enron email among the 60 and shows the changed figure', () => {
    const original = enron.find((d) => d.id === 'allen-p-inbox-032.eml')!;
    expect(original.text).toContain('$1.2Bn');
    const forged = corpusDoc('forged.eml', { ...original, text: original.text!.replace('$1.2Bn', '$2.1Bn') });
    // The untouched sample has no doctored pair: nothing there reaches medium.
    expect(runCorpus(nearDuplicate, enron).filter((r) => r.finding.severity !== 'low')).toEqual([]);
    const out = runCorpus(nearDuplicate, [...enron, forged]);
    const onForged = out.find((r) => r.documentId === 'forged.eml');
    expect(onForged?.finding.evidence).toMatchObject({ otherDocument: 'allen-p-inbox-032.eml', changedNumbers: true });
    expect(onForged?.finding.severity).toBe('medium');
    const passages = onForged!.finding.evidence.passages as { removed: string; added: string }[];
    expect(passages.some((p) => p.removed.includes('1.2') && p.added.includes('2.1'))).toBe(true);
    expect(out.some((r) => r.documentId === 'allen-p-inbox-032.eml' && r.finding.evidence.otherDocument === 'forged.eml')).toBe(true);
  });

  it('does not report exact duplicates (nothing diverges)', () => {
    const copy = corpusDoc('copy.eml', { ...enron[5] });
    const with_ = runCorpus(nearDuplicate, [...enron, copy]).filter((r) => r.documentId === 'copy.eml');
    expect(with_).toEqual([]);
  });
});

describe('near-duplicate primitives', () => {
  const text = Array.from({ length: 80 }, (_, i) => `word${i % 37} item${i}`).join(' ');
  it('estimates high similarity for a one-word change and low for unrelated text', () => {
    const a = minhash(text)!;
    const b = minhash(text.replace('item40', 'item99'))!;
    const c = minhash(Array.from({ length: 80 }, (_, i) => `other${i} thing${i % 11}`).join(' '))!;
    expect(estimatedSimilarity(a, b)).toBeGreaterThan(0.7);
    expect(estimatedSimilarity(a, c)).toBeLessThan(0.1);
    expect(minhash('too short')).toBeUndefined();
  });
  it('joins hyphenated line breaks', () => {
    expect(normalizeText('placerat lorem. In-\nteger id')).toBe('placerat lorem. Integer id');
  });
  it('pairs a removal with its replacement', () => {
    const d = differingPassages('we made $1.2Bn total', 'we made $2.1Bn total')!;
    expect(d.passages).toEqual([{ before: 'we made ', removed: '$1.2Bn', added: '$2.1Bn', after: 'total' }]);
    expect(d).toMatchObject({ changedWords: 2, totalWords: 5 });
  });
});

/** Board minutes of a small organisation: twelve paragraphs, about 420 words. */
const MINUTES = [
  'Minutes of the board meeting held on Tuesday 14 March 2023 at the offices of the association in Lyon.',
  'Present were the chair, the treasurer, the secretary and four members of the board; two members sent their apologies.',
  'The chair opened the meeting at six in the evening and reminded the board of the agenda circulated the week before.',
  'The minutes of the previous meeting were approved without amendment after a short discussion of the wording of item four.',
  'The treasurer presented the accounts for the last quarter, showing income of 48,200 euros against expenses of 41,750 euros.',
  'She noted that the grant from the regional council had been received in full and that the reserve now covers five months of running costs.',
  'The board discussed the proposal to renew the lease of the storage unit for a further three years at the current rent.',
  'After discussion the board agreed to renew the lease and asked the secretary to inform the landlord in writing before the end of April.',
  'The secretary reported on the volunteer programme, which now counts thirty-two active volunteers across the three sites.',
  'Training sessions on first aid and on data protection will be organised in May and June, and members are invited to attend.',
  'Under any other business the board thanked the outgoing coordinator for six years of service and wished her well in her new role.',
  'There being no further business the chair closed the meeting at half past eight; the next meeting will take place on 9 May 2023.',
].join('\n\n');

/** The forger's edit: two sentences say something else. */
const DOCTORED = MINUTES.replace(
  'After discussion the board agreed to renew the lease and asked the secretary to inform the landlord in writing before the end of April.',
  'After discussion the board agreed to end the lease and asked the treasurer to transfer the reserve to the account of the chair before the end of April.',
).replace(
  'She noted that the grant from the regional council had been received in full',
  'She noted that the grant from the regional council had not been received',
);

interface OfficeSpec {
  text: string;
  created?: string;
  modified?: string;
  revision?: number;
  stamps?: { min: string; max: string };
  path?: string;
  app?: string;
}

function officeCopy(id: string, o: OfficeSpec): CorpusDocument {
  const office: OfficeFacts = officeFacts('ooxml', {
    app: { Application: o.app ?? 'Microsoft Office Word', AppVersion: '16.0000' },
    revision: o.revision ?? 7,
    zipEntryTimes: o.stamps ?? { min: '1980-01-01 00:00:00', max: '1980-01-01 00:00:00' },
  });
  return corpusDoc(
    id,
    docFrom(
      'office',
      id,
      {
        office,
        dates: [
          claimDate('created', 'ooxml.core:dcterms:created', o.created ?? '2023-03-14T20:41:00Z'),
          claimDate('modified', 'ooxml.core:dcterms:modified', o.modified ?? '2023-03-15T09:12:00Z'),
        ],
        software: [{ role: 'application', value: o.app ?? 'Microsoft Office Word', version: '16.0000', source: 'ooxml.app:Application' }],
      },
      [],
      'office',
      0,
      o.text,
    ),
    { path: o.path ?? `documents/board/${id}` },
  );
}

function pdfCopy(id: string, text: string, created: string, producer = 'Microsoft® Word for Microsoft 365'): CorpusDocument {
  return corpusDoc(
    id,
    docFrom(
      'pdf',
      id,
      {
        dates: [claimDate('created', 'pdf.info:CreationDate', created), claimDate('modified', 'pdf.info:ModDate', created)],
        software: [{ role: 'producer', value: producer, source: 'pdf.info:Producer' }],
      },
      [],
      'pdf',
      0,
      text,
    ),
    { path: `documents/pdf/${id}` },
  );
}

const verdicts = (docs: CorpusDocument[]) =>
  runCorpus(nearDuplicate, docs)
    .map((r) => [
      r.documentId,
      r.finding.severity,
      (r.finding.evidence.judgement as { alteredSide?: string } | undefined)?.alteredSide ?? '-',
    ])
    .sort();

describe('text.near-duplicate: which copy claims a save it is not', () => {
  const original = () => officeCopy('minutes.docx', { text: MINUTES });
  it('a copy with the same dates and revision, rewritten by a script (every part stamped at once under a Word name), placed in Misc', () => {
    const copy = officeCopy('minutes-copy.docx', {
      text: DOCTORED,
      stamps: { min: '2024-05-02 10:00:00', max: '2024-05-02 10:00:00' },
      path: 'documents/Misc/minutes.docx',
    });
    expect(verdicts([original(), copy])).toEqual([
      ['minutes-copy.docx', 'medium', 'this'],
      ['minutes.docx', 'low', 'other'],
    ]);
  });
  it('document.xml edited in 7-Zip inside a project zip (one part stamped at the edit, the rest 1980)', () => {
    const copy = officeCopy('zipped.docx', {
      text: DOCTORED,
      stamps: { min: '1980-01-01 00:00:00', max: '2023-11-20 21:14:52' },
      path: 'documents/project.zip!board/minutes.docx',
    });
    expect(verdicts([original(), copy])).toEqual([
      ['minutes.docx', 'low', 'other'],
      ['zipped.docx', 'medium', 'this'],
    ]);
  });
  it('stamps kept: the original travelled by mail, the altered copy was found apart', () => {
    const mailed = officeCopy('minutes.docx', { text: MINUTES, path: 'mail/claire/Sent.mbox!message-12!minutes.docx' });
    const copy = officeCopy('minutes-v2.docx', { text: DOCTORED, path: 'documents/Misc/minutes.docx' });
    expect(verdicts([mailed, copy])).toEqual([
      ['minutes-v2.docx', 'medium', 'this'],
      ['minutes.docx', 'low', 'other'],
    ]);
  });
  it("a PDF made after the document's last save, with one sentence changed, is the altered side", () => {
    const pdf = pdfCopy('minutes.pdf', DOCTORED.replace(/\n\n/g, '\n'), "D:20230315101500+01'00'");
    expect(verdicts([original(), pdf])).toEqual([
      ['minutes.docx', 'low', 'other'],
      ['minutes.pdf', 'medium', 'this'],
    ]);
  });
  it('lookalikes: a later draft with its counters moved on, a PDF exported before the last edit, an export whose layout differs', () => {
    const draft = officeCopy('minutes-final.docx', { text: DOCTORED, modified: '2023-03-20T16:02:00Z', revision: 9 });
    expect(verdicts([original(), draft]).filter((v) => v[1] !== 'low')).toEqual([]);
    const early = pdfCopy('minutes-draft.pdf', DOCTORED, "D:20230314221000+01'00'");
    expect(verdicts([original(), early]).filter((v) => v[1] !== 'low')).toEqual([]);
    // Page numbers, a running header and numbered headings in the PDF text: not edits.
    const paged = MINUTES.split('\n\n')
      .map((p, i) => (i === 6 ? `1\nAssociation des amis du parc — board minutes\n${p}` : i === 0 ? `1. ${p}` : p))
      .join('\n');
    const exported = pdfCopy('minutes-export.pdf', `${paged}\n2`, "D:20230315101500+01'00'");
    expect(verdicts([original(), exported]).filter((v) => v[1] !== 'low')).toEqual([]);
  });
  it('two copies claiming one save with nothing to tell them apart are both medium ("one of the two")', () => {
    const copy = officeCopy('minutes-b.docx', { text: DOCTORED, path: 'documents/Misc/minutes-b.docx' });
    expect(verdicts([original(), copy])).toEqual([
      ['minutes-b.docx', 'medium', 'either'],
      ['minutes.docx', 'medium', 'either'],
    ]);
  });
  it('a later version whose revision did not move (saved by something that does not count saves) is the altered side', () => {
    const later = officeCopy('minutes-late.docx', { text: DOCTORED, modified: '2023-04-02T10:00:00Z', revision: 7 });
    expect(verdicts([original(), later])).toEqual([
      ['minutes-late.docx', 'medium', 'this'],
      ['minutes.docx', 'low', 'other'],
    ]);
  });
});

/** A one-page procurement note (about 150 words), with typographic apostrophes as Word types them. */
const NOTE = [
  'Procurement note: replacement of the pumping station’s control cabinet.',
  'Three suppliers answered the call for tenders published on 2 February 2022.',
  'Halvorsen Electric quoted 61,400 kroner with delivery in nine weeks and a two-year warranty.',
  'Nordlys Automation quoted 58,900 kroner with delivery in twelve weeks.',
  'The third offer arrived after the deadline and was not opened.',
  'The engineering team’s assessment favours Halvorsen for its shorter delivery and its service contract.',
  'Installation is planned for the week of 16 May, when the station can run on the backup line.',
  'The works committee is asked to approve the order at its meeting on 28 March.',
].join('\n');

/** The forger's edit: the winner, one amount and the reason changed (about a quarter of the words). */
const NOTE_DOCTORED = NOTE.replace(
  'quoted 58,900 kroner with delivery in twelve weeks',
  'quoted 49,900 kroner with delivery in seven weeks',
)
  .replace(
    'The engineering team’s assessment favours Halvorsen for its shorter delivery and its service contract.',
    'The engineering team’s assessment favours Nordlys for its lower price and its local technicians.',
  )
  .replace(
    'The third offer arrived after the deadline and was not opened.',
    'The third offer was withdrawn by the bidder before the opening.',
  );

describe('text.near-duplicate: counters that did not move, a copy dated back, an export with other quotes', () => {
  const note = (id: string, o: Partial<OfficeSpec> & { minutes?: number }) => {
    const d = officeCopy(id, { text: NOTE, created: '2022-02-21T08:05:00Z', modified: '2022-03-01T15:40:00Z', revision: 5, ...o });
    if (o.minutes !== undefined) d.facts.office!.totalEditMinutes = o.minutes;
    return d;
  };
  it('a rewrite of a quarter of the words is still judged: a copy claiming the same save is medium', () => {
    const copy = note('note-copy.docx', { text: NOTE_DOCTORED, minutes: 41, path: 'shared/old/note.docx' });
    expect(verdicts([note('note.docx', { minutes: 41 }), copy])).toEqual([
      ['note-copy.docx', 'medium', 'either'],
      ['note.docx', 'medium', 'either'],
    ]);
  });
  it('a later save that counts two more saves but not one more minute of editing is the altered side', () => {
    const later = note('note-2.docx', {
      text: NOTE_DOCTORED,
      created: '2022-09-12T10:00:00Z',
      modified: '2022-09-14T11:30:00Z',
      revision: 7,
      minutes: 41,
    });
    expect(verdicts([note('note.docx', { minutes: 41 }), later])).toEqual([
      ['note-2.docx', 'medium', 'this'],
      ['note.docx', 'low', 'other'],
    ]);
    const ev = runCorpus(nearDuplicate, [note('note.docx', { minutes: 41 }), later]).find((r) => r.documentId === 'note-2.docx')!.finding
      .evidence;
    expect(ev).toMatchObject({ judgement: { relation: 'untimed-save' }, sides: { self: { editMinutes: 41, revision: 7 } } });
  });
  it('the same anomaly between two saves of one creation (same created date) is medium too', () => {
    const later = note('note-b.docx', { text: NOTE_DOCTORED, modified: '2022-03-09T07:45:00Z', revision: 8, minutes: 41 });
    expect(verdicts([note('note.docx', { minutes: 41 }), later])).toEqual([
      ['note-b.docx', 'medium', 'this'],
      ['note.docx', 'low', 'other'],
    ]);
  });
  it('a copy dated before the original that carries more editing minutes than it is the altered side', () => {
    const back = note('note-draft.docx', { text: NOTE_DOCTORED, modified: '2022-02-24T09:00:00Z', revision: 3, minutes: 47 });
    expect(verdicts([note('note.docx', { minutes: 41 }), back])).toEqual([
      ['note-draft.docx', 'medium', 'this'],
      ['note.docx', 'low', 'other'],
    ]);
  });
  it('the redraft twin: the same rewrite saved later by its author with revision and minutes moved on is low', () => {
    const v2 = note('note v2.docx', { text: NOTE_DOCTORED, modified: '2022-03-04T10:12:00Z', revision: 6, minutes: 58 });
    expect(verdicts([note('note.docx', { minutes: 41 }), v2]).filter((v) => v[1] !== 'low')).toEqual([]);
    // A first draft kept beside the final: fewer saves and fewer minutes.
    const draft = note('note draft.docx', { text: NOTE_DOCTORED, modified: '2022-02-23T16:00:00Z', revision: 2, minutes: 12 });
    expect(verdicts([note('note.docx', { minutes: 41 }), draft]).filter((v) => v[1] !== 'low')).toEqual([]);
    // A quick fix saved within the minute by a file opened for seconds: too few minutes to match by more than chance.
    const quick = note('note-fix.docx', { text: NOTE_DOCTORED, modified: '2022-03-02T08:00:00Z', revision: 6, minutes: 3 });
    expect(verdicts([note('note.docx', { minutes: 3 }), quick]).filter((v) => v[1] !== 'low')).toEqual([]);
  });
  it("a PDF dated before the document's last save whose shared words have straight quotes is the altered side; with the document's quotes it is low", () => {
    const doc = note('note.docx', { minutes: 41 });
    const retyped = pdfCopy('note.pdf', NOTE_DOCTORED.replace(/’/g, "'"), "D:20220222091500+01'00'");
    expect(verdicts([doc, retyped])).toEqual([
      ['note.docx', 'low', 'other'],
      ['note.pdf', 'medium', 'this'],
    ]);
    const exported = pdfCopy('note-early.pdf', NOTE_DOCTORED, "D:20220222091500+01'00'");
    expect(verdicts([doc, exported]).filter((v) => v[1] !== 'low')).toEqual([]);
  });
  it('a PDF made at the last save with one sentence dropped and another written elsewhere is the altered side; a running header alone is not', () => {
    const doc = note('note.docx', { minutes: 41 });
    const moved = NOTE.replace('The third offer arrived after the deadline and was not opened.\n', '').replace(
      'Installation is planned',
      'Both suppliers confirmed the price in writing. Installation is planned',
    );
    const pdf = pdfCopy('note-final.pdf', moved, "D:20220301164000+01'00'");
    expect(verdicts([doc, pdf])).toEqual([
      ['note-final.pdf', 'medium', 'this'],
      ['note.docx', 'low', 'other'],
    ]);
    const headed = pdfCopy(
      'note-print.pdf',
      NOTE.replace('Installation is planned', 'Vannverket procurement office page 1 Installation is planned'),
      "D:20220301164000+01'00'",
    );
    expect(verdicts([doc, headed]).filter((v) => v[1] !== 'low')).toEqual([]);
  });
  it('counts words that differ only by their quote marks', () => {
    const d = differingPassages('the team’s “final” offer was 12', 'the team\'s "final" offer was 13')!;
    expect(quoteStyleChanges(d.passages)).toBe(1);
    expect(quoteStyleChanges(differingPassages('the team’s offer', 'the firm’s offer')!.passages)).toBe(0);
  });
});
