// Dates and fixed phrases as each client writes them in the user's language: reply attributions,
// forward headers, "Sent from my iPhone", subject prefixes (Outlook in French forwards with "TR:").

import { wall } from './clock.js';
import type { Locale } from './names.js';

const MONTHS_LONG: Record<'en' | 'fr', string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
};
const DAYS_LONG: Record<'en' | 'fr', string[]> = {
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  fr: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
};
const MONTHS_SHORT_FR = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];
const DAYS_SHORT_FR = ['dim.', 'lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.'];
const MONTHS_SHORT_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS_SHORT_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const p2 = (n: number) => String(n).padStart(2, '0');
export const lang = (l: Locale): 'en' | 'fr' => (l === 'fr-FR' ? 'fr' : 'en');

function clock12(h: number, m: number, lower = false): string {
  const ampm = h < 12 ? 'AM' : 'PM';
  const hh = h % 12 === 0 ? 12 : h % 12;
  return `${hh}:${p2(m)} ${lower ? ampm.toLowerCase() : ampm}`;
}

/** Outlook's "Sent:" line. en-US: 'Tuesday, March 5, 2019 10:15 AM'; en-AU/GB/IN: 'Tuesday, 5 March 2019 10:15 AM'; fr: 'mardi 5 mars 2019 10:15'. */
export function outlookSent(at: number, off: number, locale: Locale): string {
  const w = wall(at, off);
  if (lang(locale) === 'fr')
    return `${DAYS_LONG.fr[w.weekday]} ${w.day} ${MONTHS_LONG.fr[w.month - 1]} ${w.year} ${p2(w.hour)}:${p2(w.minute)}`;
  if (locale === 'en-US')
    return `${DAYS_LONG.en[w.weekday]}, ${MONTHS_LONG.en[w.month - 1]} ${w.day}, ${w.year} ${clock12(w.hour, w.minute)}`;
  return `${DAYS_LONG.en[w.weekday]}, ${w.day} ${MONTHS_LONG.en[w.month - 1]} ${w.year} ${clock12(w.hour, w.minute)}`;
}

/** Apple Mail / iOS attribution date part: en-US 'Mar 5, 2019, at 10:15 AM', en-GB/AU '5 Mar 2019, at 10:15', fr '5 mars 2019 à 10:15'. */
export function appleWhen(at: number, off: number, locale: Locale): string {
  const w = wall(at, off);
  if (lang(locale) === 'fr') return `${w.day} ${MONTHS_LONG.fr[w.month - 1]} ${w.year} à ${p2(w.hour)}:${p2(w.minute)}`;
  if (locale === 'en-US') return `${MONTHS_SHORT_EN[w.month - 1]} ${w.day}, ${w.year}, at ${clock12(w.hour, w.minute)}`;
  return `${w.day} ${MONTHS_SHORT_EN[w.month - 1]} ${w.year}, at ${p2(w.hour)}:${p2(w.minute)}`;
}

/** Thunderbird's reply header date (locale short date): en-US '3/5/19 10:15 AM', en-AU '5/3/19 10:15 am', fr '05/03/2019 à 10:15'. */
export function thunderbirdWhen(at: number, off: number, locale: Locale): string {
  const w = wall(at, off);
  const yy = String(w.year).slice(2);
  if (lang(locale) === 'fr') return `${p2(w.day)}/${p2(w.month)}/${w.year} à ${p2(w.hour)}:${p2(w.minute)}`;
  if (locale === 'en-US') return `${w.month}/${w.day}/${yy} ${clock12(w.hour, w.minute)}`;
  return `${w.day}/${w.month}/${yy} ${clock12(w.hour, w.minute, true)}`;
}

/** Gmail's attribution: 'Tue, Mar 5, 2019 at 10:15 AM' / 'mar. 5 mars 2019 à 10:15'. */
export function gmailWhen(at: number, off: number, locale: Locale): string {
  const w = wall(at, off);
  if (lang(locale) === 'fr')
    return `${DAYS_SHORT_FR[w.weekday]} ${w.day} ${MONTHS_SHORT_FR[w.month - 1]} ${w.year} à ${p2(w.hour)}:${p2(w.minute)}`;
  return `${DAYS_SHORT_EN[w.weekday]}, ${MONTHS_SHORT_EN[w.month - 1]} ${w.day}, ${w.year} at ${clock12(w.hour, w.minute)}`;
}

/** Roundcube's default reply date format: '2019-03-05 10:15'. */
export function roundcubeWhen(at: number, off: number): string {
  const w = wall(at, off);
  return `${w.year}-${p2(w.month)}-${p2(w.day)} ${p2(w.hour)}:${p2(w.minute)}`;
}

export function sentFromPhone(locale: Locale, client: 'iphone' | 'k9'): string {
  if (client === 'k9') return 'Sent from my Android device with K-9 Mail. Please excuse my brevity.';
  return lang(locale) === 'fr' ? 'Envoyé de mon iPhone' : 'Sent from my iPhone';
}

/** Subject prefixes: Outlook writes 'RE:'/'FW:' (French Outlook: 'RE :'? no: 'RE:' and 'TR:'); others 'Re:'/'Fwd:'. */
export function replyPrefix(client: string): string {
  return client.startsWith('outlook') ? 'RE: ' : 'Re: ';
}

export function forwardPrefix(client: string, locale: Locale): string {
  if (client.startsWith('outlook')) return lang(locale) === 'fr' ? 'TR: ' : 'FW: ';
  return 'Fwd: ';
}
