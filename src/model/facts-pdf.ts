// Facts extracted from a PDF: Info, XMP, structure and revisions.

export interface PdfXrefSection {
  /** 'table' (classic xref) or 'stream' (cross-reference stream, PDF 1.5). */
  type: 'table' | 'stream';
  /** Byte offset of the section ('xref' keyword or the xref stream object). */
  offset: number;
  /** Object numbers defined in this section (in-use entries), capped. */
  objects: number[];
  /** Object numbers freed in this section. */
  freed: number[];
}

export interface PdfRevision {
  /** 0 = original file, 1.. = incremental updates in file order. */
  index: number;
  /** Byte range [start, end) of this revision: from the previous %%EOF (or 0) to this %%EOF line end. */
  start: number;
  end: number;
  /** startxref value found before this %%EOF. */
  startxref: number | null;
  xref?: PdfXrefSection;
  /** Trailer keys of this revision: /Prev, /Root, /Info, /ID, /Size, /Encrypt (refs as "12 0 R"). */
  trailer: Record<string, string>;
  /** Objects this revision (re)defines, and those it redefines that an earlier revision had. */
  objectsDefined: number[];
  objectsChanged: number[];
  /** Types of changed objects when recognisable: 'Page', 'Annot', 'Catalog', 'Metadata', 'Font', 'XObject', 'Sig', 'Info', ... */
  changedTypes: Record<string, number>;
}

export interface PdfSignatureFacts {
  /** /Filter and /SubFilter of the signature dictionary. */
  filter?: string;
  subFilter?: string;
  /** /ByteRange as four numbers. */
  byteRange?: number[];
  /** True when ByteRange covers the whole file except the /Contents hole. */
  coversWholeFile?: boolean;
  /** Signing time /M as written, and who /Name. */
  signingTimeRaw?: string;
  name?: string;
  revisionIndex?: number;
}

export interface PdfFacts {
  /** From the header '%PDF-1.x'. */
  headerVersion?: string;
  /** /Version in the catalog when present. */
  catalogVersion?: string;
  pageCount?: number;
  encrypted: boolean;
  encryption?: { filter?: string; v?: number; r?: number; length?: number };
  /** Info dictionary, values decoded to text. */
  info: Record<string, string>;
  /** Raw XMP packet (capped) and parsed fields ('xmp:CreateDate' => value). */
  xmpRaw?: string;
  xmp: Record<string, string>;
  /** XMP history events (xmpMM:History). */
  xmpHistory: { action?: string; when?: string; softwareAgent?: string; instanceId?: string; changed?: string }[];
  /** Trailer /ID pair of the last revision (hex). */
  trailerId?: [string, string];
  revisions: PdfRevision[];
  signatures: PdfSignatureFacts[];
  /** Active content and embedded things found in object dictionaries. */
  javascript: boolean;
  launchActions: boolean;
  openAction?: string;
  embeddedFiles: number;
  jbig2Images: number;
  annotations: number;
  forms: boolean;
  /** Bytes after the last %%EOF. */
  trailingBytes: number;
  /** Parse problems found by the structure reader (broken xref, loops...). */
  structureWarnings: string[];
  /** Text per revision is not stored; pages' text length helps tell scans from born-digital. */
  textChars?: number;
}
