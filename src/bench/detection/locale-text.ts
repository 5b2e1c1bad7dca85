// Dates and fixed phrases as each client writes them in the user's language: reply attributions,
// forward headers, "Sent from my iPhone", subject prefixes (Outlook in French forwards with "TR:", in
// German answers with "AW:" and forwards with "WG:", in Brazilian Portuguese "RES:" and "ENC:").

import { rfc5322, wall } from './clock.js';
import type { Locale } from './names.js';
import { langOf, type Lang } from './text.js';

const MONTHS_LONG: Record<Lang, string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  de: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
  pt: ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'],
  ja: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
};
const DAYS_LONG: Record<Lang, string[]> = {
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  fr: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
  de: ['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag'],
  pt: ['domingo', 'segunda-feira', 'terça-feira', 'quarta-feira', 'quinta-feira', 'sexta-feira', 'sábado'],
  ja: ['日曜日', '月曜日', '火曜日', '水曜日', '木曜日', '金曜日', '土曜日'],
};
const MONTHS_SHORT_FR = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];
const DAYS_SHORT_FR = ['dim.', 'lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.'];
const MONTHS_SHORT_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS_SHORT_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS_SHORT_DE = ['Jan.', 'Feb.', 'März', 'Apr.', 'Mai', 'Juni', 'Juli', 'Aug.', 'Sept.', 'Okt.', 'Nov.', 'Dez.'];
const DAYS_SHORT_DE = ['So.', 'Mo.', 'Di.', 'Mi.', 'Do.', 'Fr.', 'Sa.'];
const MONTHS_SHORT_PT = ['jan.', 'fev.', 'mar.', 'abr.', 'mai.', 'jun.', 'jul.', 'ago.', 'set.', 'out.', 'nov.', 'dez.'];
const DAYS_SHORT_PT = ['dom.', 'seg.', 'ter.', 'qua.', 'qui.', 'sex.', 'sáb.'];
const DAYS_SHORT_JA = ['日', '月', '火', '水', '木', '金', '土'];

const p2 = (n: number) => String(n).padStart(2, '0');

function clock12(h: number, m: number, lower = false): string {
  const ampm = h < 12 ? 'AM' : 'PM';
  const hh = h % 12 === 0 ? 12 : h % 12;
  return `${hh}:${p2(m)} ${lower ? ampm.toLowerCase() : ampm}`;
}

/** Outlook's "Sent:" line. en-US: 'Tuesday, March 5, 2019 10:15 AM'; en-AU/GB/IN: 'Tuesday, 5 March 2019 10:15 AM';
 *  fr: 'mardi 5 mars 2019 10:15'; de: 'Dienstag, 5. März 2019 10:15'; pt-BR: 'terça-feira, 5 de março de 2019 10:15';
 *  ja: '2019年3月5日 10:15'. */
export function outlookSent(at: number, off: number, locale: Locale): string {
  const w = wall(at, off);
  const g = langOf(locale);
  const hm = `${p2(w.hour)}:${p2(w.minute)}`;
  if (g === 'fr') return `${DAYS_LONG.fr[w.weekday]} ${w.day} ${MONTHS_LONG.fr[w.month - 1]} ${w.year} ${hm}`;
  if (g === 'de') return `${DAYS_LONG.de[w.weekday]}, ${w.day}. ${MONTHS_LONG.de[w.month - 1]} ${w.year} ${hm}`;
  if (g === 'pt') return `${DAYS_LONG.pt[w.weekday]}, ${w.day} de ${MONTHS_LONG.pt[w.month - 1]} de ${w.year} ${hm}`;
  if (g === 'ja') return `${w.year}年${w.month}月${w.day}日 ${w.hour}:${p2(w.minute)}`;
  if (locale === 'en-US')
    return `${DAYS_LONG.en[w.weekday]}, ${MONTHS_LONG.en[w.month - 1]} ${w.day}, ${w.year} ${clock12(w.hour, w.minute)}`;
  return `${DAYS_LONG.en[w.weekday]}, ${w.day} ${MONTHS_LONG.en[w.month - 1]} ${w.year} ${clock12(w.hour, w.minute)}`;
}

/** Outlook for Mac's quoted "Date:" line: 'Thursday, 26 January 2023 at 14:38' (en-GB), 'Thursday, January 26,
 *  2023 at 2:38 PM' (en-US), 'Donnerstag, 26. Januar 2023 um 14:38', 'quinta-feira, 26 de janeiro de 2023 às 14:38',
 *  '2023年1月26日 木曜日 14:38'. */
