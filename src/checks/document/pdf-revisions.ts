// 'pdf.revisions': incremental updates appended to a PDF, what each one changed, and signatures
// whose /ByteRange stops before the end of the file (content added after signing). How the words an
// update changed set the severity: docs/checks-documents.md.

import type { PdfFacts, PdfRevision } from '../../model/facts-pdf.js';
import type { DocumentCheck, FindingDraft } from '../types.js';
import { judgeTextChange, type TextChangeKind, type TextChangeVerdict } from './pdf-text-change.js';

export type UpdateKind = 'metadata-only' | 'annotations-or-forms' | 'signature' | 'content' | 'unknown';

const META_TYPES = new Set(['Info', 'Metadata', 'Catalog', 'XRef', 'ObjStm']);
const ANNOT_TYPES = new Set(['Annot', 'Widget', 'AcroForm', 'Field', 'AP', 'Border', 'Popup']);
const SIG_TYPES = new Set(['Sig', 'DocTimeStamp', 'Perms', 'DSS']);
const CONTENT_TYPES = new Set([
  'Page',
  'Pages',
  'Font',
  'FontDescriptor',
  'XObject',
  'Contents',
  'Stream',
  'Resources',
  'ExtGState',
  'Pattern',
  'Shading',
  'ColorSpace',
  'PageContents',
]);

/** Generic dictionaries and arrays say nothing about what changed. */
const NEUTRAL_TYPES = new Set(['Dict', 'Array', 'Unknown']);

/**
 * What an incremental update changed, from the object types it (re)defines. Adding an annotation
 * rewrites the page (its /Annots array) and adds appearance streams (Form XObjects), so Page and
 * XObject next to Annot mean annotations; content edits show as Page/Font/XObject without Annot.
 */
export function classifyUpdate(rev: PdfRevision, signedHere = false): { kind: UpdateKind; types: Record<string, number> } {
  const types = rev.changedTypes ?? {};
  const names = Object.keys(types).filter((k) => types[k] > 0 && !NEUTRAL_TYPES.has(k));
  const has = (set: Set<string>) => names.some((n) => set.has(n));
  if (signedHere || has(SIG_TYPES)) return { kind: 'signature', types };
  if (has(ANNOT_TYPES) && !names.includes('Font')) return { kind: 'annotations-or-forms', types };
  if (has(CONTENT_TYPES)) return { kind: 'content', types };
  if (names.length > 0 && names.every((n) => META_TYPES.has(n))) return { kind: 'metadata-only', types };
  if (names.length === 0 && rev.objectsDefined.length === 0) return { kind: 'metadata-only', types };
  // New objects the reader could not type (content streams carry no /Type).
  return { kind: 'unknown', types };
}

/**
 * A linearized file ends its first-page section with a trailer whose /Prev points FORWARD to the main
 * cross-reference: two %%EOF markers, one revision (pdfresurrect man page warns of this).
 */
function isLinearizationPair(revs: readonly PdfRevision[]): boolean {
  if (revs.length < 2) return false;
  const prev = Number(revs[0].trailer?.Prev);
  return Number.isFinite(prev) && prev >= revs[0].end;
}

/** The genuine incremental updates (revision 1.. minus the linearization section). */
export function incrementalUpdates(pdf: PdfFacts): PdfRevision[] {
  const revs = pdf.revisions ?? [];
  return isLinearizationPair(revs) ? revs.slice(2) : revs.slice(1);
}

/** How an update that left the existing words alone changed the text, in words. */
const INNOCENT_TEXT: Record<TextChangeKind, string> = {
  'same-words': 'the same words',
  'new-text': 'new text where there was none: an OCR layer, pages appended',
  'added-at-edge': 'words added before or after all the others: a stamp, a note, a page number',
  'repeated-on-pages': 'one change repeated on many pages: headers, footers, Bates numbers, watermarks',
  'text-layer-removed': 'the text turned into outlines or an image',
  edited: 'words edited',
};

