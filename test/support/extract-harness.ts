// Running one extractor on one input in a test: a context that records warnings, and helpers
// that drain children. No ingest, no store: what the extractor alone returns.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Limits } from '../../src/model/limits.js';
import { DEFAULT_LIMITS } from '../../src/ingest/limits.js';
import { BufferSource } from '../../src/extract/common/byte-source.js';
import { sniff } from '../../src/extract/sniff.js';
import { ExtractError, type ChildDocument, type ExtractContext, type ExtractOutput, type Extractor } from '../../src/extract/types.js';

export interface Warning {
  code: string;
  message: string;
}

export function testContext(
  limits: Partial<Limits> = {},
  signal: AbortSignal = new AbortController().signal,
): ExtractContext & { warnings: Warning[] } {
  const warnings: Warning[] = [];
  return {
    limits: { ...DEFAULT_LIMITS, ...limits },
    signal,
    warnings,
    warn: (code, message) => warnings.push({ code, message }),
  };
}

export interface RunResult {
  output?: ExtractOutput;
  error?: ExtractError;
  warnings: Warning[];
  children: ChildDocument[];
  /** An error thrown while iterating the children (after extract returned). */
  childrenError?: Error;
}

/** Extract, keep a thrown ExtractError (and its partial output), drain up to maxChildren children. */
export async function run(
  extractor: Extractor,
  bytes: Uint8Array,
  name: string,
  opts: { limits?: Partial<Limits>; depth?: number; maxChildren?: number; mime?: string; signal?: AbortSignal } = {},
): Promise<RunResult> {
  const ctx = testContext(opts.limits, opts.signal);
  const source = new BufferSource(bytes);
  const mime = opts.mime ?? (await sniff(source, name));
  const result: RunResult = { warnings: ctx.warnings, children: [] };
  try {
    result.output = await extractor.extract({ source, name, mime, sha256: '', size: bytes.byteLength, depth: opts.depth ?? 0 }, ctx);
  } catch (err) {
    if (!(err instanceof ExtractError)) throw err;
    result.error = err;
    result.output = err.partial;
  }
  const children = result.output?.children;
  if (children && opts.maxChildren === 0) {
    await (children as AsyncGenerator<ChildDocument>).return?.(undefined);
  } else if (children) {
    try {
      for await (const c of children as AsyncIterable<ChildDocument>) {
        result.children.push(c);
        if (result.children.length >= (opts.maxChildren ?? Infinity)) break;
      }
    } catch (err) {
      result.childrenError = err as Error;
    }
  }
  return result;
}

export function runFile(extractor: Extractor, path: string, opts: Parameters<typeof run>[3] = {}): Promise<RunResult> {
  return run(extractor, readFileSync(path), basename(path), opts);
}

export function metaValue(output: ExtractOutput | undefined, source: string, key: string): string | undefined {
  return output?.metadata.find((m) => m.source === source && m.key === key)?.value;
}

/**
 * A signal that fires at the extractor's (n+1)-th look at it: "the deadline passed mid-way", at a
 * point the extractor's own checks decide, so a test of where it stops does not depend on timing.
 */
export function signalFiringAfter(looks: number): AbortSignal {
  const controller = new AbortController();
  const signal = controller.signal;
  let seen = 0;
  const fired = () => {
    if (!controller.signal.reason && ++seen > looks) controller.abort(new ExtractError('timeout', 'deadline passed'));
    return seen > looks;
  };
  Object.defineProperty(signal, 'aborted', { get: fired });
  Object.defineProperty(signal, 'throwIfAborted', {
    value: () => {
      if (fired()) throw signal.reason;
    },
  });
  return signal;
}
