// Verity's office extractors against ExifTool's reading of the same corpus files, recorded once by
// scripts/record-exiftool-office.sh into test/fixtures/expected/exiftool-office.json.
// Values are compared after normalising representation only: dates as instants (to the second),
// numbers as numbers. Every remaining difference must be listed in KNOWN_DIFFERENCES with the
// reason; a new difference, or a listed one that no longer occurs, fails the test.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ooxmlExtractor } from '../../../../src/extract/office/ooxml.js';
import { odfExtractor } from '../../../../src/extract/office/odf.js';
import { oleExtractor } from '../../../../src/extract/ole/ole.js';
import { MIME } from '../../../../src/extract/mime.js';
import { BufferSource } from '../../../../src/extract/common/byte-source.js';
import { sniff } from '../../../../src/extract/sniff.js';
import type { Extractor, ExtractOutput } from '../../../../src/extract/types.js';
import { corpusMissing, REPO_ROOT, corpusPath } from '../../../support/corpus.js';
import { run } from '../../../support/extract-harness.js';

interface Fixture {
  version: string;
  files: Record<string, Record<string, unknown>>;
}

const EXTRACTORS: Record<string, Extractor> = {
  [MIME.docx]: ooxmlExtractor,
  [MIME.xlsx]: ooxmlExtractor,
  [MIME.pptx]: ooxmlExtractor,
  [MIME.ooxml]: ooxmlExtractor,
  [MIME.odt]: odfExtractor,
  [MIME.ods]: odfExtractor,
  [MIME.odp]: odfExtractor,
  [MIME.odf]: odfExtractor,
  [MIME.doc]: oleExtractor,
  [MIME.xls]: oleExtractor,
  [MIME.ppt]: oleExtractor,
  [MIME.ole]: oleExtractor,
};

type Kind = 'date' | 'number' | 'text';
/** ExifTool tag → Verity metadata (source, key), per format family. */
const FIELDS: { family: 'ooxml' | 'ole' | 'odf'; tag: string; source: string; keys: string[]; kind: Kind }[] = [
  { family: 'ooxml', tag: 'XMP-dc:Creator', source: 'ooxml.core', keys: ['dc:creator'], kind: 'text' },
  { family: 'ooxml', tag: 'XML:LastModifiedBy', source: 'ooxml.core', keys: ['cp:lastModifiedBy'], kind: 'text' },
  { family: 'ooxml', tag: 'XML:CreateDate', source: 'ooxml.core', keys: ['dcterms:created'], kind: 'date' },
  { family: 'ooxml', tag: 'XML:ModifyDate', source: 'ooxml.core', keys: ['dcterms:modified'], kind: 'date' },
  { family: 'ooxml', tag: 'XML:LastPrinted', source: 'ooxml.core', keys: ['cp:lastPrinted'], kind: 'date' },
  { family: 'ooxml', tag: 'XML:RevisionNumber', source: 'ooxml.core', keys: ['cp:revision'], kind: 'number' },
  { family: 'ooxml', tag: 'XMP-dc:Title', source: 'ooxml.core', keys: ['dc:title'], kind: 'text' },
  { family: 'ooxml', tag: 'XML:Application', source: 'ooxml.app', keys: ['Application'], kind: 'text' },
  { family: 'ooxml', tag: 'XML:AppVersion', source: 'ooxml.app', keys: ['AppVersion'], kind: 'number' },
  { family: 'ooxml', tag: 'XML:TotalEditTime', source: 'ooxml.app', keys: ['TotalTime'], kind: 'number' },
  { family: 'ooxml', tag: 'XML:Company', source: 'ooxml.app', keys: ['Company'], kind: 'text' },
  { family: 'ooxml', tag: 'XML:Template', source: 'ooxml.app', keys: ['Template'], kind: 'text' },
  { family: 'ole', tag: 'FlashPix:Author', source: 'ole.summary', keys: ['Author'], kind: 'text' },
  { family: 'ole', tag: 'FlashPix:LastModifiedBy', source: 'ole.summary', keys: ['LastAuthor'], kind: 'text' },
  { family: 'ole', tag: 'FlashPix:Software', source: 'ole.summary', keys: ['AppName'], kind: 'text' },
  { family: 'ole', tag: 'FlashPix:CreateDate', source: 'ole.summary', keys: ['CreateTime'], kind: 'date' },
  { family: 'ole', tag: 'FlashPix:ModifyDate', source: 'ole.summary', keys: ['LastSaveTime'], kind: 'date' },
  { family: 'ole', tag: 'FlashPix:LastPrinted', source: 'ole.summary', keys: ['LastPrinted'], kind: 'date' },
  { family: 'ole', tag: 'FlashPix:RevisionNumber', source: 'ole.summary', keys: ['RevNumber'], kind: 'number' },
  { family: 'ole', tag: 'FlashPix:TotalEditTime', source: 'ole.summary', keys: ['TotalEditTime'], kind: 'number' },
  { family: 'ole', tag: 'FlashPix:Title', source: 'ole.summary', keys: ['Title'], kind: 'text' },
  { family: 'ole', tag: 'FlashPix:Template', source: 'ole.summary', keys: ['Template'], kind: 'text' },
  { family: 'ole', tag: 'FlashPix:Company', source: 'ole.docsummary', keys: ['Company'], kind: 'text' },
  { family: 'ole', tag: 'FlashPix:Manager', source: 'ole.docsummary', keys: ['Manager'], kind: 'text' },
  { family: 'ole', tag: 'FlashPix:AppVersion', source: 'ole.docsummary', keys: ['AppVersion'], kind: 'number' },
  { family: 'odf', tag: 'XMP-meta:Initial-creator', source: 'odf.meta', keys: ['meta:initial-creator'], kind: 'text' },
  { family: 'odf', tag: 'XMP-dc:Creator', source: 'odf.meta', keys: ['dc:creator'], kind: 'text' },
  { family: 'odf', tag: 'XMP-meta:Creation-date', source: 'odf.meta', keys: ['meta:creation-date'], kind: 'date' },
  { family: 'odf', tag: 'XMP-dc:Date', source: 'odf.meta', keys: ['dc:date'], kind: 'date' },
  { family: 'odf', tag: 'XMP-meta:Generator', source: 'odf.meta', keys: ['meta:generator'], kind: 'text' },
  { family: 'odf', tag: 'XMP-meta:Editing-duration', source: 'odf.meta', keys: ['meta:editing-duration'], kind: 'text' },
  { family: 'odf', tag: 'XMP-meta:Editing-cycles', source: 'odf.meta', keys: ['meta:editing-cycles'], kind: 'number' },
  { family: 'odf', tag: 'XMP-dc:Title', source: 'odf.meta', keys: ['dc:title'], kind: 'text' },
];

