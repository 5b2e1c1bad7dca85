// Facts extracted from OOXML, OpenDocument and legacy OLE Office files.

export interface OfficeFacts {
  format: 'ooxml' | 'odf' | 'ole' | 'rtf';
  /** 'docx' | 'xlsx' | 'pptx' | 'docm' | ... | 'odt' | 'ods' | 'odp' | 'doc' | 'xls' | 'ppt'. */
  subtype?: string;
  /** Core properties, keys as in the file (dc:creator, cp:lastModifiedBy, dcterms:created, ...). */
  core: Record<string, string>;
  /** Extended / app properties (Application, AppVersion, Company, Template, TotalTime, ...). */
  app: Record<string, string>;
  custom: Record<string, string>;
  /** Authors of comments and tracked changes (w:author), with counts. */
  commentAuthors: string[];
  revisionAuthors: string[];
  /** Fonts declared or used. */
  fonts: string[];
  /** Revision number and total editing minutes, parsed. */
  revision?: number;
  totalEditMinutes?: number;
  /** ODF editing-cycles and editing-duration (ISO 8601 duration), raw. */
  editingCycles?: number;
  editingDuration?: string;
  encrypted: boolean;
  macros: boolean;
  /** Zip entries' timestamps (min/max) for OOXML/ODF, as written (DOS time, no zone). */
  zipEntryTimes?: { min: string; max: string };
  /** Word rsid values (w:rsidR...) count: each editing session adds one. */
  rsidCount?: number;
  /** Word settings.xml w:rsidRoot: the rsid of the session that created the document. */
  rsidRoot?: string;
  /** An XML digital signature part is present (OOXML _xmlsignatures/, ODF META-INF/documentsignatures.xml). */
  signed?: boolean;
  /** Tracked changes (w:ins / w:del) and comments counted in the document. */
  trackedChanges?: number;
  comments?: number;
  /** Relationships that point outside the package (attached template, linked images, hyperlinks...). */
  externalTargets?: { type: string; target: string }[];
  /** Parts of the package that could not be read (name and reason); the rest was extracted. */
  unreadableParts?: { part: string; reason: string }[];
}
