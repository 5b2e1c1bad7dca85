// OOXML packages (docx, xlsx, pptx and their macro/template variants, xlsb, vsdx...): document
// properties, the people and software they name, fonts, tracked-change and comment authors, rsids,
// macros, signatures, external references, text for search, and the embedded files as children.
// The package is read through support/zip-reader.ts (same limits as any zip); XML through
// support/office-xml.ts (namespaces resolved, so Strict OOXML and odd prefixes read the same).

import type { MetadataEntry } from '../../model/document.js';
import type { ClaimedDate, FontClaim, PersonClaim, SoftwareClaim } from '../../model/facts.js';
import type { OfficeFacts } from '../../model/facts-office.js';
import { MIME } from '../mime.js';
import { claimDate, parseIsoDate } from '../../shared/dates.js';
import { attr, flatProperties, parseXml, TextSink, walkXml, XmlScope, type XmlElement } from './office-xml.js';
import { memberChildren } from '../archive/zip-members.js';
import { entryTimeRange, ZipPackage } from '../archive/zip-package.js';
import { ExtractError, type ExtractContext, type ExtractInput, type ExtractOutput, type Extractor } from '../types.js';

// ---- namespaces (Transitional and Strict spell them differently) ----

const NS_CP = 'http://schemas.openxmlformats.org/package/2006/metadata/core-properties';
const NS_DC = 'http://purl.org/dc/elements/1.1/';
const NS_DCTERMS = 'http://purl.org/dc/terms/';
const NS_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const NS_CT = 'http://schemas.openxmlformats.org/package/2006/content-types';
const EXTENDED = new Set([
  'http://schemas.openxmlformats.org/officeDocument/2006/extended-properties',
  'http://purl.oclc.org/ooxml/officeDocument/extendedProperties',
]);
const CUSTOM = new Set([
  'http://schemas.openxmlformats.org/officeDocument/2006/custom-properties',
  'http://purl.oclc.org/ooxml/officeDocument/customProperties',
]);
const W = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);
const A = new Set(['http://schemas.openxmlformats.org/drawingml/2006/main', 'http://purl.oclc.org/ooxml/drawingml/main']);
const S = new Set(['http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main']);
const P = new Set(['http://schemas.openxmlformats.org/presentationml/2006/main', 'http://purl.oclc.org/ooxml/presentationml/main']);
/** Markup compatibility: mc:AlternateContent repeats content in mc:Fallback for older readers. */
const NS_MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
const NS_P188 = 'http://schemas.microsoft.com/office/powerpoint/2018/8/main';
const NS_X18TC = 'http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments';

const CORE_PREFIXES: Record<string, string> = { [NS_CP]: 'cp', [NS_DC]: 'dc', [NS_DCTERMS]: 'dcterms' };
const APP_PREFIXES: Record<string, string> = Object.fromEntries([...EXTENDED].map((n) => [n, '']));

/** Main-part content type → subtype (ECMA-376 Part 1 §11-13, and Microsoft's macro-enabled types). */
const SUBTYPES: [RegExp, string][] = [
  [/wordprocessingml\.document\.main/, 'docx'],
  [/wordprocessingml\.template\.main/, 'dotx'],
  [/ms-word\.document\.macroEnabled/i, 'docm'],
  [/ms-word\.template\.macroEnabled/i, 'dotm'],
  [/spreadsheetml\.sheet\.main/, 'xlsx'],
  [/spreadsheetml\.template\.main/, 'xltx'],
  [/ms-excel\.sheet\.macroEnabled/i, 'xlsm'],
  [/ms-excel\.sheet\.binary\.macroEnabled/i, 'xlsb'],
  [/ms-excel\.template\.macroEnabled/i, 'xltm'],
  [/ms-excel\.addin\.macroEnabled/i, 'xlam'],
  [/presentationml\.presentation\.main/, 'pptx'],
  [/presentationml\.slideshow\.main/, 'ppsx'],
  [/presentationml\.template\.main/, 'potx'],
  [/ms-powerpoint\.presentation\.macroEnabled/i, 'pptm'],
  [/ms-powerpoint\.slideshow\.macroEnabled/i, 'ppsm'],
  [/ms-powerpoint\.template\.macroEnabled/i, 'potm'],
  [/ms-visio\.drawing\.main/i, 'vsdx'],
  [/ms-visio\.drawing\.macroEnabled/i, 'vsdm'],
];

