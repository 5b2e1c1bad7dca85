// Dates of a document against the container that carries it:
// 'dates.attachment-after-email' — an attachment created or modified after the email was sent;
// 'dates.member-time' — metadata dates after the archive member's own timestamp.

import { DAY_MS, ZONELESS_SLACK_MS, days, instantOf, isPlaceholder, iso, parseAnyDate, type Instant } from '../document/claimed-dates.js';
import type { CorpusCheck, CorpusDocument, FindingDraft } from '../types.js';
import { CameraClocks, cameraOf } from './camera-clocks.js';

/** Clock skew allowed between the sender's machine and the file's writer when both dates carry a zone. */
const SKEW_MS = 10 * 60_000;
/** How far up through archives an attachment's carrying email is looked for. */
const MAX_ARCHIVE_DEPTH = 4;

interface Claim {
  role: string;
  source: string;
  raw: string;
  instant: Instant;
}

/** Creation / modification / capture dates a document states about itself. */
function authoringClaims(doc: CorpusDocument): Claim[] {
  const out: Claim[] = [];
  for (const d of doc.facts.dates ?? []) {
    if (!['created', 'modified', 'original', 'digitized'].includes(d.role)) continue;
    const instant = instantOf(d);
    if (instant && !isPlaceholder(instant.ms)) out.push({ role: d.role, source: d.source, raw: d.raw, instant });
  }
  return out;
}

