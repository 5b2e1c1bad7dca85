// The text each incremental update changed (PdfRevision.textChange): read only where the structure
// reader says a save redefined a page, and equal to reading every page of every revision.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractPdf } from '../../../../src/extract/pdf/pdf.js';
import { readPdfStructure } from '../../../../src/extract/pdf/structure.js';
import { recordTextChanges } from '../../../../src/extract/pdf/text-changes.js';
import { ExtractError, type ExtractOutput } from '../../../../src/extract/types.js';
import { DEFAULT_LIMITS } from '../../../../src/ingest/limits.js';
import type { PdfRevision } from '../../../../src/model/facts-pdf.js';
import type { Limits } from '../../../../src/model/limits.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { appendUpdate, buildPdf } from '../../../support/pdf-build.js';
import {
  addNote,
  convertToPdfA,
  drawOnPage,
  fillForm,
  formOriginal,
  officeOriginal,
  original,
  sign,
  stampEveryPage,
  textEdit,
} from '../../checks/document/pdf-update-variants.js';

const LETTER = ['Accord de partenariat.', 'Signe par Jean Dupont, president.'];
const TABLE: [string, string][] = [
  ['Loyer', '12'],
  ['Salaires', '25'],
];

/** The text changes read the budgeted way and by reading every page of every revision. */
async function bothWays(bytes: Uint8Array, limits: Limits = DEFAULT_LIMITS) {
  const s = readPdfStructure(bytes);
  const copy = () => s.revisions.map((r) => ({ ...r }) as PdfRevision);
  const budgeted = copy();
  const everything = copy();
  const runB = await recordTextChanges(bytes, budgeted, s.revisionPages, { limits });
  const runA = await recordTextChanges(bytes, everything, s.revisionPages, { limits, pages: 'all' });
  return { budgeted: budgeted.map((r) => r.textChange), everything: everything.map((r) => r.textChange), runB, runA };
}

async function extract(bytes: Uint8Array, limits: Limits = DEFAULT_LIMITS, signal = new AbortController().signal) {
  try {
    return { out: await extractPdf(bytes, 'x.pdf', { limits, signal, warn: () => undefined }) };
  } catch (e) {
    if (!(e instanceof ExtractError)) throw e;
    return { out: e.partial as ExtractOutput, error: e };
  }
}

/** A document of `n` one-line pages written by pdf-build (classic table). */
function pages(n: number, line: (p: number) => string) {
  const objects: Record<number, string> = {
    1: '<< /Type /Catalog /Pages 2 0 R >>',
    3: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  };
  const kids: string[] = [];
  for (let p = 0; p < n; p++) {
    const content = `BT /F1 12 Tf 72 720 Td (${line(p + 1)}) Tj ET`;
    objects[10 + 2 * p] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${11 + 2 * p} 0 R >>`;
    objects[11 + 2 * p] = `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
    kids.push(`${10 + 2 * p} 0 R`);
  }
  objects[2] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${n} >>`;
  return buildPdf(objects);
}

describe('recordTextChanges: only redefined pages are read, and nothing is lost', () => {
  it('a text edit on page 2 of a 2-page file: the page, both texts, both page counts', async () => {
    const edited = await textEdit(officeOriginal({ letter: LETTER, table: TABLE }), 1, '25', '250', 'in-place');
    const { budgeted, everything } = await bothWays(edited);
    expect(budgeted).toEqual(everything);
    expect(budgeted[1]).toEqual({
      against: 0,
      pagesBefore: 2,
      pagesAfter: 2,
      pages: [{ page: 2, before: 'Loyer 12 Salaires 25', after: 'Loyer 12 Salaires 250' }],
      changedPages: 1,
    });
  });

  it('equals reading every page of every revision on innocent updates and other update styles', async () => {
    const office = officeOriginal({ letter: LETTER, table: TABLE });
    const pdfLib = await original(['Accord', 'Montant : 25 000 euros.'], { useObjectStreams: true });
    const variants = [
      await textEdit(office, 0, 'Jean Dupont', 'Marc Lefevre', 'pdf-lib'),
      await textEdit(pdfLib, 1, '25 000', '250 000', 'object-stream'),
      await textEdit(await textEdit(pdfLib, 1, '25 000', '250 000', 'new-stream'), 0, 'Accord', 'Avenant', 'in-place-xref-stream'),
      await drawOnPage(office, 0, 'PAYE'),
      await stampEveryPage(pdfLib, (p) => `BATES-${p}`),
      await convertToPdfA(office),
      await sign(office),
      await fillForm(await formOriginal(), 'Jean Dupont'),
      await addNote(office, 1, 'vu'),
    ];
    for (const [i, v] of variants.entries()) {
      const { budgeted, everything } = await bothWays(v);
      expect(budgeted, `variant ${i}`).toEqual(everything);
    }
  });

  it('reads one page of a five-page file for an edit of that page, and none for a note or a signature', async () => {
    const base = pages(5, (p) => `Page ${p} text`);
    const content = 'BT /F1 12 Tf 72 720 Td (Page 3 new text) Tj ET';
    const edit = appendUpdate(base, { 15: `<< /Length ${content.length} >>\nstream\n${content}\nendstream` });
    const { budgeted, runB, runA } = await bothWays(edit.bytes);
    expect(budgeted[1]).toMatchObject({ changedPages: 1, pages: [{ page: 3, before: 'Page 3 text', after: 'Page 3 new text' }] });
    expect(runB.pageReads).toBe(2);
    expect(runA.pageReads).toBe(10);
    const note = appendUpdate(base, {
      14: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 15 0 R /Annots [40 0 R] >>',
      40: '<< /Type /Annot /Subtype /Text /Rect [0 0 10 10] /Contents (vu) >>',
    });
    const n = await bothWays(note.bytes);
    expect(n.budgeted[1]).toEqual({ against: 0, pagesBefore: 5, pagesAfter: 5, pages: [], changedPages: 0 });
    expect(n.runB.pageReads).toBe(0);
  });

  it('a font redefined in place reaches every page that uses it; a page appended is compared with nothing', async () => {
    const base = pages(3, (p) => `Page ${p}`);
    const font = appendUpdate(base, { 3: '<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>' });
    const f = await bothWays(font.bytes);
    expect(f.runB.pageReads).toBe(6);
    expect(f.budgeted[1]).toMatchObject({ changedPages: 0 });
    const content = 'BT /F1 12 Tf 72 720 Td (Annex) Tj ET';
    const added = appendUpdate(base, {
      2: '<< /Type /Pages /Kids [10 0 R 12 0 R 14 0 R 30 0 R] /Count 4 >>',
      30: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 31 0 R >>',
      31: `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    });
    const a = await bothWays(added.bytes);
    expect(a.budgeted).toEqual(a.everything);
    expect(a.budgeted[1]).toEqual({
      against: 0,
      pagesBefore: 3,
      pagesAfter: 4,
      pages: [{ page: 4, before: '', after: 'Annex' }],
      changedPages: 1,
    });
  });
});

