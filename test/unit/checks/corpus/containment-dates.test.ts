import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { emailExtractor } from '../../../../src/extract/email/rfc822.js';
import { pdfExtractor } from '../../../../src/extract/pdf/pdf.js';
import { zipExtractor } from '../../../../src/extract/archive/zip.js';
import { toBuffer } from '../../../../src/extract/common/byte-source.js';
import { imageExtractor } from '../../../../src/extract/image/image.js';
import { ooxmlExtractor } from '../../../../src/extract/office/ooxml.js';
import { attachmentAfterEmail, memberTime, memberTimeCheck } from '../../../../src/checks/corpus/containment-dates.js';
import type { CorpusDocument } from '../../../../src/checks/types.js';
import type { EmailFacts } from '../../../../src/model/facts-email.js';
import { claimDate, parseExifDate } from '../../../../src/shared/dates.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { run } from '../../../support/extract-harness.js';
import { docFrom, factsOf } from '../document/harness.js';
import { corpusDoc, runCorpus } from './harness.js';

/** A real email and its real attachments, as the ingest would store them. */
async function emailWithChildren(rel: string, id: string): Promise<CorpusDocument[]> {
  const r = await run(emailExtractor, readFileSync(corpusPath(rel)), rel);
  const mail = corpusDoc(id, docFrom('email', rel, r.output!.facts!, r.output!.metadata));
  const kids: CorpusDocument[] = [];
  for (const [i, c] of r.children.entries()) {
    if (!c.name.endsWith('.pdf')) continue;
    const p = await run(pdfExtractor, await toBuffer(c.source), c.name);
    kids.push(corpusDoc(`${id}/${i}`, docFrom('pdf', c.name, p.output!.facts!, p.output!.metadata), { parentId: id }));
  }
  return [mail, ...kids];
}

describe.skipIf(corpusMissing())('dates.attachment-after-email', () => {
  let genuine: CorpusDocument[] = [];
  let enron: CorpusDocument;
  beforeAll(async () => {
    // Sent Thu, 4 May 2023 10:06:11 -0400 with testPDF_incrementalUpdates.pdf (ModDate 2023-04-10).
    genuine = await emailWithChildren('email/eml/tika-test-incremental-updates.eml', 'mail');
    enron = (await emailWithChildren('email/enron/eml/allen-p-inbox-001.eml', 'enron'))[0];
  }, 60_000);

  it('finds nothing when the attachment predates the email that carries it', () => {
    expect(genuine).toHaveLength(2);
    expect(runCorpus(attachmentAfterEmail, genuine)).toEqual([]);
  });

  it('flags the same PDF attached to a 2001 Enron email (a document slipped into an old message)', () => {
    const pdf = { ...genuine[1], id: 'slipped', parentId: 'enron' };
    const out = runCorpus(attachmentAfterEmail, [enron, pdf]);
    expect(out).toHaveLength(1);
    expect(out[0].documentId).toBe('slipped');
    expect(out[0].finding.severity).toBe('medium');
    expect(out[0].finding.evidence).toMatchObject({ email: 'enron', emailDate: 'Mon, 29 Oct 2001 16:34:23 -0800 (PST)' });
  });

  it('a camera photo dated years after the 2001 mail that carries it (a Canon 40D, sold from 2007) is medium: nothing shows its clock wrong', async () => {
    const jpg = corpusDoc('photo', await factsOf(imageExtractor, corpusPath('image/jpeg/exif-samples-Canon_40D.jpg'), 'image'), {
      parentId: 'enron',
    });
    const out = runCorpus(attachmentAfterEmail, [enron, jpg]);
    expect(out.map((r) => [r.documentId, r.finding.severity])).toEqual([['photo', 'medium']]);
    expect(out[0].finding.evidence.deviceClock).toMatch(/camera/);
    expect(out[0].finding.evidence.camera).toMatchObject({ device: 'Canon Canon EOS 40D', otherPhotos: 0, wrongClockEvidence: [] });
  });

  it('looks through an attached archive to the carrying email', () => {
    const zip = corpusDoc('zip', docFrom('archive', 'a.zip', {}), { parentId: 'enron' });
    const pdf = { ...genuine[1], id: 'inzip', parentId: 'zip' };
    const out = runCorpus(attachmentAfterEmail, [enron, zip, pdf]);
    expect(out.map((r) => [r.documentId, r.finding.evidence.viaArchives])).toEqual([['inzip', ['zip']]]);
  });
});

