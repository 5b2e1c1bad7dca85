import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { emailExtractor } from '../../../../src/extract/email/rfc822.js';
import { pdfExtractor } from '../../../../src/extract/pdf/pdf.js';
import { zipExtractor } from '../../../../src/extract/archive/zip.js';
import { toBuffer } from '../../../../src/extract/common/byte-source.js';
import { attachmentAfterEmail, memberTime, memberTimeCheck } from '../../../../src/checks/corpus/containment-dates.js';
import type { CorpusDocument } from '../../../../src/checks/types.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { run } from '../../../support/extract-harness.js';
import { docFrom } from '../document/harness.js';
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

  it('looks through an attached archive to the carrying email', () => {
    const zip = corpusDoc('zip', docFrom('archive', 'a.zip', {}), { parentId: 'enron' });
    const pdf = { ...genuine[1], id: 'inzip', parentId: 'zip' };
    const out = runCorpus(attachmentAfterEmail, [enron, zip, pdf]);
    expect(out.map((r) => [r.documentId, r.finding.evidence.viaArchives])).toEqual([['inzip', ['zip']]]);
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