function revisionFindings(pdf: PdfFacts): FindingDraft[] {
  const updates = incrementalUpdates(pdf);
  if (updates.length === 0) return [];
  const signedRevs = new Set((pdf.signatures ?? []).map((s) => s.revisionIndex).filter((i): i is number => i !== undefined));
  const described = updates.map((r) => {
    const c = classifyUpdate(r, signedRevs.has(r.index));
    const text: TextChangeVerdict | undefined = r.textChange && !r.textChange.error ? judgeTextChange(r.textChange) : undefined;
    return {
      index: r.index,
      start: r.start,
      end: r.end,
      kind: c.kind,
      changedTypes: c.types,
      objectsDefined: r.objectsDefined.length,
      objectsChanged: r.objectsChanged.length,
      ...(text ? { text: text.kind, textPages: text.pages } : r.textChange?.error ? { textUnread: r.textChange.error } : {}),
      verdict: text,
    };
  });
  const kinds = new Set(described.map((d) => d.kind));
  const content = described.filter((d) => d.kind === 'content' || d.kind === 'unknown');
  // Where the extractor compared the text of each revision with the one before, the words decide:
  // words of the earlier version removed, replaced or added among them is a text edit (medium, the
  // earlier revision is the evidence); an OCR layer, pages appended or one stamp on every page is
  // not. Without the texts, a page whose /Contents was replaced (the structure scan counts it as
  // 'PageContents') shows other text or drawings than it was first written with: medium too.
  const edited = described.filter((d) => d.verdict?.kind === 'edited');
  const replaced = described.filter((d) => !d.verdict && d.kind === 'content' && (d.changedTypes.PageContents ?? 0) > 0);
  const textChanged = described.filter((d) => d.verdict && d.verdict.kind !== 'same-words');
  const severity = edited.length || replaced.length ? 'medium' : content.length || textChanged.length ? 'low' : 'info';
  const what = [...kinds].join(', ');
  const firstHunk = edited[0]?.verdict?.hunks[0];
  const quote = (s: string) => `"${s.length > 60 ? `${s.slice(0, 59)}…` : s}"`;
  const hunkNote = !firstHunk
    ? ''
    : !firstHunk.added
      ? ` (${quote(firstHunk.removed)} removed)`
      : !firstHunk.removed
        ? ` (${quote(firstHunk.added)} inserted)`
        : ` (${quote(firstHunk.removed)} became ${quote(firstHunk.added)})`;
  const editNote = edited.length
    ? `; update ${edited.map((r) => r.index).join(', ')} changed the words of page ${[...new Set(edited.flatMap((r) => r.verdict!.pages))].join(', ')}${hunkNote}`
    : '';
  const innocentText = [...new Set(textChanged.filter((d) => d.verdict!.kind !== 'edited').map((d) => INNOCENT_TEXT[d.verdict!.kind]))];
  const textNote = !edited.length && innocentText.length ? `; the words already there did not change (${innocentText.join('; ')})` : '';
  const replacedNote = replaced.length
    ? `; update ${replaced.map((r) => r.index).join(', ')} replaced the content of ${replaced.reduce((a, r) => a + (r.changedTypes.PageContents ?? 0), 0)} page(s)`
    : '';
  return [
    {
      severity,
      message: `The PDF was updated ${updates.length} time${updates.length > 1 ? 's' : ''} after it was first written (${what})${editNote}${replacedNote}${textNote}; earlier versions are still inside the file.`,
      evidence: {
        updates: updates.length,
        pageContentsReplacedIn: replaced.map((r) => r.index),
        textEditedIn: edited.map((r) => r.index),
        // one before/after line per change: the update, the page, the words, the passage around them
        textEdits: edited
          .flatMap((r) =>
            r.verdict!.hunks.map(({ page, removed, added, before, after }) => ({ update: r.index, page, removed, added, before, after })),
          )
          .slice(0, 8),
        totalRevisions: (pdf.revisions ?? []).length,
        linearized: isLinearizationPair(pdf.revisions ?? []),
        revisions: described.map(({ verdict: _verdict, ...d }) => d),
      },
    },
  ];
}

/** Adobe Reader Extensions usage-rights signatures name themselves like this. */
function usageRights(name: string | undefined): boolean {
  return !!name && /\bARES?\b|Reader Extensions|ARE Acrobat Product/i.test(name);
}

