// Extraction of one top-level file and everything inside it, depth first, inside a worker: each
// document hashed, sniffed, extracted once per content, checked and posted (docs/extract.md).

import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Finding, Locator, MetadataEntry } from '../model/document.js';
import type { DocumentRecord, ExtractedContent } from '../model/ingest.js';
import type { Limits } from '../model/limits.js';
import type { Facts } from '../model/facts.js';
import { sniff } from '../extract/sniff.js';
import { extractorFor } from '../extract/registry.js';
import { BufferSource, openFileSource } from '../extract/common/byte-source.js';
import {
  ExtractError,
  type ByteSource,
  type ChildDocument,
  type ExtractContext,
  type ExtractOutput,
  type Extractor,
} from '../extract/types.js';
import { runDocumentChecks } from '../checks/run.js';
import { DOCUMENT_CHECKS } from '../checks/registry.js';
import type { CheckContext } from '../checks/types.js';
import { displayPath, documentId, segmentName } from './locator.js';
import { kindForMime } from './kinds.js';
import type { FileTask, FromWorker } from './messages.js';
import { SoftDeadline } from './soft-deadline.js';
import { StageClock } from './stage-clock.js';

/** Files up to this size are read once into memory (one read for hash and parse). */
const READ_WHOLE_BELOW = 64 << 20;

export interface WorkerIo {
  post(msg: FromWorker): void;
  /** Does the case already hold this content, extracted by this extractor version? */
  has(sha256: string, extractor: string | null, version: number): Promise<boolean>;
}

interface Node {
  locator: Locator;
  name: string;
  source: ByteSource;
  sha256: string;
  depth: number;
  parentId: string | null;
  topIndex: number;
  rootPath: string;
  occurrence: MetadataEntry[];
  occurrenceFindings: Finding[];
  /** Type given by the container, trusted over sniffing. */
  mimeHint?: string;
}

interface FileBudget {
  expanded: number;
  /** Containers already expanded within the current top-level child: sha256 -> display path.
   *  An identical container met again in the same subtree is recorded but not expanded again:
   *  that is what defuses nested zip bombs (eight copies of eight copies of ...). The set is
   *  reset at each top-level child, the unit of resumption, so a resumed scan decides the same. */
  expandedContainers: Map<string, string>;
}

async function hashSource(source: ByteSource): Promise<string> {
  const h = createHash('sha256');
  for await (const c of source.chunks()) h.update(c);
  return h.digest('hex');
}

function finding(check: string, severity: Finding['severity'], message: string, evidence: Record<string, unknown>): Finding {
  return { check, severity, message, evidence };
}

export function errorFinding(code: string, message: string, extractor: string | null): Finding {
  const severity = code === 'corrupt' || code === 'truncated' || code === 'timeout' || code === 'limit-exceeded' ? 'low' : 'info';
  return finding(`extract.${code}`, severity, `The file could not be fully read (${code}): ${message}`.slice(0, 600), {
    code,
    extractor,
    error: message.slice(0, 2000),
  });
}

function bestDate(facts: Facts): string | null {
  if (facts.email?.dateUtc) return facts.email.dateUtc;
  for (const role of ['created', 'original', 'sent', 'modified', 'digitized']) {
    const d = facts.dates?.find((x) => x.role === role && x.utc);
    if (d) return d.utc;
  }
  return facts.dates?.find((x) => x.utc)?.utc ?? null;
}

function bestPerson(facts: Facts): string | null {
  const e = facts.email?.from;
  if (e) return e.address ? e.address.toLowerCase() : e.name || null;
  for (const role of ['author', 'initial-creator', 'last-modified-by', 'sender']) {
    const p = facts.people?.find((x) => x.role === role && x.name.trim());
    if (p) return p.name.trim();
  }
  return null;
}

export class FileProcessor {
  private readonly clock = new StageClock();
  /** Stops the document in progress when the worker falls silent (the pool watchdog's view). */
  private readonly deadline: SoftDeadline;

