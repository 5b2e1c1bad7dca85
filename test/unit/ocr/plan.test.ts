// What gets OCRed: PDF pages by their text and images (pdf.js operator lists), pictures by the
// document-image test (measured on the corpus's real photos), and the bounded page rendering.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadImage } from '@napi-rs/canvas';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { decodeImage, lookAtImage } from '../../../src/extract/ocr/document-image.js';
import { planOcr } from '../../../src/extract/ocr/plan.js';
import { MAX_RENDER_PIXELS, renderPdfPage } from '../../../src/extract/ocr/render.js';
import { corpusMissing, corpusPath } from '../../support/corpus.js';
import { renderPicture } from './pictures.js';

const A4: [number, number] = [595.28, 841.89];

async function pagePicture(): Promise<Uint8Array> {
  return renderPicture({ lines: ['Relevé de compte 2020', 'Solde : 4 310,00 euros'], width: 1240, height: 1754, fontPx: 30 }, 'jpeg');
}

describe('planOcr on PDFs', () => {
  it('leaves born-digital pages alone', async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const page = pdf.addPage(A4);
    page.drawText('An ordinary typed letter with a real text layer.', { x: 60, y: 760, size: 12, font });
    page.drawText('It needs no OCR at all.', { x: 60, y: 740, size: 12, font });
    expect(await planOcr(await pdf.save(), 'pdf')).toEqual({ pages: [] });
  });

  it('finds text covered by the page image (a searchable scan of the other kind)', async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const page = pdf.addPage(A4);
    page.drawText('Releve de compte 2020 Solde : 4 310,00 euros', { x: 60, y: 760, size: 12, font });
    page.drawImage(await pdf.embedJpg(await pagePicture()), { x: 0, y: 0, width: A4[0], height: A4[1] });
    const plan = await planOcr(await pdf.save(), 'pdf');
    expect(plan.pages).toEqual([{ page: 1, reason: 'text-under-image', layerText: 'Releve de compte 2020 Solde : 4 310,00 euros' }]);
  });

  it('finds a page whose text covers none of its big image (a scan with a typed stamp)', async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const page = pdf.addPage(A4);
    page.drawImage(await pdf.embedJpg(await pagePicture()), { x: 0, y: 120, width: A4[0], height: A4[1] - 120 });
    page.drawText('Copie certifiée conforme - pièce 12', { x: 60, y: 40, size: 10, font });
    const plan = await planOcr(await pdf.save(), 'pdf');
    expect(plan.pages).toEqual([{ page: 1, reason: 'low-text-coverage' }]);
  });

  it('gives an empty plan for bytes that are not a PDF', async () => {
    expect(await planOcr(new TextEncoder().encode('not a pdf at all'), 'pdf')).toEqual({ pages: [] });
  });
});

describe('renderPdfPage', () => {
  it('renders a page at the asked resolution', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage(A4).drawImage(await pdf.embedJpg(await pagePicture()), { x: 0, y: 0, width: A4[0], height: A4[1] });
    const img = await loadImage(Buffer.from(await renderPdfPage(await pdf.save(), 1, 150)));
    expect(img.width).toBe(Math.floor((A4[0] * 150) / 72));
  });

  it('caps the pixels of a huge page', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage([14_000, 14_000]).drawImage(await pdf.embedJpg(await pagePicture()), { x: 0, y: 0, width: 14_000, height: 14_000 });
    const img = await loadImage(Buffer.from(await renderPdfPage(await pdf.save(), 1, 300)));
    expect(img.width * img.height).toBeLessThanOrEqual(MAX_RENDER_PIXELS);
    expect(img.width * img.height).toBeGreaterThan(MAX_RENDER_PIXELS * 0.95);
  });
});

describe.skipIf(corpusMissing())('the document-image test on the corpus pictures', () => {
  it('refuses formats the canvas cannot read safely (a TIFF crashes it) instead of decoding them', async () => {
    const tiff = readFileSync(corpusPath('image/tiff/tika-testTIFF.tif'));
    expect(await decodeImage(tiff)).toBeUndefined();
    expect(await planOcr(tiff, 'image')).toEqual({ pages: [] });
  });

  it('selects the pages of text and almost no camera photo', async () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(jpe?g|png)$/i.test(name)) files.push(p);
      }
    };
    walk(corpusPath('image'));
    const selected: string[] = [];
    let readable = 0;
    for (const f of files) {
      const image = await decodeImage(readFileSync(f));
      if (!image) continue;
      readable++;
      if (lookAtImage(image).isDocument) selected.push(f.slice(corpusPath('image').length + 1));
    }
    console.log(`document-image test: ${selected.length} of ${readable} corpus JPEG/PNG pictures selected: ${selected.join(', ')}`);
    expect(readable).toBeGreaterThan(100);
    // the three renderings of a page of lorem ipsum are documents
    expect(selected.filter((f) => f.includes('lorem-ipsum'))).toHaveLength(3);
    // camera photos (everything else in the corpus): at most 2 %
    expect(selected.filter((f) => !f.includes('lorem-ipsum')).length).toBeLessThanOrEqual(Math.floor(readable * 0.02));
  });
});
