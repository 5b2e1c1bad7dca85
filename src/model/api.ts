// The one API every front end calls (CLI, loopback HTTP, Electron IPC). Names are 'domain.verb'.
// Types only; zod schemas in src/api/schema.ts are checked against these at compile time.

import type { DocumentKind, Finding, Locator, MetadataEntry, Severity, Verdict, FailureEntry } from './document.js';
import type { Facts } from './facts.js';
import type { ValidationResult, ValidationThreshold } from './validation.js';

type DocumentId = string;

interface StageCounters {
  /** Files found by the walker / documents found inside containers. */
  discovered: number;
  /** Documents whose extraction finished (or failed). */
  extracted: number;
  /** Documents committed to the case file. */
  indexed: number;
  /** Documents whose checks ran. */
  analysed: number;
}

export interface ScanProgress {
  jobId: string;
  state: 'idle' | 'walking' | 'running' | 'analysing' | 'ocr' | 'done' | 'cancelled' | 'failed';
  /** Top-level files: found by the walk, and finished. */
  files: { discovered: number; done: number; skippedUnchanged: number };
  /** Bytes of top-level files: found and finished. */
  bytes: { discovered: number; done: number };
  documents: StageCounters;
  errors: number;
  /** Bytes per second over the last seconds, and estimated seconds left (null when unknown). */
  rate: number;
  etaSeconds: number | null;
  currentFile: string | null;
  startedAt: string;
  elapsedMs: number;
  /** True once the walk has finished: before that, totals can still grow. */
  walkComplete: boolean;
  message?: string;
  /** The OCR stage (the scan's last, after the documents are searchable and checked); absent when
   *  the scan runs without OCR. */
  ocr?: OcrProgress;
}

/** The OCR stage of a scan: documents to look at (PDFs and images not OCRed yet), pages recognised. */
export interface OcrProgress {
  /** Tesseract language string, e.g. 'eng+fra'. */
  langs: string;
  documents: { total: number; done: number; failed: number };
  /** Pages recognised so far, and pages planned by the documents looked at so far. */
  pages: { done: number; planned: number };
  /** Pages per second since the stage began. */
  pagesPerSecond: number;
  /** Seconds left, from the pages per document and per second so far (null until known). */
  etaSeconds: number | null;
}

export interface CaseSummary {
  caseFile: string;
  dumpRoot: string | null;
  documents: number;
  byKind: Record<string, number>;
  bySeverity: Record<Severity, number>;
  byCheck: { check: string; count: number }[];
  verdicts: Record<Verdict, number>;
  lastScan: { startedAt: string; finishedAt: string | null; state: string } | null;
  failures: number;
  /** Documents with at least one flag (a finding that is evidence: not an error, not info). */
  flagged: number;
}

export interface SearchQuery {
  /** FTS5 query text; empty = all documents. */
  text?: string;
  kinds?: DocumentKind[];
  checks?: string[];
  severities?: Severity[];
  tags?: string[];
  verdicts?: Verdict[];
  /** Sender address or author name. */
  people?: string[];
  dateFrom?: string;
  dateTo?: string;
  minScore?: number;
  /** Restrict to these documents. */
  ids?: DocumentId[];
  sort?: 'score' | 'date' | 'path' | 'relevance';
  order?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
}

export interface DocumentRow {
  id: DocumentId;
  path: string;
  name: string;
  kind: DocumentKind;
  mime: string;
  size: number;
  sha256: string;
  score: number;
  /** Best date the document claims (email Date, created...), UTC ISO. */
  date: string | null;
  title: string | null;
  /** Sender or author. */
  person: string | null;
  flags: number;
  topSeverity: Severity | null;
  verdict: Verdict;
  tags: string[];
  /** Highlighted snippet when the query had text: matches wrapped in \u0002...\u0003. */
  snippet?: string;
}

export interface SearchPage {
  total: number;
  offset: number;
  rows: DocumentRow[];
  tookMs: number;
  /** The total is estimated from a sample (a very common word combined with other filters on a
   *  large case, where counting exactly would take seconds); the rows are always exact. */
  totalIsEstimate?: boolean;
}

export interface FacetCounts {
  kinds: { value: string; count: number }[];
  checks: { value: string; count: number }[];
  severities: { value: string; count: number }[];
  tags: { value: string; count: number }[];
  verdicts: { value: string; count: number }[];
  people: { value: string; count: number }[];
  tookMs: number;
  /** The kind, check, severity, person and 'unresolved' counts are estimated from a sample of the
   *  matches (a very common word, where counting exactly would take seconds); tags and the other
   *  verdicts are exact. A value too rare to show up in the sample is missing. */
  approximate?: boolean;
}

export interface FindingView extends Finding {
  title: string;
  innocentCauses: string[];
  detects: string;
}