describe('recordTextChanges: limits, cancellation and unreadable revisions', () => {
  it('compares the first 64 redefined pages of an update and counts the others as unread', async () => {
    const base = await original(
      Array.from({ length: 70 }, (_, i) => `Page ${i + 1}`),
      { useObjectStreams: false },
    );
    const { budgeted } = await bothWays(await stampEveryPage(base, (p) => `BATES-${p}`));
    expect(budgeted[1]).toMatchObject({ pagesBefore: 70, pagesAfter: 70, changedPages: 64, unread: 6 });
    expect(budgeted[1]!.pages).toHaveLength(16);
  });

  it('a file with more pages than the limit is not compared, and says so', async () => {
    const edited = await textEdit(officeOriginal({ letter: LETTER, table: TABLE }), 1, '25', '250', 'in-place');
    const { out } = await extract(edited, { ...DEFAULT_LIMITS, maxPdfPages: 1 });
    expect(out.facts!.pdf!.revisions[1].textChange).toMatchObject({ error: 'not compared: more than 1 pages', pages: [] });
  });

  it('stopped by the signal, the extraction says so and keeps the rest', async () => {
    const edited = await textEdit(officeOriginal({ letter: LETTER, table: TABLE }), 1, '25', '250', 'in-place');
    const s = readPdfStructure(edited);
    const ctl = new AbortController();
    ctl.abort(new Error('deadline'));
    const run = await recordTextChanges(edited, s.revisions, s.revisionPages, { limits: DEFAULT_LIMITS, signal: ctl.signal });
    expect(run.stopped).toBe(true);
    expect(s.revisions[1].textChange).toMatchObject({ error: 'not compared: stopped at the deadline' });
  });

  it('a revision pdf.js cannot open is compared with nothing, and the next update with the last one that opened', async () => {
    const base = pages(1, () => 'First text');
    // update 1 asks for a password nobody knows (its trailer's /Encrypt); update 2's trailer drops it
    const hex = (c: string) => `<${c.repeat(64)}>`;
    const content = 'BT /F1 12 Tf 72 720 Td (Second text) Tj ET';
    const u1 = appendUpdate(
      base,
      {
        11: `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
        40: `<< /Filter /Standard /V 1 /R 2 /O ${hex('a')} /U ${hex('b')} /P -4 >>`,
      },
      { trailer: `/Encrypt 40 0 R /ID [${hex('c')} ${hex('c')}]` },
    );
    const content2 = 'BT /F1 12 Tf 72 720 Td (Third text) Tj ET';
    const u2 = appendUpdate(u1, { 11: `<< /Length ${content2.length} >>\nstream\n${content2}\nendstream` });
    const { budgeted, everything } = await bothWays(u2.bytes);
    expect(budgeted).toEqual(everything);
    expect(budgeted[1]?.error).toBe('encrypted: a user password is needed');
    expect(budgeted[2]).toMatchObject({ against: 0, pages: [{ page: 1, before: 'First text', after: 'Third text' }] });
  });
});

describe.skipIf(corpusMissing())('recordTextChanges on the corpus', () => {
  it("issue6605.pdf (a bank statement): the update's page, without its fee paragraph", async () => {
    const { out } = await extract(readFileSync(corpusPath('pdf/pdfjs/issue6605.pdf')));
    const tc = out.facts!.pdf!.revisions[1].textChange!;
    expect(tc).toMatchObject({ against: 0, pagesBefore: 1, pagesAfter: 1, changedPages: 1 });
    expect(tc.pages[0].before).toMatch(/Fee Information/);
    expect(tc.pages[0].after).not.toMatch(/Fee Information/);
  });

  it('a password-protected update cannot be compared (pdf.js issue15893_reduced.pdf)', async () => {
    const { out } = await extract(readFileSync(corpusPath('pdf/pdfjs/issue15893_reduced.pdf')));
    expect(out.facts!.pdf!.revisions[1].textChange).toMatchObject({ error: 'encrypted: a user password is needed' });
  });
});
