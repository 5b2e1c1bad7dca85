// Resource limits handed to extractors and the ingest. Values live in src/ingest/limits.ts.

export interface Limits {
  /** Largest decompressed archive member or attachment kept as a child. */
  maxMemberBytes: number;
  /** Total bytes one top-level file may expand to (all descendants). */
  maxExpandedBytes: number;
  /** Largest compression ratio of one member (uncompressed / compressed). */
  maxRatio: number;
  /** Deepest nesting of containers (file = depth 0). */
  maxDepth: number;
  /** Most members one archive may yield. */
  maxMembers: number;
  /** Longest header line of an email kept. */
  maxHeaderBytes: number;
  /** Text kept per document for search. */
  maxTextChars: number;
  /** Pages whose text is read from a PDF. */
  maxPdfPages: number;
  /** Most MIME parts / nesting of one message. */
  maxMimeParts: number;
  maxMimeDepth: number;
  /** Largest file read whole into memory by extractors that need it all (PDF, images). */
  maxWholeFileBytes: number;
  /** Milliseconds one document may take in a worker before it is stopped. */
  documentTimeoutMs: number;
  /** Heap of one extraction worker, MB. */
  workerHeapMb: number;
}
