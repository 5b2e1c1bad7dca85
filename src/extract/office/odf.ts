// OpenDocument packages: meta.xml, content.xml text, fonts, annotation and change authors, macros,
// signatures, encryption, pictures as children; read through archive/zip-package.ts.

import type { MetadataEntry } from '../../model/document.js';
import type { ClaimedDate, FontClaim, PersonClaim, SoftwareClaim } from '../../model/facts.js';
import { MIME } from '../mime.js';
import { claimDate, parseIsoDate } from '../../shared/dates.js';
import { attr, parseXml, TextSink, visitPart, walkXml, XmlScope, type XmlVisitor } from './office-xml.js';
import { memberChildren } from '../archive/zip-members.js';
import { entryTimeRange, ZipPackage } from '../archive/zip-package.js';
import { officeFacts } from './office-facts.js';
import { ExtractError, type ExtractContext, type ExtractInput, type ExtractOutput, type Extractor } from '../types.js';

const NS_OFFICE = 'urn:oasis:names:tc:opendocument:xmlns:office:1.0';
const NS_META = 'urn:oasis:names:tc:opendocument:xmlns:meta:1.0';
const NS_DC = 'http://purl.org/dc/elements/1.1/';
const NS_TEXT = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0';
const NS_STYLE = 'urn:oasis:names:tc:opendocument:xmlns:style:1.0';
const NS_SVG = 'urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0';
const NS_MANIFEST = 'urn:oasis:names:tc:opendocument:xmlns:manifest:1.0';

const PREFIX: Record<string, string> = { [NS_META]: 'meta', [NS_DC]: 'dc', [NS_OFFICE]: 'office' };

const SUBTYPES: Record<string, string> = {
  text: 'odt',
  spreadsheet: 'ods',
  presentation: 'odp',
  graphics: 'odg',
  formula: 'odf',
  chart: 'odc',
  database: 'odb',
  'text-master': 'odm',
  'text-template': 'ott',
  'spreadsheet-template': 'ots',
  'presentation-template': 'otp',
  'graphics-template': 'otg',
};

/** Minutes in an ISO 8601 duration as ODF writes it (PnYnMnDTnHnMnS; years/months are not used). */
export function durationMinutes(raw: string): number | undefined {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/.exec(raw.trim());
  if (!m || raw.trim() === 'P' || raw.trim() === 'PT') return undefined;
  const [, d = '0', h = '0', mi = '0', s = '0'] = m;
  return Math.floor(Number(d) * 1440 + Number(h) * 60 + Number(mi) + Number(s.replace(',', '.')) / 60);
}

interface MetaField {
  key: string;
  value: string;
}

/** meta.xml's office:meta: each property, user-defined fields, and the statistics' attributes. */
function readMeta(xml: string): { fields: MetaField[]; userDefined: MetaField[]; statistics: MetaField[] } {
  const fields: MetaField[] = [];
  const userDefined: MetaField[] = [];
  const statistics: MetaField[] = [];
  const scope = new XmlScope();
  let current: { key: string; text: string[]; user?: string } | null = null;
  walkXml(parseXml(xml), {
    scope,
    open(el, path) {
      if (path.length !== 3 || path[1].local !== 'meta' || path[1].ns !== NS_OFFICE) return;
      const prefix = PREFIX[el.ns];
      const key = prefix ? `${prefix}:${el.local}` : el.name;
      if (el.ns === NS_META && el.local === 'document-statistic') {
        for (const [k, v] of Object.entries(el.attrs)) if (!k.startsWith('xmlns')) statistics.push({ key: k, value: v });
        return 'skip';
      }
      if (el.ns === NS_META && (el.local === 'template' || el.local === 'auto-reload' || el.local === 'hyperlink-behaviour')) {
        // Attribute-only properties: the template's path and date are what matter.
        for (const [k, v] of Object.entries(el.attrs)) if (!k.startsWith('xmlns')) fields.push({ key: `${key}@${k}`, value: v });
        return 'skip';
      }
      current = { key, text: [] };
      if (el.ns === NS_META && el.local === 'user-defined') current.user = attr(el, NS_META, 'name', scope) ?? '';
    },
    text(t) {
      current?.text.push(t);
    },
    close(_el, path) {
      if (path.length !== 3 || !current) return;
      const value = current.text.join('');
      if (current.user !== undefined) userDefined.push({ key: current.user, value });
      else fields.push({ key: current.key, value });
      current = null;
    },
  });
  return { fields, userDefined, statistics };
}

