// 'dates.order': dates a document states about itself that cannot all be true.

import { FORMATS, pdfVersionRow, type FormatRow } from '../../knowledge/formats.js';
import type { DocumentCheck, DocumentFacts, FindingDraft } from '../types.js';
import {
  DAY_MS,
  ZONELESS_SLACK_MS,
  claimedDates,
  days,
  iso,
  latestAuthoringDate,
  packageStamps,
  slackMs,
  type DatedClaim,
} from './claimed-dates.js';

/** Created after modified by less than this is a clock or time-zone quirk, not worth more than low. */
const ORDER_MEDIUM_MS = DAY_MS;

function family(source: string): string {
  return source.split(':')[0];
}

function orderFindings(doc: DocumentFacts): FindingDraft[] {
  const dates = claimedDates(doc, ['created', 'modified']);
  const out: FindingDraft[] = [];
  const families = new Set(dates.map((d) => family(d.source)));
  for (const fam of families) {
    const created = dates.filter((d) => d.role === 'created' && family(d.source) === fam);
    const modified = dates.filter((d) => d.role === 'modified' && family(d.source) === fam);
    for (const c of created) {
      for (const m of modified) {
        const gap = c.instant.ms - m.instant.ms;
        if (gap <= slackMs(c.instant, m.instant) + 60_000) continue;
        out.push({
          // Photo pipelines scramble XMP/EXIF create and modify stamps routinely: low for images.
          severity: gap > ORDER_MEDIUM_MS && doc.kind !== 'image' ? 'medium' : 'low',
          message: `The document says it was created ${days(gap) >= 1 ? `${days(gap)} days` : `${Math.round(gap / 60_000)} minutes`} after it was last modified (${fam}).`,
          evidence: {
            kind: 'created-after-modified',
            created: { source: c.source, raw: c.raw, utc: iso(c.instant.ms) },
            modified: { source: m.source, raw: m.raw, utc: iso(m.instant.ms) },
            gapSeconds: Math.round(gap / 1000),
          },
        });
      }
    }
  }
  return out;
}

function futureFindings(doc: DocumentFacts, now: Date): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const d of claimedDates(doc)) {
    const ahead = d.instant.ms - now.getTime();
    if (ahead <= slackMs(d.instant, d.instant) + DAY_MS) continue;
    out.push({
      severity: 'low',
      message: `The ${d.role} date (${d.source}) lies ${days(ahead)} days after the analysis: the clock that wrote it was wrong or the date was typed in.`,
      evidence: { kind: 'future-date', source: d.source, raw: d.raw, utc: iso(d.instant.ms), analysisTime: now.toISOString() },
    });
  }
  return out;
}

/** The format the file is written in, and its PDF version when that is newer than the format. */
function formatsOf(doc: DocumentFacts): { row: FormatRow; why: string; versionOnly: boolean }[] {
  if (doc.kind === 'pdf') {
    const v = doc.facts.pdf?.catalogVersion ?? doc.facts.pdf?.headerVersion;
    const r = pdfVersionRow(v);
    const out = [{ row: FORMATS.pdf, why: 'the PDF format', versionOnly: false }];
    if (r) out.push({ row: r, why: `its PDF version ${v}`, versionOnly: true });
    return out;
  }
  const f = doc.facts.office?.format;
  if (f === 'ooxml') return [{ row: FORMATS.ooxml, why: 'the Office Open XML format', versionOnly: false }];
  if (f === 'odf') return [{ row: FORMATS.odf, why: 'the OpenDocument format', versionOnly: false }];
  return [];
}

function formatFindings(doc: DocumentFacts): FindingDraft[] {
  const latest: DatedClaim | undefined = latestAuthoringDate(doc);
  if (!latest) return [];
  for (const fmt of formatsOf(doc)) {
    const earliest = Date.parse(fmt.row.earliest);
    const margin = fmt.row.precision === 'year' ? 366 * DAY_MS : fmt.row.precision === 'month' ? 31 * DAY_MS : DAY_MS;
    const before = earliest - latest.instant.ms;
    if (before <= margin) continue;
    return [
      {
        // Even the latest date the file claims predates the format it is written in: the dates were
        // typed in or copied from an older file. A PDF header version alone is weak: tools rewrite
        // the header and keep the dates, and pre-standard writers used draft versions (Microsoft's
        // IRM wrapper wrote %PDF-2.0 in 2012).
        severity: fmt.versionOnly ? 'low' : 'medium',
        message: `Every date in the document is earlier than ${fmt.why} (${fmt.row.format}, from ${fmt.row.earliest}): the file cannot have been written when it says.`,
        evidence: {
          kind: 'before-format-existed',
          format: fmt.row.format,
          formatEarliest: fmt.row.earliest,
          formatNote: fmt.row.note,
          source: fmt.row.source,
          latestClaim: { role: latest.role, source: latest.source, raw: latest.raw, utc: iso(latest.instant.ms) },
          daysBefore: days(before),
        },
      },
    ];
  }
  return [];
}

