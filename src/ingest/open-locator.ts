// Re-opening a document's bytes from its locator chain: the file, then each container step (an
// mbox range; a member or attachment found by index through its container's extractor).

import { join, resolve, sep } from 'node:path';
import { realpath } from 'node:fs/promises';
import type { Locator, LocatorSegment } from '../model/document.js';
import type { Limits } from '../model/limits.js';
import { openFileSource, RangeSource } from '../extract/common/byte-source.js';
import { sniff } from '../extract/sniff.js';
import { extractorFor } from '../extract/registry.js';
import { ExtractError, type ByteSource, type ChildDocument } from '../extract/types.js';
import { DEFAULT_LIMITS } from './limits.js';

class LocatorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocatorError';
  }
}

function sameSegment(a: LocatorSegment, b: LocatorSegment): boolean {
  if (a.type !== b.type) return false;
  if (a.type === 'file' || b.type === 'file') return false;
  return a.index === (b as { index: number }).index;
}

export async function openLocator(
  dumpRoot: string,
  locator: Locator,
  limits: Limits = DEFAULT_LIMITS,
): Promise<{ source: ByteSource; close: () => Promise<void> }> {
  const first = locator[0];
  if (!first || first.type !== 'file') throw new LocatorError('a locator starts with a file');
  const root = await realpath(resolve(dumpRoot));
  const rel = first.raw ? Buffer.from(first.raw, 'base64') : Buffer.from(first.path);
  const abs = Buffer.concat([Buffer.from(root + sep), rel]);
  // SECURITY: the path must stay inside the dump (a crafted locator must not read ~/.ssh).
  const absText = abs.toString('utf8');
  if (!resolve(absText).startsWith(root + sep)) throw new LocatorError(`locator path ${first.path} leaves the dump`);
  const realAbs = await realpath(first.raw ? (abs as unknown as string) : join(root, first.path)).catch(() => null);
  if (realAbs === null || !realAbs.toString().startsWith(root + sep)) throw new LocatorError(`${first.path} is not a file inside the dump`);
  const opened = await openFileSource((first.raw ? abs : realAbs) as string, limits.maxWholeFileBytes);
  let source: ByteSource = opened.source;
  // Each step runs its container's extractor up to the wanted child: the walk gets the time one
  // document gets in a scan, then the extractor is asked to stop.
  const stop = new AbortController();
  const timer = setTimeout(
    () => stop.abort(new ExtractError('timeout', `opening ${first.path}: no result after ${limits.documentTimeoutMs} ms`)),
    limits.documentTimeoutMs,
  );
  timer.unref();
  try {
    for (let i = 1; i < locator.length; i++) {
      const seg = locator[i];
      if (seg.type === 'mbox') {
        source = new RangeSource(source, seg.offset, seg.length, limits.maxWholeFileBytes);
        continue;
      }
      const mime = await sniff(source, '', limits.maxWholeFileBytes);
      const ex = extractorFor(mime);
      if (!ex) throw new LocatorError(`step ${i} of the locator: no extractor for ${mime}`);
      const out = await ex.extract(
        { source, name: '', mime, sha256: '', size: source.size, depth: i - 1 },
        { limits, signal: stop.signal, warn: () => {} },
      );
      let found: ChildDocument | undefined;
      for await (const child of (out.children ?? []) as AsyncIterable<ChildDocument>) {
        if (sameSegment(child.segment, seg)) {
          found = child;
          break;
        }
      }
      if (!found)
        throw new LocatorError(`step ${i} of the locator (${seg.type} ${'index' in seg ? seg.index : ''}) was not found in its container`);
      source = found.source;
    }
  } catch (e) {
    await opened.close();
    throw e;
  } finally {
    clearTimeout(timer);
  }
  return { source, close: () => opened.close() };
}
