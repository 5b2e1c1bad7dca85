// Documents the staff produce with the software their desk really has: Word/Excel 2016 or Microsoft
// 365, Word for Mac (whose PDFs Quartz writes), LibreOffice at the version current on that date, a
// team with Acrobat PDFMaker, and the office scanner. Each document knows its author, dates and text,
// so that forgeries can copy, re-save or contradict it.

import type { Prng } from '../../demo/prng.js';
import { atLocal, DAY, MINUTE, offsetAt, wall } from './clock.js';
import { encode, type Picture } from './photos.js';
import type { Person } from './mail-model.js';
import { DOCX_TYPE, officeFile, XLSX_TYPE, type OfficeApp, type OfficeSpec } from './office.js';
import { makePdf, type PdfSpec, type Producer } from './pdf.js';
import type { Org } from './org.js';
import { langOf, type Lang, type Writer } from './text.js';

/** LibreOffice releases (version string as written in app.xml) with their release dates. */
export const LIBREOFFICE_RELEASES: [string, string][] = [
  ['2016-02-10', '5.1.0.3'],
  ['2016-08-03', '5.2.0.4'],
  ['2016-11-03', '5.2.3.3'],
  ['2017-02-01', '5.3.0.3'],
  ['2017-04-06', '5.3.2.2'],
  ['2017-06-22', '5.3.4.2'],
  ['2017-07-28', '5.4.0.3'],
  ['2017-10-05', '5.4.2.2'],
  ['2017-12-07', '5.4.4.2'],
  ['2018-01-31', '6.0.0.3'],
  ['2018-02-28', '6.0.2.1'],
  ['2018-05-10', '6.0.4.2'],
  ['2018-08-08', '6.1.0.3'],
  ['2018-09-27', '6.1.2.1'],
  ['2018-12-20', '6.1.4.2'],
  ['2019-02-07', '6.2.0.3'],
  ['2019-04-18', '6.2.3.2'],
  ['2019-07-04', '6.2.5.2'],
  ['2019-08-08', '6.3.0.4'],
  ['2020-08-05', '7.0.0.3'],
  ['2020-10-29', '7.0.3.1'],
  ['2021-02-03', '7.1.0.3'],
  ['2021-04-08', '7.1.2.2'],
  ['2021-07-29', '7.1.5.2'],
  ['2021-08-19', '7.2.0.4'],
  ['2021-10-14', '7.2.2.2'],
  ['2021-12-09', '7.2.4.1'],
  ['2022-02-02', '7.3.0.3'],
  ['2022-08-18', '7.4.0.3'],
  ['2023-02-02', '7.5.0.3'],
  ['2023-08-21', '7.6.0.3'],
  ['2023-11-23', '7.6.3.2'],
  ['2024-01-31', '24.2.0.3'],
  ['2024-03-28', '24.2.2.2'],
  ['2024-07-18', '24.2.5.2'],
  ['2024-08-22', '24.8.0.3'],
];

export function libreOfficeAt(at: number): string {
  return LIBREOFFICE_RELEASES.filter(([d]) => Date.parse(d) + 10 * DAY <= at).pop()?.[1] ?? LIBREOFFICE_RELEASES[0][1];
}

export type DeskSuite = 'office2016' | 'm365' | 'mac-office' | 'libreoffice' | 'acrobat' | 'mac-365' | 'pages' | 'google-docs';

/** The office suite on a person's desk. */
export function suiteOf(p: Person, org: Org): DeskSuite {
  if (p.suite) return p.suite as DeskSuite;
  if (p.client === 'applemail') return 'mac-office';
  if (p.client === 'thunderbird' && p.os !== 'windows') return 'libreoffice';
  if (p.client === 'thunderbird') return 'libreoffice';
  if (org.start >= Date.parse('2020-06-01')) return 'm365';
  return 'office2016';
}

function officeAppFor(suite: DeskSuite, kind: 'docx' | 'xlsx', at: number, os: Person['os']): OfficeApp {
  if (suite === 'libreoffice')
    return {
      family: 'libreoffice',
      version: libreOfficeAt(at),
      platform: os === 'linux' ? 'Linux_X86_64' : os === 'mac' ? 'MacOSX_X86_64' : 'Windows_X86_64',
    };
  if (kind === 'xlsx') return { family: 'excel', version: '16', mac: suite === 'mac-365' || suite === 'pages' || undefined };
  return { family: 'word', version: '16', mac: suite === 'mac-office' || suite === 'mac-365' || suite === 'pages' };
}

