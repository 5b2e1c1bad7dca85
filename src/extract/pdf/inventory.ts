// What the current objects hold: fonts (embedded, subset), signatures and their byte ranges,
// JavaScript, launch actions, embedded files, JBIG2 images, annotations, forms.

import type { PdfSignatureFacts } from '../../model/facts-pdf.js';
import type { PdfFontInfo, PdfStructure, PdfStructureOptions, Warn } from './structure-model.js';
import { int, isDict, name, type PdfDict, type PdfIndirectObject, type PdfValue } from './syntax.js';
import type { PdfObjects } from './objects.js';
import type { Revisions } from './revisions.js';

const FONT_SUBTYPES = new Set(['Type1', 'TrueType', 'Type0', 'Type3', 'MMType1', 'OpenType']);

export class ObjectInventory {
  constructor(
    private readonly objects: PdfObjects,
    private readonly revisions: Revisions,
    private readonly opt: PdfStructureOptions,
    private readonly warn: Warn,
    /** Bytes in the file: a signature covers the whole file when its range ends there. */
    private readonly fileSize: number,
  ) {}

  walk(out: PdfStructure): void {
    const current = this.objects.current;
    let nums = [...current.keys()].filter((n) => current.get(n)!.t !== 0);
    if (nums.length === 0) nums = [...this.objects.scanned().keys()];
    nums.sort((a, b) => a - b);
    if (nums.length > this.opt.maxObjects) {
      this.warn(`${nums.length} objects; only the first ${this.opt.maxObjects} inspected`);
      nums = nums.slice(0, this.opt.maxObjects);
    }
    const seen = { fonts: new Map<string, PdfFontInfo>(), sigRanges: new Set<string>() };
    for (const n of nums) {
      const o = this.objects.getObject(n);
      if (!o) continue;
      const d = o.stream ? o.stream.dict : isDict(o.value) ? o.value : undefined;
      if (d) this.inspect(d, o, n, out, seen, 0);
      else if (Array.isArray(o.value)) for (const v of o.value.slice(0, 1000)) if (isDict(v)) this.inspect(v, o, n, out, seen, 1);
    }
    out.fonts = [...seen.fonts.values()];
  }

  /**
   * One dictionary and the dictionaries written inside it (a signature can sit directly in the
   * catalog's /Perms, an action in an annotation's /AA, a font in a /Resources dictionary).
   */
  private inspect(
    d: PdfDict,
    o: PdfIndirectObject,
    n: number,
    out: PdfStructure,
    seen: { fonts: Map<string, PdfFontInfo>; sigRanges: Set<string> },
    depth: number,
  ): void {
    const type = name(d.map.get('Type'));
    const subtype = name(d.map.get('Subtype'));
    const s = name(d.map.get('S'));
    if (s === 'JavaScript' || d.map.has('JS')) out.javascript = true;
    if (s === 'Launch') out.launchActions = true;
    if (depth === 0 && o.stream) {
      const f = d.map.get('Filter');
      const filters = Array.isArray(f) ? f.map(name) : [name(f)];
      if (filters.includes('JBIG2Decode')) out.jbig2Images++;
    }
    if (d.map.has('EF') && (type === 'Filespec' || type === 'F' || type === undefined)) out.embeddedFiles++;
    if (depth === 0 && (type === 'Page' || (d.map.has('Annots') && d.map.has('MediaBox')))) {
      const annots = this.objects.resolve(d.map.get('Annots'));
      if (Array.isArray(annots)) out.annotations += annots.length;
    }
    if ((type === 'Font' || d.map.has('BaseFont')) && subtype && FONT_SUBTYPES.has(subtype)) {
      const f = this.fontInfo(d, subtype);
      if (f) seen.fonts.set(`${f.baseFont}|${f.embedded}`, f);
    }
    const br = d.map.get('ByteRange');
    if (Array.isArray(br) && (type === 'Sig' || type === 'DocTimeStamp' || d.map.has('Contents'))) {
      const key = br.map(String).join(' ');
      if (!seen.sigRanges.has(key)) {
        seen.sigRanges.add(key);
        out.signatures.push(this.signature(d, br, o, n));
      }
    }
    if (depth >= 6) return;
    for (const [k, v] of d.map) {
      if (k === 'Parent' || k === 'P' || k === 'Kids') continue;
      if (k === 'JavaScript' && !isDict(v)) out.javascript = true;
      if (isDict(v)) this.inspect(v, o, n, out, seen, depth + 1);
      else if (Array.isArray(v) && v.length <= 1000) for (const x of v) if (isDict(x)) this.inspect(x, o, n, out, seen, depth + 1);
    }
  }