  constructor(
    private readonly io: WorkerIo,
    private readonly limits: Limits,
    private readonly checkCtx: CheckContext,
  ) {
    this.deadline = new SoftDeadline(limits.documentTimeoutMs);
  }

  /** Post to the coordinator; the structured clone of big texts is a cost of its own. */
  private send(msg: FromWorker): void {
    const t0 = performance.now();
    this.io.post(msg);
    this.deadline.beat();
    this.clock.add('post', performance.now() - t0);
  }

  async processFile(task: FileTask): Promise<void> {
    const openPath = task.absRaw ? Buffer.from(task.absRaw, 'base64') : task.abs;
    let opened: Awaited<ReturnType<typeof openFileSource>>;
    try {
      opened = await openFileSource(openPath as string, this.limits.maxWholeFileBytes);
    } catch (e) {
      this.send({ t: 'file-failed', rel: task.rel, code: 'unreadable', message: `cannot open ${task.rel}: ${(e as Error).message}` });
      return;
    }
    try {
      let source: ByteSource = opened.source;
      let sha: string;
      if (opened.source.size <= READ_WHOLE_BELOW) {
        const buf = await this.clock.timeAsync('read', () => opened.source.read(0, opened.source.size));
        sha = this.clock.time('hash', () => createHash('sha256').update(buf).digest('hex'));
        source = new BufferSource(buf);
      } else {
        sha = await this.clock.timeAsync('hash', () => hashSource(opened.source));
      }
      const locator: Locator = [{ type: 'file', path: task.rel, ...(task.relRaw ? { raw: task.relRaw } : {}) }];
      const occurrence: MetadataEntry[] = [
        { source: 'fs', key: 'mtime', value: new Date(task.mtimeMs).toISOString() },
        { source: 'fs', key: 'size', value: String(opened.source.size) },
      ];
      if (opened.source.size !== task.size) {
        occurrence.push({ source: 'fs', key: 'size-at-walk', value: String(task.size) });
      }
      const findings: Finding[] =
        opened.source.size !== task.size
          ? [
              finding(
                'ingest.changed-during-scan',
                'info',
                'The file changed size between the walk and its reading; what was read is indexed.',
                { sizeAtWalk: task.size, sizeRead: opened.source.size },
              ),
            ]
          : [];
      await this.processNode(
        {
          locator,
          name: basename(task.rel),
          source,
          sha256: sha,
          depth: 0,
          parentId: null,
          topIndex: -1,
          rootPath: task.rel,
          occurrence,
          occurrenceFindings: findings,
        },
        task.skip,
        { expanded: 0, expandedContainers: new Map() },
      );
      this.send({ t: 'file-done', rel: task.rel, sha256: sha, bytes: opened.source.size, stages: this.clock.take() });
    } finally {
      await opened.close();
    }
  }

  private async processNode(node: Node, skipTop: number, budget: FileBudget): Promise<void> {
    const id = documentId(node.locator);
    const path = displayPath(node.locator);
    this.send({
      t: 'begin',
      id,
      parentId: node.parentId,
      locator: node.locator,
      path,
      name: node.name,
      sha256: node.sha256,
      size: node.source.size,
      depth: node.depth,
      topIndex: node.topIndex,
    });

    const mime =
      node.mimeHint ??
      (await this.clock.timeAsync('sniff', () =>
        sniff(node.source, node.name, this.limits.maxWholeFileBytes).catch(() => 'application/octet-stream'),
      ));
    const extractor = extractorFor(mime);
    const known = await this.clock.timeAsync('wait-coordinator', () => {
      this.deadline.beat(); // the question is a message to the coordinator too
      return this.io.has(node.sha256, extractor?.id ?? null, extractor?.version ?? 0);
    });
    // Containers are opened again even when their content is known: their children are
    // occurrences of their own and must be recorded at this path too.
    const mayHaveChildren = extractor?.container === true;
    const firstExpansion = mayHaveChildren ? budget.expandedContainers.get(node.sha256) : undefined;
    if (firstExpansion !== undefined && known) {
      node.occurrenceFindings.push(
        finding('ingest.duplicate-container', 'info', `Identical to ${firstExpansion}, expanded once; its contents are indexed there.`, {
          firstPath: firstExpansion,
        }),
      );
      this.send({ t: 'doc', rec: occurrenceRecord(node, id) });
      return;
    }
    if (mayHaveChildren && node.depth > 0) budget.expandedContainers.set(node.sha256, path);
    // The signal stays this document's while its children are read: a silent container is stopped.
    const signal = this.deadline.begin(path);
    try {
      const { out, findings } =
        extractor && (!known || mayHaveChildren) ? await this.extract(node, extractor, mime, signal) : { findings: [] };
      const rec: DocumentRecord = {
        ...occurrenceRecord(node, id),
        content: known ? undefined : await this.content(node, { mime, extractor, out, findings }),
      };
      await this.post(node, id, rec, out, extractor, skipTop, budget);
    } finally {
      this.deadline.end(signal);
    }
  }

