// First public availability of fonts that date a document (a font cannot be used before it exists),
// each with its source. Only fonts whose first release is known and recent enough to matter are
// listed: an unlisted font is simply not dated.

import type { Precision } from './software.js';

export interface FontRow {
  /** Family name as fonts name it (matched case- and space-insensitively on the base name). */
  family: string;
  /** General availability (ISO date). */
  released: string;
  /** First public pre-release (beta) that shipped the font, when there was one. */
  preview?: string;
  precision: Precision;
  /** With what it shipped. */
  note: string;
  source: string;
  /** Other names of the same family ('SFProText', '.SFNSText'). */
  aliases?: string[];
}

const CLEARTYPE =
  'fudzilla.com/news/57250; tribune.com.pk/story/1455338; qz.com/1029211 (ClearType Font Collection: public in Office 2007 Beta 2 on 23 May 2006, general availability with Windows Vista / Office 2007 on 30 Jan 2007); https://learn.microsoft.com/en-us/typography/font-list/';
const CLEARTYPE_NOTE =
  'ClearType Font Collection: Windows Vista / Office 2007 (beta fonts shipped with Office 2007 Beta 2; closed betas 2005)';
const MS_NEW_FONTS =
  'https://medium.com/microsoft-design/beyond-calibri-finding-microsofts-next-default-font-6e1b1e3b7d4e (Microsoft Design, 28 Apr 2021: Bierstadt, Grandview, Seaford, Skeena, Tenorite released to Office cloud fonts)';

export const FONTS: readonly FontRow[] = [
  ...['Calibri', 'Cambria', 'Cambria Math', 'Candara', 'Consolas', 'Constantia', 'Corbel'].map((family): FontRow => ({
    family,
    released: '2007-01-30',
    preview: '2006-05-23',
    precision: 'day',
    note: CLEARTYPE_NOTE,
    source: CLEARTYPE,
  })),
  {
    family: 'Segoe UI',
    released: '2007-01-30',
    preview: '2005-07-27',
    precision: 'day',
    note: 'Windows Vista system UI font (Vista Beta 1, 27 Jul 2005)',
    source: 'techolic.com 2007/03 (field survey T1); https://learn.microsoft.com/en-us/typography/font-list/segoe-ui',
  },
  {
    family: 'Calibri Light',
    released: '2012-12-01',
    preview: '2012-07-16',
    precision: 'month',
    note: 'Office 2013 (Customer Preview 16 Jul 2012)',
    source: 'https://learn.microsoft.com/en-us/typography/font-list/calibri (Calibri Light shipped with Office 2013); field survey T1 [U]',
  },
  {
    family: 'Segoe UI Symbol',
    released: '2009-10-22',
    precision: 'day',
    note: 'Windows 7',
    source: 'https://learn.microsoft.com/en-us/typography/font-list/segoe-ui-symbol',
  },
  {
    family: 'Segoe UI Emoji',
    released: '2012-10-26',
    preview: '2012-02-29',
    precision: 'day',
    note: 'Windows 8 (Consumer Preview 29 Feb 2012)',
    source: 'https://learn.microsoft.com/en-us/typography/font-list/segoe-ui-emoji',
  },
  {
    family: 'Segoe UI Historic',
    released: '2015-07-29',
    precision: 'day',
    note: 'Windows 10',
    source: 'https://learn.microsoft.com/en-us/typography/font-list/segoe-ui-historic',
  },
  {
    family: 'Sitka',
    released: '2013-10-17',
    precision: 'day',
    note: 'Windows 8.1',
    source: 'https://learn.microsoft.com/en-us/typography/font-list/sitka',
    aliases: ['Sitka Text', 'Sitka Small', 'Sitka Heading', 'Sitka Subheading', 'Sitka Display', 'Sitka Banner'],
  },
  {
    family: 'Bahnschrift',
    released: '2017-10-17',
    precision: 'day',
    note: 'Windows 10 Fall Creators Update (1709)',
    source: 'https://learn.microsoft.com/en-us/typography/font-list/bahnschrift',
  },
  {
    family: 'Cascadia Code',
    released: '2019-09-18',
    precision: 'day',
    note: 'Windows Terminal',
    source: 'https://devblogs.microsoft.com/commandline/cascadia-code/',
    aliases: ['Cascadia Mono'],
  },
  ...['Bierstadt', 'Grandview', 'Seaford', 'Skeena', 'Tenorite'].map((family): FontRow => ({
    family,
    released: '2021-04-28',
    precision: 'day',
    note: 'Microsoft 365 cloud fonts, candidates for the next default font',
    source: MS_NEW_FONTS,
  })),
  {
    family: 'Aptos',
    released: '2023-07-13',
    preview: '2021-04-28',
    precision: 'day',
    note: 'New Microsoft 365 default font (formerly Bierstadt, released as a cloud font in 2021)',
    source: 'mybroadband.co.za 2023-07-14; okstate.edu IT news 2024/04 (field survey T1); ' + MS_NEW_FONTS,
    aliases: [
      'Aptos Display',
      'Aptos Narrow',
      'Aptos Serif',
      'Aptos Mono',
      'Aptos SemiBold',
      'Aptos Light',
      'Aptos Black',
      'Aptos ExtraBold',
    ],
  },
  {
    family: 'Helvetica Neue',
    released: '1983-01-01',
    precision: 'year',
    note: 'Neue Helvetica (D. Stempel AG / Linotype)',
    source: 'https://www.linotype.com/1266/neue-helvetica-family.html',
    aliases: ['HelveticaNeue'],
  },
  {
    family: 'San Francisco',
    released: '2015-04-24',
    precision: 'day',
    note: 'Apple system font (Apple Watch, then iOS 9 / OS X 10.11 El Capitan)',
    source: 'https://developer.apple.com/fonts/ ; OS X 10.11 release 30 Sep 2015 (computercity.com list of macOS versions)',
    aliases: [
      'SF Pro',
      'SF Pro Text',
      'SF Pro Display',
      'SF Compact',
      'SF UI Text',
      'SF UI Display',
      'SF NS Text',
      'SF NS Display',
      'SF NS',
      'SF Mono',
    ],
  },
  {
    family: 'Roboto',
    released: '2011-10-18',
    precision: 'day',
    note: 'Android 4.0 Ice Cream Sandwich',
    source: 'https://android-developers.googleblog.com/2011/10/android-40-platform-and-updated-sdk.html',
  },
  {
    family: 'Source Sans Pro',
    released: '2012-08-02',
    precision: 'day',
    note: "Adobe's first open-source type family",
    source: 'https://blog.adobe.com/en/publish/2012/08/02/source-sans-pro-adobes-first-open-source-type-family',
    aliases: ['Source Sans 3'],
  },
  {
    family: 'Liberation Sans',
    released: '2007-05-09',
    precision: 'day',
    note: 'Liberation fonts 1.0 (Red Hat)',
    source: 'https://github.com/liberationfonts/liberation-fonts (ChangeLog: 1.0 released May 2007)',
    aliases: ['Liberation Serif', 'Liberation Mono'],
  },
  {
    family: 'Verdana',
    released: '1996-01-01',
    precision: 'year',
    note: 'Microsoft core fonts (Internet Explorer 3 era)',
    source: 'https://learn.microsoft.com/en-us/typography/font-list/verdana',
  },
  {
    family: 'Georgia',
    released: '1996-01-01',
    precision: 'year',
    note: 'Microsoft core fonts',
    source: 'https://learn.microsoft.com/en-us/typography/font-list/georgia',
  },
];