class BodyFindings {
  readonly fonts = new Map<string, FontClaim>();
  readonly commentAuthors = new Set<string>();
  readonly revisionAuthors = new Set<string>();
  readonly commentDates: string[] = [];
  readonly revisionDates: string[] = [];
  trackedChanges = 0;
  comments = 0;
  font(name: string | undefined, source: string): void {
    const n = name
      ?.trim()
      .replace(/^'(.*)'$/, '$1')
      .replace(/^"(.*)"$/, '$1');
    if (n && !this.fonts.has(n)) this.fonts.set(n, { name: n, source });
  }
}

/** content.xml / styles.xml: text (content only), fonts, annotations and tracked changes. */
function bodyVisitor(found: BodyFindings, sink: TextSink | null, source: string, scope: XmlScope): XmlVisitor {
  // dc:creator / dc:date inside office:annotation (a comment) or office:change-info (a tracked change).
  let owner: 'annotation' | 'change' | null = null;
  let field: 'creator' | 'date' | null = null;
  let fieldText: string[] = [];
  let inChanges = 0;
  return {
    open(el, path) {
      if (el.ns === NS_STYLE && el.local === 'font-face') {
        found.font(attr(el, NS_SVG, 'font-family', scope) ?? attr(el, NS_STYLE, 'name', scope), source);
      } else if (el.ns === NS_OFFICE && el.local === 'annotation') {
        found.comments++;
        owner = 'annotation';
      } else if (el.ns === NS_OFFICE && el.local === 'change-info') owner = 'change';
      else if (el.ns === NS_TEXT && el.local === 'tracked-changes') inChanges++;
      else if (el.ns === NS_TEXT && (el.local === 'insertion' || el.local === 'deletion') && inChanges) found.trackedChanges++;
      else if (el.ns === NS_DC && (el.local === 'creator' || el.local === 'date') && owner) {
        field = el.local;
        fieldText = [];
      } else if (sink && !inChanges && el.ns === NS_TEXT) {
        if (el.local === 's') sink.add(' '.repeat(Math.min(1000, Number(attr(el, NS_TEXT, 'c', scope) ?? 1) || 1)));
        else if (el.local === 'tab') sink.add('\t');
        else if (el.local === 'line-break') sink.add('\n');
      }
      void path;
    },
    text(t, path) {
      if (field) {
        fieldText.push(t);
        return;
      }
      // Text belongs to the body when it is not metadata of a comment and not a deleted passage.
      if (sink && !inChanges && path.some((p) => p.ns === NS_OFFICE && p.local === 'body')) sink.add(t);
    },
    close(el) {
      if (field && el.ns === NS_DC && el.local === field) {
        const v = fieldText.join('').trim();
        if (v && field === 'creator') (owner === 'annotation' ? found.commentAuthors : found.revisionAuthors).add(v);
        if (v && field === 'date') (owner === 'annotation' ? found.commentDates : found.revisionDates).push(v);
        field = null;
      } else if (el.ns === NS_OFFICE && (el.local === 'annotation' || el.local === 'change-info')) owner = null;
      else if (el.ns === NS_TEXT && el.local === 'tracked-changes') inChanges--;
      else if (sink && el.ns === NS_TEXT && (el.local === 'p' || el.local === 'h')) sink.add('\n');
    },
  };
}