/** At most this many external targets and theme parts are kept / read. */
const MAX_EXTERNAL_TARGETS = 200;
const MAX_THEMES = 20;

interface Relationship {
  type: string;
  target: string;
  external: boolean;
  id: string;
}

/** Collected over all parts, turned into facts at the end. */
class Findings {
  readonly fonts = new Map<string, FontClaim>();
  readonly commentAuthors = new Set<string>();
  readonly revisionAuthors = new Set<string>();
  readonly revisionDates: string[] = [];
  readonly commentDates: string[] = [];
  trackedChanges = 0;
  comments = 0;
  font(name: string | undefined, source: string, embedded?: boolean): void {
    const n = name?.trim();
    if (!n || n.startsWith('+')) return; // '+mj-lt' is a theme reference, resolved by the theme part
    const had = this.fonts.get(n);
    if (!had) this.fonts.set(n, embedded ? { name: n, source, embedded } : { name: n, source });
    else if (embedded) had.embedded = true;
  }
}

function dirOf(part: string): string {
  const i = part.lastIndexOf('/');
  return i < 0 ? '' : part.slice(0, i + 1);
}

/** Resolve a relationship target against its source part's folder (OPC Part 2 §9.3). */
function resolveTarget(baseDir: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const out = baseDir.split('/').filter(Boolean);
  for (const seg of target.split('/')) {
    if (seg === '..') out.pop();
    else if (seg && seg !== '.') out.push(seg);
  }
  return out.join('/');
}

function relsPartOf(part: string): string {
  const d = dirOf(part);
  return `${d}_rels/${part.slice(d.length)}.rels`;
}

function typeName(type: string): string {
  return type.slice(type.lastIndexOf('/') + 1);
}

async function readRels(pkg: ZipPackage, sourcePart: string, ctx: ExtractContext): Promise<Relationship[]> {
  const xml = await pkg.text(sourcePart === '' ? '_rels/.rels' : relsPartOf(sourcePart));
  if (!xml) return [];
  const rels: Relationship[] = [];
  try {
    walkXml(parseXml(xml), {
      open(el) {
        if (el.local !== 'Relationship' || el.ns !== NS_RELS) return;
        const external = /^external$/i.test(el.attrs.TargetMode ?? '');
        const target = el.attrs.Target ?? '';
        rels.push({
          type: el.attrs.Type ?? '',
          id: el.attrs.Id ?? '',
          external,
          target: external ? target : resolveTarget(dirOf(sourcePart), target),
        });
      },
    });
  } catch (err) {
    ctx.warn('corrupt', `relationships of ${sourcePart || 'the package'}: ${(err as Error).message}`);
  }
  return rels;
}

/** Parse a part with a visitor; a malformed part is reported and skipped, never fatal. */
async function visitPart(
  pkg: ZipPackage,
  part: string,
  ctx: ExtractContext,
  visitor: (scope: XmlScope) => Parameters<typeof walkXml>[1],
): Promise<boolean> {
  const xml = await pkg.text(part);
  if (xml === null) return false;
  try {
    const scope = new XmlScope();
    walkXml(parseXml(xml), { ...visitor(scope), scope });
    return true;
  } catch (err) {
    ctx.warn('corrupt', `${pkg}!${part}: ${(err as Error).message}`);
    return false;
  }
}

// ---- properties parts ----

async function coreProperties(pkg: ZipPackage, part: string, ctx: ExtractContext): Promise<{ key: string; value: string }[]> {
  const xml = await pkg.text(part);
  if (!xml) return [];
  try {
    return flatProperties(xml, CORE_PREFIXES, 2).map(({ key, value }) => ({ key, value }));
  } catch (err) {
    ctx.warn('corrupt', `${pkg}!${part}: ${(err as Error).message}`);
    return [];
  }
}

async function appProperties(pkg: ZipPackage, part: string, ctx: ExtractContext): Promise<{ key: string; value: string }[]> {
  const xml = await pkg.text(part);
  if (!xml) return [];
  try {
    return flatProperties(xml, APP_PREFIXES, 2).map(({ key, value }) => ({ key, value }));
  } catch (err) {
    ctx.warn('corrupt', `${pkg}!${part}: ${(err as Error).message}`);
    return [];
  }
}