/**
 * Differences that are ExifTool's choices or mistakes, not Verity's, keyed 'file|tag'.
 * Each value says why Verity's reading is the one to keep.
 */
const KNOWN_DIFFERENCES: Record<string, string> = {
  // ExifTool lists OOXML custom properties (docProps/custom.xml) in the same XML group as the
  // extended properties of app.xml. LibreOffice 5.3 wrote AppVersion as a *custom* property here;
  // Verity keeps it under ooxml.custom, and app.xml itself has no AppVersion.
  'office/docx/tika-testWORD_various.docx|XML:AppVersion': 'custom property, not app.xml',
  // Same for OLE: this workbook's writer stored AppVersion "15.0000" as a user-defined property
  // (DocumentSummaryInformation's second set); ExifTool reports it as the standard property.
  'office/xls/tika-testEXCEL_extra_metadata.xls|FlashPix:AppVersion': 'user-defined property, not PIDDSI_VERSION',
  // core.xml puts its root element in the default namespace (<coreProperties xmlns="...">), which
  // is valid XML; ExifTool then misses dc:creator and dcterms:created. Verity resolves namespaces.
  'office/docx/tika-NullHeader.docx|XMP-dc:Creator': 'ExifTool misses properties under a default-namespace root',
  'office/docx/tika-NullHeader.docx|XML:CreateDate': 'ExifTool misses properties under a default-namespace root',
  // ExifTool also reads the property sets of embedded objects (Object5, a Word 6 document inside
  // this PowerPoint 4 file) and reports them as the file's own; the file's own
  // SummaryInformation has no TotalEditTime.
  'office/ppt/format-corpus-unc-_oxford.ppt|FlashPix:TotalEditTime': "ExifTool reports an embedded object's property",
};

/** An instant to the second: ExifTool truncates FILETIME sub-seconds and rewrites ISO dates as 'YYYY:MM:DD HH:MM:SS[Z]'. */
function instant(v: string): string | null {
  const m = /^(\d{4})[:-](\d{2})[:-](\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(v.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '00', z] = m;
  let offset = 0;
  if (z && z !== 'Z') offset = (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(-2)));
  return new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s) - offset * 60_000).toISOString();
}

