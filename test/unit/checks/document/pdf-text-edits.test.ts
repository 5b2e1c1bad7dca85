// pdf.revisions on text edited in an incremental update, written the ways editors, libraries and
// scripts write updates (pdf-update-variants.ts), over originals of four makers, and on the
// innocent updates that look like them. The facts are the real extractor's.

import { describe, expect, it } from 'vitest';
import { pdfExtractor } from '../../../../src/extract/pdf/pdf.js';
import { pdfRevisions } from '../../../../src/checks/document/pdf-revisions.js';
import type { FindingDraft } from '../../../../src/checks/types.js';
import { run } from '../../../support/extract-harness.js';
import { docFrom, runCheck } from './harness.js';
import {
  UPDATE_STYLES,
  addNote,
  appendPage,
  convertToPdfA,
  drawOnPage,
  everyPageInPlace,
  fillForm,
  flattenToImage,
  formOriginal,
  linearizedOriginal,
  officeOriginal,
  original,
  rewriteWhole,
  sign,
  stampEveryPage,
  swapWords,
  textEdit,
  textOnBlankPage,
  touchInfo,
} from './pdf-update-variants.js';

/** The check on the extractor's facts, or on what the structure scan alone sees (no revision texts). */
async function judge(bytes: Buffer, texts = true): Promise<FindingDraft[]> {
  const r = await run(pdfExtractor, bytes, 'x.pdf');
  if (!r.output?.facts?.pdf) throw new Error(`not extracted: ${r.error?.message}`);
  const pdf = r.output.facts.pdf;
  const revisions = texts ? pdf.revisions : pdf.revisions.map(({ textChange: _t, ...rev }) => rev);
  return runCheck(pdfRevisions, docFrom('pdf', 'x.pdf', { pdf: { ...pdf, revisions } }));
}

const revisionFinding = (f: FindingDraft[]) => f.find((x) => x.evidence.updates !== undefined);
const textKinds = (f: FindingDraft | undefined) => (f?.evidence.revisions as { text?: string }[] | undefined)?.map((r) => r.text);

const LETTER = [
  "Accord de partenariat entre la ville et l'association.",
  'Le conseil a approuve le budget annuel.',
  'La subvention est versee en une fois.',
  'Signe par Jean Dupont, president.',
];
const TABLE: [string, string][] = [
  ['Loyer', '12'],
  ['Salaires', '25'],
  ['Total', '37'],
];
const PDF_LIB_PAGES = ['Accord de partenariat', "Contribution de l'association : 25 000 euros. Fin du texte."];

interface Edit {
  what: string;
  page: number;
  from: string;
  to: string;
  removed: string;
  added: string;
}
const AMOUNT: Edit = { what: 'an amount', page: 1, from: '25 000', to: '250 000', removed: '25', added: '250' };
const FIGURE: Edit = { what: 'one figure in a table', page: 1, from: '25', to: '250', removed: '25', added: '250' };
const SENTENCE: Edit = {
  what: 'a deleted sentence',
  page: 0,
  from: 'La subvention est versee en une fois.',
  to: '',
  removed: 'La subvention est versee en une fois.',
  added: '',
};
const NAME: Edit = {
  what: 'a replaced name',
  page: 0,
  from: 'Jean Dupont',
  to: 'Marc Lefevre',
  removed: 'Jean Dupont,',
  added: 'Marc Lefevre,',
};
const LINEAR_FIGURE: Edit = { ...FIGURE, page: 0 };

const ORIGINALS: { maker: string; make: () => Promise<Buffer>; edits: Edit[] }[] = [
  { maker: 'pdf-lib, classic table', make: () => original(PDF_LIB_PAGES, { useObjectStreams: false }), edits: [AMOUNT] },
  { maker: 'pdf-lib, object streams', make: () => original(PDF_LIB_PAGES, { useObjectStreams: true }), edits: [AMOUNT] },
  { maker: 'an office suite', make: async () => officeOriginal({ letter: LETTER, table: TABLE }), edits: [FIGURE, SENTENCE, NAME] },
  {
    maker: 'Acrobat, linearized',
    make: async () => linearizedOriginal('Signe par Jean Dupont, president. Montant 25 euros.'),
    edits: [LINEAR_FIGURE, NAME],
  },
];