/** Lowercase, no spaces, hyphens or underscores: 'Segoe UI' and 'SegoeUI' compare equal. */
function squash(s: string): string {
  return s.toLowerCase().replace(/[\s_\-.]+/g, '');
}

const STYLE_SUFFIX =
  /(?:[-,\s]+|(?<=[a-z]))(?:Bold|Italic|Oblique|Regular|Roman|Light|Semibold|SemiBold|Black|Heavy|Medium|Thin|Condensed|Narrow|Book|BoldItalic|BoldOblique|It|Bd|BdIt|MT|PS|PSMT)$/;

/** Strip a subset prefix 'ABCDEF+' and style suffixes: 'BCDEEE+Calibri-BoldItalic' -> 'Calibri'. */
export function baseFontName(name: string): string {
  let n = name
    .trim()
    .replace(/^[A-Z]{6}\+/, '')
    .replace(/^\./, '');
  for (let i = 0; i < 4; i++) {
    const next = n.replace(STYLE_SUFFIX, '').trim();
    if (next === n) break;
    n = next;
  }
  return n;
}

const BY_NAME: Map<string, FontRow> = (() => {
  const m = new Map<string, FontRow>();
  for (const f of FONTS) for (const n of [f.family, ...(f.aliases ?? [])]) m.set(squash(n), f);
  return m;
})();

/**
 * The dated font a font name refers to, or undefined. Tries the full name first (so 'Calibri Light'
 * and 'Segoe UI Emoji' are told apart from 'Calibri' and 'Segoe UI'), then the name without styles.
 */
export function findFont(name: string): FontRow | undefined {
  const raw = name
    .trim()
    .replace(/^[A-Z]{6}\+/, '')
    .replace(/^\./, '');
  const candidates = [raw, raw.replace(/[-,].*$/, ''), baseFontName(raw)];
  for (const c of candidates) {
    const hit = BY_NAME.get(squash(c));
    if (hit) return hit;
  }
  return undefined;
}