function normalise(v: unknown, kind: Kind): string {
  if (v === undefined || v === null) return '(absent)';
  const s = Array.isArray(v) ? v.join('; ') : String(v);
  // ExifTool prints a zero FILETIME ("never printed") as 0; Verity records no date for it.
  if (kind === 'date') return s === '0' ? '(absent)' : (instant(s) ?? s);
  if (kind === 'number' && s.trim() !== '' && Number.isFinite(Number(s))) return String(Number(s));
  return s;
}

function family(mime: string): 'ooxml' | 'ole' | 'odf' | null {
  if ([MIME.docx, MIME.xlsx, MIME.pptx, MIME.ooxml].includes(mime as never)) return 'ooxml';
  if ([MIME.doc, MIME.xls, MIME.ppt, MIME.ole].includes(mime as never)) return 'ole';
  if ([MIME.odt, MIME.ods, MIME.odp, MIME.odf].includes(mime as never)) return 'odf';
  return null;
}

export interface Comparison {
  file: string;
  tag: string;
  exiftool: string;
  verity: string;
  agree: boolean;
}

async function compareAll(fixture: Fixture): Promise<{ comparisons: Comparison[]; parsed: Record<string, number>; skipped: string[] }> {
  const comparisons: Comparison[] = [];
  const parsed: Record<string, number> = {};
  const skipped: string[] = [];
  for (const [file, tags] of Object.entries(fixture.files)) {
    const bytes = readFileSync(corpusPath(file));
    const mime = await sniff(new BufferSource(bytes), file);
    const fam = family(mime);
    const extractor = EXTRACTORS[mime];
    if (!fam || !extractor) {
      skipped.push(`${file} (${mime})`);
      continue;
    }
    const r = await run(extractor, bytes, file.split('/').pop()!, { mime, maxChildren: 0 });
    const out: ExtractOutput | undefined = r.output;
    if (!out) {
      skipped.push(`${file} (${r.error?.code}: ${r.error?.message})`);
      continue;
    }
    parsed[fam] = (parsed[fam] ?? 0) + 1;
    for (const f of FIELDS.filter((x) => x.family === fam)) {
      const mine = out.metadata.find((m) => m.source === f.source && f.keys.includes(m.key))?.value;
      // A tag ExifTool does not report and Verity finds empty (or absent) is agreement on "nothing".
      const theirs = tags[f.tag];
      if (theirs === undefined && (mine === undefined || mine === '')) continue;
      const a = normalise(theirs, f.kind);
      const b = normalise(mine, f.kind);
      comparisons.push({ file, tag: f.tag, exiftool: a, verity: b, agree: a === b });
    }
  }
  return { comparisons, parsed, skipped };
}

describe.skipIf(corpusMissing())('office metadata agrees with ExifTool', () => {
  const fixture: Fixture = JSON.parse(readFileSync(`${REPO_ROOT}/test/fixtures/expected/exiftool-office.json`, 'utf8'));

  it('agrees on every compared value except the listed ExifTool differences', async () => {
    const { comparisons, parsed, skipped } = await compareAll(fixture);
    const disagreements = comparisons.filter((c) => !c.agree);
    const unexplained = disagreements.filter((c) => !KNOWN_DIFFERENCES[`${c.file}|${c.tag}`]);
    const stale = Object.keys(KNOWN_DIFFERENCES).filter((k) => !disagreements.some((c) => `${c.file}|${c.tag}` === k));
    console.log(
      `exiftool ${fixture.version}: parsed ${JSON.stringify(parsed)}; ${comparisons.length - disagreements.length}/${comparisons.length} values agree; ` +
        `${disagreements.length - unexplained.length} listed differences; skipped ${skipped.length}: ${skipped.join(', ')}`,
    );
    expect(unexplained).toEqual([]);
    expect(stale).toEqual([]);
    // Not vacuous: most of the corpus is parsed and hundreds of values compared.
    expect(parsed.ooxml).toBeGreaterThanOrEqual(55);
    expect(parsed.ole).toBeGreaterThanOrEqual(45);
    expect(parsed.odf).toBeGreaterThanOrEqual(14);
    expect(comparisons.length).toBeGreaterThan(600);
  });
});