describe('pdf.revisions: text edited in an incremental update', () => {
  for (const { maker, make, edits } of ORIGINALS) {
    for (const style of UPDATE_STYLES) {
      it(`${style} update over an original by ${maker}: ${edits.map((e) => e.what).join(', ')} medium, the words as evidence`, async () => {
        const base = await make();
        for (const e of edits) {
          const edited = await textEdit(base, e.page, e.from, e.to, style);
          const f = revisionFinding(await judge(edited));
          expect(f?.severity, e.what).toBe('medium');
          expect(f?.evidence.textEditedIn, e.what).toEqual([1]);
          expect(f?.evidence.textEdits, e.what).toEqual([
            expect.objectContaining({ update: 1, page: e.page + 1, removed: e.removed, added: e.added }),
          ]);
          expect(f?.message).toContain(e.added ? `"${e.removed}" became "${e.added}"` : `"${e.removed}" removed`);
          // Without the texts, the structure scan sees the page's content replaced: a new
          // /Contents, or the stream it refers to rewritten in place.
          const structural = revisionFinding(await judge(edited, false));
          expect(structural?.severity, `${e.what}, structure only`).toBe('medium');
          expect(structural?.evidence.pageContentsReplacedIn).toEqual([1]);
        }
      });
    }
  }

  it('the evidence is a before/after passage per change, with an ellipsis where the page goes on', async () => {
    const edited = await textEdit(officeOriginal({ letter: LETTER, table: TABLE }), 0, 'Jean Dupont', 'Marc Lefevre', 'in-place');
    const f = revisionFinding(await judge(edited))!;
    expect(f.evidence.textEdits).toEqual([
      {
        update: 1,
        page: 1,
        removed: 'Jean Dupont,',
        added: 'Marc Lefevre,',
        before: '… versee en une fois. Signe par Jean Dupont, president.',
        after: '… versee en une fois. Signe par Marc Lefevre, president.',
      },
    ]);
  });

  it('two figures of a table or two names exchanged, every other word in place, are medium', async () => {
    const office = officeOriginal({ letter: LETTER, table: TABLE });
    for (const style of UPDATE_STYLES) {
      const figures = revisionFinding(await judge(await swapWords(office, 1, '12', '25', style)));
      expect(figures?.severity, style).toBe('medium');
      expect(figures?.evidence.textEdits, style).toEqual([
        expect.objectContaining({ page: 2, removed: '12', added: '25' }),
        expect.objectContaining({ page: 2, removed: '25', added: '12' }),
      ]);
    }
    const names = revisionFinding(
      await judge(
        await swapWords(
          officeOriginal({ letter: ['Vendeur : Jean Dupont.', 'Acheteur : Marc Lefevre.'], table: TABLE }),
          0,
          'Jean Dupont',
          'Marc Lefevre',
          'in-place',
        ),
      ),
    );
    expect(names?.severity).toBe('medium');
  });

  it('a whole file written anew by pdf-lib keeps no earlier version: nothing for this check to compare', async () => {
    const rewritten = await rewriteWhole(officeOriginal({ letter: LETTER, table: TABLE }), 1, '25', '250');
    expect(revisionFinding(await judge(rewritten))).toBeUndefined();
  });
});

describe('pdf.revisions: innocent updates that look like an edit stay below medium', () => {
  const office = () => officeOriginal({ letter: LETTER, table: TABLE });
  const cases: { what: string; make: () => Promise<Buffer>; severity: 'info' | 'low'; text?: string }[] = [
    {
      what: 'a form filled in (pdf-lib)',
      make: async () => fillForm(await formOriginal(), 'Jean Dupont'),
      severity: 'info',
      text: 'same-words',
    },
    { what: 'a signing save', make: () => sign(office()), severity: 'info', text: 'same-words' },
    { what: 'a note added', make: () => addNote(office(), 0, 'vu'), severity: 'low', text: 'same-words' },
    { what: 'Info rewritten by a metadata tool', make: () => touchInfo(office()), severity: 'info' },
    {
      what: 'a PDF/A conversion saved as an update (XMP, output intent, font widths)',
      make: () => convertToPdfA(office()),
      severity: 'low',
      text: 'same-words',
    },
    {
      what: 'a PDF/A conversion over an original with object streams',
      make: async () => convertToPdfA(await original(PDF_LIB_PAGES, { useObjectStreams: true })),
      severity: 'low',
      text: 'same-words',
    },
    {
      what: 'a stamp drawn by pdf-lib after the text of one page',
      make: () => drawOnPage(office(), 1, 'PAYE LE 02/05/2017'),
      severity: 'low',
      text: 'added-at-edge',
    },
    {
      what: 'a stamp with a running number on every page',
      make: async () =>
        stampEveryPage(await original(PDF_LIB_PAGES, { useObjectStreams: false }), (p) => `CONFIDENTIAL ${String(p).padStart(6, '0')}`),
      severity: 'low',
      text: 'added-at-edge',
    },
    {
      what: 'one running header changed on every page, in place',
      make: async () =>
        everyPageInPlace(
          officeOriginal({
            letter: ['PROJET', 'Texte de la page un.'],
            table: [
              ['PROJET', ''],
              ['Texte de la page', 'deux'],
            ],
          }),
          'PROJET',
          'DEFINITIF',
        ),
      severity: 'low',
      text: 'repeated-on-pages',
    },
    {
      what: 'text on a page that had none (an OCR layer)',
      make: async () => textOnBlankPage(await original(['', 'annexe'], { useObjectStreams: true }), 0, 'Scanned page text'),
      severity: 'low',
      text: 'new-text',
    },
    {
      what: 'a page appended (pdf-lib)',
      make: () => appendPage(office(), 'Annexe 2 : liste des membres'),
      severity: 'low',
      text: 'new-text',
    },
    { what: 'a page flattened to an image', make: () => flattenToImage(office(), 0), severity: 'low', text: 'text-layer-removed' },
  ];
  for (const c of cases) {
    it(c.what, async () => {
      const f = revisionFinding(await judge(await c.make()));
      expect(f?.severity).toBe(c.severity);
      expect(f?.evidence.textEditedIn).toEqual([]);
      if (c.text) expect(textKinds(f)).toEqual([c.text]);
    });
  }

  it('a linearized original alone is one save, not an update', async () => {
    expect(revisionFinding(await judge(linearizedOriginal('Montant 25 euros.')))).toBeUndefined();
  });
});
