// `verity validate`: a case scored against an analyst's ground truth (report.validate in the API).
// The result's shape, shared by the scoring in src/report/validate and every front end.

import type { ReportFlag } from './report.js';

export type ValidationThreshold = 'medium' | 'high';

/** One line of a truth file: a document by report path or Message-ID (or both), its label, and
 *  the forgery family (on a genuine line: the family it is an innocent lookalike of). */
export interface TruthRow {
  path?: string;
  messageId?: string;
  label: 'genuine' | 'forged';
  family?: string;
}

export interface ValidateOptions {
  /** Lowest severity that counts as a detection. */
  threshold?: ValidationThreshold;
  /** Count every document the truth does not list as a genuine item. */
  unlistedAsGenuine?: boolean;
}

export interface ValidationDocument {
  id: string;
  path: string;
  messageId?: string;
  score: number;
  flags: ReportFlag[];
}

export interface ValidationItem {
  path?: string;
  messageId?: string;
  family?: string;
  /** Line of the truth entry; absent for unlisted documents. */
  line?: number;
  /** The item's documents that carry findings (all severities for a missed forgery, at or above
   *  the threshold for a false positive). */
  documents: ValidationDocument[];
}

export interface Rate {
  count: number;
  total: number;
  /** count/total, null when total is 0. */
  rate: number | null;
}

export interface ValidationResult {
  threshold: ValidationThreshold;
  unlistedAsGenuine: boolean;
  report: { root: string; documents: number };
  truth: { entries: number; matched: number; unmatched: number; duplicates: number };
  /** Found forged items over planted (matched) forged items. */
  recall: Rate;
  recallByFamily: Record<string, Rate>;
  /** Flagged genuine items over genuine items (listed, plus unlisted documents when asked). */
  falsePositives: Rate;
  /** Flagged listed genuine items over listed genuine items. */
  falsePositivesListed: Rate;
  /** Genuine items listed with a family: innocent lookalikes of that family. */
  lookalikes: Rate;
  lookalikesByFamily: Record<string, Rate>;
  /** Documents named by both a genuine and a forged entry (counted as forged). */
  contested: number;
  missed: ValidationItem[];
  falseItems: ValidationItem[];
  unmatched: { line: number; path?: string; messageId?: string; label: string; reason: string }[];
  notes: string[];
}