function pdfProducerFor(suite: DeskSuite, at: number): Producer {
  switch (suite) {
    case 'libreoffice':
      return { kind: 'libreoffice', version: libreOfficeAt(at).split('.').slice(0, 2).join('.'), app: 'Writer' };
    case 'mac-office':
      return {
        kind: 'quartz',
        creator: 'Microsoft Word',
        // The macOS of the day: a fixed version would name a release after the document's own date.
        producer: `macOS Version ${macOsAt(at)} Quartz PDFContext`,
      };
    case 'acrobat':
      return {
        kind: 'acrobat',
        library: 'Adobe PDF Library 15.0',
        creator: 'Acrobat PDFMaker 15 for Word',
        xmpCore: 'Adobe XMP Core 5.6-c015 84.158116, 2016/06/03-00:23:50        ',
      };
    case 'm365':
      return { kind: 'word', product: 'Microsoft® Word for Microsoft 365' };
    case 'mac-365':
      // Word for Mac's "Best for printing" goes through macOS's Quartz.
      return { kind: 'quartz', creator: 'Microsoft Word', producer: `macOS Version ${macOsAt(at)} Quartz PDFContext` };
    case 'pages':
      return { kind: 'quartz', creator: 'Pages', producer: `macOS Version ${macOsAt(at)} Quartz PDFContext` };
    case 'google-docs':
      return { kind: 'google-docs', producer: `Skia/PDF m${chromeAt(at)} Google Docs Renderer` };
    default:
      return { kind: 'word', product: 'Microsoft® Word 2016' };
  }
}

/** macOS versions and builds as Quartz writes them into PDFs since Sierra renamed OS X ("macOS Version
 *  10.12.6 (Build 16G29) Quartz PDFContext"): Sierra/High Sierra and Sonoma ("14.2.1 (Build 23C71)"). */
const MACOS: [string, string][] = [
  ['2017-03-27', '10.12.4 (Build 16E195)'],
  ['2017-05-15', '10.12.5 (Build 16F73)'],
  ['2017-07-19', '10.12.6 (Build 16G29)'],
  ['2017-09-25', '10.13 (Build 17A405)'],
  ['2017-10-31', '10.13.1 (Build 17B48)'],
  ['2017-12-06', '10.13.2 (Build 17C88)'],
  ['2018-01-23', '10.13.3 (Build 17D47)'],
  ['2023-09-26', '14.0 (Build 23A344)'],
  ['2023-10-25', '14.1 (Build 23B74)'],
  ['2023-12-11', '14.2 (Build 23C64)'],
  ['2023-12-19', '14.2.1 (Build 23C71)'],
  ['2024-01-22', '14.3 (Build 23D56)'],
  ['2024-03-07', '14.4 (Build 23E214)'],
  ['2024-03-25', '14.4.1 (Build 23E224)'],
  ['2024-05-13', '14.5 (Build 23F79)'],
  ['2024-07-29', '14.6 (Build 23G80)'],
];

function macOsAt(at: number): string {
  return MACOS.filter(([d]) => Date.parse(d) + 7 * DAY <= at).pop()?.[1] ?? MACOS[0][1];
}

/** Chrome stable releases of the hold-out years (milestone, day): Google Docs' PDF renderer names the
 *  milestone it runs ("Skia/PDF m114 Google Docs Renderer"). */
