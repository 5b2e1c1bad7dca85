// Info and XMP made to disagree: a person's or a date's claim changed on one side by a tool other than
// the one that wrote the other. Read by pdf.info-xmp; rationale in docs/checks-documents.md.

import type { MetadataChange, PdfFacts } from '../../model/facts-pdf.js';
import { isGenericAccount } from '../../knowledge/generic-accounts.js';
import { pdfLibraryOf } from '../../knowledge/pdf-libraries.js';
import type { FindingDraft } from '../types.js';
import { personKeys } from '../corpus/people-names.js';
import { DAY_MS, iso, parseAnyDate, sameMoment, slackMs, type Instant } from './claimed-dates.js';
import { classifyUpdate, incrementalUpdates } from './pdf-revisions.js';
import { postProcessingFootprints } from './pdf-traces.js';

/** Info fields that state who wrote the document and when: what a forger changes. */
type ClaimField = 'Author' | 'CreationDate';

interface ChangedClaim {
  field: ClaimField;
  info: string;
  xmpKey: string;
  xmp: string;
  gapDays?: number;
}

/** The same person written two ways ("Dupont, Jean", "J. Dupont", "jdupont", "Jean"): not a change. */
function samePerson(a: string, b: string): boolean {
  const ka = personKeys(a, undefined);
  const kb = personKeys(b, undefined);
  const words = (k: Set<string>) => [...k].filter((x) => x.startsWith('t:'));
  const [wa, wb] = [words(ka), words(kb)];
  if (wa.length && wb.length && (wa.every((w) => kb.has(w)) || wb.every((w) => ka.has(w)))) return true;
  // Lone first names and surnames ("t:" keys) match too much: "Divya Rao" is not "Divya Mehta".
  return [...ka].some((k) => !k.startsWith('t:') && kb.has(k));
}

function xmpCreateDate(pdf: PdfFacts): { key: string; value: string } | undefined {
  for (const key of ['xmp:CreateDate', 'xap:CreateDate']) if (pdf.xmp[key] !== undefined) return { key, value: pdf.xmp[key] };
  return undefined;
}

/** More than a day between the two instants, beyond what zone-less or date-only writing allows. */
function daysApart(a: Instant, b: Instant): boolean {
  return Math.abs(a.ms - b.ms) > DAY_MS + slackMs(a, b);
}

function changedClaims(pdf: PdfFacts, xmpAuthors: string[]): ChangedClaim[] {
  const out: ChangedClaim[] = [];
  const author = pdf.info.Author?.trim();
  const names = xmpAuthors.filter((n) => n.trim());
  // An account that names nobody ("Microsoft Office User", "Administrator") on either side is no claim about a person.
  const person = (n: string) => !isGenericAccount(n);
  if (author && person(author) && names.length && names.every(person) && !names.some((n) => samePerson(author, n)))
    out.push({ field: 'Author', info: author, xmpKey: 'dc:creator', xmp: names.join('; ') });
  const created = pdf.info.CreationDate;
  const x = xmpCreateDate(pdf);
  const a = created ? parseAnyDate(created) : null;
  const b = x ? parseAnyDate(x.value) : null;
  if (created && x && a && b && daysApart(a, b))
    out.push({ field: 'CreationDate', info: created, xmpKey: x.key, xmp: x.value, gapDays: Math.round(Math.abs(a.ms - b.ms) / DAY_MS) });
  return out;
}

/** A value an earlier revision held agrees with `other` (what the other side still says). */
function agrees(field: ClaimField, before: string, other: string): boolean {
  if (field === 'Author') return before.split('; ').some((x) => other.split('; ').some((y) => samePerson(x, y)));
  const a = parseAnyDate(before);
  const b = parseAnyDate(other);
  return !!a && !!b && sameMoment(a, b);
}

interface UpdateEvidence {
  revision: number;
  kind: string;
  /** The side this update changed ('unknown': the earlier values could not be read). */
  side: 'Info' | 'XMP' | 'unknown';
  /** The claims it changed, with the value the save before held, which the other side still states. */
  changes: { field: ClaimField; key: string; before?: string; after?: string }[];
}

/**
 * The newest update that moved a claim on one side away from what the other side still states: the
 * earlier version, with the two sides agreeing, is still inside the file. Without per-revision
 * metadata, a metadata-only update that redefined the Info or the XMP.
 */
