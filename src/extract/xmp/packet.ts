// XMP packet to a flat list of (key, value), values as written, keys by the canonical prefix of
// their namespace ('xmpMM:History[2]/stEvt:softwareAgent'); see docs/extract.md (XMP).

import { XMLParser } from 'fast-xml-parser';

interface XmpProperty {
  key: string;
  value: string;
}

export interface XmpPacket {
  /** x:xmptk (or the older x:xaptk) of the x:xmpmeta element: the toolkit that wrote the packet. */
  toolkit?: string;
  properties: XmpProperty[];
  /** Properties dropped because the packet had more than maxProperties. */
  truncated: boolean;
}

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const META = 'adobe:ns:meta/';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Namespace URI → the prefix the XMP specification (and ExifTool) uses for it. */
const CANONICAL_PREFIX: Record<string, string> = {
  'http://ns.adobe.com/xap/1.0/': 'xmp',
  'http://ns.adobe.com/xap/1.0/mm/': 'xmpMM',
  'http://ns.adobe.com/xap/1.0/rights/': 'xmpRights',
  'http://ns.adobe.com/xap/1.0/bj/': 'xmpBJ',
  'http://ns.adobe.com/xap/1.0/t/pg/': 'xmpTPg',
  'http://ns.adobe.com/xmp/1.0/DynamicMedia/': 'xmpDM',
  'http://ns.adobe.com/xap/1.0/sType/ResourceEvent#': 'stEvt',
  'http://ns.adobe.com/xap/1.0/sType/ResourceRef#': 'stRef',
  'http://ns.adobe.com/xap/1.0/sType/Version#': 'stVer',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://ns.adobe.com/photoshop/1.0/': 'photoshop',
  'http://ns.adobe.com/tiff/1.0/': 'tiff',
  'http://ns.adobe.com/exif/1.0/': 'exif',
  'http://ns.adobe.com/exif/1.0/aux/': 'aux',
  'http://cipa.jp/exif/1.0/': 'exifEX',
  'http://ns.adobe.com/pdf/1.3/': 'pdf',
  'http://ns.adobe.com/pdfx/1.3/': 'pdfx',
  'http://www.aiim.org/pdfa/ns/id/': 'pdfaid',
  'http://ns.adobe.com/camera-raw-settings/1.0/': 'crs',
  'http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/': 'Iptc4xmpCore',
  'http://iptc.org/std/Iptc4xmpExt/2008-02-29/': 'Iptc4xmpExt',
  'http://ns.useplus.org/ldf/xmp/1.0/': 'plus',
  'http://ns.google.com/photos/1.0/camera/': 'GCamera',
};

interface XNode {
  [tag: string]: unknown;
}
type Scope = Map<string, string>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** Largest packet we parse; real packets are a few KB, extended XMP (depth maps) is skipped anyway. */
const MAX_XMP_BYTES = 4 << 20;
const MAX_DEPTH = 40;

function tagOf(node: XNode): string | undefined {
  for (const k of Object.keys(node)) if (k !== ':@') return k;
  return undefined;
}

function attrsOf(node: XNode): Record<string, string> {
  return (node[':@'] as Record<string, string> | undefined) ?? {};
}

function childrenOf(node: XNode, tag: string): XNode[] {
  const c = node[tag];
  return Array.isArray(c) ? (c as XNode[]) : [];
}

function textOf(children: XNode[]): string | undefined {
  let text: string | undefined;
  for (const c of children) if ('#text' in c) text = (text ?? '') + String(c['#text']);
  return text;
}

function withNamespaces(scope: Scope, attrs: Record<string, string>): Scope {
  let next = scope;
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'xmlns' || k.startsWith('xmlns:')) {
      if (next === scope) next = new Map(scope);
      next.set(k === 'xmlns' ? '' : k.slice(6), v);
    }
  }
  return next;
}

function resolve(scope: Scope, qname: string): { uri: string; local: string; prefix: string } {
  const i = qname.indexOf(':');
  const prefix = i < 0 ? '' : qname.slice(0, i);
  const local = i < 0 ? qname : qname.slice(i + 1);
  const uri = prefix === 'xml' ? XML_NS : (scope.get(prefix) ?? '');
  return { uri, local, prefix };
}

function canonicalName(scope: Scope, qname: string): string {
  const { uri, local, prefix } = resolve(scope, qname);
  const p = CANONICAL_PREFIX[uri] ?? prefix;
  return p ? `${p}:${local}` : local;
}