const CHROME: [string, number][] = [
  ['2017-01-25', 56],
  ['2017-03-09', 57],
  ['2017-04-19', 58],
  ['2017-06-05', 59],
  ['2017-07-25', 60],
  ['2017-09-05', 61],
  ['2017-10-17', 62],
  ['2017-12-06', 63],
  ['2018-01-24', 64],
  ['2018-03-06', 65],
  ['2023-02-07', 110],
  ['2023-03-07', 111],
  ['2023-04-04', 112],
  ['2023-05-02', 113],
  ['2023-05-30', 114],
  ['2023-07-18', 115],
  ['2023-08-15', 116],
  ['2023-09-12', 117],
  ['2023-10-10', 118],
  ['2023-10-31', 119],
  ['2023-12-05', 120],
  ['2024-01-23', 121],
  ['2024-02-20', 122],
  ['2024-03-19', 123],
  ['2024-04-16', 124],
  ['2024-05-14', 125],
  ['2024-06-11', 126],
  ['2024-07-23', 127],
  ['2024-08-20', 128],
];

function chromeAt(at: number): number {
  return CHROME.filter(([d]) => Date.parse(d) + 7 * DAY <= at).pop()?.[1] ?? CHROME[0][1];
}

function fontsFor(suite: DeskSuite, kind: 'docx' | 'xlsx' | 'pdf', locale = '', at = 0): string[] {
  if (locale === 'ja-JP' && kind !== 'pdf') return kind === 'xlsx' ? ['游ゴシック'] : ['游明朝', '游ゴシック'];
  if (suite === 'google-docs') return ['Arial', 'Roboto'];
  if (suite === 'pages') return ['Helvetica Neue', 'Helvetica Neue Bold'];
  if ((suite === 'm365' || suite === 'mac-365') && at >= Date.parse('2024-01-15'))
    return kind === 'xlsx' ? ['Aptos Narrow'] : ['Aptos', 'Aptos Display'];
  if (suite === 'libreoffice') return kind === 'xlsx' ? ['Liberation Sans'] : ['Liberation Serif', 'Liberation Sans'];
  if (kind === 'xlsx') return ['Calibri'];
  return ['Calibri', 'Calibri Light'];
}

export interface Doc {
  kind: 'docx' | 'xlsx' | 'pdf' | 'jpeg';
  filename: string;
  contentType: string;
  data: Buffer;
  author: Person;
  title: string;
  created: number;
  modified: number;
  paragraphs: string[];
  office?: OfficeSpec;
  pdf?: PdfSpec;
}

/** A moment in the author's working hours, `daysBefore` days before `at`. */
export function workTimeBefore(p: Person, at: number, daysBefore: number, prng: Prng): number {
  const t = at - daysBefore * DAY;
  const w = wall(t, offsetAt(p.zone, t));
  let cand = atLocal(
    p.zone,
    w.year,
    w.month,
    w.day,
    prng.int(p.hours[0], Math.max(p.hours[0], p.hours[1] - 1)),
    prng.int(0, 59),
    prng.int(0, 59),
  );
  if (cand >= at) cand = at - prng.int(20, 240) * MINUTE;
  return cand;
}

function titleFor(org: Org, topic: string, kind: 'docx' | 'xlsx' | 'pdf', prng: Prng, lang: Lang = org.params.language): string {
  const t = topic.replace(/^(the|les|le|la|l’)\s+/i, '');
  const cap = t.charAt(0).toUpperCase() + t.slice(1);
  if (lang === 'de')
    return kind === 'xlsx'
      ? prng.pick([`Übersicht ${t}`, `Kalkulation ${t}`])
      : prng.pick([`Vermerk ${t}`, `Bericht ${t}`, `Protokoll ${t}`, cap]);
  if (lang === 'pt')
    return kind === 'xlsx' ? prng.pick([`Planilha ${t}`, `Custos ${t}`]) : prng.pick([`Relatório ${t}`, `Nota ${t}`, `Ata ${t}`, cap]);
  if (lang === 'ja') return kind === 'xlsx' ? prng.pick([`${t}一覧`, `${t}集計`]) : prng.pick([`${t}報告書`, `${t}議事録`, `${t}について`]);
  const fr = lang === 'fr';
  if (kind === 'xlsx')
    return fr ? prng.pick([`Budget ${t}`, `Suivi ${t}`, `Tableau ${t}`]) : prng.pick([`${cap} budget`, `${cap} tracker`, `${cap} costs`]);
  return fr
    ? prng.pick([`Note ${t}`, `Rapport ${t}`, `Compte rendu ${t}`, cap])
    : prng.pick([`${cap} report`, `${cap} memo`, `${cap} summary`, cap]);
}

