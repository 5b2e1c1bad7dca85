// 'software.anachronism' and 'fonts.anachronism': the document names software or uses a font that
// was released after every date the document claims for itself.
//
// The comparison is against the LATEST authoring date the document states (created, modified,
// printed...): a genuine old file re-saved later legitimately carries the newer software and a newer
// ModDate, so only software newer than all the dates is impossible (field survey 2.4: "distinguish
// edited later from created falsely").

import type { SoftwareClaim } from '../../model/facts.js';
import { findFont, type FontRow } from '../../knowledge/fonts.js';
import { earliestDate, identifyAll, identifyCapture, type SoftwareIdentity } from '../../knowledge/producers.js';
import type { Precision } from '../../knowledge/release-rows.js';
import type { DocumentCheck, DocumentFacts, FindingDraft } from '../types.js';
import { DAY_MS, days, iso, latestAuthoringDate, unsetClockDefault, type DatedClaim } from './claimed-dates.js';

function marginMs(precision: Precision | undefined): number {
  // A month-precise row is dated to the 1st: allow the whole month plus a month for early builds.
  return precision === 'year' ? 366 * DAY_MS : precision === 'month' ? 62 * DAY_MS : 31 * DAY_MS;
}

/** The software a document names: facts.software, else the usual metadata fields. */
function softwareClaims(doc: DocumentFacts): SoftwareClaim[] {
  if (doc.facts.software?.length) return doc.facts.software;
  const out: SoftwareClaim[] = [];
  const pdf = doc.facts.pdf;
  if (pdf) {
    if (pdf.info.Producer) out.push({ role: 'producer', value: pdf.info.Producer, source: 'pdf.info:Producer' });
    if (pdf.info.Creator) out.push({ role: 'creator', value: pdf.info.Creator, source: 'pdf.info:Creator' });
    if (pdf.xmp['pdf:Producer']) out.push({ role: 'producer', value: pdf.xmp['pdf:Producer'], source: 'pdf.xmp:pdf:Producer' });
    if (pdf.xmp['xmp:CreatorTool']) out.push({ role: 'creator', value: pdf.xmp['xmp:CreatorTool'], source: 'pdf.xmp:xmp:CreatorTool' });
  }
  const office = doc.facts.office;
  if (office) {
    const app = office.app.Application ?? office.app.AppName ?? office.core['meta:generator'];
    if (app) out.push({ role: 'application', value: app, version: office.app.AppVersion, source: 'office.app:Application' });
  }
  const img = doc.facts.image;
  if (img?.software) out.push({ role: 'camera-software', value: img.software, source: 'exif:Software' });
  return out;
}

/** What a claim names: a photo's Software is read with its Make and Model (an iOS version, a firmware). */
function identities(doc: DocumentFacts, claim: SoftwareClaim): SoftwareIdentity[] {
  const img = doc.facts.image;
  if (claim.role === 'camera-software' && img) return identifyCapture(img.make, img.model, claim.value);
  return identifyAll(claim.value, claim.version);
}

/** A photo's Make and Model as a claim of their own: the device dates the picture even without Software. */
function deviceClaim(doc: DocumentFacts, claims: readonly SoftwareClaim[]): SoftwareClaim[] {
  const img = doc.facts.image;
  if (!img?.make || !img.model || claims.some((c) => c.role === 'camera-software')) return [];
  return [{ role: 'camera-software', value: '', source: 'exif:Make/Model' }];
}

/** A photo dated at an unset camera clock's default dates nothing: its anachronism stays low. */
function unsetClock(doc: DocumentFacts, latest: DatedClaim): boolean {
  return doc.kind === 'image' && unsetClockDefault(latest.raw);
}

function softwareFindings(doc: DocumentFacts): FindingDraft[] {
  const latest = latestAuthoringDate(doc);
  if (!latest) return [];
  const out: FindingDraft[] = [];
  const seen = new Set<string>();
  const claims = softwareClaims(doc);
  for (const claim of [...claims, ...deviceClaim(doc, claims)]) {
    for (const id of identities(doc, claim)) {
      const when = earliestDate(id);
      if (!when) continue;
      const key = `${id.product}|${id.version}|${when.date}`;
      if (seen.has(key)) continue;
      const released = Date.parse(when.date);
      const gap = released - latest.instant.ms;
      const precision = id.release && when.source === id.release.source ? id.release.precision : 'year';
      if (gap <= marginMs(precision)) continue;
      seen.add(key);
      const preview = when.preview ? Date.parse(when.preview) : undefined;
      const inBeta = preview !== undefined && latest.instant.ms >= preview;
      // High only where the writer always restamps the dates it saves: Microsoft Office updates
      // dcterms:modified on every save, and a Creator names the authoring application. Producers
      // and generators are also written by converters that keep the original dates (soffice
      // --convert-to, PDF/A converters), so they stay at medium.
      const restamps = claim.role === 'creator' || (claim.role === 'application' && id.product === 'Microsoft Office');
      const clockUnset = unsetClock(doc, latest);
      const severity =
        inBeta || clockUnset ? 'low' : id.copyrightYear && !id.release ? 'medium' : gap > 365 * DAY_MS && restamps ? 'high' : 'medium';
      const named = claim.value ? `${claim.value.slice(0, 80)} (${claim.source})` : `${id.product} (${id.component ?? claim.source})`;
      const device = id.component?.startsWith('phone') || id.component?.startsWith('tablet') || id.component?.startsWith('camera');
      out.push({
        severity,
        message: `${device && claim.value ? `${id.product} / ${named}` : named}${id.product !== claim.value && !device && claim.value ? ` (${id.product}${id.version ? ` ${id.version}` : ''})` : ''} did not exist before ${when.date}, yet the latest date the document claims is ${iso(latest.instant.ms).slice(0, 10)}${inBeta ? ' (a public pre-release existed then)' : ''}${clockUnset ? ' (the date looks like a camera clock that was never set)' : ''}.`,
        evidence: {
          ...(device ? { device: id.product, make: doc.facts.image?.make, model: doc.facts.image?.model } : {}),
          ...(clockUnset ? { clockUnset: true } : {}),
          software: claim.value,
          role: claim.role,
          source: claim.source,
          appVersion: claim.version,
          product: id.product,
          version: id.version,
          earliestRelease: when.date,
          preview: when.preview,
          basis: when.basis,
          releaseSource: when.source,
          latestClaimedDate: { role: latest.role, source: latest.source, raw: latest.raw, utc: iso(latest.instant.ms) },
          daysBeforeRelease: days(gap),
        },
      });
    }
  }
  return out;
}

