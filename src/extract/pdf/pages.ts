// The pages of each saved revision, and which of them a save redefined: their content streams,
// resources or geometry, all that pdf.js reads a page's text from (docs/extract.md, PDF).

import type { PdfRevision } from '../../model/facts-pdf.js';
import { hex, type Loc, type LocLookup, type RevisionPages, type Warn } from './structure-model.js';
import { isDict, isRef, isString, name, type PdfDict, type PdfValue } from './syntax.js';
import type { PdfObjects } from './objects.js';
import type { Revisions } from './revisions.js';

/** Pages walked per revision; a longer tree makes every page of an update count as redefined. */
const MAX_PAGES = 10_000;
const MAX_TREE_DEPTH = 64;
/** Objects visited per file, walking page trees and looking for redefined objects below pages. */
const MAX_VISITS = 100_000;
/** The newest saves whose pages are told apart (a hostile file can hold thousands of saves). */
const MAX_SAVES_COMPARED = 33;
/** Attributes a page inherits from its ancestors (ISO 32000-1 §7.7.3.4) that change its text or layout. */
const INHERITED = ['Resources', 'MediaBox', 'CropBox', 'Rotate'] as const;

interface PageEntry {
  /** Page object number (-1 for a page written directly in /Kids). */
  num: number;
  /** What pdf.js reads the page's text from (contents, resources, boxes, rotation), as a comparable key. */
  key: string;
  /** The values whose references lead to what the page draws: content streams, fonts, forms. */
  drawn: PdfValue[];
  /** Objects holding the page's content: its content streams, and an array object listing them. */
  contents: number[];
}

interface PageTree {
  pages: PageEntry[];
  complete: boolean;
  /** The page tree root's /Count (what viewers take for the page count), else the pages walked. */
  count: number;
}

/** What one save did to the pages: their count after it, and the pages it redefined. */
class VisitBudgetSpent extends Error {}

export class PageTrees {
  private readonly trees = new Map<number, PageTree | null>();
  private visits = 0;
  private spent = false;
  /** The oldest save looked at, and where every object was as of that save. */
  private readonly first: number;
  private base: Map<number, Loc> | undefined;

  constructor(
    private readonly objects: PdfObjects,
    private readonly revisions: Revisions,
    private readonly revs: readonly PdfRevision[],
    /** The newest trailer's /Root, for revisions whose own trailer names none. */
    private readonly root: PdfValue | undefined,
    private readonly warn: Warn,
  ) {
    this.first = Math.max(0, revs.length - 1 - MAX_SAVES_COMPARED);
  }

  /**
   * Where each object was as of save `k`: the saves since the oldest one looked at, then one map
   * of that save's view (a lookup along every save of a file with thousands would cost each time).
   */
  private view(k: number): LocLookup {
    if (!this.base) {
      this.base = new Map();
      for (let i = 0; i <= this.first; i++) for (const [n, loc] of this.revisions.revisionEntries[i] ?? []) this.base.set(n, loc);
    }
    const base = this.base;
    return {
      get: (n: number) => {
        for (let i = k; i > this.first; i--) {
          const loc = this.revisions.revisionEntries[i]?.get(n);
          if (loc) return loc;
        }
        return base.get(n);
      },
    };
  }

  /** One more object read; false once the file's budget is spent (warned once). */
  private visit(): boolean {
    if (++this.visits <= MAX_VISITS) return true;
    if (!this.spent) this.warn(`pages redefined by each save: budget of ${MAX_VISITS} object visits spent`);
    this.spent = true;
    return false;
  }

  /**
   * Pages whose content this save rewrote under the same object numbers: a content stream (or the
   * array listing them) the page's /Contents refers to, redefined in place while the page itself
   * may be untouched (a script editing the stream, some editors).
   */
  contentsRedefined(k: number, changed: ReadonlySet<number>): number[] {
    const tree = this.tree(k);
    if (!tree) return [];
    return tree.pages.filter((p) => p.contents.some((n) => changed.has(n))).map((p) => p.num);
  }

  /** The pages save `k` changed against save `k - 1` (for the first save, its page count only). */
  changedPages(k: number): RevisionPages {
    const after = this.tree(k);
    const before = this.tree(k - 1);
    const count = after?.count;
    if (!after || !before || !after.complete || !before.complete) return { count, changed: 'all' };
    const own = this.revisions.revisionEntries[k];
    const dirty = new Set(own ? own.keys() : []);
    const view = this.view(k);
    const memo = new Map<number, boolean>();
    const changed: number[] = [];
    try {
      for (let i = 0; i < Math.max(before.pages.length, after.pages.length); i++) {
        const a = before.pages[i];
        const b = after.pages[i];
        if (!a || !b || a.num !== b.num || a.key !== b.key || (dirty.size > 0 && this.reaches(b.drawn, view, dirty, memo, 0)))
          changed.push(i + 1);
      }
    } catch (e) {
      if (!(e instanceof VisitBudgetSpent)) throw e;
      return { count, changed: 'all' };
    }
    return { count, changed };
  }

  private tree(k: number): PageTree | null {
    if (!this.trees.has(k)) this.trees.set(k, this.walk(k));
    return this.trees.get(k)!;
  }

