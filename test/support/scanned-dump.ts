// A dump of scanned paper for OCR tests, rendered here: letters scanned to image-only PDFs (several
// pages), memos photographed (JPEG) and screenshots (PNG), in French and English, with noise, skew
// and blur. Each document's distinctive words are returned with it.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { PDFDocument } from 'pdf-lib';

export interface ScannedDocument {
  /** Path in the dump. */
  path: string;
  /** Words of its text no other document of the dump holds. */
  words: string[];
}

interface Look {
  width: number;
  height: number;
  /** Degrees the paper is turned. */
  skew: number;
  /** Share of pixels replaced by noise (0..1). */
  noise: number;
  /** Gaussian blur radius in pixels. */
  blur: number;
  paper: string;
  fontPx: number;
  /** Line height over font size. */
  lineSpacing: number;
  font: string;
}

/** A seeded generator: the same dump every run. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function drawPage(lines: string[], look: Look, seed: number): ReturnType<typeof createCanvas> {
  const canvas = createCanvas(look.width, look.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = look.paper;
  ctx.fillRect(0, 0, look.width, look.height);
  ctx.save();
  ctx.translate(look.width / 2, look.height / 2);
  ctx.rotate((look.skew * Math.PI) / 180);
  ctx.translate(-look.width / 2, -look.height / 2);
  if (look.blur > 0) ctx.filter = `blur(${look.blur}px)`;
  ctx.fillStyle = '#1a1a1a';
  ctx.font = `${look.fontPx}px ${look.font}`;
  const left = Math.round(look.width * 0.08);
  let y = Math.round(look.height * 0.08) + look.fontPx;
  for (const line of lines) {
    ctx.fillText(line, left, y);
    y += Math.round(look.fontPx * look.lineSpacing);
  }
  ctx.restore();
  addNoise(ctx, look, prng(seed));
  return canvas;
}

function addNoise(ctx: SKRSContext2D, look: Look, rnd: () => number): void {
  if (look.noise <= 0) return;
  const img = ctx.getImageData(0, 0, look.width, look.height);
  const px = img.data;
  for (let i = 0; i < px.length; i += 4) {
    if (rnd() < look.noise) {
      // Dust and toner specks.
      const v = rnd() < 0.5 ? 40 + Math.floor(rnd() * 80) : 200 + Math.floor(rnd() * 55);
      px[i] = px[i + 1] = px[i + 2] = v;
    } else {
      // Paper grain everywhere.
      const d = Math.floor((rnd() - 0.5) * 20);
      px[i] = Math.max(0, Math.min(255, px[i] + d));
      px[i + 1] = Math.max(0, Math.min(255, px[i + 1] + d));
      px[i + 2] = Math.max(0, Math.min(255, px[i + 2] + d));
    }
  }
  ctx.putImageData(img, 0, 0);
}

/** Ordinary sentences every page of a language carries too (not distinctive: shared by several). */
const FILLER = {
  fr: [
    'Nous restons à votre disposition pour tout renseignement',
    'complémentaire et vous prions de recevoir nos salutations.',
    'Ce document est transmis pour information aux services.',
  ],
  en: [
    'Please do not hesitate to contact us should you need',
    'any further information about this matter.',
    'This document is circulated for information only.',
  ],
};

/** A4 scanned at 200 dpi, a common scanner setting for letters. */
const A4_200DPI = { width: 1654, height: 2339 };

const LETTERS: { name: string; pages: string[][]; words: string[] }[] = [
  {
    name: 'courrier-prefecture.pdf',
    pages: [
      [
        'Préfecture de la Gironde',
        'Bordeaux, le 14 mars 2019',
        '',
        'Madame la Directrice,',
        'Nous accusons réception de votre dossier',
        'concernant la parcelle cadastrale de Lormont.',
        ...FILLER.fr,
      ],
      [
        'Le rapport hydrographique sera transmis',
        'au cabinet Vasseur avant la fin du trimestre.',
        ...FILLER.fr,
        '',
        'Le secrétaire général, Hubert Castagnac',
      ],
    ],
    words: ['Gironde', 'cadastrale', 'Lormont', 'hydrographique', 'Vasseur', 'Castagnac'],
  },
  {
    name: 'letter-thornbury.pdf',
    pages: [
      [
        'Thornbury Shipping Limited',
        'Harbour Road, Falmouth',
        '',
        'Dear Mr Pemberton,',
        'Please find enclosed the revised invoice',
        'for the refrigerated containers.',
        ...FILLER.en,
      ],
      [
        'The consignment left Rotterdam on Tuesday.',
        'Our auditor, Margaret Whitfield, will confirm',
        'the insurance figures next week.',
        ...FILLER.en,
        '',
        'Yours sincerely,',
        'Gregory Ashcombe',
      ],
      ['Annex: schedule of payments', 'First instalment due in September.', 'Reference: quarterly reconciliation.', ...FILLER.en],
    ],
    words: ['Thornbury', 'Falmouth', 'Pemberton', 'refrigerated', 'Rotterdam', 'Whitfield', 'Ashcombe', 'instalment', 'reconciliation'],
  },
];