export interface DocumentDetail {
  row: DocumentRow;
  locator: Locator;
  parentId: DocumentId | null;
  children: { id: DocumentId; name: string; kind: DocumentKind }[];
  /** Every path where this content occurs. */
  occurrences: { id: DocumentId; path: string }[];
  metadata: MetadataEntry[];
  facts: Facts;
  findings: FindingView[];
  note: string;
  /** Extract errors. */
  errors: { code: string; message: string }[];
  textPreview: string;
  /** Text recognised by OCR, per page (empty when the document was not OCRed). */
  ocr: OcrPageView[];
}

/** One OCRed page: its text, how it was recognised, and the PDF's own hidden text when it had one. */
export interface OcrPageView {
  page: number;
  text: string;
  engine: string;
  engineVersion: string;
  langs: string;
  /** Mean word confidence, 0..100. */
  confidence: number;
  /** Why the page was OCRed (no text, invisible text layer, document-like image...). */
  reason: string;
  /** The PDF's invisible or covered text of that page (searchable scans). */
  layerText: string | null;
}

export interface ThreadView {
  messages: {
    id: DocumentId;
    subject: string | null;
    from: string | null;
    date: string | null;
    messageId: string | null;
    inReplyTo: string | null;
    depth: number;
  }[];
}

export interface RevisionText {
  index: number;
  start: number;
  end: number;
  text: string;
  pages: number | null;
  error?: string;
}

export interface PersonProfile {
  sender: string;
  messages: number;
  clients: { value: string; count: number }[];
  timezones: { value: string; count: number }[];
  hours: number[];
  dkimSigned: number;
  outliers: { id: DocumentId; reason: string }[];
}

export interface CheckInfoView {
  id: string;
  version: number;
  title: string;
  detects: string;
  whyForgersLeaveIt: string;
  innocentCauses: string[];
  kinds: DocumentKind[];
  /** 'ocr': run by the scan's OCR stage on the document's OCR. */
  scope: 'document' | 'corpus' | 'ocr';
}

export type ReportFormat = 'json' | 'csv' | 'html';

export interface ReportSelection {
  tag?: string;
  verdict?: Verdict;
  minScore?: number;
  documents?: DocumentId[];
  query?: SearchQuery;
}

export interface RedactionCandidate {
  field: string;
  source: string;
  value: string;
  documents: number;
  category: 'person' | 'email' | 'device' | 'gps' | 'printer';
}

/** Options of one scan. Absent ones take the service's defaults. */
export interface ScanStartInput {
  resume?: boolean;
  /** Extraction workers (and corpus-check threads). */
  workers?: number;
  /** Seconds one document may take to extract before it is recorded as a timeout. */
  documentTimeoutSeconds?: number;
  /** Text of a DKIM key file, imported into the case before the scan. */
  dkimKeys?: string;
  /** Where that text came from (the file as given), recorded as each key's source. */
  dkimKeysSource?: string;
  /** Public keys whose private halves are published (--dkim-published-keys): SHA-256 of the SPKI DER, and the PEM file. */
  dkimPublishedKeys?: { spkiSha256: string; source: string }[];
  /** OCR as the scan's last stage (default true). */
  ocr?: boolean;
  /** Tesseract languages, e.g. ['fra', 'eng'] (default English and French). */
  ocrLangs?: string[];
  /** Only the OCR stage (and the analysis after it), on the documents scanned before: `verity ocr`. */
  ocrOnly?: boolean;
}

/** A DKIM key file to import: zone-file lines, dig output, a key table, JSON, or a key archive's JSON. */
interface DkimImportInput {
  text: string;
  /** The file's name as the analyst chose it (or its path as given), recorded as each key's source. */
  source?: string;
  /** Further files imported with it (the mail is re-verified once, after all of them). */
  more?: { text: string; source?: string }[];
}

/** A key that replaced another of the same name: the newest import is kept. */
interface DkimReplacedKey {
  name: string;
  source: string;
  previousSource: string;
  /** False when only the source changed (the same key imported from another file). */
  recordChanged: boolean;
}

export interface DkimImportResult {
  imported: number;
  /** Signed emails re-verified with the case's keys (0 without the dump folder). */
  reverified: number;
  /** The source recorded for these keys (archive entries add their entry and dates to it). */
  source: string;
  /** How many keys replaced another, and the first of them. */
  replaced: number;
  replacedKeys: DkimReplacedKey[];
}

/** A DKIM key the case lacks: the look-up to run on a connected machine (Verity never does). */
export interface DkimNeededKey {
  domain: string;
  selector: string;
  /** selector._domainkey.domain */
  name: string;
  /** Emails (distinct messages) the key would let Verity verify. */
  count: number;
  /** The span of those signatures (t=, else the Date header), ISO-8601; null when unknown. */
  firstDate: string | null;
  lastDate: string | null;
  /** 'dig +short TXT selector._domainkey.domain' */
  lookup: string;
}