function sortedDates(values: string[]): string[] {
  return values
    .map((v) => ({ v, t: parseIsoDate(v).utc }))
    .filter((x): x is { v: string; t: string } => x.t !== null)
    .sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : 0))
    .map((x) => x.v);
}

/** Embedded files worth a document of their own: pictures, object replacement images, the thumbnail. */
function isEmbeddedFile(name: string): boolean {
  return /^(Pictures|ObjectReplacements|Thumbnails)\/[^/]+$/.test(name);
}

export const odfExtractor: Extractor = {
  id: 'office.odf',
  version: 1,
  kind: 'office',
  container: true,
  mimes: [MIME.odt, MIME.ods, MIME.odp, MIME.odf],

  async extract(input: ExtractInput, ctx: ExtractContext): Promise<ExtractOutput> {
    const pkg = await ZipPackage.open(input.source, input.name, ctx);
    let closeHere = true;
    try {
      const metadata: MetadataEntry[] = [];
      const found = new BodyFindings();
      const sink = new TextSink(ctx.limits.maxTextChars);

      // The manifest says which parts are encrypted (manifest:encryption-data) and the package's type.
      const encryptedParts = new Set<string>();
      let packageType = (await pkg.bytes('mimetype', 1024))?.toString('latin1').trim() ?? '';
      await visitPart(pkg, 'META-INF/manifest.xml', ctx, (scope) => {
        let path: string | null = null;
        return {
          open(el) {
            if (el.ns !== NS_MANIFEST) return;
            if (el.local === 'file-entry') {
              path = attr(el, NS_MANIFEST, 'full-path', scope) ?? null;
              if (path === '/' && !packageType) packageType = attr(el, NS_MANIFEST, 'media-type', scope) ?? '';
            } else if (el.local === 'encryption-data' && path) encryptedParts.add(path);
          },
        };
      });
      const subtype = SUBTYPES[/^application\/vnd\.oasis\.opendocument\.(.+)$/.exec(packageType)?.[1] ?? ''];
      const encrypted = encryptedParts.size > 0;

      const office = officeFacts('odf', { encrypted });
      if (subtype) office.subtype = subtype;

      if (!encryptedParts.has('meta.xml')) {
        const xml = await pkg.text('meta.xml');
        if (xml !== null) {
          try {
            const meta = readMeta(xml);
            for (const f of meta.fields) {
              metadata.push({ source: 'odf.meta', key: f.key, value: f.value });
              // Repeated fields (meta:keyword) are joined in the facts; the metadata keeps each.
              office.core[f.key] = office.core[f.key] !== undefined ? `${office.core[f.key]}; ${f.value}` : f.value;
            }
            for (const f of meta.userDefined) {
              metadata.push({ source: 'odf.meta', key: `meta:user-defined:${f.key}`, value: f.value });
              office.custom[f.key] = f.value;
            }
            for (const f of meta.statistics) {
              metadata.push({ source: 'odf.meta', key: f.key, value: f.value });
              office.app[f.key] = f.value;
            }
          } catch (err) {
            ctx.warn('corrupt', `${input.name}!meta.xml: ${(err as Error).message}`);
          }
        }
      }

      if (!encryptedParts.has('content.xml')) {
        await visitPart(pkg, 'content.xml', ctx, (scope) => bodyVisitor(found, sink, 'odf.content', scope));
      }
      if (!encryptedParts.has('styles.xml')) {
        await visitPart(pkg, 'styles.xml', ctx, (scope) => bodyVisitor(found, null, 'odf.styles', scope));
      }

      const core = office.core;
      const cycles = core['meta:editing-cycles'];
      if (cycles && /^\d+$/.test(cycles.trim())) {
        office.editingCycles = Number(cycles.trim());
        office.revision = office.editingCycles;
      }
      if (core['meta:editing-duration']) {
        office.editingDuration = core['meta:editing-duration'];
        const minutes = durationMinutes(core['meta:editing-duration']);
        if (minutes !== undefined) office.totalEditMinutes = minutes;
      }
      office.commentAuthors = [...found.commentAuthors];
      office.revisionAuthors = [...found.revisionAuthors];
      office.fonts = [...found.fonts.keys()];
      if (found.trackedChanges) office.trackedChanges = found.trackedChanges;
      if (found.comments) office.comments = found.comments;
      // Basic/ holds StarBasic macro libraries; Scripts/ holds other script languages.
      office.macros = pkg.entries.some((e) => /^(Basic|Scripts)\/.+/.test(e.name) && !e.isDirectory);
      office.signed = pkg.entries.some((e) => /^META-INF\/(document|macro)signatures\.xml$/i.test(e.name));
      const times = entryTimeRange(pkg.entries);
      if (times) office.zipEntryTimes = times;
      if (pkg.failures.length) office.unreadableParts = pkg.failures;

      const dates: ClaimedDate[] = [];
      for (const [key, role] of [
        ['meta:creation-date', 'created'],
        ['dc:date', 'modified'],
        ['meta:print-date', 'printed'],
      ] as const) {
        if (core[key]) dates.push(claimDate(role, `odf.meta:${key}`, core[key], parseIsoDate));
      }
      const rev = sortedDates(found.revisionDates);
      const com = sortedDates(found.commentDates);
      if (rev.length)
        dates.push(
          claimDate('revised-first', 'odf.content:dc:date', rev[0], parseIsoDate),
          claimDate('revised-last', 'odf.content:dc:date', rev[rev.length - 1], parseIsoDate),
        );
      if (com.length)
        dates.push(
          claimDate('commented-first', 'odf.content:dc:date', com[0], parseIsoDate),
          claimDate('commented-last', 'odf.content:dc:date', com[com.length - 1], parseIsoDate),
        );

      const people: PersonClaim[] = [];
      const person = (role: string, name: string | undefined, source: string) => {
        if (name?.trim()) people.push({ role, name: name.trim(), source });
      };
      // ODF's initial-creator is OOXML's dc:creator (the author); ODF's dc:creator is the last editor.
      person('author', core['meta:initial-creator'], 'odf.meta:meta:initial-creator');
      person('last-modified-by', core['dc:creator'], 'odf.meta:dc:creator');
      person('printed-by', core['meta:printed-by'], 'odf.meta:meta:printed-by');
      for (const n of found.commentAuthors) person('comment-author', n, 'odf.content');
      for (const n of found.revisionAuthors) person('revision-author', n, 'odf.content');

      const software: SoftwareClaim[] = [];
      if (core['meta:generator']?.trim())
        software.push({ role: 'application', value: core['meta:generator'].trim(), source: 'odf.meta:meta:generator' });

      const output: ExtractOutput = {
        kind: 'office',
        metadata,
        text: sink.toString(),
        facts: { office, dates, people, software, fonts: [...found.fonts.values()] },
      };
      if (core['dc:title']?.trim()) output.title = core['dc:title'].trim();

      const embedded = pkg.entries.filter((e) => !e.isDirectory && isEmbeddedFile(e.name) && !encryptedParts.has(e.name));
      if (embedded.length && input.depth < ctx.limits.maxDepth) {
        output.children = memberChildren(pkg.archive, embedded, input.name, ctx);
        closeHere = false;
      }
      if (pkg.listing.error) throw new ExtractError(pkg.listing.error.code, pkg.listing.error.message, output);
      if (encryptedParts.has('content.xml')) {
        throw new ExtractError(
          'encrypted',
          `${input.name}: the document is encrypted (${encryptedParts.size} encrypted parts); only unencrypted parts were read`,
          output,
        );
      }
      return output;
    } finally {
      if (closeHere) pkg.close();
    }
  },
};
