// The check plug-in contract. Checks are pure: they read a document's extracted facts (document
// checks) or the dump's profiles computed by the store (corpus checks) and return findings.

import type { DocumentKind, Finding, MetadataEntry, Severity } from '../model/document.js';
import type { Facts } from '../model/facts.js';

interface CheckInfo {
  /** Dotted lowercase id: 'pdf.info-xmp-mismatch', 'email.dkim.body-hash'. */
  readonly id: string;
  readonly version: number;
  readonly title: string;
  /** What the trace is. */
  readonly detects: string;
  /** Why a forger leaves that trace. */
  readonly whyForgersLeaveIt: string;
  /** What innocent causes produce the same trace. */
  readonly innocentCauses: readonly string[];
  readonly kinds: readonly DocumentKind[];
}

export interface FindingDraft {
  severity: Severity;
  message: string;
  evidence: Record<string, unknown>;
}

/** What a document check sees of a document. */
export interface DocumentFacts {
  kind: DocumentKind;
  mime: string;
  name: string;
  size: number;
  sha256: string;
  metadata: MetadataEntry[];
  facts: Facts;
  text?: string;
  /** Raw bytes (emails: the raw message), when the check declared needsRaw. */
  raw?: Uint8Array;
}

/** One DKIM public key the analyst imported, with where it came from (docs/checks-email-integrity.md). */
export interface DkimKey {
  /** The TXT record text. */
  record: string;
  /** The file, command line or archive entry it came from. */
  source?: string;
  /** From a key archive: when the key was first and last seen in DNS (ISO-8601 as the archive wrote it). */
  firstSeenAt?: string;
  lastSeenAt?: string;
  /** Its private half is known to be published (--dkim-published-keys): the PEM file that holds it. */
  publishedPrivateKey?: string;
}

/** DKIM public keys the analyst imported: 'selector._domainkey.domain' -> the key. */
export type DkimKeyTable = ReadonlyMap<string, DkimKey>;

export interface CheckContext {
  dkimKeys: DkimKeyTable;
  /** The analysis time, never Date.now() inside a check. */
  now: Date;
}

export interface DocumentCheck extends CheckInfo {
  readonly scope: 'document';
  /** Set when the check needs the raw bytes (DKIM). */
  readonly needsRaw?: boolean;
  run(doc: DocumentFacts, ctx: CheckContext): FindingDraft[] | Promise<FindingDraft[]>;
}

/** A document as corpus checks see it: facts plus its place in the dump. */
export interface CorpusDocument extends DocumentFacts {
  id: string;
  parentId: string | null;
  path: string;
  /** Occurrence metadata (zip member dates, fs mtime). */
  occurrence: MetadataEntry[];
  /** Findings the document checks already recorded for it (e.g. a DKIM body-hash verdict), so a
   *  corpus check can weigh copies against each other. Corpus checks must not repeat them. */
  findings?: readonly Finding[];
}

/** Parts of a document a corpus check may ask for (see CorpusCheck.reads). 'text' is the document's
 *  text and an email's bodies (facts.email.text/html); 'email-headers' is an email's raw header list,
 *  Received hops and DKIM/ARC signatures (facts.email.headers/received/dkim/arc): 80 % of its facts. */
export type CorpusPart = 'text' | 'metadata' | 'occurrence' | 'findings' | 'email-headers';

/** Corpus checks get the whole population through an iterator over the store, and run in two passes:
 * learn (build profiles) then judge each document. They hold their profile in memory, so it must
 * stay small (per sender / per author, not per document). */
export interface CorpusCheck extends CheckInfo {
  readonly scope: 'corpus';
  /** What the check reads beyond kind, path and facts. Each corpus pass loads only what its check
   *  declares (text, up to 200 kB a document, is the costliest); undeclared parts arrive empty. */
  readonly reads?: readonly CorpusPart[];
  /** `docs({ ids })` yields only those documents (the others are skipped before their parts load). */
  run(docs: (only?: CorpusOnly) => Iterable<CorpusDocument>, ctx: CheckContext): Iterable<{ documentId: string; finding: FindingDraft }>;
}

/** A later pass that needs only some documents. */
export interface CorpusOnly {
  ids: ReadonlySet<string>;
}

/** What an OCR-stage check reads: the OCR of a file's pages, with the file's own hidden text of
 *  each page when it had one (src/extract/ocr/types.ts OcrFileResult has this shape). */
interface OcrCheckInput {
  engine: string;
  engineVersion: string;
  langs: string;
  pages: readonly { page: number; reason: string; text: string; confidence: number; layerText?: string }[];
}

/** A check run by the scan's OCR stage on a document's OCR (it needs the page pictures read). */
export interface OcrCheck extends CheckInfo {
  readonly scope: 'ocr';
  run(ocr: OcrCheckInput): FindingDraft[];
}

export type Check = DocumentCheck | CorpusCheck | OcrCheck;
