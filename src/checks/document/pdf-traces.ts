// PDF traces that tell how a file was handled after it was made: XMP edit history, trailer /ID
// pairs, footprints of post-processing tools. Each check is small; they share this family file.

import type { DocumentCheck, FindingDraft } from '../types.js';
import { iso, parseAnyDate } from './claimed-dates.js';
import { incrementalUpdates } from './pdf-revisions.js';

// ---------------------------------------------------------------- pdf.xmp-history

export const pdfXmpHistory: DocumentCheck = {
  scope: 'document',
  id: 'pdf.xmp-history',
  version: 1,
  title: 'XMP edit history',
  detects:
    "xmpMM:History events (saved, converted, derived) with the software and time of each, and events dated after the document's ModDate or before its CreationDate.",
  whyForgersLeaveIt:
    'Adobe applications log every save in the XMP history; a forger who edits the visible dates rarely rewrites the history, which keeps the real sequence.',
  innocentCauses: ['Normal editing in Adobe applications records history.', 'Histories copied from a template or placed image.'],
  kinds: ['pdf'],
  run(doc) {
    const pdf = doc.facts.pdf;
    const hist = pdf?.xmpHistory ?? [];
    if (!pdf || hist.length === 0) return [];
    const created = parseAnyDate(pdf.info.CreationDate ?? pdf.xmp['xmp:CreateDate'] ?? '');
    const modified = parseAnyDate(pdf.info.ModDate ?? pdf.xmp['xmp:ModifyDate'] ?? '');
    const events = hist
      .slice(0, 50)
      .map((h) => ({ ...h, utc: h.when ? (parseAnyDate(h.when) ? iso(parseAnyDate(h.when)!.ms) : null) : null }));
    const slack = 15 * 60_000;
    const afterMod = modified
      ? events.filter((e) => e.utc && Date.parse(e.utc) > modified.ms + slack + (modified.zoned ? 0 : 14 * 3_600_000))
      : [];
    const beforeCreate = created ? events.filter((e) => e.utc && Date.parse(e.utc) < created.ms - 86_400_000) : [];
    const agents = [...new Set(events.map((e) => e.softwareAgent).filter(Boolean))];
    const out: FindingDraft[] = [
      {
        severity: 'info',
        message: `The XMP history records ${hist.length} event${hist.length > 1 ? 's' : ''}${agents.length ? ` by ${agents.slice(0, 3).join(', ')}` : ''}.`,
        evidence: { events, agents },
      },
    ];
    if (afterMod.length || beforeCreate.length) {
      out.push({
        severity: 'low',
        message: `The XMP history has ${afterMod.length ? `${afterMod.length} event(s) after the stated modification date` : ''}${afterMod.length && beforeCreate.length ? ' and ' : ''}${beforeCreate.length ? `${beforeCreate.length} event(s) more than a day before the stated creation date` : ''}.`,
        evidence: {
          creationDate: pdf.info.CreationDate,
          modDate: pdf.info.ModDate,
          eventsAfterModDate: afterMod,
          eventsBeforeCreationDate: beforeCreate,
        },
      });
    }
    return out;
  },
};

// ---------------------------------------------------------------- pdf.trailer-id

export const pdfTrailerId: DocumentCheck = {
  scope: 'document',
  id: 'pdf.trailer-id',
  version: 1,
  title: 'Trailer /ID pair',
  detects:
    'The two halves of the trailer /ID (ISO 32000 §14.4: a permanent identifier set at creation and one that changes on every save): different halves mean the file was saved again after it was created; equal halves despite incremental updates mean the updater did not follow the rule; a first half that changes between revisions means the file was re-created rather than edited.',
  whyForgersLeaveIt:
    'A tool that modifies a file keeps the permanent half and renews the other, so the pair records that a modification happened even when the dates were reset.',
  innocentCauses: ['Many writers generate two different halves at creation.', 'Some writers never update /ID, and some omit it.'],
  kinds: ['pdf'],
  run(doc) {
    const pdf = doc.facts.pdf;
    const id = pdf?.trailerId;
    if (!pdf || !id) return [];
    const out: FindingDraft[] = [];
    const [perm, changing] = id.map((h) => h.toLowerCase());
    const updates = incrementalUpdates(pdf);
    if (perm !== changing) {
      out.push({
        severity: 'info',
        message:
          'The two halves of the trailer /ID differ: the file was saved again after it was created (or its writer makes two different IDs).',
        evidence: { id, incrementalUpdates: updates.length },
      });
    } else if (updates.length > 0) {
      out.push({
        severity: 'low',
        message: `The trailer /ID halves are equal although the file has ${updates.length} incremental update(s): the tool that updated it did not renew the /ID.`,
        evidence: { id, incrementalUpdates: updates.length },
      });
    }
    const firstIds = (pdf.revisions ?? []).map((r) => r.trailer?.ID).filter((x): x is string => !!x);
    const firstHalves = [...new Set(firstIds.map((s) => s.match(/<([0-9a-fA-F]*)>/)?.[1]?.toLowerCase()).filter(Boolean))];
    if (firstHalves.length > 1) {
      out.push({
        severity: 'low',
        message: 'The permanent half of the /ID changes between revisions: the file was rebuilt rather than edited in place.',
        evidence: { idsPerRevision: firstIds },
      });
    }
    return out;
  },
};

// ---------------------------------------------------------------- pdf.post-processing

interface Footprint {
  tool: string;
  field: string;
  value: string;
  note: string;
}