/** Fonts a document uses: facts.fonts, else the Office font list. */
function fontNames(doc: DocumentFacts): { name: string; source: string; embedded?: boolean }[] {
  if (doc.facts.fonts?.length) return doc.facts.fonts;
  return (doc.facts.office?.fonts ?? []).map((name) => ({ name, source: 'office.fonts' }));
}

function fontFindings(doc: DocumentFacts): FindingDraft[] {
  const latest = latestAuthoringDate(doc);
  if (!latest) return [];
  const byFamily = new Map<string, { row: FontRow; names: Set<string>; sources: Set<string>; embedded: boolean }>();
  for (const f of fontNames(doc)) {
    const row = findFont(f.name);
    if (!row) continue;
    const e = byFamily.get(row.family) ?? { row, names: new Set(), sources: new Set(), embedded: false };
    e.names.add(f.name);
    e.sources.add(f.source);
    e.embedded ||= !!f.embedded;
    byFamily.set(row.family, e);
  }
  const out: FindingDraft[] = [];
  for (const { row, names, sources, embedded } of byFamily.values()) {
    const gap = Date.parse(row.released) - latest.instant.ms;
    if (gap <= marginMs(row.precision)) continue;
    const inBeta = row.preview !== undefined && latest.instant.ms >= Date.parse(row.preview);
    out.push({
      // Font evidence stays at medium: fonts are misidentified (Fontgate 2.0), substituted at render
      // time, and shipped in betas before general availability (Fontgate).
      severity: inBeta ? 'low' : 'medium',
      message: `The document uses ${row.family}, available from ${row.released}${row.preview ? ` (pre-release ${row.preview})` : ''}, yet the latest date it claims is ${iso(latest.instant.ms).slice(0, 10)}.`,
      evidence: {
        font: row.family,
        namesInFile: [...names].slice(0, 10),
        sources: [...sources],
        embedded,
        released: row.released,
        preview: row.preview,
        shippedWith: row.note,
        releaseSource: row.source,
        latestClaimedDate: { role: latest.role, source: latest.source, raw: latest.raw, utc: iso(latest.instant.ms) },
        daysBeforeRelease: days(gap),
      },
    });
  }
  return out;
}

const COMMON_INNOCENT = [
  'A wrong computer clock, or dates copied from a template or an older file by a converter.',
  'Pre-release (beta) builds used before general availability.',
];

export const softwareAnachronism: DocumentCheck = {
  scope: 'document',
  id: 'software.anachronism',
  version: 1,
  title: "Software released after the document's dates",
  detects:
    'A Producer, Creator, Application/AppVersion, generator or camera Software that was released after every date the document claims (release dates from a sourced table).',
  whyForgersLeaveIt:
    "A back-dated document is written with today's software: the forger edits the visible dates but the writing program stamps its own name and version.",
  innocentCauses: [
    ...COMMON_INNOCENT,
    'Conversion tools that rewrite a file and stamp their name but keep its dates (headless office conversion, PDF/A converters).',
    'A version string reused across builds, or a table row dated by its nearest listed version.',
  ],
  kinds: ['pdf', 'office', 'image'],
  run: softwareFindings,
};

export const fontsAnachronism: DocumentCheck = {
  scope: 'document',
  id: 'fonts.anachronism',
  version: 1,
  title: "Fonts released after the document's dates",
  detects:
    'A font (e.g. Calibri and the ClearType collection, public from January 2007; Aptos, 2023) used by a document that claims to be older than the font.',
  whyForgersLeaveIt:
    'The forger types the "old" document on a current system whose default fonts did not exist at the claimed date (Fontgate, Kleiman v Wright).',
  innocentCauses: [
    ...COMMON_INNOCENT,
    'Font misidentification or substitution (a font listed by the file but not used, or a theme font).',
    'A genuine old text re-typed or converted later.',
  ],
  kinds: ['pdf', 'office'],
  run: fontFindings,
};
