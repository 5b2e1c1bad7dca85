// OOXML packages (docx, xlsx, pptx and variants): properties, people, software, fonts, authors,
// macros, signatures, external references, text, embedded files as children.

import type { MetadataEntry } from '../../model/document.js';
import type { ClaimedDate, PersonClaim, SoftwareClaim } from '../../model/facts.js';
import { MIME } from '../mime.js';
import { claimDate, parseIsoDate } from '../../shared/dates.js';
import { TextSink } from './office-xml.js';
import { appProperties, contentTypes, coreProperties, customProperties, isEmbeddedFile, readRels, typeName } from './ooxml-package.js';
import { excelParts, Findings, powerpointParts, themeFonts, wordParts } from './ooxml-parts.js';
import { memberChildren } from '../archive/zip-members.js';
import { entryTimeRange, ZipPackage } from '../archive/zip-package.js';
import { officeFacts } from './office-facts.js';
import { ExtractError, type ExtractContext, type ExtractInput, type ExtractOutput, type Extractor } from '../types.js';

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

function firstDate(values: string[], last = false): string | undefined {
  const parsed = values.map((v) => ({ v, t: parseIsoDate(v).utc })).filter((x) => x.t !== null) as { v: string; t: string }[];
  if (!parsed.length) return undefined;
  parsed.sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : 0));
  return (last ? parsed[parsed.length - 1] : parsed[0]).v;
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

      const office = officeFacts('ooxml', { core: coreMap, app: appMap, custom: Object.fromEntries(custom.map((p) => [p.key, p.value])) });
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