function signatureFindings(pdf: PdfFacts): FindingDraft[] {
  const out: FindingDraft[] = [];
  const revs = pdf.revisions ?? [];
  const signedRevs = new Set((pdf.signatures ?? []).map((s) => s.revisionIndex));
  for (const sig of pdf.signatures ?? []) {
    if (sig.coversWholeFile !== false) continue;
    const br = sig.byteRange;
    const signedEnd = br && br.length === 4 ? br[2] + br[3] : undefined;
    const base = {
      byteRange: br,
      signedBytes: signedEnd,
      fileEnd: revs.length ? revs[revs.length - 1].end : undefined,
      signingTime: sig.signingTimeRaw,
      signer: sig.name,
      subFilter: sig.subFilter,
      trailingBytes: pdf.trailingBytes,
    };
    // The signed bytes should end where a revision ends (the signing save); later saves follow it.
    const boundary = signedEnd === undefined ? undefined : revs.find((r) => Math.abs(r.end - signedEnd) <= 4);
    if (!boundary) {
      out.push({
        // Adobe Reader Extensions usage-rights signatures ("ARE Acrobat Product", "ARES") only
        // unlock features and break on any full save: not an author's seal.
        severity: usageRights(sig.name) ? 'low' : 'medium',
        message: `A signature${sig.name ? ` by ${sig.name}` : ''} covers the first ${signedEnd ?? '?'} bytes, which end at no revision of the file: the file was rewritten after signing (or the signature was copied from another file), so it can no longer vouch for the content.`,
        evidence: { ...base, usageRightsSignature: usageRights(sig.name), revisionEnds: revs.map((r) => r.end) },
      });
      continue;
    }
    const after = revs.filter((r) => r.index > boundary.index);
    const kinds = after.map((r) => ({
      index: r.index,
      kind: classifyUpdate(r, signedRevs.has(r.index)).kind,
      changedTypes: r.changedTypes,
    }));
    const contentAfter = kinds.some((k) => k.kind === 'content');
    const onlyInnocent =
      kinds.length > 0 && kinds.every((k) => k.kind === 'annotations-or-forms' || k.kind === 'signature' || k.kind === 'metadata-only');
    // Page content changed after a signature is what shadow attacks and after-the-fact edits look
    // like; form filling and counter-signatures after a signature are allowed by DocMDP.
    const severity = contentAfter ? 'high' : onlyInnocent ? 'low' : 'medium';
    out.push({
      severity,
      message: `A signature${sig.name ? ` by ${sig.name}` : ''} covers only the first ${signedEnd} bytes: ${after.length} later update(s) ${contentAfter ? 'changed page content' : onlyInnocent ? 'added form fields, annotations or signatures' : 'changed the file'} after signing.`,
      evidence: { ...base, signedRevision: boundary.index, updatesAfterSigning: kinds },
    });
  }
  return out;
}

export const pdfRevisions: DocumentCheck = {
  scope: 'document',
  id: 'pdf.revisions',
  version: 3,
  title: 'Incremental updates and content added after signing',
  detects:
    "Revisions appended to the PDF after it was first written (how many and what each changed: page content, annotations or form fields, signatures, only metadata; where the extractor read each revision's text, which words of the pages changed), and signatures whose /ByteRange does not reach the end of the file.",
  whyForgersLeaveIt:
    'Editing a PDF with most tools appends an update instead of rewriting the file, so the original version survives inside the doctored one; editing a signed document cannot extend the signature over the new bytes.',
  innocentCauses: [
    'Acrobat "Save" appends an incremental update by default.',
    'Watermarks, stamps, headers/footers or Bates numbers added to the pages (they replace /Contents too; the same words on every page stay low).',
    'OCR adding a text layer to scanned pages, pages appended to the document (new text where there was none stays low).',
    'The author correcting their own document, or redacting it before sharing: the earlier version is the evidence either way.',
    'Filling a form, adding comments, signing or counter-signing a document.',
    'Linearized ("fast web view") files have two %%EOF markers but one revision (not counted).',
  ],
  kinds: ['pdf'],
  run(doc) {
    const pdf = doc.facts.pdf;
    return pdf ? [...revisionFindings(pdf), ...signatureFindings(pdf)] : [];
  },
};