/** custom.xml: <property name="X"><vt:lpwstr>value</vt:lpwstr></property>. */
async function customProperties(pkg: ZipPackage, part: string, ctx: ExtractContext): Promise<{ key: string; value: string }[]> {
  const out: { key: string; value: string }[] = [];
  let current: { name: string; text: string[] } | null = null;
  await visitPart(pkg, part, ctx, () => ({
    open(el) {
      if (el.local === 'property' && CUSTOM.has(el.ns)) current = { name: el.attrs.name ?? '', text: [] };
    },
    text(t) {
      current?.text.push(t);
    },
    close(el) {
      if (el.local === 'property' && CUSTOM.has(el.ns) && current) {
        out.push({ key: current.name, value: current.text.join('') });
        current = null;
      }
    },
  }));
  return out;
}

// ---- WordprocessingML ----

const W_REVISIONS = new Set([
  'ins',
  'del',
  'moveFrom',
  'moveTo',
  'rPrChange',
  'pPrChange',
  'sectPrChange',
  'tblPrChange',
  'trPrChange',
  'tcPrChange',
  'numberingChange',
  'cellIns',
  'cellDel',
]);

/** Body-like parts: document, headers, footers, footnotes, endnotes, comments. */
function wordTextVisitor(found: Findings, sink: TextSink, source: string) {
  return (scope: XmlScope): Parameters<typeof walkXml>[1] => ({
    open(el, path) {
      if (el.ns === NS_MC && el.local === 'Fallback') return 'skip'; // the same text again, for older readers
      if (!W.has(el.ns)) return;
      const inRun = path[path.length - 2]?.local === 'r';
      const w = el.ns;
      if (W_REVISIONS.has(el.local)) {
        const author = attr(el, w, 'author', scope);
        if (author?.trim()) found.revisionAuthors.add(author.trim());
        const date = attr(el, w, 'date', scope);
        if (date) found.revisionDates.push(date);
        if (el.local === 'ins' || el.local === 'del') found.trackedChanges++;
      } else if (el.local === 'comment') {
        found.comments++;
        const author = attr(el, w, 'author', scope);
        if (author?.trim()) found.commentAuthors.add(author.trim());
        const date = attr(el, w, 'date', scope);
        if (date) found.commentDates.push(date);
      } else if (el.local === 'rFonts') {
        for (const k of ['ascii', 'hAnsi', 'eastAsia', 'cs']) found.font(attr(el, w, k, scope), source);
      } else if (el.local === 'tab' && inRun)
        sink.add('\t'); // (w:tabs/w:tab in paragraph properties are tab stops)
      else if ((el.local === 'br' || el.local === 'cr') && inRun) sink.add('\n');
      else if (el.local === 'delText' || el.local === 'instrText') return 'skip'; // deleted text and field codes are not the document's text
    },
    text(t, path) {
      const el = path[path.length - 1];
      if (el && el.local === 't' && W.has(el.ns)) sink.add(t);
    },
    close(el) {
      if (W.has(el.ns) && el.local === 'p') sink.add('\n');
    },
  });
}

async function wordParts(
  pkg: ZipPackage,
  main: string,
  mainRels: Relationship[],
  found: Findings,
  sink: TextSink,
  ctx: ExtractContext,
  office: OfficeFacts,
): Promise<void> {
  const byType = (t: string) => mainRels.filter((r) => !r.external && typeName(r.type) === t).map((r) => r.target);
  await visitPart(pkg, main, ctx, wordTextVisitor(found, sink, 'ooxml.document'));
  for (const t of ['header', 'footer', 'footnotes', 'endnotes', 'comments']) {
    for (const part of byType(t)) {
      sink.add('\n');
      await visitPart(pkg, part, ctx, wordTextVisitor(found, sink, `ooxml.${t}`));
    }
  }
  for (const part of byType('fontTable')) {
    await visitPart(pkg, part, ctx, (scope) => {
      let current: string | undefined;
      return {
        open(el) {
          if (!W.has(el.ns)) return;
          const w = el.ns;
          if (el.local === 'font') {
            current = attr(el, w, 'name', scope);
            found.font(current, 'ooxml.fontTable');
          } else if (/^embed(Regular|Bold|Italic|BoldItalic)$/.test(el.local)) found.font(current, 'ooxml.fontTable', true);
        },
      };
    });
  }
  for (const part of byType('settings')) {
    // (The attached template is a relationship of settings.xml: recorded with the other external targets.)
    let rsids = 0;
    await visitPart(pkg, part, ctx, (scope) => ({
      open(el) {
        if (!W.has(el.ns)) return;
        if (el.local === 'rsid') rsids++;
        else if (el.local === 'rsidRoot') {
          const v = attr(el, el.ns, 'val', scope);
          if (v) office.rsidRoot = v;
        }
      },
    }));
    if (rsids) office.rsidCount = rsids;
  }
}