  private fontInfo(d: PdfDict, subtype: string): PdfFontInfo | null {
    // (/BaseFont may be an indirect name: legal, and written by some tools)
    let baseFont = name(this.objects.resolve(d.map.get('BaseFont')));
    // The font's own name. A composite (Type0) font is named after its CIDFont, often with the
    // CMap appended ('ABCDEF+Arial-BoldMT-Identity-H'); the CIDFont's /BaseFont is the face.
    let face: string | undefined;
    let embedded = false;
    if (subtype === 'Type3') {
      // glyphs are drawn by procedures inside the file
      embedded = true;
      baseFont ??= name(d.map.get('Name')) ?? 'Type3';
    } else {
      let desc = this.objects.resolveDict(d.map.get('FontDescriptor'));
      if (subtype === 'Type0') {
        const kids = this.objects.resolve(d.map.get('DescendantFonts'));
        const cid = Array.isArray(kids) ? this.objects.resolveDict(kids[0]) : undefined;
        desc = cid ? this.objects.resolveDict(cid.map.get('FontDescriptor')) : undefined;
        face = cid ? name(this.objects.resolve(cid.map.get('BaseFont'))) : undefined;
        baseFont ??= face;
        face ??= baseFont?.replace(/-(Identity|UniGB|UniJIS|UniKS|UniCNS|GBK|GBpc|90ms|KSC|ETen|B5)[\w-]*$/, '');
      }
      if (desc) embedded = desc.map.has('FontFile') || desc.map.has('FontFile2') || desc.map.has('FontFile3');
    }
    if (!baseFont) return null;
    const subsetOf = (n: string) => n.match(/^([A-Z]{6})\+(.+)$/);
    const m = subsetOf(baseFont);
    const f = subsetOf(face ?? baseFont);
    return { baseFont, name: f ? f[2] : (face ?? baseFont), subset: !!(m ?? f), embedded, type: subtype };
  }

  private signature(d: PdfDict, br: PdfValue[], o: PdfIndirectObject, n: number): PdfSignatureFacts {
    const nums = br.map((x) => int(x));
    const sig: PdfSignatureFacts = {
      filter: name(d.map.get('Filter')),
      subFilter: name(d.map.get('SubFilter')),
    };
    if (nums.length === 4 && nums.every((x) => x !== undefined && x >= 0)) {
      const [a, b, c, len] = nums as number[];
      sig.byteRange = [a, b, c, len];
      sig.coversWholeFile = a === 0 && c + len === this.fileSize && b <= c;
    } else this.warn(`signature object ${n}: /ByteRange is not four non-negative integers`);
    const m = d.map.get('M');
    // strings of an encrypted file are ciphertext; /M is left out rather than shown garbled
    const when = this.objects.text(m, o);
    if (when !== undefined) sig.signingTimeRaw = when;
    const nm = d.map.get('Name');
    const who = this.objects.text(nm, o);
    if (who !== undefined) sig.name = who;
    const offset = o.offset >= 0 ? o.offset : this.offsetOfCompressed(n);
    if (offset !== undefined) {
      const rev = this.revisions.revisionOf(offset);
      if (rev !== undefined) sig.revisionIndex = rev;
    }
    return sig;
  }

  private offsetOfCompressed(n: number): number | undefined {
    const loc = this.objects.current.get(n);
    if (loc?.t !== 2) return undefined;
    const s = this.objects.current.get(loc.stm);
    return s?.t === 1 ? s.offset : undefined;
  }
}
