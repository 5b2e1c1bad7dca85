// The parts of Word, Excel and PowerPoint documents: text for search, fonts, comment and
// tracked-change authors and dates, what each part names.

import type { FontClaim } from '../../model/facts.js';
import type { OfficeFacts } from '../../model/facts-office.js';
import { attr, visitPart, type TextSink, type XmlScope, type walkXml } from './office-xml.js';
import { typeName, type Relationship } from './ooxml-package.js';
import type { ZipPackage } from '../archive/zip-package.js';
import type { ExtractContext } from '../types.js';

const W = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);
const A = new Set(['http://schemas.openxmlformats.org/drawingml/2006/main', 'http://purl.oclc.org/ooxml/drawingml/main']);
const S = new Set(['http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main']);
const P = new Set(['http://schemas.openxmlformats.org/presentationml/2006/main', 'http://purl.oclc.org/ooxml/presentationml/main']);
/** Markup compatibility: mc:AlternateContent repeats content in mc:Fallback for older readers. */
const NS_MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
const NS_P188 = 'http://schemas.microsoft.com/office/powerpoint/2018/8/main';
const NS_X18TC = 'http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments';

const MAX_THEMES = 20;

/** Collected over all parts, turned into facts at the end. */
export class Findings {
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

export async function wordParts(
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

export async function excelParts(
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

export async function powerpointParts(pkg: ZipPackage, main: string, found: Findings, sink: TextSink, ctx: ExtractContext): Promise<void> {
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
export async function themeFonts(pkg: ZipPackage, found: Findings, ctx: ExtractContext): Promise<void> {
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