// ---- SpreadsheetML ----

async function excelParts(
  pkg: ZipPackage,
  main: string,
  mainRels: Relationship[],
  found: Findings,
  sink: TextSink,
  ctx: ExtractContext,
): Promise<void> {
  // Sheet names first: a reader searches a workbook by its tabs too.
  await visitPart(pkg, main, ctx, () => ({
    open(el) {
      if (S.has(el.ns) && el.local === 'sheet' && el.attrs.name) sink.add(`${el.attrs.name}\n`);
    },
  }));
  const rel = (t: string) => mainRels.filter((r) => !r.external && typeName(r.type) === t).map((r) => r.target);
  for (const part of rel('sharedStrings')) {
    await visitPart(pkg, part, ctx, () => ({
      text(t, path) {
        const el = path[path.length - 1];
        if (el && el.local === 't' && S.has(el.ns)) sink.add(t);
      },
      close(el) {
        if (el.local === 'si' && S.has(el.ns)) sink.add('\n');
      },
    }));
  }
  for (const part of rel('styles')) {
    await visitPart(pkg, part, ctx, () => ({
      open(el, path) {
        const parent = path[path.length - 2];
        if (S.has(el.ns) && el.local === 'name' && parent?.local === 'font') found.font(el.attrs.val, 'ooxml.styles');
      },
    }));
  }
  // Legacy comments (xl/commentsN.xml, reached from each sheet) and threaded-comment persons.
  for (const e of pkg.entries) {
    if (/^xl\/comments\d*\.xml$/i.test(e.name)) {
      await visitPart(pkg, e.name, ctx, () => ({
        text(t, path) {
          const el = path[path.length - 1];
          if (el && S.has(el.ns) && el.local === 'author' && t.trim()) found.commentAuthors.add(t.trim());
          else if (el && S.has(el.ns) && el.local === 't') sink.add(t);
        },
        close(el) {
          if (S.has(el.ns) && el.local === 'comment') {
            found.comments++;
            sink.add('\n');
          }
        },
      }));
    } else if (/^xl\/persons\/person\d*\.xml$/i.test(e.name)) {
      await visitPart(pkg, e.name, ctx, () => ({
        open(el) {
          if (el.ns === NS_X18TC && el.local === 'person' && el.attrs.displayName?.trim())
            found.commentAuthors.add(el.attrs.displayName.trim());
        },
      }));
    }
  }
}

// ---- PresentationML ----

function slideNumber(name: string): number {
  return Number(/(\d+)\.xml$/i.exec(name)?.[1] ?? 0);
}

