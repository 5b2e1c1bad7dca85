// The PDF extractor and structure reader over every PDF of the corpus, against reference tools
// recorded once (ExifTool: scripts/record-exiftool-pdf.sh; pdfresurrect: scripts/record-pdfresurrect.sh)
// and against the expectations of EXPECTED.tsv.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractPdf } from '../../src/extract/pdf/pdf.js';
import { readIndirectObject } from '../../src/extract/pdf/syntax.js';
import { ExtractError, type ExtractOutput } from '../../src/extract/types.js';
import { DEFAULT_LIMITS } from '../../src/ingest/limits.js';
import type { PdfFacts } from '../../src/model/facts-pdf.js';
import { CORPUS_ROOT, HAS_CORPUS, corpusMissing, REPO_ROOT, corpusPath } from '../support/corpus.js';
import { compareWithExiftool, pdfDateAsExiftool, xmpDateAsExiftool, type ExifRecord } from '../support/exiftool-pdf.js';

interface Result {
  out?: ExtractOutput;
  error?: ExtractError;
  pdf?: PdfFacts;
  /** pdf.xmp metadata entries grouped by key (multi-valued properties keep every value). */
  xmpLists: Record<string, string[]>;
}

const fixture = (name: string) => JSON.parse(readFileSync(join(REPO_ROOT, 'test/fixtures/expected', name), 'utf8'));

/**
 * Where ExifTool and Verity read the same field differently and Verity is right. One entry per
 * file and field, with the reason; the test fails if an entry stops being a difference.
 */
const EXIFTOOL_ALLOWED: Record<string, string> = {
  'pdf/govdocs1/error_set_1-436857.pdf info:Creator':
    'the Info dictionary has both /Creator and a custom lowercase /creator; PDF names are case-sensitive, ExifTool folds /creator into Creator and reports that one',
  'pdf/pdfjs/issue14847.pdf info:CreationDate':
    'the date is written as a UTF-16 string; ExifTool decodes it but does not convert it to its date form as it does for byte strings (the raw values are equal)',
  'pdf/pdfjs/issue18030.pdf info:CreationDate':
    '/CreationDate is the boolean false, not a date; ExifTool pads "false" into the date "false101000000"',
  'pdf/pdfjs/issue18030.pdf info:ModDate':
    '/ModDate is the boolean false, not a date; ExifTool pads "false" into the date "false101000000"',
  'pdf/verapdf/PDF_A-1b/6.1.5/6-1-5-t02-pass-d.pdf info:Title':
    '/Title points to an object whose value is null (absent, ISO 32000-1 §7.3.9); ExifTool reports the keyword as the text "null"',
};

/**
 * Files whose revision count differs from pdfresurrect 0.23's, by the reason checked below.
 *  linearized-xref-stream: in a linearized file pdfresurrect finds the first-page section by
 *    searching back for the keyword 'trailer' (pdf.c get_xref_linear_skipped); a first-page
 *    cross-reference *stream* has none, the section is zeroed as invalid, and the count then
 *    subtracts it twice (once as linearization, once as a bad xref): every update of such a
 *    file is counted one short.
 *  startxref-off-by-one: each update's startxref is one byte off; pdfresurrect rejects the
 *    section ("ref" instead of "xref"), Verity finds it nearby (as viewers do) and warns.
 *  appended-file: a complete second PDF appended, with offsets counted from its own header;
 *    pdfresurrect rejects its xref, Verity counts it as a revision and warns.
 *  eof-in-stream: %%EOF markers inside stream data (an attached PDF, a PostScript CMap);
 *    pdfresurrect counts every %%EOF, Verity skips those inside a stream.
 */
type PdfresurrectReason = 'linearized-xref-stream' | 'startxref-off-by-one' | 'appended-file' | 'eof-in-stream';
const PDFRESURRECT_DIFFERENT: Record<string, PdfresurrectReason> = {
  'pdf/format-corpus/cabinet-of-horrors/webCapture.pdf': 'linearized-xref-stream',
  'pdf/pdfjs/160F-2019.pdf': 'linearized-xref-stream',
  'pdf/pdfjs/bug1019475_2.pdf': 'linearized-xref-stream',
  'pdf/pdfjs/issue1453.pdf': 'linearized-xref-stream',
  'pdf/pdfjs/issue15053.pdf': 'linearized-xref-stream',
  'pdf/pdfjs/issue15096.pdf': 'linearized-xref-stream',
  'pdf/pdfjs/issue16176.pdf': 'linearized-xref-stream',
  'pdf/pdfjs/issue20062.pdf': 'linearized-xref-stream',
  'pdf/tika/testPDF_twoAuthors.pdf': 'linearized-xref-stream',
  'pdf/govdocs1/error_set_2-392154.pdf': 'startxref-off-by-one',
  'pdf/pdfjs/issue15893_reduced.pdf': 'appended-file',
  'pdf/pdfjs/issue18030.pdf': 'eof-in-stream',
};