/** A message sent (Sent folder copy) at `date`. */
function sent(id: string, date: string, offsetMinutes: number | null = 60): CorpusDocument {
  const email = { dateUtc: new Date(Date.parse(date)).toISOString(), dateOffsetMinutes: offsetMinutes, dateRaw: date } as EmailFacts;
  return corpusDoc(id, docFrom('email', id, { email }), { path: `mail/alice/Sent.mbox!${id}` });
}

/** A photo as the image extractor describes it, attached to `parent` (or loose). */
function photo(
  id: string,
  o: { make: string; model: string; serial?: string; taken: string; offset?: string; gps?: string; parent?: string },
): CorpusDocument {
  const dates = [
    claimDate('original', 'exif:DateTimeOriginal', o.taken, (r) => parseExifDate(r, o.offset)),
    claimDate('digitized', 'exif:CreateDate', o.taken, (r) => parseExifDate(r, o.offset)),
  ];
  if (o.gps) dates.push(claimDate('gps', 'gps:GPSDateStamp', o.gps, (r) => parseExifDate(r, '+00:00')));
  const image = {
    format: 'jpeg',
    make: o.make,
    model: o.model,
    serialNumber: o.serial,
    dateTimeOriginal: o.taken,
    offsetTimeOriginal: o.offset,
  };
  return corpusDoc(id, docFrom('image', `${id}.jpg`, { image, dates }), {
    parentId: o.parent ?? null,
    path: o.parent ? `mail/alice/Sent.mbox!${o.parent}!${id}.jpg` : `photos/${id}.jpg`,
  });
}

describe("dates.attachment-after-email: photos and their cameras' clocks", () => {
  const sev = (docs: CorpusDocument[]) =>
    runCorpus(attachmentAfterEmail, docs)
      .map((r) => [r.documentId, r.finding.severity])
      .sort();
  const R6 = { make: 'Canon', model: 'Canon EOS R6', serial: '032021001234' };
  it('a Sent copy carrying an iPhone photo taken three days after the mail, and a camera photo nine days after: medium', () => {
    const mail = sent('m1', 'Tue, 14 Mar 2023 10:12:00 +0100');
    const iphone = photo('iphone', { make: 'Apple', model: 'iPhone 12', taken: '2023:03:17 15:40:02', offset: '+01:00', parent: 'm1' });
    const mail2 = sent('m2', 'Wed, 05 Apr 2023 09:00:00 +0200');
    const canon = photo('canon', { ...R6, taken: '2023:04:14 11:20:00', parent: 'm2' });
    expect(sev([mail, iphone, mail2, canon])).toEqual([
      ['canon', 'medium'],
      ['iphone', 'medium'],
    ]);
  });
  it('hours late stays low (a zoneless local time, a drifting clock)', () => {
    const mail = sent('m1', 'Tue, 14 Mar 2023 10:12:00 +0100');
    const later = photo('later', { ...R6, taken: '2023:03:14 23:50:00', parent: 'm1' });
    expect(sev([mail, later])).toEqual([['later', 'low']]);
  });
  it("low when the dump shows that camera's clock wrong: a GPS time days away, an unset default date, or another photo late by the same amount", () => {
    const mail = sent('m2', 'Wed, 05 Apr 2023 09:00:00 +0200');
    const canon = photo('canon', { ...R6, taken: '2023:04:14 11:20:00', parent: 'm2' });
    const gpsOff = photo('gps-off', { ...R6, taken: '2023:02:20 10:00:00', gps: '2023:02:11 09:00:00' });
    expect(sev([mail, canon, gpsOff])).toEqual([['canon', 'low']]);
    const unset = photo('unset', { ...R6, taken: '2022:01:01 00:03:10' });
    expect(sev([mail, canon, unset])).toEqual([['canon', 'low']]);
    const mail3 = sent('m3', 'Mon, 01 May 2023 09:00:00 +0200');
    const alsoLate = photo('also-late', { ...R6, taken: '2023:05:10 08:00:00', parent: 'm3' });
    expect(sev([mail, canon, mail3, alsoLate])).toEqual([
      ['also-late', 'low'],
      ['canon', 'low'],
    ]);
  });
  it("another camera's wrong clock, or a photo of the same camera late by a different amount, exonerates nothing", () => {
    const mail = sent('m2', 'Wed, 05 Apr 2023 09:00:00 +0200');
    const canon = photo('canon', { ...R6, taken: '2023:04:14 11:20:00', parent: 'm2' });
    const otherBody = photo('other-body', { ...R6, serial: '032021009999', taken: '2022:01:01 00:03:10' });
    expect(sev([mail, canon, otherBody])).toEqual([['canon', 'medium']]);
    const mail3 = sent('m3', 'Mon, 01 May 2023 09:00:00 +0200');
    const muchLater = photo('much-later', { ...R6, taken: '2023:07:30 08:00:00', parent: 'm3' });
    expect(sev([mail, canon, mail3, muchLater])).toEqual([
      ['canon', 'medium'],
      ['much-later', 'medium'],
    ]);
  });
});

