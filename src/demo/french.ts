// French date phrases mail clients write in reply headers ("Le 14 mars 2017 à 10:22, ... a écrit :").

import { localParts } from './time.js';

const JOURS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
const MOIS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** 'mardi 14 mars 2017 10:22' (Outlook's "Envoyé :" line). */
export function outlookSent(epochMs: number, offsetMin: number): string {
  const l = localParts(epochMs, offsetMin);
  return `${JOURS[l.weekday]} ${l.day} ${MOIS[l.month - 1]} ${l.year} ${p2(l.hour)}:${p2(l.minute)}`;
}

/** '14 mars 2017 à 10:22' (Apple Mail). */
export function appleDate(epochMs: number, offsetMin: number): string {
  const l = localParts(epochMs, offsetMin);
  return `${l.day} ${MOIS[l.month - 1]} ${l.year} à ${p2(l.hour)}:${p2(l.minute)}`;
}

/** '14/03/2017 à 10:22' (Thunderbird). */
export function numericDate(epochMs: number, offsetMin: number): string {
  const l = localParts(epochMs, offsetMin);
  return `${p2(l.day)}/${p2(l.month)}/${l.year} à ${p2(l.hour)}:${p2(l.minute)}`;
}