export function macOutlookDate(at: number, off: number, locale: Locale): string {
  const w = wall(at, off);
  const g = langOf(locale);
  const hm = `${p2(w.hour)}:${p2(w.minute)}`;
  if (g === 'de') return `${DAYS_LONG.de[w.weekday]}, ${w.day}. ${MONTHS_LONG.de[w.month - 1]} ${w.year} um ${hm}`;
  if (g === 'pt') return `${DAYS_LONG.pt[w.weekday]}, ${w.day} de ${MONTHS_LONG.pt[w.month - 1]} de ${w.year} às ${hm}`;
  if (g === 'ja') return `${w.year}年${w.month}月${w.day}日 ${DAYS_LONG.ja[w.weekday]} ${hm}`;
  if (g === 'fr') return `${DAYS_LONG.fr[w.weekday]} ${w.day} ${MONTHS_LONG.fr[w.month - 1]} ${w.year} à ${hm}`;
  if (locale === 'en-US')
    return `${DAYS_LONG.en[w.weekday]}, ${MONTHS_LONG.en[w.month - 1]} ${w.day}, ${w.year} at ${clock12(w.hour, w.minute)}`;
  return `${DAYS_LONG.en[w.weekday]}, ${w.day} ${MONTHS_LONG.en[w.month - 1]} ${w.year} at ${hm}`;
}

/** Apple Mail / iOS attribution date part: en-US 'Mar 5, 2019, at 10:15 AM', en-GB/AU '5 Mar 2019, at 10:15',
 *  fr '5 mars 2019 à 10:15', de '05.03.2019 um 10:15', pt-BR '5 de mar. de 2019, à(s) 10:15', ja '2019/03/05 10:15'. */
export function appleWhen(at: number, off: number, locale: Locale): string {
  const w = wall(at, off);
  const g = langOf(locale);
  if (g === 'fr') return `${w.day} ${MONTHS_LONG.fr[w.month - 1]} ${w.year} à ${p2(w.hour)}:${p2(w.minute)}`;
  if (g === 'de') return `${p2(w.day)}.${p2(w.month)}.${w.year} um ${p2(w.hour)}:${p2(w.minute)}`;
  if (g === 'pt') return `${w.day} de ${MONTHS_SHORT_PT[w.month - 1]} de ${w.year}, à(s) ${p2(w.hour)}:${p2(w.minute)}`;
  if (g === 'ja') return `${w.year}/${p2(w.month)}/${p2(w.day)} ${w.hour}:${p2(w.minute)}`;
  if (locale === 'en-US') return `${MONTHS_SHORT_EN[w.month - 1]} ${w.day}, ${w.year}, at ${clock12(w.hour, w.minute)}`;
  return `${w.day} ${MONTHS_SHORT_EN[w.month - 1]} ${w.year}, at ${p2(w.hour)}:${p2(w.minute)}`;
}

/** Thunderbird's reply header date (locale short date): en-US '3/5/19 10:15 AM', en-AU '5/3/19 10:15 am',
 *  fr '05/03/2019 à 10:15', de '05.03.2019 um 10:15', pt-BR '05/03/2019 10:15', ja '2019/03/05 10:15'. */
export function thunderbirdWhen(at: number, off: number, locale: Locale): string {
  const w = wall(at, off);
  const g = langOf(locale);
  const yy = String(w.year).slice(2);
  if (g === 'fr') return `${p2(w.day)}/${p2(w.month)}/${w.year} à ${p2(w.hour)}:${p2(w.minute)}`;
  if (g === 'de') return `${p2(w.day)}.${p2(w.month)}.${w.year} um ${p2(w.hour)}:${p2(w.minute)}`;
  if (g === 'pt') return `${p2(w.day)}/${p2(w.month)}/${w.year} ${p2(w.hour)}:${p2(w.minute)}`;
  if (g === 'ja') return `${w.year}/${p2(w.month)}/${p2(w.day)} ${w.hour}:${p2(w.minute)}`;
  if (locale === 'en-US') return `${w.month}/${w.day}/${yy} ${clock12(w.hour, w.minute)}`;
  return `${w.day}/${w.month}/${yy} ${clock12(w.hour, w.minute, true)}`;
}

/** Gmail's attribution: 'Tue, Mar 5, 2019 at 10:15 AM' / 'mar. 5 mars 2019 à 10:15' / 'Di., 5. März 2019 um 10:15 Uhr' /
 *  'ter., 5 de mar. de 2019 às 10:15' / '2019年3月5日(火) 10:15'. */