export function postProcessingFootprints(
  info: Record<string, string>,
  xmp: Record<string, string>,
  xmpRaw?: string,
  toolkit?: string,
): Footprint[] {
  const out: Footprint[] = [];
  const tk = toolkit ?? xmp['x:xmptk'] ?? xmpRaw?.match(/x:xmptk=["']([^"']+)["']/)?.[1];
  if (tk && /Image::ExifTool/i.test(tk))
    out.push({
      tool: 'ExifTool',
      field: 'x:xmptk',
      value: tk,
      note: 'ExifTool rewrote the XMP packet (and appends an incremental update when it edits a PDF)',
    });
  for (const [field, value] of [
    ['Producer', info.Producer],
    ['pdf:Producer', xmp['pdf:Producer']],
  ] as const) {
    if (!value) continue;
    if (/AppendMode/i.test(value))
      out.push({
        tool: 'macOS Preview (Quartz AppendMode)',
        field,
        value,
        note: 'Preview appended an update to an existing PDF and replaced its Producer',
      });
    const orig = value.match(/^PDFsharp\b.*?\(Original:\s*(.*?)\)?\s*$/i);
    if (orig)
      out.push({ tool: 'PDFsharp', field, value, note: `PDFsharp rewrote the file and kept the original producer "${orig[1].trim()}"` });
    const mod = value.match(/;\s*modified using\s+(.+)$/i);
    if (mod) out.push({ tool: mod[1].trim(), field, value, note: `modified by ${mod[1].trim()} after it was produced` });
  }
  if (info.PXCViewerInfo !== undefined)
    out.push({ tool: 'PDF-XChange', field: 'PXCViewerInfo', value: info.PXCViewerInfo, note: 'PDF-XChange Viewer/Editor saved the file' });
  return out;
}

export const pdfPostProcessing: DocumentCheck = {
  scope: 'document',
  id: 'pdf.post-processing',
  version: 1,
  title: 'Footprints of tools that modified the PDF',
  detects:
    'Metadata left by tools that edit existing PDFs: an ExifTool XMP toolkit (Image::ExifTool), a Quartz "AppendMode" producer (macOS Preview), PDFsharp\'s "(Original: ...)" producer, "modified using iText", PDF-XChange\'s PXCViewerInfo key.',
  whyForgersLeaveIt: "Changing a document's dates or text needs an editing tool, and these tools sign their work in the metadata.",
  innocentCauses: [
    'Viewing, annotating or re-saving in Preview or PDF-XChange.',
    'Routine metadata clean-up or archiving with ExifTool.',
    'Services that stamp or merge PDFs with iText or PDFsharp.',
  ],
  kinds: ['pdf'],
  run(doc) {
    const pdf = doc.facts.pdf;
    if (!pdf) return [];
    const toolkit = doc.facts.software?.find((s) => s.role === 'xmp-toolkit')?.value;
    return postProcessingFootprints(pdf.info, pdf.xmp, pdf.xmpRaw, toolkit).map((f) => ({
      severity: 'low' as const,
      message: `${f.tool} handled this PDF after it was made: ${f.note}.`,
      evidence: { ...f, incrementalUpdates: incrementalUpdates(pdf).length },
    }));
  },
};

// ---------------------------------------------------------------- pdf.active-content, pdf.jbig2

export const pdfActiveContent: DocumentCheck = {
  scope: 'document',
  id: 'pdf.active-content',
  version: 1,
  title: 'Active content (advisory)',
  detects: 'JavaScript, launch actions, open actions and embedded files (pdfid-style triage).',
  whyForgersLeaveIt: 'Not a forgery trace: a leaked file may be booby-trapped, so the analyst is warned before opening it outside Verity.',
  innocentCauses: ['Interactive forms use JavaScript; portfolios and invoices embed files.'],
  kinds: ['pdf'],
  run(doc) {
    const pdf = doc.facts.pdf;
    if (!pdf) return [];
    const parts: string[] = [];
    if (pdf.javascript) parts.push('JavaScript');
    if (pdf.launchActions) parts.push('a launch action (can start a program)');
    if (pdf.embeddedFiles > 0) parts.push(`${pdf.embeddedFiles} embedded file(s)`);
    if (parts.length === 0) return [];
    return [
      {
        severity: pdf.launchActions ? 'low' : 'info',
        message: `The PDF contains ${parts.join(', ')}: open it only in a safe viewer.`,
        evidence: {
          javascript: pdf.javascript,
          launchActions: pdf.launchActions,
          openAction: pdf.openAction,
          embeddedFiles: pdf.embeddedFiles,
          forms: pdf.forms,
        },
      },
    ];
  },
};

export const pdfJbig2: DocumentCheck = {
  scope: 'document',
  id: 'pdf.jbig2',
  version: 1,
  title: 'JBIG2-compressed scan (advisory)',
  detects:
    'Images compressed with JBIG2, whose pattern-matching mode can substitute similar-looking characters (Xerox 2013: 6 and 8 swapped) without anyone tampering.',
  whyForgersLeaveIt:
    'Not a forgery trace: a scan whose digits differ from the original may be the scanner\'s doing, which matters before calling a number "doctored".',
  innocentCauses: ['Most JBIG2 is lossless or generic-region coding and harmless.'],
  kinds: ['pdf'],
  run(doc) {
    const n = doc.facts.pdf?.jbig2Images ?? 0;
    if (n === 0) return [];
    return [
      {
        severity: 'info',
        message: `${n} image(s) use JBIG2 compression: in a scan, digits may have been substituted by the scanner itself.`,
        evidence: { jbig2Images: n },
      },
    ];
  },
};