  /** Run the extractor; an ExtractError becomes a finding and its partial output is kept. */
  private async extract(
    node: Node,
    extractor: Extractor,
    mime: string,
    signal: AbortSignal,
  ): Promise<{ out?: ExtractOutput; findings: Finding[] }> {
    const findings: Finding[] = [];
    const warnings: Finding[] = [];
    const ctx: ExtractContext = {
      limits: this.limits,
      signal,
      warn: (code: string, message: string) => {
        if (warnings.length < 50)
          warnings.push(finding(`extract.warning`, 'info', message.slice(0, 600), { code, extractor: extractor.id }));
      },
    };
    let out: ExtractOutput | undefined;
    const t0 = performance.now();
    try {
      out = await extractor.extract(
        { source: node.source, name: node.name, mime, sha256: node.sha256, size: node.source.size, depth: node.depth },
        ctx,
      );
    } catch (e) {
      if (e instanceof ExtractError || (e as { name?: string })?.name === 'ExtractError') {
        const ee = e as ExtractError;
        findings.push(errorFinding(ee.code, ee.message, extractor.id));
        out = ee.partial;
      } else {
        const err = e as Error;
        const path = displayPath(node.locator);
        findings.push(errorFinding('crashed', `${extractor.id} failed on ${path}: ${err?.message ?? String(e)}`, extractor.id));
      }
    } finally {
      this.clock.add(`extract:${extractor.id}`, performance.now() - t0);
    }
    findings.push(...warnings);
    return { out, findings };
  }

  /** New content: what was extracted, checked by the document checks. */
  private async content(
    node: Node,
    x: { mime: string; extractor?: Extractor; out?: ExtractOutput; findings: Finding[] },
  ): Promise<ExtractedContent> {
    const { mime, extractor, out } = x;
    const facts = out?.facts ?? {};
    const text = (out?.text ?? '').slice(0, this.limits.maxTextChars);
    const kind = out?.kind ?? extractor?.kind ?? kindForMime(mime);
    const metadata = out?.metadata ?? [];
    const t0 = performance.now();
    let raw: Uint8Array | undefined;
    if (kind === 'email' && DOCUMENT_CHECKS.some((c) => c.needsRaw) && node.source.size <= this.limits.maxWholeFileBytes) {
      raw = await node.source.readAll();
    }
    const checkFindings = await runDocumentChecks(
      { kind, mime, name: node.name, size: node.source.size, sha256: node.sha256, metadata, facts, text, raw },
      this.checkCtx,
    );
    this.clock.add('checks', performance.now() - t0);
    return {
      sha256: node.sha256,
      kind,
      mime,
      size: node.source.size,
      extractor: extractor?.id ?? null,
      extractorVersion: extractor?.version ?? 0,
      title: out?.title?.slice(0, 500) ?? null,
      date: bestDate(facts),
      person: bestPerson(facts),
      metadata,
      text,
      facts,
      findings: [...x.findings, ...checkFindings],
    };
  }

