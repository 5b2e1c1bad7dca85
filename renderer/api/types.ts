// The API types the renderer uses, re-exported from the model so features import from one place.
// Type-only: the renderer never runs engine code.
export type {
  AllMethods,
  AnyMethod,
  ApiEvents,
  ApiResult,
  ApiErrorCode,
  SessionInfo,
  ScanProgress,
  CaseSummary,
  SearchQuery,
  SearchPage,
  DocumentRow,
  FacetCounts,
  FindingView,
  DocumentDetail,
  OcrPageView,
  OcrProgress,
  PersonProfile,
  CheckInfoView,
  ReportFormat,
  ReportSelection,
  DkimImportResult,
} from '../../src/model/api.js';
export type { DocumentKind, Severity, Verdict, LocatorSegment, MetadataEntry, FailureEntry } from '../../src/model/document.js';
export type { ClaimedDate, EmailFacts, PdfFacts, ImageFacts } from '../../src/model/facts.js';
export type { ReceivedHop } from '../../src/model/facts-email.js';

/** Native actions the desktop shell offers (Electron main); absent in a browser. */
export type ShellAction = 'pickDump' | 'pickCase' | 'pickSaveFile' | 'recentCases' | 'openCase';
