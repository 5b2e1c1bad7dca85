// The byte-level structure of a PDF: every save (revision), its cross-reference sections and
// trailer, what each save changed, signatures and active content. See docs/extract.md (PDF).

import { classifyChanges } from './changes.js';
import { recordMetadataChanges } from './metadata-changes.js';
import { ensureRoot, readCatalog, readTrailer, setupEncryption } from './catalog.js';
import { ObjectInventory } from './inventory.js';
import { PdfObjects } from './objects.js';
import { PageTrees } from './pages.js';
import { Revisions } from './revisions.js';
import { DEFAULT_STRUCTURE_OPTIONS, type PdfStructure, type PdfStructureOptions, type Warn } from './structure-model.js';
import { indexOf, latin1 } from './syntax.js';
import { XrefReader } from './xref.js';

const MAX_WARNINGS = 200;

/** Read the structure of a whole PDF held in memory. Never throws for bad input. */
export function readPdfStructure(buf: Uint8Array, options: Partial<PdfStructureOptions> = {}): PdfStructure {
  const opt = { ...DEFAULT_STRUCTURE_OPTIONS, ...options };
  const warnings: string[] = [];
  const warn: Warn = (msg) => {
    if (warnings.length < MAX_WARNINGS) warnings.push(msg);
    else if (warnings.length === MAX_WARNINGS) warnings.push('further warnings suppressed');
  };
  const out: PdfStructure = {
    headerOffset: null,
    linearized: false,
    encrypted: false,
    info: {},
    eofOffsets: [],
    revisions: [],
    signatures: [],
    javascript: false,
    launchActions: false,
    embeddedFiles: 0,
    jbig2Images: 0,
    annotations: 0,
    forms: false,
    fonts: [],
    trailingBytes: 0,
    trailingData: false,
    warnings,
  };
  try {
    readHeader(buf, out, warn);
    const objects = new PdfObjects(buf, opt, warn);
    const xref = new XrefReader(buf, warn, objects);
    const revisions = new Revisions(buf, opt, warn, xref, objects);
    const boundaries = revisions.findBoundaries(out);
    revisions.buildRevisions(out, boundaries);
    revisions.checkPrevChain(boundaries);
    const trailer = revisions.mergedTrailer(boundaries);
    setupEncryption(out, trailer, objects, warn);
    ensureRoot(trailer, objects, warn);
    readTrailer(out, trailer, objects);
    readCatalog(out, trailer, objects, warn);
    new ObjectInventory(objects, revisions, opt, warn, buf.length).walk(out);
    const pages = new PageTrees(objects, revisions, out.revisions, trailer.map.get('Root'), warn);
    classifyChanges(out, trailer, objects, revisions, pages, warn);
    recordMetadataChanges(out.revisions, objects, revisions);
    if (out.revisions.length > 1) out.revisionPages = out.revisions.map((r) => pages.changedPages(r.index));
  } catch (e) {
    // A bug or an unforeseen input must not lose what was already read.
    warn(`structure reader stopped: ${(e as Error).message}`);
  }
  return out;
}

function readHeader(buf: Uint8Array, out: PdfStructure, warn: Warn): void {
  const at = indexOf(buf, '%PDF-', 0, Math.min(buf.length, 1024));
  if (at < 0) {
    warn('no %PDF- header in the first 1024 bytes');
    return;
  }
  out.headerOffset = at;
  if (at > 0) warn(`${at} bytes precede the %PDF- header`);
  const m = latin1(buf, at + 5, at + 16).match(/^(\d+\.\d+)/);
  if (m) out.headerVersion = m[1];
  else warn('header has no version number');
  // Linearization dictionary: the first object, within the first 1024 bytes (Annex F).
  const head = latin1(buf, at, Math.min(buf.length, at + 1024));
  const lin = head.match(/\d+\s+\d+\s+obj\s*<<[^>]*\/Linearized(?![A-Za-z])/);
  if (lin) out.linearized = true;
}