export function gmailWhen(at: number, off: number, locale: Locale): string {
  const w = wall(at, off);
  const g = langOf(locale);
  const hm = `${p2(w.hour)}:${p2(w.minute)}`;
  if (g === 'fr') return `${DAYS_SHORT_FR[w.weekday]} ${w.day} ${MONTHS_SHORT_FR[w.month - 1]} ${w.year} à ${hm}`;
  if (g === 'de') return `${DAYS_SHORT_DE[w.weekday]}, ${w.day}. ${MONTHS_SHORT_DE[w.month - 1]} ${w.year} um ${hm} Uhr`;
  if (g === 'pt') return `${DAYS_SHORT_PT[w.weekday]}, ${w.day} de ${MONTHS_SHORT_PT[w.month - 1]} de ${w.year} às ${hm}`;
  if (g === 'ja') return `${w.year}年${w.month}月${w.day}日(${DAYS_SHORT_JA[w.weekday]}) ${w.hour}:${p2(w.minute)}`;
  return `${DAYS_SHORT_EN[w.weekday]}, ${MONTHS_SHORT_EN[w.month - 1]} ${w.day}, ${w.year} at ${clock12(w.hour, w.minute)}`;
}

/** Roundcube's default reply date format: '2019-03-05 10:15'. */
export function roundcubeWhen(at: number, off: number): string {
  const w = wall(at, off);
  return `${w.year}-${p2(w.month)}-${p2(w.day)} ${p2(w.hour)}:${p2(w.minute)}`;
}

/** Zimbra's quoted "Sent:" value: 'Tuesday, March 5, 2019 10:15:02 AM' / 'terça-feira, 5 de março de 2019 10:15:02'. */
export function zimbraSent(at: number, off: number, locale: Locale): string {
  const w = wall(at, off);
  const g = langOf(locale);
  const hms = `${p2(w.hour)}:${p2(w.minute)}:${p2(w.second)}`;
  if (g === 'pt') return `${DAYS_LONG.pt[w.weekday]}, ${w.day} de ${MONTHS_LONG.pt[w.month - 1]} de ${w.year} ${hms}`;
  if (g === 'de') return `${DAYS_LONG.de[w.weekday]}, ${w.day}. ${MONTHS_LONG.de[w.month - 1]} ${w.year} ${hms}`;
  return `${DAYS_LONG.en[w.weekday]}, ${MONTHS_LONG.en[w.month - 1]} ${w.day}, ${w.year} ${clock12(w.hour, w.minute).replace(' ', `:${p2(w.second)} `)}`;
}

/** Samsung Email's quoted "Date:" value with its GMT offset: '05/03/2019 10:15 (GMT-03:00)' (pt-BR), '3/5/19 10:15 AM (GMT-05:00)' (en-US). */
export function samsungWhen(at: number, off: number, locale: Locale): string {
  const w = wall(at, off);
  const g = langOf(locale);
  const a = Math.abs(off);
  const gmt = `(GMT${off < 0 ? '-' : '+'}${p2(Math.floor(a / 60))}:${p2(a % 60)})`;
  if (g === 'en' && locale === 'en-US') return `${w.month}/${w.day}/${String(w.year).slice(2)} ${clock12(w.hour, w.minute)} ${gmt}`;
  return `${p2(w.day)}/${p2(w.month)}/${w.year} ${p2(w.hour)}:${p2(w.minute)} ${gmt}`;
}

/** Spark's attribution date, with the numeric offset: 'On 5 Apr 2017, 10:15 +0100' (en-GB) or 'On Apr 5, 2017, 10:15 AM -0700' (en-US). */
export function sparkWhen(at: number, off: number, locale: Locale): string {
  const w = wall(at, off);
  const o = rfc5322(at, off).slice(-5);
  if (locale === 'en-US') return `On ${MONTHS_SHORT_EN[w.month - 1]} ${w.day}, ${w.year}, ${clock12(w.hour, w.minute)} ${o}`;
  return `On ${w.day} ${MONTHS_SHORT_EN[w.month - 1]} ${w.year}, ${p2(w.hour)}:${p2(w.minute)} ${o}`;
}

/** Becky!'s reply header line: the quoted message's date as RFC 5322 with a two-digit day. */
export function becky(at: number, off: number): string {
  return `On ${rfc5322(at, off, true)}`;
}