const MEMOS: { name: string; lines: string[]; words: string[] }[] = [
  {
    name: 'memo-reunion.jpg',
    lines: [
      'NOTE INTERNE',
      'Objet : réunion du comité de pilotage',
      'Présents : Delphine Marchetti, Antoine Roussel',
      'Le budget de la médiathèque est reporté.',
      'Prochaine séance à Villeurbanne.',
      ...FILLER.fr,
    ],
    words: ['Marchetti', 'Roussel', 'médiathèque', 'Villeurbanne', 'pilotage'],
  },
  {
    name: 'memo-warehouse.jpg',
    lines: [
      'MEMORANDUM',
      'To: all warehouse supervisors',
      'From: Patricia Holloway',
      'Forklift inspections move to Wednesday.',
      'Contact the Nottingham depot for spare parts.',
      ...FILLER.en,
    ],
    words: ['warehouse', 'supervisors', 'Holloway', 'Forklift', 'Nottingham'],
  },
];

const SCREENSHOTS: { name: string; lines: string[]; words: string[] }[] = [
  {
    name: 'capture-messagerie.png',
    lines: [
      'Messagerie - Boîte de réception',
      'De : Sébastien Lefebvre',
      'Objet : virement vers Luxembourg',
      'Merci de valider le virement avant vendredi.',
      'Cordialement, la comptabilité',
      ...FILLER.fr,
    ],
    words: ['Lefebvre', 'virement', 'Luxembourg', 'vendredi', 'comptabilité'],
  },
  {
    name: 'screenshot-chat.png',
    lines: [
      'Team chat - #procurement',
      'Oliver Brandt: the Kingsbridge tender closes tonight',
      'Fiona Gallagher: I uploaded the spreadsheet',
      'Oliver Brandt: thanks, forwarding to legal',
      ...FILLER.en,
    ],
    words: ['procurement', 'Brandt', 'Kingsbridge', 'tender', 'Gallagher', 'spreadsheet'],
  },
];

/** Writes the scanned dump under `dir` and returns its documents and their distinctive words. */
export async function writeScannedDump(dir: string): Promise<ScannedDocument[]> {
  if (!GlobalFonts.has('DejaVu Serif')) GlobalFonts.loadFontsFromDir('/usr/share/fonts/truetype');
  const docs: ScannedDocument[] = [];
  mkdirSync(join(dir, 'scans'), { recursive: true });
  mkdirSync(join(dir, 'photos'), { recursive: true });
  mkdirSync(join(dir, 'screenshots'), { recursive: true });
  let seed = 1;
  for (const letter of LETTERS) {
    const pdf = await PDFDocument.create();
    for (const lines of letter.pages) {
      const look: Look = {
        ...A4_200DPI,
        skew: seed % 2 ? 0.8 : -0.6,
        noise: 0.004,
        blur: 0.8,
        paper: '#f4f1ea',
        fontPx: 45,
        lineSpacing: 1.6,
        font: 'DejaVu Serif',
      };
      const jpeg = drawPage(lines, look, seed++).encodeSync('jpeg', 80);
      const img = await pdf.embedJpg(jpeg);
      // A4 in points, the scan filling the page: an image-only PDF, as a scanner writes it.
      const page = pdf.addPage([595.28, 841.89]);
      page.drawImage(img, { x: 0, y: 0, width: 595.28, height: 841.89 });
    }
    const path = `scans/${letter.name}`;
    writeFileSync(join(dir, path), await pdf.save());
    docs.push({ path, words: letter.words });
  }
  for (const memo of MEMOS) {
    // A phone photo of a page: off-white, turned, soft and grainy.
    const look: Look = {
      width: 1600,
      height: 1400,
      skew: seed % 2 ? 0.5 : -0.5,
      noise: 0.005,
      blur: 1,
      paper: '#e6e2d8',
      fontPx: 38,
      lineSpacing: 1.9,
      font: 'DejaVu Sans',
    };
    const path = `photos/${memo.name}`;
    writeFileSync(join(dir, path), drawPage(memo.lines, look, seed++).encodeSync('jpeg', 75));
    docs.push({ path, words: memo.words });
  }
  for (const shot of SCREENSHOTS) {
    const look: Look = {
      width: 1280,
      height: 720,
      skew: 0,
      noise: 0,
      blur: 0,
      paper: '#ffffff',
      fontPx: 26,
      lineSpacing: 1.6,
      font: 'DejaVu Sans',
    };
    const path = `screenshots/${shot.name}`;
    writeFileSync(join(dir, path), drawPage(shot.lines, look, seed++).encodeSync('png'));
    docs.push({ path, words: shot.words });
  }
  return docs;
}
