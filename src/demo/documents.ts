// Genuine documents of the fictional organisation: memos (PDF exported from Word or LibreOffice, DOCX),
// budgets (XLSX) and photos (JPEG with EXIF and thumbnail), each stamped with its author's real
// software and dates that fit the story (a file is saved before the mail that carries it).

import type { Prng } from './prng.js';
import type { Person } from './org.js';
import { ORG } from './org.js';
import { makePdf, type PdfSpec } from './pdf.js';
import { makeDocx, makeXlsx, type OfficeMeta } from './ooxml.js';
import { memo, TOPICS, CITIES, slug } from './text.js';
import { exifDate, zoneOffsetMinutes, HOUR, MINUTE } from './time.js';
import { doctor, downscale, encodeJpeg, randomScene, render, type Scene } from './image.js';
import { exifSegment, withExif } from './exif.js';

export interface MadeDoc {
  filename: string;
  contentType: string;
  data: Buffer;
  kind: 'pdf' | 'docx' | 'xlsx' | 'jpeg';
  modified: number;
}

const CT = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jpeg: 'image/jpeg',
} as const;

export function parisOffset(epochMs: number): number {
  return zoneOffsetMinutes('Europe/Paris', epochMs);
}

export function pdfSoftware(p: Person): { creator: string; producer: string; font: 'Helvetica' | 'TimesRoman' } {
  return p.suite === 'word2016'
    ? { creator: 'Microsoft® Word 2016', producer: 'Microsoft® Word 2016', font: 'Helvetica' }
    : { creator: 'Writer', producer: 'LibreOffice 5.2', font: 'TimesRoman' };
}

function officeFonts(p: Person): string[] {
  return p.suite === 'word2016' ? ['Calibri', 'Calibri Light', 'Times New Roman'] : ['Liberation Serif', 'Arial'];
}

export interface PhotoPoolEntry {
  scene: Scene;
  main: Buffer;
  thumb: Buffer;
}

export interface Camera {
  make: string;
  model: string;
  software: string;
}

export const CAMERAS: Record<string, Camera> = {
  iphone: { make: 'Apple', model: 'iPhone 7', software: '10.2.1' },
  canon: { make: 'Canon', model: 'Canon EOS 80D', software: 'Firmware Version 1.0.2' },
};

export class DocFactory {
  photoSize: [number, number] = [640, 480];
  /** Minimum pages for memo PDFs (raised for benchmark volume). */
  pdfMinPages = 0;
  /** Benchmark volume: after eight scenes per size, photos reuse their pixels (JPEG encoding is most of
   * the generator's time); each file still differs by its EXIF block (dates), hence by its hash. */
  reusePixels = false;
  /** Encoded scenes available for reuse; shared between batches by the generator. */
  pool: PhotoPoolEntry[] = [];

  constructor(private readonly prng: Prng) {}

  private title(topic: string): string {
    return this.prng.pick([`Note - ${topic}`, `${topic}`, `Compte rendu : ${topic}`, `${topic} - version de travail`]);
  }

  /** Created some hours to weeks before `modified`. */
  createdBefore(modified: number): number {
    return modified - this.prng.int(1, 24 * 20) * HOUR - this.prng.int(0, 59) * MINUTE;
  }

  async memoPdf(author: Person, modified: number, topic: string, paragraphs?: string[], minPages?: number): Promise<MadeDoc> {
    const sw = pdfSoftware(author);
    const created = modified - this.prng.int(1, 40) * MINUTE;
    const spec: PdfSpec = {
      title: this.title(topic),
      author: author.name,
      creator: sw.creator,
      producer: sw.producer,
      created: { epochMs: created, offsetMin: parisOffset(created) },
      modified: { epochMs: modified, offsetMin: parisOffset(modified) },
      heading: topic,
      paragraphs: paragraphs ?? memo(this.prng, topic, this.prng.int(2, 6)),
      font: sw.font,
      xmp: 'same',
      minPages: minPages ?? (this.pdfMinPages ? this.prng.int(1, this.pdfMinPages) : undefined),
    };
    return { filename: `${slug(topic)}.pdf`, contentType: CT.pdf, data: await makePdf(spec, this.prng), kind: 'pdf', modified };
  }