/** Parse one XMP packet (the text between <?xpacket begin?> and end, or a bare x:xmpmeta/rdf:RDF). */
export function parseXmpPacket(xml: string, maxProperties = 5000): XmpPacket {
  const out: XmpPacket = { properties: [], truncated: false };
  if (xml.length > MAX_XMP_BYTES) throw new Error(`XMP packet of ${xml.length} characters exceeds ${MAX_XMP_BYTES}`);
  // A DOCTYPE has no business in XMP and is the vehicle of entity-expansion bombs: refuse it.
  if (/<!DOCTYPE/i.test(xml)) throw new Error('XMP packet declares a DOCTYPE');
  const start = xml.indexOf('<');
  const doc = parser.parse(start > 0 ? xml.slice(start) : xml) as XNode[];

  const emit = (key: string, value: string): void => {
    if (out.properties.length >= maxProperties) {
      out.truncated = true;
      return;
    }
    out.properties.push({ key, value });
  };

  // Property element: simple value, rdf:resource, array (Seq/Bag/Alt) or structure.
  const property = (node: XNode, scope: Scope, key: string, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    const tag = tagOf(node);
    if (!tag) return;
    const attrs = attrsOf(node);
    const sc = withNamespaces(scope, attrs);
    const kids = childrenOf(node, tag).filter((c) => tagOf(c) !== undefined);
    const elements = kids.filter((c) => tagOf(c) !== '#text');
    const resourceAttr = Object.entries(attrs).find(([k]) => {
      const r = resolve(sc, k);
      return r.uri === RDF && r.local === 'resource';
    });
    if (resourceAttr) {
      emit(key, resourceAttr[1]);
      return;
    }
    // Attributes other than rdf:*, xml:* and xmlns are struct fields in abbreviated syntax.
    const fieldAttrs = Object.entries(attrs).filter(([k]) => {
      if (k === 'xmlns' || k.startsWith('xmlns:')) return false;
      const r = resolve(sc, k);
      return r.uri !== RDF && r.uri !== XML_NS;
    });
    for (const [k, v] of fieldAttrs) emit(`${key}/${canonicalName(sc, k)}`, v);
    if (elements.length === 0) {
      const text = textOf(kids);
      if (text !== undefined || fieldAttrs.length === 0) emit(key, text ?? '');
      return;
    }
    for (const el of elements) {
      const t = tagOf(el)!;
      const elScope = withNamespaces(sc, attrsOf(el));
      const r = resolve(elScope, t);
      if (r.uri === RDF && (r.local === 'Seq' || r.local === 'Bag' || r.local === 'Alt')) {
        const items = childrenOf(el, t).filter((c) => {
          const ct = tagOf(c);
          return ct && ct !== '#text' && resolve(elScope, ct).local === 'li';
        });
        items.forEach((li, i) => {
          const liTag = tagOf(li)!;
          const liKids = childrenOf(li, liTag).filter((c) => tagOf(c) !== '#text');
          const liAttrs = Object.keys(attrsOf(li)).filter((k) => {
            if (k === 'xmlns' || k.startsWith('xmlns:')) return false;
            const rr = resolve(elScope, k);
            return rr.uri !== RDF && rr.uri !== XML_NS;
          });
          const isStruct = liKids.length > 0 || liAttrs.length > 0 || attrsOf(li)['rdf:parseType'] === 'Resource';
          property(li, elScope, isStruct ? `${key}[${i + 1}]` : key, depth + 1);
        });
      } else if (r.uri === RDF && r.local === 'Description') {
        description(el, sc, `${key}/`, depth + 1);
      } else {
        // rdf:parseType="Resource": children are the fields of a structure.
        property(el, sc, `${key}/${canonicalName(elScope, t)}`, depth + 1);
      }
    }
  };

  // rdf:Description: attributes and child elements are properties.
  const description = (node: XNode, scope: Scope, prefix: string, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    const tag = tagOf(node)!;
    const attrs = attrsOf(node);
    const sc = withNamespaces(scope, attrs);
    for (const [k, v] of Object.entries(attrs)) {
      // Pre-1.0 XMP wrote an unprefixed about="" (rdf:about): structural, not a property.
      if (k === 'xmlns' || k.startsWith('xmlns:') || k === 'about') continue;
      const r = resolve(sc, k);
      if (r.uri === RDF || r.uri === XML_NS) continue;
      emit(prefix + canonicalName(sc, k), v);
    }
    for (const c of childrenOf(node, tag)) {
      const ct = tagOf(c);
      if (!ct || ct === '#text') continue;
      property(c, withNamespaces(sc, attrsOf(c)), prefix + canonicalName(withNamespaces(sc, attrsOf(c)), ct), depth + 1);
    }
  };

  // Walk down to every rdf:Description, picking up the toolkit on the way.
  const walk = (nodes: XNode[], scope: Scope, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    for (const n of nodes) {
      const tag = tagOf(n);
      if (!tag || tag === '#text') continue;
      const sc = withNamespaces(scope, attrsOf(n));
      const r = resolve(sc, tag);
      if (r.uri === META && (r.local === 'xmpmeta' || r.local === 'xapmeta')) {
        for (const [k, v] of Object.entries(attrsOf(n))) {
          const a = resolve(sc, k);
          if (a.uri === META && (a.local === 'xmptk' || a.local === 'xaptk')) out.toolkit = v;
        }
      }
      if (r.uri === RDF && r.local === 'Description') description(n, sc, '', depth + 1);
      else walk(childrenOf(n, tag), sc, depth + 1);
    }
  };
  walk(doc, new Map(), 0);
  return out;
}