  /** Post the document, then expand its children (within the depth limit). */
  private async post(
    node: Node,
    id: string,
    rec: DocumentRecord,
    out: ExtractOutput | undefined,
    extractor: Extractor | undefined,
    skipTop: number,
    budget: FileBudget,
  ): Promise<void> {
    const children = out?.children;
    if (!children) {
      this.send({ t: 'doc', rec });
      return;
    }
    if (node.depth >= this.limits.maxDepth) {
      rec.occurrenceFindings.push(
        finding('ingest.depth-limit', 'low', `Containers nested deeper than ${this.limits.maxDepth} levels are not expanded.`, {
          depth: node.depth,
          limit: this.limits.maxDepth,
        }),
      );
      this.send({ t: 'doc', rec });
      return;
    }
    this.send({ t: 'doc', rec });
    await this.processChildren(node, id, children, skipTop, budget, `expand:${extractor!.id}`);
  }

  private async processChildren(
    node: Node,
    id: string,
    children: AsyncIterable<ChildDocument> | Iterable<ChildDocument>,
    skipTop: number,
    budget: FileBudget,
    stage: string,
  ): Promise<void> {
    let index = 0;
    // Time spent by the container's iterator producing the next child (parsing the mbox or zip),
    // measured as the gap between the end of one child's processing and the start of the next.
    let waitFrom = performance.now();
    try {
      for await (const child of children as AsyncIterable<ChildDocument>) {
        this.clock.add(stage, performance.now() - waitFrom);
        const i = index++;
        if (node.depth === 0 && i < skipTop) {
          waitFrom = performance.now();
          continue;
        }
        if (node.depth === 0) budget.expandedContainers.clear();
        const locator: Locator = [...node.locator, child.segment];
        const topIndex = node.depth === 0 ? i : node.topIndex;
        const childFindings: Finding[] = [];
        budget.expanded += child.source.size;
        if (budget.expanded > this.limits.maxExpandedBytes) {
          this.repostWithFinding(
            node,
            id,
            finding(
              'ingest.expansion-limit',
              'low',
              `The file expands to more than ${this.limits.maxExpandedBytes} bytes; the rest of its contents is not indexed.`,
              { limit: this.limits.maxExpandedBytes },
            ),
          );
          if (node.depth === 0) this.send({ t: 'checkpoint', rel: node.rootPath, done: i + 1 });
          break;
        }
        if (child.error) {
          childFindings.push(errorFinding(child.error.code, child.error.message, null));
        }
        const sha = await this.clock.timeAsync('hash', () => hashSource(child.source));
        await this.processNode(
          {
            locator,
            name: child.name || segmentName(child.segment),
            source: child.source,
            sha256: sha,
            depth: node.depth + 1,
            parentId: id,
            topIndex,
            rootPath: node.rootPath,
            occurrence: child.metadata ?? [],
            occurrenceFindings: childFindings,
            mimeHint: child.mime,
          },
          0,
          budget,
        );
        if (node.depth === 0) this.send({ t: 'checkpoint', rel: node.rootPath, done: i + 1 });
        waitFrom = performance.now();
      }
    } catch (e) {
      // A container that breaks half-way keeps the children read so far; the break is recorded on it.
      const err = e as ExtractError;
      const code = err?.code ?? 'corrupt';
      this.repostWithFinding(
        node,
        id,
        errorFinding(code, `expanding ${displayPath(node.locator)} stopped after ${index} item(s): ${err?.message ?? String(e)}`, null),
      );
    }
  }

  /** Post a container again (its content already sent) with one more finding about this occurrence. */
  private repostWithFinding(node: Node, id: string, f: Finding): void {
    node.occurrenceFindings.push(f);
    this.send({ t: 'doc', rec: occurrenceRecord(node, id) });
  }
}

/** A document's record without content: this occurrence only (its path, its container's metadata). */
function occurrenceRecord(node: Node, id: string): DocumentRecord {
  return {
    id,
    parentId: node.parentId,
    rootPath: node.rootPath,
    path: displayPath(node.locator),
    name: node.name,
    locator: node.locator,
    depth: node.depth,
    sha256: node.sha256,
    size: node.source.size,
    topIndex: node.topIndex,
    occurrence: node.occurrence,
    occurrenceFindings: node.occurrenceFindings,
  };
}
