// Structured facts an extractor hands to the checks, per kind. Stored as JSON with the content.
// Extractors fill what they can; every field is optional unless a check cannot do without it.

import type { EmailFacts } from './facts-email.js';
import type { PdfFacts } from './facts-pdf.js';
import type { OfficeFacts } from './facts-office.js';
import type { ImageFacts } from './facts-image.js';
import type { ArchiveFacts } from './facts-archive.js';

export type { EmailFacts, PdfFacts, OfficeFacts, ImageFacts, ArchiveFacts };

export interface Facts {
  email?: EmailFacts;
  pdf?: PdfFacts;
  office?: OfficeFacts;
  image?: ImageFacts;
  archive?: ArchiveFacts;
  /** Normalised dates the document claims about itself (UTC ISO), for the date table and checks. */
  dates?: ClaimedDate[];
  /** People named in the metadata (author, last editor, comment/revision authors, sender). */
  people?: PersonClaim[];
  /** Software named in the metadata (Producer, Creator tool, Application+version, X-Mailer). */
  software?: SoftwareClaim[];
  /** Fonts used by the document (PDF font dictionaries, OOXML font table / runs). */
  fonts?: FontClaim[];
  /** Character set the text was decoded from, when detected. */
  charset?: string;
}

export interface ClaimedDate {
  /** What the date means: 'created' | 'modified' | 'metadata' | 'printed' | 'sent' | 'original' | 'digitized' | 'received' | 'signed' | ... */
  role: string;
  /** Where it was found, as in MetadataEntry.source, plus key: 'pdf.info:CreationDate'. */
  source: string;
  /** The value as written in the file. */
  raw: string;
  /** UTC ISO-8601, or null when the raw value could not be parsed. */
  utc: string | null;
  /** The offset written with the date in minutes east of UTC, when the file gave one; null = no zone. */
  offsetMinutes: number | null;
}

export interface PersonClaim {
  /** 'author' | 'last-modified-by' | 'comment-author' | 'revision-author' | 'sender' | 'recipient' | 'initial-creator' | 'company' */
  role: string;
  name: string;
  source: string;
  email?: string;
}

export interface SoftwareClaim {
  /** 'producer' | 'creator' | 'application' | 'mailer' | 'camera-software' | 'xmp-toolkit' */
  role: string;
  /** The raw string, e.g. 'Microsoft® Word 2016' or 'Acrobat Distiller 9.0.0 (Windows)'. */
  value: string;
  source: string;
  /** AppVersion and the like, when stored apart from the name. */
  version?: string;
}

export interface FontClaim {
  /** Base name without subset prefix, e.g. 'Calibri-Bold'. */
  name: string;
  embedded?: boolean;
  subset?: boolean;
  source: string;
}