export interface DkimNeeded {
  keys: DkimNeededKey[];
  /** One shell line that runs every look-up and writes the answers into dkim-keys.txt, a file
   *  `verity dkim import` and `--dkim-keys` read; null when no key is missing. */
  fetchScript: string | null;
  /** Signatures whose key the case now holds but that were not re-verified (the dump was not at hand). */
  awaitingReverification: number;
}

export interface ReportExportInput {
  format: ReportFormat;
  selection: ReportSelection;
  redact?: boolean;
  metadata?: boolean;
  /** ISO-8601 instant written as the report's generatedAt instead of now: the same case then gives
   *  byte-identical reports. */
  generatedAt?: string;
}

export interface ApiMethods {
  'case.summary': { input: Record<string, never>; output: CaseSummary };
  'scan.start': { input: ScanStartInput; output: { jobId: string } };
  'scan.cancel': { input: Record<string, never>; output: { cancelled: boolean } };
  'scan.status': { input: Record<string, never>; output: ScanProgress | null };
  /** The failure ledger, in the order failures were recorded, or by path, stage and code. */
  'scan.failures': {
    input: { offset?: number; limit?: number; order?: 'recorded' | 'path' };
    output: { total: number; rows: FailureEntry[] };
  };
  'search.query': { input: SearchQuery; output: SearchPage };
  'search.facets': { input: SearchQuery; output: FacetCounts };
  'document.get': { input: { id: DocumentId }; output: DocumentDetail };
  'document.thread': { input: { id: DocumentId }; output: ThreadView };
  'document.revisions': { input: { id: DocumentId }; output: RevisionText[] };
  /** One page of a PDF drawn as a PNG (the picture an OCRed page's text was read from). */
  'document.pageImage': { input: { id: DocumentId; page: number }; output: { mime: 'image/png'; base64: string } };
  'document.nearDuplicates': { input: { id: DocumentId }; output: { id: DocumentId; path: string; similarity: number }[] };
  'overview.timeline': { input: Record<string, never>; output: { week: string; documents: number; flagged: number }[] };
  'people.profiles': { input: { limit?: number }; output: PersonProfile[] };
  'checks.list': { input: Record<string, never>; output: CheckInfoView[] };
  'analyst.tag': { input: { ids: DocumentId[]; add?: string[]; remove?: string[] }; output: { updated: number } };
  'analyst.verdict': { input: { ids: DocumentId[]; verdict: Verdict }; output: { updated: number } };
  'analyst.note': { input: { id: DocumentId; note: string }; output: { updated: number } };
  'analyst.tags': { input: Record<string, never>; output: { tag: string; count: number }[] };
  'report.redactionCandidates': { input: ReportSelection; output: RedactionCandidate[] };
  'report.export': { input: ReportExportInput; output: { fileName: string; mime: string; content: string } };
  'report.validate': { input: ValidateInput; output: { result: ValidationResult; text: string } };
  'dkim.importKeys': { input: DkimImportInput; output: DkimImportResult };
  /** The keys still missing, with the look-ups that would find them. */
  'dkim.needed': { input: Record<string, never>; output: DkimNeeded };
}

/** `verity validate`: the truth file's text (CSV or JSON), its name for messages, and how to count. */
export interface ValidateInput {
  truth: string;
  source?: string;
  threshold?: ValidationThreshold;
  /** Count every document the truth does not list as genuine. */
  unlistedAsGenuine?: boolean;
}

export type ApiMethod = keyof ApiMethods;

export interface ApiEvents {
  'scan.progress': ScanProgress;
  'case.changed': { reason: string };
}

export type ApiErrorCode =
  'invalid-input' | 'not-found' | 'conflict' | 'no-case-open' | 'cancelled' | 'limit-exceeded' | 'unauthorized' | 'internal';
export interface WireError {
  code: ApiErrorCode;
  message: string;
  details?: unknown;
}
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: WireError };

/** Which case the engine has open, and recently opened ones. */
export interface SessionInfo {
  caseFile: string | null;
  dumpRoot: string | null;
  recent: { caseFile: string; dumpRoot: string | null; openedAt: string }[];
  /** 'http' (verity serve) or 'ipc' (desktop app). */
  transport: 'http' | 'ipc';
}

/** Methods of the session layer around the case service (src/api/session.ts): opening a case,
 *  and the raw bytes of a document for previews. Same contract in both transports. */
export interface SessionMethods {
  'session.info': { input: Record<string, never>; output: SessionInfo };
  'session.open': { input: { caseFile: string; dumpRoot?: string }; output: SessionInfo };
  'document.content': { input: { id: DocumentId }; output: { mime: string; size: number; base64: string; truncated: boolean } };
}

export type AllMethods = ApiMethods & SessionMethods;
export type AnyMethod = keyof AllMethods;