async function powerpointParts(pkg: ZipPackage, main: string, found: Findings, sink: TextSink, ctx: ExtractContext): Promise<void> {
  const drawingText = (source: string) => (): Parameters<typeof walkXml>[1] => ({
    open(el) {
      if (el.ns === NS_MC && el.local === 'Fallback') return 'skip';
      if (A.has(el.ns) && (el.local === 'latin' || el.local === 'ea' || el.local === 'cs')) found.font(el.attrs.typeface, source);
    },
    text(t, path) {
      const el = path[path.length - 1];
      if (el && el.local === 't' && A.has(el.ns)) sink.add(t);
    },
    close(el) {
      if (A.has(el.ns) && el.local === 'p') sink.add('\n');
    },
  });
  const slides = pkg.entries
    .filter((e) => /^ppt\/slides\/slide\d+\.xml$/i.test(e.name))
    .sort((a, b) => slideNumber(a.name) - slideNumber(b.name));
  const notes = pkg.entries
    .filter((e) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/i.test(e.name))
    .sort((a, b) => slideNumber(a.name) - slideNumber(b.name));
  for (const e of [...slides, ...notes]) {
    sink.add('\n');
    await visitPart(pkg, e.name, ctx, drawingText('ooxml.slide'));
  }
  await visitPart(pkg, main, ctx, () => ({
    open(el, path) {
      // p:embeddedFontLst/p:embeddedFont/p:font typeface="...": fonts shipped inside the file.
      if (P.has(el.ns) && el.local === 'font' && path[path.length - 2]?.local === 'embeddedFont')
        found.font(el.attrs.typeface, 'ooxml.presentation', true);
    },
  }));
  for (const e of pkg.entries) {
    if (/^ppt\/commentAuthors\.xml$/i.test(e.name)) {
      await visitPart(pkg, e.name, ctx, () => ({
        open(el) {
          if (P.has(el.ns) && el.local === 'cmAuthor' && el.attrs.name?.trim()) found.commentAuthors.add(el.attrs.name.trim());
        },
      }));
    } else if (/^ppt\/authors\.xml$/i.test(e.name)) {
      await visitPart(pkg, e.name, ctx, () => ({
        open(el) {
          if (el.ns === NS_P188 && el.local === 'author' && el.attrs.name?.trim()) found.commentAuthors.add(el.attrs.name.trim());
        },
      }));
    } else if (/^ppt\/comments\/.+\.xml$/i.test(e.name)) {
      await visitPart(pkg, e.name, ctx, () => ({
        open(el) {
          if ((P.has(el.ns) && el.local === 'cm') || (el.ns === NS_P188 && el.local === 'cm')) {
            found.comments++;
            if (el.attrs.dt) found.commentDates.push(el.attrs.dt);
            if (el.attrs.created) found.commentDates.push(el.attrs.created);
          }
        },
        text(t, path) {
          const el = path[path.length - 1];
          if (el && ((P.has(el.ns) && el.local === 'text') || (A.has(el.ns) && el.local === 't'))) sink.add(`${t}\n`);
        },
      }));
    }
  }
}

/** Theme fonts (a:fontScheme major/minor latin, ea, cs): the fonts a document uses by default. */
async function themeFonts(pkg: ZipPackage, found: Findings, ctx: ExtractContext): Promise<void> {
  const themes = pkg.entries.filter((e) => /(^|\/)theme\/theme\d*\.xml$/i.test(e.name)).slice(0, MAX_THEMES);
  for (const e of themes) {
    await visitPart(pkg, e.name, ctx, () => ({
      open(el, path) {
        const parent = path[path.length - 2];
        if (
          A.has(el.ns) &&
          (el.local === 'latin' || el.local === 'ea' || el.local === 'cs') &&
          (parent?.local === 'majorFont' || parent?.local === 'minorFont')
        ) {
          found.font(el.attrs.typeface, 'ooxml.theme');
        }
      },
    }));
  }
}

async function contentTypes(
  pkg: ZipPackage,
  ctx: ExtractContext,
): Promise<{ overrides: Map<string, string>; defaults: Map<string, string> }> {
  const overrides = new Map<string, string>();
  const defaults = new Map<string, string>();
  await visitPart(pkg, '[Content_Types].xml', ctx, () => ({
    open(el: XmlElement) {
      if (el.ns !== NS_CT) return;
      if (el.local === 'Override' && el.attrs.PartName)
        overrides.set(el.attrs.PartName.replace(/^\//, '').toLowerCase(), el.attrs.ContentType ?? '');
      if (el.local === 'Default' && el.attrs.Extension) defaults.set(el.attrs.Extension.toLowerCase(), el.attrs.ContentType ?? '');
    },
  }));
  return { overrides, defaults };
}

function firstDate(values: string[], last = false): string | undefined {
  const parsed = values.map((v) => ({ v, t: parseIsoDate(v).utc })).filter((x) => x.t !== null) as { v: string; t: string }[];
  if (!parsed.length) return undefined;
  parsed.sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : 0));
  return (last ? parsed[parsed.length - 1] : parsed[0]).v;
}

/** Embedded files worth a document of their own: OLE objects and packages, media, the thumbnail. */
function isEmbeddedFile(name: string): boolean {
  return /^[^/]+\/(embeddings|media)\/[^/]+$/i.test(name) || /^docProps\/thumbnail\.[a-z]+$/i.test(name);
}