export const attachmentAfterEmail: CorpusCheck = {
  scope: 'corpus',
  id: 'dates.attachment-after-email',
  version: 3,
  title: 'Attachment dated after the email that carries it',
  detects:
    'An attachment (directly, or inside an attached archive) whose creation, modification or capture date is later than the Date of the email carrying it.',
  whyForgersLeaveIt:
    "A doctored attachment slipped into a genuine email keeps the date of the forger's save, which is later than the message it is supposed to have travelled with.",
  innocentCauses: [
    'Dates written without a time zone (±14 h allowed).',
    "Wrong clocks on the sender's or the author's machine; a camera whose clock was never set or runs ahead (photos are low when the dump shows that camera's clock wrong: a GPS time that disagrees, an unset clock's default date, a date before the camera existed, or its other photos late by the same amount).",
    'Mail exports that re-encode attachments (sent-items copies, PST round-trips).',
  ],
  kinds: ['email', 'archive', 'pdf', 'office', 'image'],
  *run(docs) {
    // Pass 1: the send time of every email and the parent of every archive (per container, small).
    const emailDate = new Map<string, { ms: number; zoned: boolean; raw: string }>();
    const archiveParent = new Map<string, string | null>();
    for (const d of docs()) {
      if (d.kind === 'email') {
        const e = d.facts.email;
        const ms = e?.dateUtc ? Date.parse(e.dateUtc) : NaN;
        if (Number.isFinite(ms))
          emailDate.set(d.id, {
            ms,
            zoned: e?.dateOffsetMinutes !== null && e?.dateOffsetMinutes !== undefined,
            raw: e?.dateRaw ?? e!.dateUtc!,
          });
      } else if (d.kind === 'archive') archiveParent.set(d.id, d.parentId);
    }
    if (emailDate.size === 0) return;
    // Pass 2: every photo teaches what its camera's clock is worth; attachments dated after their
    // mail are judged at once, except photos, kept until every camera is known (few, small).
    const clocks = new CameraClocks();
    const photos: { doc: CorpusDocument; finding: FindingDraft; delayMs: number; zoned: boolean }[] = [];
    for (const d of docs()) {
      if (d.kind === 'image') clocks.learn(d);
      if (d.kind === 'email' || d.kind === 'archive' || !d.parentId) continue;
      let parent: string | null = d.parentId;
      const via: string[] = [];
      for (let i = 0; parent && !emailDate.has(parent) && i < MAX_ARCHIVE_DEPTH; i++) {
        if (!archiveParent.has(parent)) {
          parent = null;
          break;
        }
        via.push(parent);
        parent = archiveParent.get(parent) ?? null;
      }
      const mail = parent ? emailDate.get(parent) : undefined;
      if (!mail || !parent) continue;
      const late = authoringClaims(d)
        .map((c) => ({ c, gap: c.instant.ms - mail.ms - (c.instant.zoned && mail.zoned ? SKEW_MS : ZONELESS_SLACK_MS) }))
        .filter((x) => x.gap > 0)
        .sort((a, b) => b.gap - a.gap);
      if (late.length === 0) continue;
      const worst = late[0];
      const realGap = worst.c.instant.ms - mail.ms;
      const finding: FindingDraft = {
        severity: realGap > DAY_MS ? 'medium' : 'low',
        message: `This attachment's ${worst.c.role} date (${worst.c.source}) is ${realGap > DAY_MS ? `${days(realGap)} days` : `${Math.round(realGap / 60_000)} minutes`} after the email that carries it was sent.`,
        evidence: {
          email: parent,
          emailDate: mail.raw,
          emailUtc: iso(mail.ms),
          viaArchives: via,
          lateDates: late
            .slice(0, 5)
            .map((x) => ({ role: x.c.role, source: x.c.source, raw: x.c.raw, utc: iso(x.c.instant.ms), zoned: x.c.instant.zoned })),
          allowanceMinutes: Math.round((worst.c.instant.zoned && mail.zoned ? SKEW_MS : ZONELESS_SLACK_MS) / 60_000),
        },
      };
      if (d.kind === 'image' && cameraOf(d)) {
        clocks.lateAfterMail(d, realGap);
        photos.push({ doc: d, finding, delayMs: realGap, zoned: worst.c.instant.zoned && mail.zoned });
      } else if (d.kind === 'image') {
        // A photo that names no camera: its dates still come from some device clock.
        yield { documentId: d.id, finding: { ...finding, severity: 'low', evidence: { ...finding.evidence, deviceClock: DEVICE_CLOCK } } };
      } else yield { documentId: d.id, finding };
    }
    // Pass 3: photos. A camera's clock can be wrong; it is taken to be right unless the dump shows
    // otherwise. Hours late stay low: EXIF local times carry no zone, and clocks drift.
    for (const p of photos) {
      const ev = clocks.evidence(p.doc, p.delayMs);
      const beyondZone = p.zoned ? p.delayMs > DAY_MS : p.delayMs - ZONELESS_SLACK_MS > PHOTO_ZONELESS_MEDIUM_MS;
      const clockWrong = (ev?.wrongClock.length ?? 0) > 0;
      const severity = beyondZone && !clockWrong ? 'medium' : 'low';
      const camera = cameraOf(p.doc)!;
      yield {
        documentId: p.doc.id,
        finding: {
          ...p.finding,
          severity,
          message: `${p.finding.message} ${
            clockWrong
              ? `The ${camera.label}'s clock shows as wrong elsewhere in the dump (${ev!.wrongClock[0]}).`
              : beyondZone
                ? `Nothing in the dump shows the ${camera.label}'s clock to be wrong (${ev?.otherPhotos ?? 0} other photo(s) of it${camera.phone ? '; a phone sets its clock from the network' : ''}).`
                : "Within a day: the photo's local time carries no zone, and camera clocks drift."
          }`,
          evidence: {
            ...p.finding.evidence,
            deviceClock: DEVICE_CLOCK,
            camera: {
              device: camera.label,
              phone: camera.phone,
              otherPhotos: ev?.otherPhotos ?? 0,
              wrongClockEvidence: ev?.wrongClock ?? [],
            },
          },
        },
      };
    }
  },
};

/** Why a photo's dates are weaker than a document's. */
const DEVICE_CLOCK = 'camera dates come from the device clock, which can be unset or wrong';
/** A zoneless photo date this far beyond the ±14 h zone allowance is days late, not a zone away. */
const PHOTO_ZONELESS_MEDIUM_MS = 12 * 3_600_000;

/** The member time the archive recorded: NTFS/Unix extra fields are UTC, the DOS field is zoneless local time. */
export function memberTime(
  occurrence: readonly { source: string; key: string; value: string }[],
): { instant: Instant; key: string; raw: string } | undefined {
  const get = (k: string) => occurrence.find((m) => m.source === 'zip' && m.key === k)?.value;
  for (const key of ['mtime.ntfs', 'mtime.unix', 'mtime']) {
    const raw = get(key);
    if (!raw) continue;
    const i = parseAnyDate(raw.replace(' ', 'T'));
    if (!i || isPlaceholder(i.ms)) continue;
    // The DOS field never carries a zone whatever the parser assumed.
    return { instant: key === 'mtime' ? { ...i, zoned: false } : i, key, raw };
  }
  return undefined;
}

export const memberTimeCheck: CorpusCheck = {
  scope: 'corpus',
  id: 'dates.member-time',
  version: 2,
  title: 'Metadata dates after the archive member time',
  detects: 'A document inside a zip whose own creation or modification date is later than the time the archive recorded for the member.',
  whyForgersLeaveIt:
    'A file doctored and put back into an archive gets a new member time, but one edited inside an existing archive with a tool that keeps the old member entry, or given a back-dated member time by hand, betrays the later save in its own metadata.',
  innocentCauses: [
    'DOS member times carry no zone (±14 h allowed).',
    'Archivers that store the time the file was copied, or a fixed time (1980-01-01).',
    'Office packages (.docx, .xlsx, .pptx, .odt): the application stamps its own member times, so objects embedded in them are not judged.',
    'Wrong clocks.',
  ],
  kinds: ['pdf', 'office', 'image'],
  reads: ['occurrence'],
  *run(docs) {
    // Members of an Office package (an object embedded in a .docx) carry the member times the office
    // application stamped when it wrote the package (a constant for Microsoft Office, WPS and Google
    // Docs), not the time the embedded file was saved: only archives' member times are clocks.
    const parents = new Set<string>();
    for (const d of docs()) if (d.parentId && memberTime(d.occurrence ?? [])) parents.add(d.parentId);
    const packages = new Set<string>();
    if (parents.size) for (const d of docs({ ids: parents })) if (d.kind === 'office' && parents.has(d.id)) packages.add(d.id);
    for (const d of docs()) {
      if (d.parentId && packages.has(d.parentId)) continue;
      const mt = memberTime(d.occurrence ?? []);
      if (!mt) continue;
      const late = authoringClaims(d)
        .map((c) => ({ c, gap: c.instant.ms - mt.instant.ms - (c.instant.zoned && mt.instant.zoned ? 2 * 60_000 : ZONELESS_SLACK_MS) }))
        .filter((x) => x.gap > 0)
        .sort((a, b) => b.gap - a.gap);
      if (late.length === 0) continue;
      const realGap = late[0].c.instant.ms - mt.instant.ms;
      yield {
        documentId: d.id,
        finding: {
          severity: realGap > 7 * DAY_MS ? 'medium' : 'low',
          message: `The document's ${late[0].c.role} date (${late[0].c.source}) is ${days(realGap)} days after the time the archive recorded for it.`,
          evidence: {
            memberTime: mt.raw,
            memberTimeKey: mt.key,
            memberTimeZoned: mt.instant.zoned,
            lateDates: late.slice(0, 5).map((x) => ({ role: x.c.role, source: x.c.source, raw: x.c.raw, utc: iso(x.c.instant.ms) })),
            path: d.path,
          },
        },
      };
    }
  },
};
