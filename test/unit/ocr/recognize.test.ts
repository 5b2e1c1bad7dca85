// OCR of documents rendered here (French and English, noise, skew, blur): a scanned letter (PNG), a
// photographed memo (JPEG), a screenshot (PNG) and an image-only PDF of three pages. Every
// distinctive word must come back; the recall of all words of 4+ characters is printed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOcrEngine } from '../../../src/extract/ocr/engine.js';
import { ocrFile } from '../../../src/extract/ocr/ocr-file.js';
import { planOcr } from '../../../src/extract/ocr/plan.js';
import type { OcrEngine } from '../../../src/extract/ocr/types.js';
import { imageOnlyPdf, recall, renderPicture, words, type PictureSpec } from './pictures.js';

const LETTER_FR = [
  'Cabinet Lemaire-Fontaine, 8 avenue Foch, 69006 Lyon',
  'Paris, le 14 février 2019',
  'Objet : facture numéro 88213',
  'Madame Hélène Dupuis-Marchand,',
  'Nous vous réclamons la somme de 12 450,75 euros',
  'au titre des prestations réalisées à Grenoble.',
  'Le règlement est attendu avant le 30 avril 2019',
  'par virement sur le compte de la Banque Populaire.',
  'Veuillez agréer nos salutations distinguées.',
  'Bertrand Lefebvre, directeur financier',
];
const LETTER_FR_KEY = [
  'Lemaire-Fontaine',
  'février',
  '88213',
  'Hélène',
  'Dupuis-Marchand',
  '12',
  '450,75',
  'Grenoble',
  'Lefebvre',
  'Populaire',
];

const MEMO_EN = [
  'MEMORANDUM - CONFIDENTIAL',
  'From: Jonathan Whitfield, Treasury',
  'To: Margaret Okonkwo',
  'Date: 3 November 2021',
  'The Cayman transfer of 2,750,000 USD was approved',
  'by the Halvorsen board on Tuesday.',
  'Account 4471-0923 at Meridian Trust is to be closed.',
  'Shred this after reading.',
];
const MEMO_EN_KEY = ['Whitfield', 'Okonkwo', 'November', '2021', 'Cayman', '2,750,000', 'Halvorsen', '4471-0923', 'Meridian'];

const SCREEN_FR = [
  'De : Sophie Garnier <s.garnier@vallorbe-conseil.fr>',
  'À : Marc Delaunay',
  'Objet : virement Luxembourg',
  'Le montant de 48 900 euros part vendredi',
  'depuis le compte de la société Vallorbe.',
  'Merci de confirmer avec Maître Rousseau.',
];
const SCREEN_FR_KEY = ['Garnier', 'Delaunay', 'Luxembourg', '48', '900', 'vendredi', 'Vallorbe', 'Rousseau'];

const INVOICE_EN = [
  'INVOICE No. 2020-0457',
  'Kestrel Logistics Ltd, 22 Harbour Road, Southampton',
  'Bill to: Northwind Maritime SA',
  'Consulting services, March 2020: 18,300.00 GBP',
  'VAT 20%: 3,660.00 GBP',
  'Total due: 21,960.00 GBP by 15 April 2020',
];
const INVOICE_EN_KEY = ['2020-0457', 'Kestrel', 'Southampton', 'Northwind', '18,300.00', '3,660.00', '21,960.00'];

const letterScan: PictureSpec = { lines: LETTER_FR, width: 2480, height: 3508, fontPx: 46, noise: 18, skewDeg: 1.5, blurPx: 1.2, seed: 1 };
const memoPhoto: PictureSpec = {
  lines: MEMO_EN,
  width: 2000,
  height: 2600,
  fontPx: 52,
  noise: 10,
  skewDeg: -3,
  blurPx: 1.5,
  paper: '#efe8d8',
  shading: true,
  seed: 2,
};
const screenshot: PictureSpec = {
  lines: SCREEN_FR,
  width: 1280,
  height: 720,
  fontPx: 17,
  font: 'DejaVu Sans, sans-serif',
  screenshot: true,
};
const invoiceScan: PictureSpec = { lines: INVOICE_EN, width: 2480, height: 3508, fontPx: 44, noise: 14, skewDeg: 2, blurPx: 1, seed: 3 };

/** Every key word (as words() splits it) must be in the OCR text. */
function missingKeys(keys: string[], text: string): string[] {
  const got = words(text.replace(/[‘’]/g, "'"));
  return [...words(keys.join(' '))].filter((w) => !got.has(w));
}

describe('OCR of rendered documents', () => {
  let engine: OcrEngine;
  beforeAll(async () => {
    engine = await createOcrEngine({ langs: ['eng', 'fra'] });
  });
  afterAll(async () => {
    await engine.close();
  });

  const images: [string, PictureSpec, 'png' | 'jpeg', string[]][] = [
    ['scanned French letter (PNG, noise, skew 1.5°, blur)', letterScan, 'png', LETTER_FR_KEY],
    ['photographed English memo (JPEG, tinted paper, uneven light, skew -3°, blur)', memoPhoto, 'jpeg', MEMO_EN_KEY],
    ['French screenshot (PNG, 17 px text)', screenshot, 'png', SCREEN_FR_KEY],
  ];
  for (const [name, spec, format, keys] of images) {
    it(`${name}: planned as a document image, every distinctive word recovered`, async () => {
      const bytes = await renderPicture(spec, format, 70);
      const plan = await planOcr(bytes, 'image');
      expect(plan.pages).toEqual([{ page: 1, reason: 'document-image' }]);
      const result = await ocrFile(bytes, 'image', plan, engine);
      const text = result.pages[0].text;
      const r = recall(spec.lines, text);
      console.log(
        `OCR recall ${name}: ${(r.recall * 100).toFixed(1)} % (missed: ${r.missed.join(', ') || 'none'}), confidence ${result.pages[0].confidence}`,
      );
      expect(missingKeys(keys, text)).toEqual([]);
      expect(r.recall).toBeGreaterThanOrEqual(0.85);
      expect(result).toMatchObject({ engine: 'tesseract.js', langs: 'eng+fra' });
    });
  }

  it('image-only PDF of three pages: each planned as no-text and read', async () => {
    const pdf = await imageOnlyPdf([
      { bytes: await renderPicture(letterScan, 'png'), format: 'png' },
      { bytes: await renderPicture({ ...memoPhoto, width: 2480, height: 3508 }, 'jpeg', 70), format: 'jpeg' },
      { bytes: await renderPicture(invoiceScan, 'jpeg', 75), format: 'jpeg' },
    ]);
    const plan = await planOcr(pdf, 'pdf');
    expect(plan.pages).toEqual([1, 2, 3].map((page) => ({ page, reason: 'no-text' })));
    const result = await ocrFile(pdf, 'pdf', plan, engine);
    const expected = [
      [LETTER_FR, LETTER_FR_KEY],
      [MEMO_EN, MEMO_EN_KEY],
      [INVOICE_EN, INVOICE_EN_KEY],
    ];
    result.pages.forEach((p, i) => {
      const r = recall(expected[i][0], p.text);
      console.log(
        `OCR recall image-only PDF page ${p.page}: ${(r.recall * 100).toFixed(1)} % (missed: ${r.missed.join(', ') || 'none'}), ${p.widthPx}x${p.heightPx} px, confidence ${p.confidence}`,
      );
      expect(missingKeys(expected[i][1], p.text)).toEqual([]);
      // rendered at about 300 dpi: an A4 page is 2480 px wide
      expect(Math.abs(p.widthPx - 2480)).toBeLessThan(4);
    });
  });
});