export const ooxmlExtractor: Extractor = {
  id: 'office.ooxml',
  version: 1,
  kind: 'office',
  container: true,
  mimes: [MIME.docx, MIME.xlsx, MIME.pptx, MIME.ooxml],

  async extract(input: ExtractInput, ctx: ExtractContext): Promise<ExtractOutput> {
    const pkg = await ZipPackage.open(input.source, input.name, ctx);
    let closeHere = true;
    try {
      const metadata: MetadataEntry[] = [];
      const found = new Findings();
      const sink = new TextSink(ctx.limits.maxTextChars);

      const types = await contentTypes(pkg, ctx);
      const rootRels = await readRels(pkg, '', ctx);
      const relOf = (t: string) => rootRels.find((r) => !r.external && typeName(r.type) === t)?.target;
      // Fall back on the conventional names when _rels/.rels is missing or damaged.
      const corePart = relOf('core-properties') ?? 'docProps/core.xml';
      const appPart = relOf('extended-properties') ?? 'docProps/app.xml';
      const customPart = relOf('custom-properties') ?? 'docProps/custom.xml';
      const mainPart =
        relOf('officeDocument') ??
        [...types.overrides].find(([, ct]) => SUBTYPES.some(([re]) => re.test(ct)))?.[0] ??
        pkg.entries.find((e) => /^(word\/document|xl\/workbook|ppt\/presentation)\.xml$/i.test(e.name))?.name;
      const mainType = mainPart
        ? (types.overrides.get(mainPart.toLowerCase()) ??
          types.defaults.get(mainPart.slice(mainPart.lastIndexOf('.') + 1).toLowerCase()) ??
          '')
        : '';
      const subtype = SUBTYPES.find(([re]) => re.test(mainType))?.[1];

      const core = await coreProperties(pkg, corePart, ctx);
      const app = await appProperties(pkg, appPart, ctx);
      const custom = await customProperties(pkg, customPart, ctx);
      for (const p of core) metadata.push({ source: 'ooxml.core', key: p.key, value: p.value });
      for (const p of app) metadata.push({ source: 'ooxml.app', key: p.key, value: p.value });
      for (const p of custom) metadata.push({ source: 'ooxml.custom', key: p.key, value: p.value });
      const coreMap = Object.fromEntries(core.map((p) => [p.key, p.value]));
      const appMap = Object.fromEntries(app.map((p) => [p.key, p.value]));

      const office: OfficeFacts = {
        format: 'ooxml',
        core: coreMap,
        app: appMap,
        custom: Object.fromEntries(custom.map((p) => [p.key, p.value])),
        commentAuthors: [],
        revisionAuthors: [],
        fonts: [],
        encrypted: false,
        macros: false,
      };
      if (subtype) office.subtype = subtype;

      if (mainPart) {
        const mainRels = await readRels(pkg, mainPart, ctx);
        if (/^word\//i.test(mainPart) || /wordprocessingml|ms-word/i.test(mainType))
          await wordParts(pkg, mainPart, mainRels, found, sink, ctx, office);
        else if (/^xl\//i.test(mainPart) || /spreadsheetml|ms-excel/i.test(mainType)) {
          if (!/\.bin$/i.test(mainPart)) await excelParts(pkg, mainPart, mainRels, found, sink, ctx);
        } else if (/^ppt\//i.test(mainPart) || /presentationml|ms-powerpoint/i.test(mainType))
          await powerpointParts(pkg, mainPart, found, sink, ctx);
      } else {
        ctx.warn('corrupt', `${input.name}: no main document part found in the package`);
      }
      await themeFonts(pkg, found, ctx);

      // External relationships, from every .rels part (an attached template on a file server, a
      // linked image on a web server: paths and hosts that say where the document was made).
      const external: { type: string; target: string }[] = [];
      for (const e of pkg.entries) {
        if (external.length >= MAX_EXTERNAL_TARGETS) break;
        if (!/(^|\/)_rels\/[^/]*\.rels$/i.test(e.name)) continue;
        const source = e.name.replace(/(^|\/)_rels\/([^/]*)\.rels$/i, '$1$2');
        for (const r of await readRels(pkg, e.name === '_rels/.rels' ? '' : source, ctx)) {
          if (r.external && external.length < MAX_EXTERNAL_TARGETS) external.push({ type: typeName(r.type), target: r.target });
        }
      }
      if (external.length) office.externalTargets = external;
      for (const x of external) {
        if (x.type !== 'hyperlink') metadata.push({ source: 'ooxml.rels', key: x.type, value: x.target });
      }

      // A vbaProject part is the macro code itself. A macro-enabled content type without one
      // still says the author chose a macro format (xlsb's type says 'macroEnabled' whatever it holds).
      office.macros =
        pkg.entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name)) || (/macroEnabled/i.test(mainType) && subtype !== 'xlsb');
      office.signed = pkg.entries.some((e) => /^_xmlsignatures\//i.test(e.name));
      office.commentAuthors = [...found.commentAuthors];
      office.revisionAuthors = [...found.revisionAuthors];
      office.fonts = [...found.fonts.keys()];
      if (found.trackedChanges) office.trackedChanges = found.trackedChanges;
      if (found.comments) office.comments = found.comments;
      if (/^\d+$/.test(coreMap['cp:revision'] ?? '')) office.revision = Number(coreMap['cp:revision']);
      if (/^\d+$/.test(appMap.TotalTime ?? '') && Number.isSafeInteger(Number(appMap.TotalTime)))
        office.totalEditMinutes = Number(appMap.TotalTime);
      const times = entryTimeRange(pkg.entries);
      if (times) office.zipEntryTimes = times;
      if (pkg.failures.length) office.unreadableParts = pkg.failures;

      const dates: ClaimedDate[] = [];
      for (const [key, role] of [
        ['dcterms:created', 'created'],
        ['dcterms:modified', 'modified'],
        ['cp:lastPrinted', 'printed'],
      ] as const) {
        if (coreMap[key]) dates.push(claimDate(role, `ooxml.core:${key}`, coreMap[key], parseIsoDate));
      }
      // Tracked changes and comments are dated by the editing application's clock: the first and
      // the last of each are claims about when the document was worked on.
      const rev = [firstDate(found.revisionDates), firstDate(found.revisionDates, true)];
      const com = [firstDate(found.commentDates), firstDate(found.commentDates, true)];
      for (const [raw, role, source] of [
        [rev[0], 'revised-first', 'ooxml.document:w:date'],
        [rev[1], 'revised-last', 'ooxml.document:w:date'],
        [com[0], 'commented-first', 'ooxml.comments:date'],
        [com[1], 'commented-last', 'ooxml.comments:date'],
      ] as const) {
        if (raw) dates.push(claimDate(role, source, raw, parseIsoDate));
      }

      const people: PersonClaim[] = [];
      const person = (role: string, name: string | undefined, source: string) => {
        if (name?.trim()) people.push({ role, name: name.trim(), source });
      };
      // Several authors are written as one dc:creator joined by ';' (Word's Authors field).
      for (const name of (coreMap['dc:creator'] ?? '').split(';')) person('author', name, 'ooxml.core:dc:creator');
      person('last-modified-by', coreMap['cp:lastModifiedBy'], 'ooxml.core:cp:lastModifiedBy');
      person('company', appMap.Company, 'ooxml.app:Company');
      person('manager', appMap.Manager, 'ooxml.app:Manager');
      for (const n of found.commentAuthors) person('comment-author', n, 'ooxml.comments');
      for (const n of found.revisionAuthors) person('revision-author', n, 'ooxml.document');

      const software: SoftwareClaim[] = [];
      if (appMap.Application?.trim()) {
        // AppVersion is kept raw ('16.0000' is written by every Office since 2016; LibreOffice writes
        // its own name with a Word-like version): the knowledge module interprets it.
        const s: SoftwareClaim = { role: 'application', value: appMap.Application.trim(), source: 'ooxml.app:Application' };
        if (appMap.AppVersion?.trim()) s.version = appMap.AppVersion.trim();
        software.push(s);
      }

      const output: ExtractOutput = {
        kind: 'office',
        metadata,
        text: sink.toString(),
        facts: { office, dates, people, software, fonts: [...found.fonts.values()] },
      };
      if (coreMap['dc:title']?.trim()) output.title = coreMap['dc:title'].trim();

      const embedded = pkg.entries.filter((e) => !e.isDirectory && isEmbeddedFile(e.name));
      if (embedded.length && input.depth < ctx.limits.maxDepth) {
        output.children = memberChildren(pkg.archive, embedded, input.name, ctx);
        closeHere = false;
      }
      if (pkg.listing.error) {
        // The package's directory broke part-way: what could be read from the listed parts is kept.
        throw new ExtractError(pkg.listing.error.code, pkg.listing.error.message, output);
      }
      return output;
    } finally {
      if (closeHere) pkg.close();
    }
  },
};