  private walk(k: number): PageTree | null {
    if (!this.revisions.revisionEntries[k] || k < this.first || this.spent) return null;
    const view = this.view(k);
    const rootText = this.revs[k]?.trailer.Root?.match(/^(\d+) \d+ R$/);
    const rootNum = rootText ? Number(rootText[1]) : isRef(this.root) ? this.root.num : undefined;
    if (rootNum === undefined) return null;
    const catalog = this.dictOf(rootNum, view);
    if (!catalog) return null;
    const pages: PageEntry[] = [];
    const seen = new Set<number>();
    let complete = true;
    const visit = (v: PdfValue | undefined, inherited: ReadonlyMap<string, PdfValue>, depth: number): void => {
      if (!complete) return;
      if (pages.length >= MAX_PAGES || depth > MAX_TREE_DEPTH || !this.visit()) {
        complete = false;
        return;
      }
      if (isRef(v)) {
        if (seen.has(v.num)) return;
        seen.add(v.num);
      }
      const node = isRef(v) ? this.dictOf(v.num, view) : isDict(v) ? v : undefined;
      if (!node) return;
      let own = inherited;
      for (const key of INHERITED)
        if (node.map.has(key)) {
          if (own === inherited) own = new Map(inherited);
          (own as Map<string, PdfValue>).set(key, node.map.get(key)!);
        }
      const kids = this.resolve(node.map.get('Kids'), view);
      const type = name(node.map.get('Type'));
      if (type === 'Pages' || (type !== 'Page' && Array.isArray(kids))) {
        if (Array.isArray(kids)) for (const kid of kids) visit(kid, own, depth + 1);
        return;
      }
      pages.push(this.entry(isRef(v) ? v.num : -1, node, own, view));
    };
    const root = catalog.map.get('Pages');
    visit(root, new Map(), 0);
    const declared = isRef(root) ? this.dictOf(root.num, view)?.map.get('Count') : undefined;
    return {
      pages,
      complete,
      count: typeof declared === 'number' && Number.isInteger(declared) && declared >= 0 ? declared : pages.length,
    };
  }

  private entry(num: number, page: PdfDict, inherited: ReadonlyMap<string, PdfValue>, view: LocLookup): PageEntry {
    const contents = page.map.get('Contents');
    const values = [contents, ...INHERITED.map((k) => inherited.get(k)), page.map.get('UserUnit')];
    const held: number[] = [];
    const list = isRef(contents) ? this.objects.getObject(contents.num, view) : null;
    if (isRef(contents)) held.push(contents.num);
    const streams = list && Array.isArray(list.value) && !list.stream ? list.value : Array.isArray(contents) ? contents : [];
    for (const s of streams) if (isRef(s)) held.push(s.num);
    return { num, key: values.map(valueKey).join(' '), drawn: [contents ?? null, inherited.get('Resources') ?? null], contents: held };
  }

  /** True when a reference below `v` (not through /Parent) leads to an object this save redefined. */
  private reaches(
    v: PdfValue | undefined,
    view: LocLookup,
    dirty: ReadonlySet<number>,
    memo: Map<number, boolean>,
    depth: number,
  ): boolean {
    if (v === null || v === undefined || typeof v !== 'object' || depth > 32) return false;
    if (Array.isArray(v)) return v.some((x) => this.reaches(x, view, dirty, memo, depth + 1));
    if (isRef(v)) {
      if (dirty.has(v.num)) return true;
      const known = memo.get(v.num);
      if (known !== undefined) return known;
      memo.set(v.num, false); // a reference cycle ends here
      if (!this.visit()) throw new VisitBudgetSpent();
      const o = this.objects.getObject(v.num, view);
      const found =
        !!o && (this.reaches(o.value, view, dirty, memo, 0) || (!!o.stream && this.reaches(o.stream.dict, view, dirty, memo, 0)));
      memo.set(v.num, found);
      return found;
    }
    if (isDict(v)) {
      for (const [k, x] of v.map) if (k !== 'Parent' && k !== 'P' && this.reaches(x, view, dirty, memo, depth + 1)) return true;
    }
    return false;
  }

  private dictOf(n: number, view: LocLookup): PdfDict | undefined {
    const o = this.objects.getObject(n, view);
    if (!o) return undefined;
    return o.stream ? o.stream.dict : isDict(o.value) ? o.value : undefined;
  }

  private resolve(v: PdfValue | undefined, view: LocLookup): PdfValue | undefined {
    let cur = v;
    for (let d = 0; isRef(cur) && d < 16; d++) cur = this.objects.getObject(cur.num, view)?.value ?? undefined;
    return isRef(cur) ? undefined : cur;
  }
}

/** Keys already written: parsed objects are cached by location, so one save's values recur in the next. */
const KEYS = new WeakMap<object, string>();

/** A value written out canonically (dictionary keys sorted), to tell whether two are the same. */
function valueKey(v: PdfValue | undefined): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v !== 'object') return String(v);
  const known = KEYS.get(v);
  if (known !== undefined) return known;
  const key = writeKey(v);
  KEYS.set(v, key);
  return key;
}

function writeKey(v: Exclude<PdfValue, number | boolean | null>): string {
  if (Array.isArray(v)) return `[${v.map(valueKey).join(' ')}]`;
  if (isRef(v)) return `${v.num} ${v.gen} R`;
  if (isString(v)) return `<${hex(v.bytes)}>`;
  if (isDict(v))
    return `<<${[...v.map]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, x]) => `/${k} ${valueKey(x)}`)
      .join(' ')}>>`;
  return v.kind === 'name' ? `/${v.name}` : v.word;
}
