// The resource limits of an ingest, in one place: a hostile file gets a bounded slice of memory and
// time, real dumps pass untouched.

import type { Limits } from '../model/limits.js';

export const DEFAULT_LIMITS: Limits = {
  maxMemberBytes: 512 << 20,
  maxExpandedBytes: 8 * 1024 ** 3,
  maxRatio: 200,
  maxDepth: 12,
  maxMembers: 100_000,
  maxHeaderBytes: 256 << 10,
  maxTextChars: 1_000_000,
  maxPdfPages: 2_000,
  maxMimeParts: 2_000,
  maxMimeDepth: 50,
  maxWholeFileBytes: 768 << 20,
  documentTimeoutMs: 120_000,
  workerHeapMb: 1536,
};
