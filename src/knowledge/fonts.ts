// First public availability of fonts that date a document (a font cannot be used before it exists),
// each with its source. Only fonts whose first release is known and recent enough to matter are
// listed: an unlisted font is simply not dated.

import type { Precision } from './release-rows.js';

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

const WIN11 =
  'Windows 11 general availability 5 Oct 2021 (https://blogs.windows.com/windowsexperience/2021/10/04/windows-11-a-new-era-for-the-pc-begins-today/); first Insider Preview 28 Jun 2021 (https://blogs.windows.com/windows-insider/2021/06/28/announcing-the-first-insider-preview-for-windows-11/)';

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
    aliases: [`${family} Display`],
  })),
  {
    family: 'Aptos',
    released: '2023-07-13',
    precision: 'day',
    note: 'Microsoft 365 default font from 13 Jul 2023 (the same design was a cloud font named Bierstadt from 2021: the name Aptos did not exist before)',
    source:
      'mybroadband.co.za/news/software/500243 (14 Jul 2023: "started making way for Aptos on Thursday, 13 July 2023"; "Aptos is a renamed version of Bierstadt"); okstate.edu IT news 2024/04 (field survey T1); ' +
      MS_NEW_FONTS,
    aliases: [
      'Aptos Display',
      'Aptos Narrow',
      'Aptos Serif',
      'Aptos Serif Display',
      'Aptos Mono',
      'Aptos SemiBold',
      'Aptos Light',
      'Aptos Black',
      'Aptos ExtraBold',
    ],
  },
  {
    family: 'Segoe UI Variable',
    released: '2021-10-05',
    preview: '2021-06-28',
    precision: 'day',
    note: 'Windows 11 system font (first Windows 11 Insider Preview, build 22000.51, 28 Jun 2021)',
    source: `${WIN11}; https://learn.microsoft.com/en-us/windows/apps/design/signature-experiences/typography (Segoe UI Variable, the Windows 11 system font)`,
    aliases: ['Segoe UI Variable Display', 'Segoe UI Variable Text', 'Segoe UI Variable Small', 'SegoeUIVariable'],
  },
  {
    family: 'Segoe Fluent Icons',
    released: '2021-10-05',
    preview: '2021-06-28',
    precision: 'day',
    note: 'Windows 11 icon font',
    source: `${WIN11}; https://learn.microsoft.com/en-us/windows/apps/design/style/segoe-fluent-icons-font`,
  },
  ...(
    [
      ['Gabriola', '2009-10-22', 'Windows 7', 'windows-7-font-list'],
      ['Gadugi', '2012-10-26', 'Windows 8', 'windows_8_font_list'],
      ['Nirmala UI', '2012-10-26', 'Windows 8', 'windows_8_font_list'],
      ['Myanmar Text', '2012-10-26', 'Windows 8', 'windows_8_font_list'],
      ['Yu Gothic', '2013-10-17', 'Windows 8.1', 'windows_81_font_list'],
      ['Yu Mincho', '2013-10-17', 'Windows 8.1', 'windows_81_font_list'],
      ['Segoe MDL2 Assets', '2015-07-29', 'Windows 10', 'windows_10_font_list'],
      ['Leelawadee UI', '2015-07-29', 'Windows 10', 'windows_10_font_list'],
      ['Javanese Text', '2015-07-29', 'Windows 10', 'windows_10_font_list'],
      ['Ink Free', '2017-10-17', 'Windows 10 Fall Creators Update (1709)', 'windows_10_font_list'],
    ] as const
  ).map(([family, released, note, list]): FontRow => ({
    family,
    released,
    precision: 'day',
    note,
    source: `https://learn.microsoft.com/en-us/typography/fonts/${list} (fonts first shipped with ${note}); release date: https://learn.microsoft.com/en-us/lifecycle/products/`,
  })),
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
    note: 'Apple system font (Apple Watch, then iOS 9 / OS X 10.11 El Capitan as SF UI)',
    source: 'https://developer.apple.com/fonts/ ; OS X 10.11 release 30 Sep 2015 (computercity.com list of macOS versions)',
    aliases: [
      'SF UI Text',
      'SF UI Display',
      'SF NS Text',
      'SF NS Display',
      'SF NS',
      'SF Compact',
      'SF Compact Text',
      'SF Compact Display',
      'AppleSystemUIFont',
    ],
  },
  {
    family: 'SF Pro',
    released: '2017-09-19',
    preview: '2017-06-05',
    precision: 'day',
    note: 'San Francisco renamed SF Pro with iOS 11 / macOS 10.13 (fonts offered to developers from WWDC, 5 Jun 2017)',
    source:
      'https://developer.apple.com/fonts/ (SF Pro); WWDC 2017 session 801 "Introducing the New System Fonts"; iOS 11 release 19 Sep 2017 (https://endoflife.date/ios)',
    aliases: ['SF Pro Text', 'SF Pro Display', 'SF Pro Rounded', 'SFProText', 'SFProDisplay'],
  },
  {
    family: 'SF Mono',
    released: '2016-09-20',
    preview: '2016-06-13',
    precision: 'day',
    note: 'Apple monospaced system font (Xcode 8 / macOS 10.12 Sierra)',
    source: 'https://developer.apple.com/fonts/ (SF Mono); macOS 10.12 release 20 Sep 2016 (https://endoflife.date/macos)',
  },
  {
    family: 'New York',
    released: '2019-09-19',
    preview: '2019-06-03',
    precision: 'day',
    note: 'Apple serif system font (iOS 13 / macOS 10.15)',
    source: 'https://developer.apple.com/fonts/ (New York); iOS 13 release 19 Sep 2019 (https://endoflife.date/ios)',
    aliases: ['New York Small', 'New York Medium', 'New York Large', 'New York Extra Large'],
  },
  {
    family: 'PingFang SC',
    released: '2015-09-16',
    preview: '2015-06-08',
    precision: 'day',
    note: 'Apple Chinese system font (iOS 9 / OS X 10.11)',
    source: 'https://developer.apple.com/fonts/ ; iOS 9 release 16 Sep 2015 (https://endoflife.date/ios)',
    aliases: ['PingFang TC', 'PingFang HK'],
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
    family: 'Source Code Pro',
    released: '2012-09-24',
    precision: 'day',
    note: 'Adobe open-source monospaced family',
    source: 'https://blog.adobe.com/en/publish/2012/09/24/source-code-pro',
  },
  {
    family: 'Source Han Sans',
    released: '2014-07-15',
    precision: 'day',
    note: 'Adobe / Google Pan-CJK family (also released as Noto Sans CJK)',
    source: 'https://blog.adobe.com/en/publish/2014/07/15/source-han-sans ; https://developers.googleblog.com/2014/07/noto-cjk.html',
    aliases: [
      'Noto Sans CJK',
      'Noto Sans CJK SC',
      'Noto Sans CJK TC',
      'Noto Sans CJK JP',
      'Noto Sans CJK KR',
      'Source Han Sans SC',
      'Source Han Sans TC',
      'Source Han Sans JP',
      'Source Han Sans KR',
      'Source Han Sans CN',
    ],
  },
  {
    family: 'Source Han Serif',
    released: '2017-04-04',
    precision: 'day',
    note: 'Adobe / Google Pan-CJK serif family (also released as Noto Serif CJK)',
    source: 'https://blog.adobe.com/en/publish/2017/04/04/introducing-source-han-serif',
    aliases: [
      'Noto Serif CJK',
      'Noto Serif CJK SC',
      'Noto Serif CJK TC',
      'Noto Serif CJK JP',
      'Noto Serif CJK KR',
      'Source Han Serif SC',
      'Source Han Serif TC',
      'Source Han Serif JP',
      'Source Han Serif KR',
      'Source Han Serif CN',
    ],
  },
  {
    family: 'Inter',
    released: '2017-08-22',
    precision: 'day',
    note: 'Rasmus Andersson\'s open-source UI family (first released as "Interface")',
    source: 'https://github.com/rsms/inter/releases (first release 22 Aug 2017) ; https://rsms.me/inter/',
    aliases: ['Inter Display', 'Inter Variable', 'Inter Tight'],
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
  // PostScript and variable-instance names run family and style together
  // ('SegoeUIVariableSmall-Semilight', 'AptosDisplay-Bold'): the longest known name the font name
  // starts with, when only style words follow it.
  const whole = squash(raw);
  for (const [key, row] of BY_LENGTH) {
    if (whole.length > key.length && whole.startsWith(key) && STYLE_WORDS.test(whole.slice(key.length))) return row;
  }
  return undefined;
}

/** Style and optical-size words, squashed, that may follow a family name. */
const STYLE_WORDS =
  /^(?:display|text|small|narrow|condensed|semicondensed|extended|semibold|demibold|bold|extrabold|ultrabold|light|semilight|extralight|ultralight|black|heavy|medium|thin|hairline|italic|oblique|regular|roman|book|normal|variable|it|bd|bdit|mt|ps|psmt)+$/;

/** Known names, longest first, for the prefix match. */
const BY_LENGTH: [string, FontRow][] = [...BY_NAME].sort((a, b) => b[0].length - a[0].length);