interface Labels {
  from: string;
  sent: string;
  to: string;
  cc: string;
  subject: string;
  date: string;
  original: string;
  zimbraSent: string;
  samsungOriginal: string;
  appleForward: string;
  tbForward: string;
}

const LABELS: Record<Lang, Labels> = {
  en: {
    from: 'From: ',
    sent: 'Sent: ',
    to: 'To: ',
    cc: 'Cc: ',
    subject: 'Subject: ',
    date: 'Date: ',
    original: '----- Original Message -----',
    zimbraSent: 'Sent: ',
    samsungOriginal: '-------- Original message --------',
    appleForward: 'Begin forwarded message:',
    tbForward: '-------- Forwarded Message --------',
  },
  fr: {
    from: 'De : ',
    sent: 'Envoyé : ',
    to: 'À : ',
    cc: 'Cc : ',
    subject: 'Objet : ',
    date: 'Date : ',
    original: '----- Mail original -----',
    zimbraSent: 'Envoyé: ',
    samsungOriginal: '-------- Message d’origine --------',
    appleForward: 'Début du message réexpédié :',
    tbForward: '-------- Message transféré --------',
  },
  de: {
    from: 'Von: ',
    sent: 'Gesendet: ',
    to: 'An: ',
    cc: 'Cc: ',
    subject: 'Betreff: ',
    date: 'Datum: ',
    original: '----- Ursprüngliche Mail -----',
    zimbraSent: 'Gesendet: ',
    samsungOriginal: '-------- Ursprüngliche Nachricht --------',
    appleForward: 'Anfang der weitergeleiteten Nachricht:',
    tbForward: '-------- Weitergeleitete Nachricht --------',
  },
  pt: {
    from: 'De: ',
    sent: 'Enviado: ',
    to: 'Para: ',
    cc: 'Cc: ',
    subject: 'Assunto: ',
    date: 'Data: ',
    original: '----- Mensagem original -----',
    zimbraSent: 'Enviadas: ',
    samsungOriginal: '-------- Mensagem original --------',
    appleForward: 'Início da mensagem encaminhada:',
    tbForward: '-------- Mensagem encaminhada --------',
  },
  ja: {
    from: '差出人: ',
    sent: '送信日時: ',
    to: '宛先: ',
    cc: 'CC: ',
    subject: '件名: ',
    date: '日付: ',
    original: '----- 元のメッセージ -----',
    zimbraSent: '送信済み: ',
    samsungOriginal: '-------- 元のメッセージ --------',
    appleForward: '転送されたメッセージ:',
    tbForward: '-------- 転送メッセージ --------',
  },
};

export function localeLabels(g: Lang): Labels {
  return LABELS[g];
}

export function sentFromPhone(locale: Locale, client: 'iphone' | 'k9' | 'samsung'): string {
  if (client === 'k9') return 'Sent from my Android device with K-9 Mail. Please excuse my brevity.';
  const g = langOf(locale);
  if (client === 'samsung') return g === 'pt' ? 'Enviado do meu Galaxy' : g === 'de' ? 'Von meinem Galaxy gesendet' : 'Sent from my Galaxy';
  if (g === 'fr') return 'Envoyé de mon iPhone';
  if (g === 'de') return 'Von meinem iPhone gesendet';
  if (g === 'pt') return 'Enviado do meu iPhone';
  if (g === 'ja') return 'iPhoneから送信';
  return 'Sent from my iPhone';
}

const OUTLOOK_FAMILY = (client: string) => client.startsWith('outlook') || client === 'owa' || client === 'new-outlook';

/** Subject prefixes: Outlook writes 'RE:'/'FW:' (German 'AW:'/'WG:', Portuguese 'RES:'/'ENC:', French 'RE:'/'TR:');
 *  others 'Re:'/'Fwd:'. */
export function replyPrefix(client: string, locale?: string): string {
  if (!OUTLOOK_FAMILY(client)) return 'Re: ';
  const g = locale ? langOf(locale) : 'en';
  return g === 'de' ? 'AW: ' : g === 'pt' ? 'RES: ' : 'RE: ';
}

export function forwardPrefix(client: string, locale: Locale): string {
  if (OUTLOOK_FAMILY(client)) {
    const g = langOf(locale);
    return g === 'fr' ? 'TR: ' : g === 'de' ? 'WG: ' : g === 'pt' ? 'ENC: ' : 'FW: ';
  }
  return 'Fwd: ';
}
