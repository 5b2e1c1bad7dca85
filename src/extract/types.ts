// The extractor plug-in contract. An extractor turns bytes into metadata, text, facts and
// children. It never touches the database, the network or the disk beyond its ByteSource.

import type { DocumentKind, ExtractErrorCode, LocatorSegment, MetadataEntry } from '../model/document.js';
import type { Facts } from '../model/facts.js';
import type { Limits } from '../model/limits.js';

/** Random-access, read-only view of a document's bytes. Never a path, never writable. */
export interface ByteSource {
  readonly size: number;
  /** Read [offset, offset+length) (clamped to size). */
  read(offset: number, length: number): Promise<Uint8Array>;
  /** Whole content in memory. Throws ExtractError('limit-exceeded') above limits.maxWholeFileBytes. */
  readAll(): Promise<Uint8Array>;
  /** Sequential chunks of [start, end). */
  chunks(start?: number, end?: number, chunkSize?: number): AsyncIterable<Uint8Array>;
}

export interface ExtractInput {
  source: ByteSource;
  /** File or member name (for hints and display only; type comes from content). */
  name: string;
  /** Sniffed MIME type. */
  mime: string;
  sha256: string;
  size: number;
  /** Container nesting depth of this document (top-level file = 0). */
  depth: number;
}

export interface ExtractContext {
  limits: Limits;
  signal: AbortSignal;
  /** Record a non-fatal problem (kept as an info finding). */
  warn(code: ExtractErrorCode | string, message: string): void;
}

/** A child document found inside a container. Yielded lazily so huge containers stream. */
export interface ChildDocument {
  segment: LocatorSegment;
  name: string;
  source: ByteSource;
  /** The type when the container knows it better than sniffing can (an mbox message is an email
   *  even when its first header is unusual). */
  mime?: string;
  /** Occurrence metadata given by the container (zip member time, mbox envelope...). */
  metadata?: MetadataEntry[];
  /** A child that cannot be opened: recorded as a document with this error. */
  error?: { code: ExtractErrorCode; message: string };
}

export interface ExtractOutput {
  /** Overrides the extractor's kind when the content decides (e.g. a zip that is a docx). */
  kind?: DocumentKind;
  metadata: MetadataEntry[];
  text?: string;
  /** Title for lists (Subject, Title...). */
  title?: string;
  facts?: Facts;
  children?: AsyncIterable<ChildDocument> | Iterable<ChildDocument>;
}

export interface Extractor {
  /** Lowercase id: 'pdf', 'email.rfc822', 'email.mbox', 'archive.zip'. */
  readonly id: string;
  /** Bump when output changes: invalidates cached extraction of identical content. */
  readonly version: number;
  readonly kind: DocumentKind;
  /** May yield children (members, messages, attachments, embedded objects). A container is opened
   *  again when its content is already known, because its children are occurrences at this path. */
  readonly container: boolean;
  /** Sniffed MIME types this extractor handles. */
  readonly mimes: readonly string[];
  extract(input: ExtractInput, ctx: ExtractContext): Promise<ExtractOutput>;
}

/** An expected failure: becomes an error finding on the document; ingest goes on. */
export class ExtractError extends Error {
  constructor(
    public readonly code: ExtractErrorCode,
    message: string,
    /** What was read before the failure is kept. */
    public readonly partial?: ExtractOutput,
  ) {
    super(message);
    this.name = 'ExtractError';
  }
}