describe.skipIf(corpusMissing())('dates.member-time', () => {
  const members: CorpusDocument[] = [];
  beforeAll(async () => {
    const z = await run(zipExtractor, readFileSync(corpusPath('archive/zip/format-corpus-pdfs_historicaldates.zip')), 'h.zip');
    for (const c of z.children) {
      if (!c.name.endsWith('.pdf')) continue;
      const p = await run(pdfExtractor, await toBuffer(c.source), c.name);
      members.push(corpusDoc(c.name, docFrom('pdf', c.name, p.output!.facts!), { occurrence: c.metadata ?? [] }));
    }
  }, 60_000);

  it('finds nothing on real members whose dates match the archive (2006 Word-for-Mac PDFs)', () => {
    expect(members.length).toBe(2);
    expect(runCorpus(memberTimeCheck, members)).toEqual([]);
  });

  it('flags a member whose archive time was set a month before its own dates', () => {
    const d = members[0];
    const backdated = { ...d, id: 'b', occurrence: [{ source: 'zip', key: 'mtime', value: '2006-05-14 18:36:10' }] };
    const out = runCorpus(memberTimeCheck, [backdated]);
    expect(out).toHaveLength(1);
    expect(out[0].finding.severity).toBe('medium');
    expect(out[0].finding.evidence.memberTimeZoned).toBe(false);
  });

  it('innocent: objects embedded in an Office package carry the member times its writer stamps, and are not judged', async () => {
    // WPS Office writes every member of tika-testWPSAttachment.docx as 2012-07-02 09:52; the package itself dates from 2021.
    const pkg = corpusDoc('pkg', await factsOf(ooxmlExtractor, corpusPath('office/docx/tika-testWPSAttachment.docx'), 'office'));
    const backdated = [{ source: 'zip', key: 'mtime', value: '2006-05-14 18:36:10' }];
    const embedded = { ...members[0], id: 'embedded', parentId: 'pkg', occurrence: backdated };
    expect(runCorpus(memberTimeCheck, [pkg, embedded])).toEqual([]);
    // The same member in a zip archive (a container that is not an Office document) is judged.
    const inZip = { ...members[0], id: 'inzip', parentId: 'zip', occurrence: backdated };
    expect(runCorpus(memberTimeCheck, [pkg, inZip]).map((r) => [r.documentId, r.finding.severity])).toEqual([['inzip', 'medium']]);
  });

  it('reads NTFS times as UTC and DOS times as zoneless', () => {
    expect(
      memberTime([
        { source: 'zip', key: 'mtime', value: '2006-06-14 18:36:10' },
        { source: 'zip', key: 'mtime.ntfs', value: '2006-06-14T08:36:09.999Z' },
      ]),
    ).toMatchObject({ key: 'mtime.ntfs', instant: { zoned: true } });
    expect(memberTime([{ source: 'zip', key: 'mtime', value: '2006-06-14 18:36:10' }])).toMatchObject({
      key: 'mtime',
      instant: { zoned: false },
    });
  });
});