const BUDGET: Partial<Record<Lang, [string[], string[]]>> = {
  de: [
    ['Position', 'Budget', 'Gebucht', 'Rest'],
    ['Honorare', 'Reisekosten', 'Fremdleistungen', 'Software', 'Fortbildung', 'Sonstiges'],
  ],
  pt: [
    ['Item', 'Orçado', 'Realizado', 'Saldo'],
    ['Fertilizantes', 'Sementes', 'Frete', 'Armazenagem', 'Mão de obra', 'Diversos'],
  ],
  ja: [
    ['項目', '予算', '実績', '残高'],
    ['仕入', '運賃', '保険料', '倉庫料', '人件費', 'その他'],
  ],
};

function budgetRows(org: Org, prng: Prng, lang: Lang = org.params.language): (string | number)[][] {
  const fr = lang === 'fr';
  const local = BUDGET[lang];
  const head = local ? local[0] : fr ? ['Poste', 'Budget', 'Engagé', 'Reste'] : ['Item', 'Budget', 'Committed', 'Remaining'];
  const items = local
    ? local[1]
    : fr
      ? ['Honoraires', 'Déplacements', 'Sous-traitance', 'Licences', 'Formation', 'Divers']
      : ['Labour', 'Materials', 'Contractors', 'Permits', 'Travel', 'Contingency'];
  const rows: (string | number)[][] = [head];
  for (const it of items) {
    const b = prng.int(20, 400) * 100;
    const c = Math.round(b * prng.next());
    rows.push([it, b, c, b - c]);
  }
  return rows;
}

export interface OfficeDocOptions {
  kind: 'docx' | 'xlsx';
  author: Person;
  created: number;
  modified: number;
  topic: string;
  title?: string;
  lastModifiedBy?: string;
  revision?: number;
  totalTime?: number;
  paragraphs?: string[];
  app?: OfficeApp;
  fonts?: string[];
  company?: string;
  zone?: string;
}

/** The writer of a document: the organisation's, or (hold-out presets) the author's language; Japanese
 *  PDFs are written in English (the generator's PDF fonts are WinAnsi). */
function docWriter(org: Org, author: Person, pdf: boolean): Writer {
  if (!org.params.holdout || !org.writers) return org.writer;
  const l = langOf(author.locale);
  return (pdf && l === 'ja' ? org.writers.en : org.writers[l]) ?? org.writer;
}

export async function makeOfficeDoc(org: Org, o: OfficeDocOptions, prng: Prng): Promise<Doc> {
  const suite = suiteOf(o.author, org);
  const w = docWriter(org, o.author, false);
  const topic = w.lang !== org.writer.lang ? w.topic(prng) : o.topic;
  const title = o.title ?? titleFor(org, topic, o.kind, prng, w.lang);
  const paragraphs = o.paragraphs ?? (o.kind === 'docx' ? [title, ...w.report(prng, topic, prng.int(3, 6))] : [title]);
  const revision = o.revision ?? prng.int(1, 9);
  const rsidCount = Math.max(1, Math.min(revision, prng.int(1, revision)));
  const spec: OfficeSpec = {
    kind: o.kind,
    app: o.app ?? officeAppFor(suite, o.kind, o.modified, o.author.os),
    title,
    creator: o.author.name,
    lastModifiedBy: o.lastModifiedBy ?? o.author.name,
    revision,
    created: o.created,
    modified: o.modified,
    totalTime: o.totalTime ?? revision * prng.int(3, 22),
    company: o.company ?? org.params.name,
    language: o.author.locale,
    paragraphs,
    rows: o.kind === 'xlsx' ? budgetRows(org, prng, w.lang) : undefined,
    fonts: o.fonts ?? (org.params.holdout ? fontsFor(suite, o.kind, o.author.locale, o.modified) : fontsFor(suite, o.kind)),
    rsids: Array.from({ length: rsidCount }, () => `00${prng.hex(6).toUpperCase()}`),
    zone: o.zone ?? o.author.zone,
  };
  const data = await officeFile(spec);
  return {
    kind: o.kind,
    filename: `${safeName(title)}.${o.kind}`,
    contentType: o.kind === 'docx' ? DOCX_TYPE : XLSX_TYPE,
    data,
    author: o.author,
    title,
    created: o.created,
    modified: o.modified,
    paragraphs,
    office: spec,
  };
}

