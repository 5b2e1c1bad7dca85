// XML of office packages parsed in document order (fast-xml-parser) and walked with namespaces
// resolved: elements match by namespace URI, keys use the canonical prefix.

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ZipPackage } from '../archive/zip-package.js';
import type { ExtractContext } from '../types.js';

/** A node of fast-xml-parser's preserveOrder output. */
type OrderedNode = { [tag: string]: OrderedNode[] | string | Record<string, string> | undefined } & {
  ':@'?: Record<string, string>;
  '#text'?: string;
};

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Standard XML entities and numeric character references (htmlEntities is what makes
  // fast-xml-parser decode &#x41;). DOCTYPE entities are bounded: a "billion laughs" part must not
  // take the worker's memory; external entities are refused by the parser itself.
  processEntities: { enabled: true, maxTotalExpansions: 10_000, maxExpandedLength: 1_000_000, maxEntityCount: 100 },
  htmlEntities: true,
  // Word nests tables in tables; 1,000 levels is beyond any real document and bounds recursion.
  maxNestedTags: 1000,
});

export interface XmlElement {
  /** Name as written, e.g. 'w:t'. */
  name: string;
  local: string;
  /** Namespace URI ('' when none). */
  ns: string;
  /** Attributes as written (names with their prefixes). */
  attrs: Record<string, string>;
}

export interface XmlVisitor {
  open?(el: XmlElement, path: readonly XmlElement[]): void | 'skip';
  text?(text: string, path: readonly XmlElement[]): void;
  close?(el: XmlElement, path: readonly XmlElement[]): void;
}

/** Thrown for XML that is not well formed, with the validator's position. */
class MalformedXmlError extends Error {}

/**
 * Parse XML. fast-xml-parser's parser is lenient (an unclosed or mismatched tag passes), so the
 * part is validated first: a malformed part throws MalformedXmlError ("Unclosed tag 'w:p' at
 * 1:12") and callers record it; a part that is not well formed is itself a trace worth seeing.
 */
export function parseXml(xml: string): OrderedNode[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new MalformedXmlError(`${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`);
  return parser.parse(xml) as OrderedNode[];
}

/** Namespace URI of an attribute name such as 'w:author', resolved in the element's scope. */
export function attr(el: XmlElement, ns: string, local: string, scope: XmlScope): string | undefined {
  for (const [k, v] of Object.entries(el.attrs)) {
    const i = k.indexOf(':');
    const p = i < 0 ? '' : k.slice(0, i);
    const l = i < 0 ? k : k.slice(i + 1);
    // Unprefixed attributes have no namespace (XML Namespaces §6.2).
    if (l === local && (p === '' ? ns === '' : scope.uri(p) === ns)) return v;
  }
  return undefined;
}

export class XmlScope {
  constructor(private readonly frames: Map<string, string>[] = [new Map([['xml', 'http://www.w3.org/XML/1998/namespace']])]) {}
  uri(prefix: string): string {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const u = this.frames[i].get(prefix);
      if (u !== undefined) return u;
    }
    return '';
  }
  push(attrs: Record<string, string>): void {
    const f = new Map<string, string>();
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'xmlns') f.set('', v);
      else if (k.startsWith('xmlns:')) f.set(k.slice(6), v);
    }
    this.frames.push(f);
  }
  pop(): void {
    this.frames.pop();
  }
}

/**
 * Walk parsed XML in document order with namespaces resolved. Iterative (an explicit stack), so a
 * deeply nested hostile part cannot overflow the call stack. The scope is passed for attr().
 */
export function walkXml(nodes: OrderedNode[], visitor: XmlVisitor & { scope?: XmlScope }): void {
  const scope = visitor.scope ?? new XmlScope();
  const path: XmlElement[] = [];
  type Frame = { nodes: OrderedNode[]; i: number; el: XmlElement | null };
  const stack: Frame[] = [{ nodes, i: 0, el: null }];
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.i >= top.nodes.length) {
      stack.pop();
      if (top.el) {
        visitor.close?.(top.el, path);
        path.pop();
        scope.pop();
      }
      continue;
    }
    const node = top.nodes[top.i++];
    if (typeof node['#text'] === 'string') {
      visitor.text?.(node['#text'], path);
      continue;
    }
    const name = Object.keys(node).find((k) => k !== ':@');
    if (!name || name.startsWith('?') || name === '#comment') continue;
    const attrs = (node[':@'] as Record<string, string> | undefined) ?? {};
    scope.push(attrs);
    const i = name.indexOf(':');
    const el: XmlElement = { name, local: i < 0 ? name : name.slice(i + 1), ns: scope.uri(i < 0 ? '' : name.slice(0, i)), attrs };
    path.push(el);
    const children = Array.isArray(node[name]) ? (node[name] as OrderedNode[]) : [];
    if (visitor.open?.(el, path) === 'skip') {
      visitor.close?.(el, path);
      path.pop();
      scope.pop();
      continue;
    }
    stack.push({ nodes: children, i: 0, el });
  }
}

/**
 * The properties of a flat metadata part (core.xml, app.xml, meta.xml's office:meta): each element
 * at `depth` (1 = children of the root), keyed by the canonical prefix of its namespace ('' for
 * none: app.xml's 'Application'), or by its written name when the namespace is unknown. A property
 * with child elements (app.xml's TitlesOfParts vector) gets its leaf texts joined with '; '.
 */
export function flatProperties(
  xml: string,
  prefixes: Record<string, string>,
  depth: number,
): { key: string; value: string; el: XmlElement }[] {
  const out: { key: string; value: string; el: XmlElement }[] = [];
  let current: { direct: string[]; leaves: string[] } | null = null;
  walkXml(parseXml(xml), {
    open(_el, path) {
      if (path.length === depth) current = { direct: [], leaves: [] };
    },
    text(t, path) {
      if (!current || path.length < depth) return;
      if (path.length === depth) current.direct.push(t);
      else if (t.trim()) current.leaves.push(t.trim());
    },
    close(el, path) {
      if (path.length !== depth || !current) return;
      const value = current.leaves.length ? current.leaves.join('; ') : current.direct.join('');
      current = null;
      const prefix = prefixes[el.ns];
      out.push({ key: prefix !== undefined ? (prefix ? `${prefix}:${el.local}` : el.local) : el.name, value, el });
    },
  });
  return out;
}

/** Text for search, bounded: stops accepting once the limit is reached. */
export class TextSink {
  private readonly parts: string[] = [];
  private length = 0;
  constructor(private readonly max: number) {}
  get full(): boolean {
    return this.length >= this.max;
  }
  add(s: string): void {
    if (this.full || !s) return;
    const piece = s.length + this.length > this.max ? s.slice(0, this.max - this.length) : s;
    this.parts.push(piece);
    this.length += piece.length;
  }
  toString(): string {
    return this.parts
      .join('')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }
}

/** Parse a part with a visitor; a malformed part is reported and skipped, never fatal. */
export async function visitPart(
  pkg: ZipPackage,
  part: string,
  ctx: ExtractContext,
  visitor: (scope: XmlScope) => XmlVisitor,
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