describe.skipIf(corpusMissing())('PDF corpus', () => {
  const files = HAS_CORPUS
    ? readFileSync(join(CORPUS_ROOT, 'MANIFEST.tsv'), 'utf8')
        .split('\n')
        .map((l) => l.split('\t')[0])
        .filter((p) => /^pdf\/.*\.pdf$/.test(p))
    : [];
  const expected = HAS_CORPUS
    ? readFileSync(join(CORPUS_ROOT, 'EXPECTED.tsv'), 'utf8')
        .split('\n')
        .slice(1)
        .map((l) => l.split('\t'))
        .filter((r) => r[0]?.startsWith('pdf/'))
    : [];
  const rows = (property: string) => expected.filter((r) => r[1] === property).map((r) => ({ path: r[0], value: r[2] }));
  const results = new Map<string, Result>();
  const bytes = (rel: string) => readFileSync(corpusPath(rel));

  beforeAll(async () => {
    // Text is not compared here: no pages are read (maxPdfPages 0), which keeps the run short.
    const limits = { ...DEFAULT_LIMITS, maxPdfPages: 0 };
    for (const rel of files) {
      const ctx = { limits, signal: new AbortController().signal, warn() {} };
      let out: ExtractOutput | undefined;
      let error: ExtractError | undefined;
      try {
        out = await extractPdf(bytes(rel), rel, ctx);
      } catch (e) {
        if (!(e instanceof ExtractError)) throw new Error(`${rel}: extractor crashed: ${(e as Error).stack}`, { cause: e });
        error = e;
        out = e.partial;
      }
      const xmpLists: Record<string, string[]> = {};
      for (const m of out?.metadata ?? []) if (m.source === 'pdf.xmp') (xmpLists[m.key] ??= []).push(m.value);
      results.set(rel, { out, error, pdf: out?.facts?.pdf, xmpLists });
    }
  }, 900_000);

  it('reads every PDF of the corpus: clean, or an expected error with the structure kept', () => {
    expect(files.length).toBeGreaterThan(900);
    const codes = new Map<string, number>();
    for (const rel of files) {
      const r = results.get(rel)!;
      expect(r.pdf, `${rel} has PDF facts even when extraction failed`).toBeDefined();
      if (r.error) {
        expect(['encrypted', 'corrupt', 'unsupported'], `${rel}: ${r.error.message}`).toContain(r.error.code);
        expect(r.error.message).toContain(rel);
        codes.set(r.error.code, (codes.get(r.error.code) ?? 0) + 1);
      }
    }
    const clean = files.filter((f) => !results.get(f)!.error).length;
    console.info(`PDF corpus: ${clean}/${files.length} clean; errors: ${JSON.stringify(Object.fromEntries(codes))}`);
    // the damaged files pdf.js refuses are few (handbuilt one-defect files, fuzzed files)
    expect(clean / files.length).toBeGreaterThan(0.93);
  });

  it('a user password stops text extraction exactly where EXPECTED.tsv says there is one', () => {
    const checked = rows('pdf_user_password');
    expect(checked.length).toBeGreaterThan(20);
    for (const { path, value } of checked) {
      const r = results.get(path)!;
      if (value === '(empty)') expect(r.error?.code, path).not.toBe('encrypted');
      else {
        expect(r.error?.code, path).toBe('encrypted');
        expect(r.pdf!.passwordProtected, path).toBe(true);
      }
    }
  });

  it('agrees with ExifTool on Info and XMP fields (differences only where listed, each explained)', () => {
    const exif = fixture('exiftool-pdf.json') as { version: string; files: Record<string, ExifRecord> };
    expect(exif.version).toBe('12.57');
    let agree = 0;
    let total = 0;
    const differences: string[] = [];
    for (const rel of files) {
      const r = results.get(rel)!;
      const theirs = exif.files[rel];
      if (!theirs || !r.pdf) continue;
      for (const c of compareWithExiftool(r.pdf, r.xmpLists, theirs)) {
        total++;
        if (c.agree) agree++;
        else differences.push(`${rel} ${c.field}`);
      }
    }
    console.info(`ExifTool ${exif.version}: ${agree}/${total} values agree, ${differences.length} explained differences`);
    expect(total).toBeGreaterThan(6000);
    expect(differences.sort()).toEqual(Object.keys(EXIFTOOL_ALLOWED).sort());
  });

  it('counts revisions as pdfresurrect does, except where pdfresurrect is demonstrably wrong', () => {
    const pr = fixture('pdfresurrect.json') as { version: string; files: Record<string, { versions: number | null }> };
    expect(pr.version).toBe('v0.23');
    let agree = 0;
    let compared = 0;
    const different: string[] = [];
    for (const rel of files) {
      const theirs = pr.files[rel]?.versions;
      const pdf = results.get(rel)!.pdf!;
      if (theirs === null || theirs === undefined) continue;
      compared++;
      if (pdf.revisions.length === theirs) {
        agree++;
        continue;
      }
      different.push(rel);
      const reason = PDFRESURRECT_DIFFERENT[rel];
      const warnings = pdf.structureWarnings.join('\n');
      const ours = pdf.revisions.length;
      if (reason === 'linearized-xref-stream') {
        // linearized, the first-page section (where the last startxref points) is a stream, one short
        expect(pdf.linearized, rel).toBe(true);
        const firstPage = readIndirectObject(bytes(rel), pdf.revisions[0].startxref!);
        expect(firstPage.stream?.dict.map.has('Type'), rel).toBe(true);
        expect(pdf.revisions[0].xref?.type, rel).toBe('stream');
        expect(ours, rel).toBe(theirs + 1);
      } else if (reason === 'startxref-off-by-one') {
        expect(warnings, rel).toMatch(/is off by -1 bytes/);
        expect(ours, rel).toBeGreaterThan(theirs);
      } else if (reason === 'appended-file') {
        expect(warnings, rel).toMatch(/a complete PDF file starts at/);
      } else if (reason === 'eof-in-stream') {
        expect((warnings.match(/inside the stream of object/g) ?? []).length, rel).toBe(theirs - ours);
      } else throw new Error(`${rel}: Verity ${ours} revisions, pdfresurrect ${theirs}, and no explanation listed`);
    }
    console.info(`pdfresurrect ${pr.version}: ${agree}/${compared} revision counts agree, ${different.length} explained differences`);
    expect(different.sort()).toEqual(Object.keys(PDFRESURRECT_DIFFERENT).sort());
    expect(compared).toBeGreaterThan(800);
  });

  it('EXPECTED.tsv pdf_incremental_updates: every listed file has more than one revision', () => {
    const listed = rows('pdf_incremental_updates');
    expect(listed.length).toBe(29);
    for (const { path, value } of listed) {
      const pdf = results.get(path)!.pdf!;
      expect(value.startsWith('yes'), path).toBe(true);
      expect(pdf.revisions.length, `${path}: ${value}`).toBeGreaterThan(1);
      const markers = value.match(/(\d+) %%EOF markers/);
      if (markers) expect(pdf.eofOffsets!.length, path).toBe(Number(markers[1]));
      const offsets = value.match(/%%EOF offsets ([\d,]+)/);
      if (offsets)
        expect(
          pdf.revisions.map((r) => r.end),
          path,
        ).toEqual(offsets[1].split(',').map(Number));
      // each update says what it changed
      for (const rev of pdf.revisions.slice(1))
        expect(rev.objectsDefined.length + (rev.xref?.freed.length ?? 0), `${path} revision ${rev.index}`).toBeGreaterThan(0);
    }
  });

  it('EXPECTED.tsv pdf_signature_present: a signature dictionary with its byte range is found', () => {
    for (const { path } of rows('pdf_signature_present')) {
      const sigs = results.get(path)!.pdf!.signatures;
      expect(sigs.length, path).toBeGreaterThan(0);
      expect(
        sigs.some((s) => s.byteRange?.length === 4),
        path,
      ).toBe(true);
    }
  });

  it('EXPECTED.tsv pdf_encrypted and pdf_encryption_method', () => {
    const enc = rows('pdf_encrypted');
    expect(enc.length).toBeGreaterThan(60);
    for (const { path, value } of enc) expect(results.get(path)!.pdf!.encrypted, `${path}: ${value}`).toBe(/^(yes|true)$/i.test(value));
    for (const { path, value } of rows('pdf_encryption_method')) {
      const m = value.match(/^(RC4|AES)-(\d+) \(R(\d)/)!;
      const e = results.get(path)!.pdf!.encryption!;
      expect(e.method, path).toBe(m[1] === 'RC4' ? 'RC4' : `AES-${m[2]}`);
      expect(e.keyBits, path).toBe(Number(m[2]));
      expect(e.r, path).toBe(Number(m[3]));
    }
  });

  const claimedZone = (rel: string) =>
    results.get(rel)!.out!.facts!.dates!.find((d) => d.source === 'pdf.info:CreationDate')?.offsetMinutes;

  it('EXPECTED.tsv py-pdf files.json: producer, pages, creation date', () => {
    // py-pdf read these with the password; without it a password-protected file keeps its Info
    const locked = new Set(
      rows('pdf_user_password')
        .filter((r) => r.value !== '(empty)')
        .map((r) => r.path),
    );
    // The main xref and the Info object of this file are overwritten with NUL bytes (py-pdf's
    // "unreadable metadata" sample); pdf.js and ExifTool read no Info either. files.json holds
    // pypdf's own reading ('?' and a date found elsewhere), not values present in the Info.
    const destroyed = 'pdf/py-pdf/unreadablemetadata.pdf';
    expect(results.get(destroyed)!.pdf!.info).toEqual({});
    const open = (r: { path: string }) => {
      if (r.path === destroyed) return false;
      if (!locked.has(r.path)) return true;
      expect(results.get(r.path)!.pdf!.passwordProtected, r.path).toBe(true);
      return false;
    };
    const producers = rows('pdf_producer');
    expect(producers.length).toBe(30);
    // files.json writes Python's None for a missing producer
    for (const { path, value } of producers.filter(open)) expect(results.get(path)!.pdf!.info.Producer ?? 'None', path).toBe(value);
    for (const { path, value } of rows('pdf_pages').filter(open)) expect(results.get(path)!.pdf!.pageCount, path).toBe(Number(value));
    // files.json gives the wall-clock time as written; its zones are not the file's (it adds
    // +02:00 to ImageMagick's zoneless dates, drops crazyones-pdfa's +08'00', and says +02:00
    // where GeoTopo-komprimiert writes +01'00'), so only the wall-clock time is compared.
    for (const { path, value } of rows('pdf_creation_date').filter(open)) {
      const claimed = results.get(path)!.out!.facts!.dates!.find((d) => d.source === 'pdf.info:CreationDate');
      if (value === 'None' || value === '(empty)') {
        expect(claimed?.utc ?? null, path).toBeNull();
        continue;
      }
      const m = claimed!.raw.match(/^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/)!;
      expect(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`, `${path}: ${value}`).toBe(value.slice(0, 19));
      expect(claimed!.utc, path).not.toBeNull();
    }
    // the zone as written is kept: +01'00' is 60 minutes east, no zone is null
    expect(claimedZone('pdf/py-pdf/GeoTopo-komprimiert.pdf')).toBe(60);
    expect(claimedZone('pdf/py-pdf/imagemagick-ASCII85Decode.pdf')).toBeNull();
  });

  it('EXPECTED.tsv pdf_info_xmp_mismatch: both sides are kept as written', () => {
    const listed = rows('pdf_info_xmp_mismatch');
    expect(listed.length).toBe(13);
    for (const { path, value } of listed) {
      const r = results.get(path)!;
      const info = r.pdf!.info;
      const xmp = (k: string) => r.xmpLists[k] ?? [];
      for (const part of value.split('; ')) {
        let m: RegExpMatchArray | null;
        if ((m = part.match(/^(Creator\/CreatorTool|Producer) Info='(.*)' vs XMP='(.*)'$/))) {
          const [infoKey, xmpKey] = m[1] === 'Producer' ? ['Producer', 'pdf:Producer'] : ['Creator', 'xmp:CreatorTool'];
          // the curator's values are cut at 60 characters
          expect(info[infoKey].startsWith(m[2]), `${path} Info ${infoKey}`).toBe(true);
          expect(
            xmp(xmpKey).some((v) => v.startsWith(m![3].trim())),
            `${path} XMP ${xmpKey}`,
          ).toBe(true);
        } else if ((m = part.match(/^(CreationDate|ModDate) Info=(.+) vs XMP=(.+)$/))) {
          const xmpKey = m[1] === 'CreationDate' ? 'xmp:CreateDate' : 'xmp:ModifyDate';
          expect(pdfDateAsExiftool(info[m[1]]), `${path} Info ${m[1]}`).toBe(m[2]);
          expect(xmp(xmpKey).map(xmpDateAsExiftool), `${path} XMP ${xmpKey}`).toContain(m[3]);
        } else if ((m = part.match(/^Title: Info "(.*)" vs XMP "(.*)"$/))) {
          expect(info.Title, path).toBe(m[1]);
          expect(xmp('dc:title'), path).toContain(m[2]);
        } else throw new Error(`${path}: unparsed expectation ${part}`);
      }
    }
  });
});