function rewritingUpdate(pdf: PdfFacts, claims: ChangedClaim[]): UpdateEvidence | undefined {
  const signed = new Set((pdf.signatures ?? []).map((s) => s.revisionIndex));
  for (const rev of [...incrementalUpdates(pdf)].reverse()) {
    const kind = classifyUpdate(rev, signed.has(rev.index)).kind;
    const moved = (list: MetadataChange[] | undefined, side: 'Info' | 'XMP') =>
      claims.flatMap((c) => {
        const key = side === 'Info' ? c.field : c.xmpKey;
        const ch = list?.find((x) => x.key === key);
        const other = side === 'Info' ? c.xmp : c.info;
        return ch?.before !== undefined && agrees(c.field, ch.before, other)
          ? [{ field: c.field, key, before: ch.before, after: ch.after }]
          : [];
      });
    const info = moved(rev.infoChanges, 'Info');
    if (info.length) return { revision: rev.index, kind, side: 'Info', changes: info };
    const xmp = moved(rev.xmpChanges, 'XMP');
    if (xmp.length) return { revision: rev.index, kind, side: 'XMP', changes: xmp };
    const unread = !rev.infoChanges && !rev.xmpChanges;
    if (unread && kind === 'metadata-only' && ((rev.changedTypes.Info ?? 0) > 0 || (rev.changedTypes.Metadata ?? 0) > 0))
      return { revision: rev.index, kind, side: 'unknown', changes: [] };
  }
  return undefined;
}

/** The Info Producer names a PDF library that the XMP's producer and creator tool do not name. */
function libraryRewrite(pdf: PdfFacts): { library: string; infoProducer: string; xmpProducer: string; source: string } | undefined {
  const lib = pdfLibraryOf(pdf.info.Producer);
  const xmpProducer = pdf.xmp['pdf:Producer'] ?? pdf.xmp['xmp:CreatorTool'] ?? pdf.xmp['xap:CreatorTool'];
  if (!lib || !xmpProducer?.trim()) return undefined;
  const xmpTools = [pdf.xmp['pdf:Producer'], pdf.xmp['xmp:CreatorTool'], pdf.xmp['xap:CreatorTool']];
  if (xmpTools.some((t) => pdfLibraryOf(t)?.name === lib.name)) return undefined;
  return { library: lib.name, infoProducer: pdf.info.Producer!, xmpProducer, source: lib.source };
}

const INNOCENT = [
  'a library that merges or stamps the file rewrites only Producer and ModDate (no person or date changed: stays low)',
  'Acrobat Document Properties keeps Info and XMP in sync (no disagreement)',
  'Info dates in local time without a zone differ by hours, not days',
  'the author or an archivist setting Author/CreationDate with pdftk, ExifTool or a script on one side only (ask who handled the file)',
  'a merge that copied one file’s Info and another file’s XMP',
];

/**
 * A medium finding when Author or CreationDate (more than a day) differ between Info and XMP and the
 * file shows which tool changed one side: a PDF library's Producer in Info only, or an incremental
 * update whose earlier revision held the value the other side still states. `xmpAuthors`: the
 * dc:creator names. Undefined otherwise.
 */
export function oneSidedRewrite(pdf: PdfFacts, xmpAuthors: string[]): { finding: FindingDraft; fields: ClaimField[] } | undefined {
  const claims = changedClaims(pdf, xmpAuthors);
  if (!claims.length) return undefined;
  const library = libraryRewrite(pdf);
  const update = rewritingUpdate(pdf, claims);
  if (!library && !update) return undefined;
  const footprints = postProcessingFootprints(pdf.info, pdf.xmp, pdf.xmpRaw).map((f) => f.tool);
  const id = pdf.trailerId;
  const idRenewed = id ? id[0].toLowerCase() !== id[1].toLowerCase() : undefined;
  const said = claims
    .map((c) =>
      c.field === 'Author'
        ? `Info Author "${c.info.slice(0, 60)}", XMP ${c.xmpKey} "${c.xmp.slice(0, 60)}"`
        : `Info CreationDate ${iso(parseAnyDate(c.info)!.ms)}, XMP ${c.xmpKey} ${iso(parseAnyDate(c.xmp)!.ms)} (${c.gapDays} days apart)`,
    )
    .join('; ');
  const who: string[] = [];
  if (library)
    who.push(
      `the Info was last written by ${library.library} (Producer "${library.infoProducer.slice(0, 40)}") while the XMP names "${library.xmpProducer.slice(0, 40)}"`,
    );
  if (update) {
    const tools = [...footprints, ...(idRenewed === false ? ['/ID not renewed'] : [])];
    const held = update.changes.map((c) => `${c.key} "${c.before!.slice(0, 60)}"`).join(', ');
    who.push(
      `update ${update.revision} (${[update.kind, ...tools].join(', ')}) ${update.side === 'unknown' ? 'rewrote the metadata' : `changed the ${update.side}`}` +
        (held ? `; revision ${update.revision - 1} still holds ${held}, as the ${update.side === 'Info' ? 'XMP' : 'Info'} does` : ''),
    );
  }
  return {
    fields: claims.map((c) => c.field),
    finding: {
      severity: 'medium',
      message: `Info and XMP were made to disagree: ${said}; ${who.join('; ')}.`,
      evidence: {
        field: claims[0].field,
        changedSide: update && update.side !== 'unknown' ? update.side : library ? 'Info' : 'unknown',
        claims,
        ...(library ? { library } : {}),
        ...(update ? { update } : {}),
        footprints,
        ...(idRenewed !== undefined ? { idRenewed } : {}),
        innocentCauses: INNOCENT,
      },
    },
  };
}