/** Who wrote the package's parts, by the application it names, and the member times that writer stamps. */
function packageWriter(doc: DocumentFacts): { writer: string; stamps: string } {
  const office = doc.facts.office!;
  const app = `${office.app.Application ?? ''} ${office.core['meta:generator'] ?? ''}`;
  if (office.format === 'ooxml' && /^\s*Microsoft/i.test(app))
    return { writer: 'Microsoft Office', stamps: 'Microsoft Office stamps every part 1980-01-01 00:00' };
  if (/LibreOffice|OpenOffice|NeoOffice/i.test(app))
    return { writer: 'LibreOffice / OpenOffice', stamps: 'LibreOffice stamps every part with the moment of the save (UTC)' };
  if (/\bWPS\b/i.test(app)) return { writer: 'WPS Office', stamps: 'WPS Office stamps every part 2012-07-02 09:52:14' };
  return { writer: app.trim() || 'unnamed', stamps: 'unknown' };
}

/** Parts written later than this after the last claimed save, by another tool, are medium. */
const PACKAGE_REWRITE_MEDIUM_MS = 30 * DAY_MS;

/**
 * The parts of an OOXML/ODF package carry the time the program that wrote them stamped: Microsoft
 * Office and Google Docs a constant (1980-01-01), WPS another, LibreOffice the moment of the save,
 * zip tools (7-Zip, Info-ZIP, Explorer) and scripts the file time or the clock. Parts stamped later
 * than every date the document claims were written after it says it was last saved.
 */
function packageFindings(doc: DocumentFacts): FindingDraft[] {
  const stamps = packageStamps(doc);
  const latest = latestAuthoringDate(doc);
  if (!stamps || !latest) return [];
  const { newest, mixed } = stamps;
  const times = doc.facts.office!.zipEntryTimes!;
  // DOS member times carry no zone: the same wall-clock time is anywhere within ±14 hours.
  const gap = newest.ms - latest.instant.ms - ZONELESS_SLACK_MS;
  if (gap <= DAY_MS) return [];
  const { writer, stamps: writerStamps } = packageWriter(doc);
  // Mixed stamps: some parts keep the writer's own stamp, others were put back by another tool
  // (a part edited in 7-Zip, or replaced by a script). One stamp for all: the whole package was
  // written at that time (a conversion that keeps the dates, a script rewriting the file).
  const lateDays = days(newest.ms - latest.instant.ms);
  return [
    {
      severity: mixed && gap > PACKAGE_REWRITE_MEDIUM_MS ? 'medium' : 'low',
      message: mixed
        ? `Parts of the package were written on ${times.max} (zip member time), ${lateDays} days after the last save the document claims (${latest.raw}), while its other parts keep ${writer === 'Microsoft Office' ? 'the stamp of the application that saved it' : `earlier stamps (${times.min})`}: they were put back by another tool.`
        : `Every part of the package was written on ${times.max} (zip member time), ${lateDays} days after the last save the document claims (${latest.raw}): the file was rewritten (converted, generated or re-zipped) with its dates kept.`,
      evidence: {
        kind: mixed ? 'parts-rewritten-after-save' : 'package-written-after-save',
        memberTimes: times,
        memberTimesZoned: false,
        writer,
        writerStamps,
        latestClaim: { role: latest.role, source: latest.source, raw: latest.raw, utc: iso(latest.instant.ms) },
        daysAfterClaim: lateDays,
      },
    },
  ];
}

export const datesOrder: DocumentCheck = {
  scope: 'document',
  id: 'dates.order',
  version: 2,
  title: 'Dates that contradict each other or the calendar',
  detects:
    'A creation date after the modification date of the same metadata block, dates after the analysis time, documents whose every date predates the file format (or PDF version) they are written in, and Office packages whose parts were written (zip member times) after the last save the document claims.',
  whyForgersLeaveIt:
    'Back-dating by hand edits one field and forgets its partner, or types a date that the software writing the file could not have produced; a forged "old" document is written by today\'s software in today\'s format; a core.xml edited in 7-Zip goes back into the package with the time of the edit while the parts Word wrote keep 1980-01-01.',
  innocentCauses: [
    'Some producers write ModDate before CreationDate (time-zone bugs, metadata copied from a template).',
    'Converters copy the original dates into a newer format (a 2004 document converted to PDF 1.7 in 2010 keeps CreationDate 2004 but ModDate is then usually 2010).',
    'A device clock that was never set, or set wrongly (future dates).',
    'Package parts written later by a converter or generator that keeps the dates (soffice --convert-to, python-docx and other scripts: every part then carries the same new time, low), or by document-management and labelling tools that rewrite a property part on upload.',
  ],
  kinds: ['pdf', 'office', 'image'],
  run(doc, ctx) {
    return [
      ...orderFindings(doc),
      ...futureFindings(doc, ctx.now),
      ...formatFindings(doc),
      ...(doc.kind === 'office' ? packageFindings(doc) : []),
    ];
  },
};
