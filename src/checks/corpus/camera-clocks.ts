// What the dump says about each camera's clock (Make + Model + serial): a photo dated after the mail
// that carries it is a clock error only if that camera's clock shows as wrong elsewhere. Evidence of
// a wrong clock: a GPS time (satellite UTC) that disagrees with the capture time by more than a time
// zone, a capture date before the camera existed or at an unset clock's default, or other photos of
// the camera dated after their own mails by about the same amount (a clock runs ahead by a constant).

import type { CorpusDocument } from '../types.js';
import { DAY_MS, instantOf, isPlaceholder, unsetClockDefault, type Instant } from '../document/claimed-dates.js';
import { findDevice } from '../../knowledge/devices.js';

/** A capture time and GPS time this far apart (beyond every time zone) mean the clock was off. */
const GPS_MISMATCH_MS = 15 * 3_600_000;
/** Two photos of one camera are late by "the same amount" within this share of the delay (or a day). */
const SAME_DELAY_SHARE = 0.2;

export interface CameraPhoto {
  camera: string;
  /** Human label: 'Canon EOS R6 #012345'. */
  label: string;
  phone: boolean;
  capture?: { ms: number; raw: string; zoned: boolean };
}

interface CameraRecord {
  label: string;
  photos: number;
  /** Why this camera's clock is known to be wrong (at most a few, with the photo that shows it). */
  wrong: { documentId: string; why: string }[];
  /** Delays (ms) of its photos dated after their carrying mail, by photo. */
  late: { documentId: string; ms: number }[];
}

const VENDOR_PHONES =
  /\b(apple|samsung|google|huawei|xiaomi|oneplus|oppo|vivo|motorola|hmd global|nokia|sony mobile|lg electronics|realme|honor|fairphone)\b/i;

/** The camera a photo names, or undefined when its EXIF names none. */
export function cameraOf(doc: CorpusDocument): CameraPhoto | undefined {
  const img = doc.facts.image;
  if (doc.kind !== 'image' || !img?.make?.trim() || !img.model?.trim()) return undefined;
  const serial = img.serialNumber?.trim();
  const camera = [img.make, img.model, serial ?? ''].map((x) => x.trim().toLowerCase()).join('|');
  const device = findDevice(img.make, img.model);
  const phone = device ? device.kind === 'phone' || device.kind === 'tablet' : VENDOR_PHONES.test(img.make) && !/\bsony\b/i.test(img.make);
  const d = (doc.facts.dates ?? []).find((x) => x.role === 'original') ?? (doc.facts.dates ?? []).find((x) => x.role === 'digitized');
  const i = d ? instantOf(d) : null;
  return {
    camera,
    label: `${img.make.trim()} ${img.model.trim()}${serial ? ` #${serial}` : ''}`,
    phone,
    capture: i && d && !isPlaceholder(i.ms) ? { ms: i.ms, raw: d.raw, zoned: i.zoned } : undefined,
  };
}

/** The GPS clock of a photo (UTC from the satellites), when its EXIF has one. */
function gpsTime(doc: CorpusDocument): Instant | undefined {
  const d = (doc.facts.dates ?? []).find((x) => x.role === 'gps');
  const i = d ? instantOf(d) : null;
  return i && !isPlaceholder(i.ms) ? i : undefined;
}

export class CameraClocks {
  private readonly cameras = new Map<string, CameraRecord>();

  /** Learn what one photo says about its camera's clock. */
  learn(doc: CorpusDocument): void {
    const p = cameraOf(doc);
    if (!p) return;
    const r = this.cameras.get(p.camera) ?? { label: p.label, photos: 0, wrong: [], late: [] };
    r.photos++;
    this.cameras.set(p.camera, r);
    if (!p.capture || r.wrong.length >= 5) return;
    const img = doc.facts.image!;
    const gps = gpsTime(doc);
    // Capture times without a zone are local: a GPS time a zone away is no disagreement.
    if (gps && Math.abs(p.capture.ms - gps.ms) > (p.capture.zoned ? 2 * 3_600_000 : GPS_MISMATCH_MS))
      r.wrong.push({ documentId: doc.id, why: `GPS time ${new Date(gps.ms).toISOString()} against capture time ${p.capture.raw}` });
    else if (unsetClockDefault(p.capture.raw))
      r.wrong.push({ documentId: doc.id, why: `capture time ${p.capture.raw} is an unset clock's default` });
    else {
      const device = findDevice(img.make, img.model);
      if (device && p.capture.ms < Date.parse(device.released) - 62 * DAY_MS)
        r.wrong.push({ documentId: doc.id, why: `captured ${p.capture.raw}, before the ${device.name} existed (${device.released})` });
    }
  }

  /** Record that a photo is dated `ms` after the mail that carries it. */
  lateAfterMail(doc: CorpusDocument, ms: number): void {
    const p = cameraOf(doc);
    const r = p && this.cameras.get(p.camera);
    if (r && r.late.length < 50) r.late.push({ documentId: doc.id, ms });
  }

  /**
   * Why this camera's clock may be wrong, from its other photos (this one left out), and how many
   * other photos of it the dump holds.
   */
  evidence(doc: CorpusDocument, delayMs: number): { camera: string; otherPhotos: number; wrongClock: string[] } | undefined {
    const p = cameraOf(doc);
    const r = p && this.cameras.get(p.camera);
    if (!p || !r) return undefined;
    const wrong = r.wrong.filter((w) => w.documentId !== doc.id).map((w) => w.why);
    // A clock running ahead delays every photo by about the same amount.
    for (const l of r.late) {
      if (l.documentId === doc.id) continue;
      if (Math.abs(l.ms - delayMs) <= Math.max(DAY_MS, SAME_DELAY_SHARE * delayMs))
        wrong.push(`another photo of this camera is also dated ${Math.round(l.ms / DAY_MS)} days after the mail that carries it`);
    }
    // This photo's own GPS clock, when it disagrees with its capture time, shows the camera clock off
    // (a phone sets its clock from the network: there a disagreement is an edited capture time).
    const own = r.wrong.find((w) => w.documentId === doc.id && w.why.startsWith('GPS'));
    if (own && !p.phone) wrong.push(`this photo's ${own.why}`);
    return { camera: r.label, otherPhotos: r.photos - 1, wrongClock: wrong.slice(0, 5) };
  }
}
