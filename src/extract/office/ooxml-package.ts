// The OPC level of an OOXML package: relationships, content types and the property parts
// (core, app, custom), each part parsed with namespaces resolved and a bad part skipped.

import { flatProperties, parseXml, visitPart, walkXml, type XmlElement } from './office-xml.js';
import type { ZipPackage } from '../archive/zip-package.js';
import type { ExtractContext } from '../types.js';

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

const CORE_PREFIXES: Record<string, string> = { [NS_CP]: 'cp', [NS_DC]: 'dc', [NS_DCTERMS]: 'dcterms' };
const APP_PREFIXES: Record<string, string> = Object.fromEntries([...EXTENDED].map((n) => [n, '']));

export interface Relationship {
  type: string;
  target: string;
  external: boolean;
  id: string;
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

export function typeName(type: string): string {
  return type.slice(type.lastIndexOf('/') + 1);
}

export async function readRels(pkg: ZipPackage, sourcePart: string, ctx: ExtractContext): Promise<Relationship[]> {
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

/** docProps/core.xml (Dublin Core, cp:, dcterms:) as key/value pairs. */
export function coreProperties(pkg: ZipPackage, part: string, ctx: ExtractContext): Promise<{ key: string; value: string }[]> {
  return flatPart(pkg, part, ctx, CORE_PREFIXES);
}

/** docProps/app.xml (the application's statistics and settings) as key/value pairs. */
export function appProperties(pkg: ZipPackage, part: string, ctx: ExtractContext): Promise<{ key: string; value: string }[]> {
  return flatPart(pkg, part, ctx, APP_PREFIXES);
}

async function flatPart(
  pkg: ZipPackage,
  part: string,
  ctx: ExtractContext,
  prefixes: Record<string, string>,
): Promise<{ key: string; value: string }[]> {
  const xml = await pkg.text(part);
  if (!xml) return [];
  try {
    return flatProperties(xml, prefixes, 2).map(({ key, value }) => ({ key, value }));
  } catch (err) {
    ctx.warn('corrupt', `${pkg}!${part}: ${(err as Error).message}`);
    return [];
  }
}

/** custom.xml: <property name="X"><vt:lpwstr>value</vt:lpwstr></property>. */
export async function customProperties(pkg: ZipPackage, part: string, ctx: ExtractContext): Promise<{ key: string; value: string }[]> {
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

export async function contentTypes(
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

/** Embedded files worth a document of their own: OLE objects and packages, media, the thumbnail. */
export function isEmbeddedFile(name: string): boolean {
  return /^[^/]+\/(embeddings|media)\/[^/]+$/i.test(name) || /^docProps\/thumbnail\.[a-z]+$/i.test(name);
}