  officeMeta(author: Person, lastBy: Person, created: number, modified: number, title: string, kind: 'docx' | 'xlsx'): OfficeMeta {
    return {
      title,
      creator: author.name,
      lastModifiedBy: lastBy.name,
      revision: this.prng.int(2, 14),
      created,
      modified,
      app: lastBy.suite === 'libreoffice' ? 'libreoffice' : kind === 'docx' ? 'word2016' : 'excel2016',
      company: lastBy.suite === 'libreoffice' ? undefined : ORG.company,
      totalTimeMinutes: Math.max(1, Math.min(Math.floor((modified - created) / MINUTE / 3), this.prng.int(5, 240))),
      fonts: officeFonts(lastBy),
    };
  }

  async memoDocx(author: Person, lastBy: Person, modified: number, topic: string, paragraphs?: string[]): Promise<MadeDoc> {
    const meta = this.officeMeta(author, lastBy, this.createdBefore(modified), modified, this.title(topic), 'docx');
    const data = await makeDocx(meta, topic, paragraphs ?? memo(this.prng, topic, this.prng.int(2, 7)));
    return { filename: `${slug(topic)}.docx`, contentType: CT.docx, data, kind: 'docx', modified };
  }

  budgetRows(topic: string, lines: number): (string | number)[][] {
    const rows: (string | number)[][] = [
      [topic, '', ''],
      ['Poste', 'Ville', 'Montant (EUR)'],
    ];
    for (let i = 0; i < lines; i++) {
      rows.push([
        this.prng.pick([
          'Location de salle',
          'Sonorisation',
          'Impression',
          'Transport',
          'Restauration',
          'Sécurité',
          'Affichage',
          'Hébergement',
        ]),
        this.prng.pick(CITIES),
        this.prng.int(2, 900) * 25,
      ]);
    }
    return rows;
  }

  async budgetXlsx(author: Person, lastBy: Person, modified: number, topic: string): Promise<MadeDoc> {
    const meta = this.officeMeta(author, lastBy, this.createdBefore(modified), modified, `Budget - ${topic}`, 'xlsx');
    const data = await makeXlsx(meta, this.budgetRows(topic, this.prng.int(6, 40)));
    return { filename: `budget-${slug(topic)}.xlsx`, contentType: CT.xlsx, data, kind: 'xlsx', modified };
  }

  /** A photo and the scene it shows (so a forger can doctor it). */
  photo(camera: Camera, taken: number, seq: number, size = this.photoSize): MadeDoc & { scene: Scene } {
    const [w, h] = size;
    const filename = `IMG_${String(seq).padStart(4, '0')}.JPG`;
    const pooled = this.pool.filter((e) => e.scene.width === w && e.scene.height === h);
    if (this.reusePixels && pooled.length >= 8) {
      const e = this.prng.pick(pooled);
      return { ...this.withCameraExif(e.main, e.thumb, e.scene, camera, taken), filename, scene: e.scene };
    }
    const scene = randomScene(this.prng, w, h);
    const { main, thumb } = this.encode(scene, scene);
    if (this.reusePixels) this.pool.push({ scene, main, thumb });
    return { ...this.withCameraExif(main, thumb, scene, camera, taken), filename, scene };
  }

  private encode(shown: Scene, thumbOf: Scene): { main: Buffer; thumb: Buffer } {
    const px = render(shown, this.prng.fork(1));
    const tpx = thumbOf === shown ? px : render(thumbOf, this.prng.fork(2));
    const thumb = encodeJpeg(downscale(tpx, thumbOf.width, thumbOf.height, 160, 120), 160, 120, 70);
    return { main: encodeJpeg(px, shown.width, shown.height, 88), thumb };
  }

  private withCameraExif(main: Buffer, thumb: Buffer, shown: Scene, camera: Camera, taken: number): MadeDoc {
    const d = exifDate(taken, parisOffset(taken));
    const seg = exifSegment({
      ...camera,
      dateTime: d.date,
      dateTimeOriginal: d.date,
      offsetTime: d.offset,
      width: shown.width,
      height: shown.height,
      thumbnail: thumb,
    });
    return { filename: 'IMG.JPG', contentType: CT.jpeg, data: withExif(main, seg), kind: 'jpeg', modified: taken };
  }

  /** Encodes `shown` as the main image with an EXIF thumbnail of `thumbOf` (the same scene, unless a
   * forger edited the picture and kept the old EXIF block). */
  photoOf(shown: Scene, thumbOf: Scene, camera: Camera, taken: number): MadeDoc {
    const { main, thumb } = this.encode(shown, thumbOf);
    return this.withCameraExif(main, thumb, shown, camera, taken);
  }

  doctoredPhoto(scene: Scene, camera: Camera, taken: number): MadeDoc {
    return this.photoOf(doctor(scene), scene, camera, taken);
  }

  randomTopic(): string {
    return this.prng.pick(TOPICS);
  }
}
