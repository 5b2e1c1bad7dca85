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

/** One metadata entry an incremental update changed: its value before and after (absent: no such entry). */
export interface MetadataChange {
  key: string;
  before?: string;
  after?: string;
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
  /** Cross-reference sections this save wrote (a linearized original has two, a hybrid file a table and a stream). */
  xrefSections?: number;
  /** Full counts when the lists above were capped. */
  objectsDefinedCount?: number;
  objectsChangedCount?: number;
  /**
   * Incremental updates only: the Info entries this save added, removed or rewrote, with the value
   * the previous save held (capped at 200 characters, 16 keys; the 32 newest updates are read). An
   * empty list: compared, unchanged; absent: not compared (no earlier Info could be read).
   */
  infoChanges?: MetadataChange[];
  /**
   * Incremental updates only: the XMP properties restating Info entries (xmp:CreateDate, dc:creator,
   * dc:title, pdf:Producer...) this save changed, when it redefined the packet or the catalog (the 8
   * newest such updates are parsed). Empty: compared, unchanged; absent: not compared.
   */
  xmpChanges?: MetadataChange[];
  /** Incremental updates only: the pages whose text this save changed (docs/extract.md, PDF). */
  textChange?: RevisionTextChange;
}

/**
 * The text of the pages an incremental update changed: pdf.js text of this revision and of the one
 * before, per page, whitespace runs folded to one space. Only pages whose text differs are listed
 * (up to 16; `changedPages` is the full count), each side capped at 4,000 characters. Only the pages
 * whose content, resources or geometry the update redefined are read.
 */
export interface RevisionTextChange {
  /** The revision compared against (the previous one that could be opened). */
  against: number;
  pagesBefore: number;
  pagesAfter: number;
  pages: { page: number; before: string; after: string }[];
  changedPages: number;
  /** Pages the update redefined whose text was not compared (more than the pages read per update). */
  unread?: number;
  /** Why the texts could not be compared (encrypted, a prefix pdf.js cannot open, a limit, stopped). */
  error?: string;
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
  encryption?: {
    filter?: string;
    v?: number;
    r?: number;
    length?: number;
    encryptMetadata?: boolean;
    /** Standard handler: 'RC4', 'AES-128', 'AES-256' (or 'Identity'), and the key size in bits. */
    method?: string;
    keyBits?: number;
    /** The empty password opened the file (as user or owner password): its contents are readable by anyone. */
    keyFrom?: 'empty-user-password' | 'empty-owner-password';
  };
  /** True when a user password is needed to open the file: text, Info and XMP are then unreadable. */
  passwordProtected?: boolean;
  /** The first object is a linearization dictionary ("fast web view"). */
  linearized?: boolean;
  /** Offsets of every '%%EOF' marker in the file, including ones that end no revision. */
  eofOffsets?: number[];
  /** True when the bytes after the last %%EOF hold more than whitespace or NUL padding. */
  trailingData?: boolean;
  /** pdf.js could not open the file; facts then come from the structure reader alone. */
  openError?: string;
  /** The XMP packet could not be parsed (it is still in xmpRaw). */
  xmpError?: string;
  /** Pages whose text was read, and pages whose text extraction failed. */
  textPages?: number;
  textErrors?: number;
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