export interface PdfDocOptions {
  author: Person;
  created: number;
  modified?: number;
  topic: string;
  title?: string;
  producer?: Producer;
  paragraphs?: string[];
  fonts?: string[];
  zone?: string;
}

export async function makePdfDoc(org: Org, o: PdfDocOptions, prng: Prng): Promise<Doc> {
  const suite = suiteOf(o.author, org);
  const w = docWriter(org, o.author, true);
  // An author who writes in another language than the organisation's writes about a topic in it.
  const topic = w.lang !== org.writer.lang ? w.topic(prng) : o.topic;
  const title = o.title ?? titleFor(org, topic, 'pdf', prng, w.lang);
  const paragraphs = o.paragraphs ?? w.report(prng, topic, prng.int(3, 6));
  const producer = o.producer ?? pdfProducerFor(suite, o.created);
  const spec: PdfSpec = {
    producer,
    title,
    author: o.author.name,
    created: o.created,
    modified: o.modified ?? o.created,
    zone: o.zone ?? o.author.zone,
    heading: title,
    paragraphs,
    fonts:
      o.fonts ??
      (org.params.holdout
        ? fontsFor(producer.kind === 'libreoffice' ? 'libreoffice' : suite, 'pdf', o.author.locale, o.created)
        : fontsFor(producer.kind === 'libreoffice' ? 'libreoffice' : 'office2016', 'pdf')),
  };
  const data = await makePdf(spec, prng);
  return {
    kind: 'pdf',
    filename: `${safeName(title)}.pdf`,
    contentType: 'application/pdf',
    data,
    author: o.author,
    title,
    created: spec.created,
    modified: spec.modified,
    paragraphs,
    pdf: spec,
  };
}

/** A scanned page: white paper, dark text lines, a little skew noise, greyish JPEG. */
function scannedPage(prng: Prng, width = 496, height = 702): Buffer {
  const px = Buffer.alloc(width * height * 4);
  for (let i = 0; i < px.length; i += 4) {
    const v = 238 + ((i * 2654435761) >>> 28);
    px[i] = v;
    px[i + 1] = v;
    px[i + 2] = v - 3;
    px[i + 3] = 255;
  }
  const pic: Picture = { width, height, px };
  let y = 60;
  while (y < height - 60) {
    const len = prng.int(Math.floor(width * 0.4), width - 100);
    for (let x = 50; x < 50 + len; x++) {
      if (prng.chance(0.18)) continue;
      for (let k = 0; k < 5; k++) {
        const o = ((y + k) * width + x) * 4;
        pic.px[o] = pic.px[o + 1] = pic.px[o + 2] = prng.int(20, 70);
      }
    }
    y += prng.int(14, 22);
    if (prng.chance(0.15)) y += 20;
  }
  return encode(pic, 75);
}

export async function makeScan(org: Org, at: number, pages: number, prng: Prng): Promise<Doc> {
  const s = org.params.scanner;
  const scans = Array.from({ length: pages }, () => scannedPage(prng));
  const spec: PdfSpec = {
    producer: { kind: 'scanner', creator: s.creator, producer: s.producer },
    title: '',
    author: '',
    created: at,
    modified: at,
    zone: org.scanner.zone,
    heading: '',
    paragraphs: [],
    fonts: [],
    scans,
  };
  const data = await makePdf(spec, prng);
  const w = wall(at, offsetAt(org.scanner.zone, at));
  const stamp = `${w.year}${String(w.month).padStart(2, '0')}${String(w.day).padStart(2, '0')}${String(w.hour).padStart(2, '0')}${String(w.minute).padStart(2, '0')}${String(w.second).padStart(2, '0')}`;
  return {
    kind: 'pdf',
    filename: `${stamp}.pdf`,
    contentType: 'application/pdf',
    data,
    author: org.scanner,
    title: '',
    created: at,
    modified: at,
    paragraphs: [],
    pdf: spec,
  };
}

export function safeName(s: string): string {
  return s
    .replace(/[\\/:*?"<>|!]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 70);
}
