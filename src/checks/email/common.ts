// Small helpers the email checks share: header lookup on extracted facts, time arithmetic and
// wording of durations in findings.

import type { EmailFacts, RawHeader } from '../../model/facts-email.js';
import type { DocumentFacts } from '../types.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function emailOf(doc: DocumentFacts): EmailFacts | undefined {
  return doc.kind === 'email' ? doc.facts.email : undefined;
}

/** All values of a header (case-insensitive name), in message order. */
export function headerValues(email: EmailFacts, name: string): string[] {
  const n = name.toLowerCase();
  return email.headers.filter((h: RawHeader) => h.name.toLowerCase() === n).map((h) => h.decoded ?? h.raw);
}

export function ms(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}

/** "3 h 20 min", "2 days", "45 s": durations as a reader says them. */
export function formatDuration(deltaMs: number): string {
  const a = Math.abs(deltaMs);
  if (a < MINUTE) return `${Math.round(a / 1000)} s`;
  if (a < HOUR) return `${Math.round(a / MINUTE)} min`;
  if (a < 2 * DAY) {
    const h = Math.floor(a / HOUR);
    const m = Math.round((a - h * HOUR) / MINUTE);
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  return `${Math.round(a / DAY)} days`;
}

/** "+0200" from minutes east of UTC. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}${String(a % 60).padStart(2, '0')}`;
}

/** Registrable-ish domain of a host or address: the last two labels (three for ccTLD second levels like co.uk). */
export function baseDomain(hostOrAddress: string | undefined): string | undefined {
  if (!hostOrAddress) return undefined;
  const host = hostOrAddress
    .split('@')
    .pop()!
    .trim()
    .toLowerCase()
    .replace(/[>\]\s].*$/, '')
    .replace(/\.$/, '');
  if (!/^[a-z0-9.-]+\.[a-z]{2,}$/.test(host)) return undefined;
  const labels = host.split('.');
  const twoLevel =
    labels.length >= 3 && /^(co|com|net|org|gov|ac|edu)$/.test(labels[labels.length - 2]) && labels[labels.length - 1].length === 2;
  return labels.slice(twoLevel ? -3 : -2).join('.');
}

/** Headers that mark a message as distributed by a list (they rewrite bodies, subjects and times). */
export function mailingListHeader(email: EmailFacts): string | null {
  for (const h of email.headers) {
    const n = h.name.toLowerCase();
    if (
      n === 'list-id' ||
      n === 'list-post' ||
      n === 'list-unsubscribe' ||
      n === 'mailing-list' ||
      (n === 'precedence' && /list|bulk/i.test(h.raw))
    )
      return `${h.name}: ${h.raw.trim().slice(0, 120)}`;
  }
  return null;
}
