// Mail-client versions and when they were first released to the public, for the "client released
// after the Date" check (field survey S39). A message claiming a Date before its X-Mailer/User-Agent
// existed was written later than it says — or its headers were rewritten by an export tool.
//
// Every row carries its source. Dates are the first public (general-availability) release of the
// major version; where a beta circulated earlier the check allows a margin (RELEASE_MARGIN_DAYS).
// `precision: 'month'` rows give the first day of the month the source names, which errs on the
// side of not flagging.

export interface MailClientRelease {
  /** Client family as detected from the header: 'thunderbird' | 'outlook' | 'outlook-express' | 'ios-mail' | 'mutt'. */
  family: string;
  /** Major version as written in the header (Thunderbird 60, Outlook 16.0, iOS build prefix 16A → iOS 12). */
  version: string;
  /** First public release, UTC date. */
  released: string;
  precision: 'day' | 'month';
  source: string;
}

/** Betas and insider channels run ahead of general availability. */
export const RELEASE_MARGIN_DAYS = 45;

const TB = (v: string) => `https://www.thunderbird.net/en-US/thunderbird/${v}/releasenotes/`;
const IOS = 'https://en.wikipedia.org/wiki/IOS_version_history';
const MUTT = 'http://www.mutt.org/ (news: release announcements); https://gitlab.com/muttmua/mutt/-/blob/master/ChangeLog';

const MAIL_CLIENT_RELEASES: readonly MailClientRelease[] = [
  // Mozilla Thunderbird (User-Agent "... Thunderbird/NN.x.y"). Since 17 the major version follows Firefox ESR.
  { family: 'thunderbird', version: '1', released: '2004-12-07', precision: 'day', source: TB('1.0') },
  { family: 'thunderbird', version: '2', released: '2007-04-18', precision: 'day', source: TB('2.0') },
  { family: 'thunderbird', version: '3', released: '2009-12-08', precision: 'day', source: TB('3.0') },
  { family: 'thunderbird', version: '5', released: '2011-06-28', precision: 'day', source: TB('5.0') },
  {
    family: 'thunderbird',
    version: '17',
    released: '2012-11-01',
    precision: 'month',
    source: 'https://allanhutchison.net/2015/06/18/thunderbird-numbering/ ("November 2012 with Thunderbird 17"); ' + TB('17.0'),
  },
  {
    family: 'thunderbird',
    version: '24',
    released: '2013-09-01',
    precision: 'month',
    source: 'https://allanhutchison.net/2015/06/18/thunderbird-numbering/ ("September 2013 ... Thunderbird 24"); ' + TB('24.0'),
  },
  {
    family: 'thunderbird',
    version: '31',
    released: '2014-07-01',
    precision: 'month',
    source: 'https://allanhutchison.net/2015/06/18/thunderbird-numbering/ ("July 2014 was Thunderbird 31"); ' + TB('31.0'),
  },
  {
    family: 'thunderbird',
    version: '38',
    released: '2015-05-01',
    precision: 'month',
    source: 'https://allanhutchison.net/2015/06/18/thunderbird-numbering/ ("May 2015 we moved to ... 38"); ' + TB('38.0.1'),
  },
  { family: 'thunderbird', version: '45', released: '2016-03-01', precision: 'month', source: TB('45.0') },
  { family: 'thunderbird', version: '52', released: '2017-04-01', precision: 'month', source: TB('52.0') },
  {
    family: 'thunderbird',
    version: '60',
    released: '2018-08-06',
    precision: 'day',
    source:
      'https://ubuntu.dirkschmidtke.de/en/2018/10/22/mozilla-thunderbird-enters-new-era-with-build-in-delay/ ("Thunderbird 60 was released on August 6, 2018"); ' +
      TB('60.0'),
  },
  { family: 'thunderbird', version: '68', released: '2019-08-01', precision: 'month', source: TB('68.0') },
  { family: 'thunderbird', version: '78', released: '2020-07-01', precision: 'month', source: TB('78.0') },
  { family: 'thunderbird', version: '91', released: '2021-08-01', precision: 'month', source: TB('91.0') },
  { family: 'thunderbird', version: '102', released: '2022-06-01', precision: 'month', source: TB('102.0') },
  { family: 'thunderbird', version: '115', released: '2023-07-01', precision: 'month', source: TB('115.0') },
  { family: 'thunderbird', version: '128', released: '2024-07-01', precision: 'month', source: TB('128.0') },
  // Microsoft Outlook (X-Mailer "Microsoft Outlook 16.0", "Microsoft Office Outlook 12.0", ...).
  {
    family: 'outlook',
    version: '12.0',
    released: '2006-11-30',
    precision: 'day',
    source:
      'Office 2007 volume availability 30 Nov 2006, retail 30 Jan 2007: research/field-survey.md T2; https://en.wikipedia.org/wiki/Microsoft_Office_2007',
  },
  {
    family: 'outlook',
    version: '14.0',
    released: '2010-06-01',
    precision: 'month',
    source: 'https://en.wikipedia.org/wiki/Microsoft_Office_2010 (general availability June 2010)',
  },
  {
    family: 'outlook',
    version: '15.0',
    released: '2013-01-01',
    precision: 'month',
    source: 'https://en.wikipedia.org/wiki/Microsoft_Office_2013 (general availability January 2013)',
  },
  {
    family: 'outlook',
    version: '16.0',
    released: '2015-09-01',
    precision: 'month',
    source: 'https://en.wikipedia.org/wiki/Microsoft_Office_2016 (released September 2015); research/field-survey.md T2',
  },
  // Outlook Express 6 shipped with Internet Explorer 6 (X-Mailer "Microsoft Outlook Express 6.00.xxxx").
  {
    family: 'outlook-express',
    version: '6',
    released: '2001-08-27',
    precision: 'day',
    source: 'https://en.wikipedia.org/wiki/Internet_Explorer_6 (released 27 Aug 2001, bundles Outlook Express 6)',
  },
  // iOS Mail (X-Mailer "iPhone Mail (16A366)"): the build prefix number N is iOS N-4.
  { family: 'ios-mail', version: '11', released: '2013-09-18', precision: 'day', source: `${IOS} (iOS 7, build 11A465)` },
  { family: 'ios-mail', version: '12', released: '2014-09-17', precision: 'day', source: `${IOS} (iOS 8, build 12A365)` },
  { family: 'ios-mail', version: '13', released: '2015-09-16', precision: 'day', source: `${IOS} (iOS 9, build 13A344)` },
  { family: 'ios-mail', version: '14', released: '2016-09-13', precision: 'day', source: `${IOS} (iOS 10, build 14A403)` },
  { family: 'ios-mail', version: '15', released: '2017-09-19', precision: 'day', source: `${IOS} (iOS 11, build 15A372)` },
  { family: 'ios-mail', version: '16', released: '2018-09-17', precision: 'day', source: `${IOS} (iOS 12, build 16A366)` },
  { family: 'ios-mail', version: '17', released: '2019-09-19', precision: 'day', source: `${IOS} (iOS 13, build 17A577)` },
  { family: 'ios-mail', version: '18', released: '2020-09-16', precision: 'day', source: `${IOS} (iOS 14, build 18A373)` },
  { family: 'ios-mail', version: '19', released: '2021-09-20', precision: 'day', source: `${IOS} (iOS 15, build 19A346)` },
  { family: 'ios-mail', version: '20', released: '2022-09-12', precision: 'day', source: `${IOS} (iOS 16, build 20A362)` },
  { family: 'ios-mail', version: '21', released: '2023-09-18', precision: 'day', source: `${IOS} (iOS 17, build 21A329)` },
  { family: 'ios-mail', version: '22', released: '2024-09-16', precision: 'day', source: `${IOS} (iOS 18, build 22A3354)` },
  // Mutt (User-Agent "Mutt/1.5.21 (2010-09-15)" — it even writes its own release date).
  { family: 'mutt', version: '1.5.21', released: '2010-09-15', precision: 'day', source: MUTT },
  { family: 'mutt', version: '1.6', released: '2016-04-04', precision: 'day', source: MUTT },
  { family: 'mutt', version: '1.8', released: '2017-02-24', precision: 'day', source: MUTT },
  { family: 'mutt', version: '1.10', released: '2018-05-19', precision: 'day', source: MUTT },
  { family: 'mutt', version: '1.12', released: '2019-05-25', precision: 'day', source: MUTT },
  { family: 'mutt', version: '2.0', released: '2020-11-07', precision: 'day', source: MUTT },
  { family: 'mutt', version: '2.2', released: '2022-02-12', precision: 'day', source: MUTT },
];

export interface ClientIdentity {
  family: string;
  /** The key into MAIL_CLIENT_RELEASES (major version or build prefix). */
  version: string;
  /** As written in the header. */
  raw: string;
  /** Release date written in the header itself (Mutt does this), when present. */
  selfDated?: string;
}

/** Recognises the client and its version in an X-Mailer / User-Agent value. */
export function identifyClient(value: string): ClientIdentity | null {
  const v = value.trim();
  let m = v.match(/Thunderbird\/(\d+)(?:\.(\d+))?/i);
  if (m) {
    const major = Number(m[1]);
    // Before 5, Thunderbird's "major" was the first component (1.5 → 1, 2.0 → 2, 3.1 → 3).
    return { family: 'thunderbird', version: String(major), raw: v };
  }
  m = v.match(/Microsoft (?:Office )?Outlook (1[2-6])\.0/i);
  if (m) return { family: 'outlook', version: `${m[1]}.0`, raw: v };
  m = v.match(/Microsoft Outlook Express (\d+)\./i);
  if (m) return { family: 'outlook-express', version: m[1], raw: v };
  m = v.match(/iP(?:hone|ad) Mail \((\d+)[A-Z]\d+[a-z]?\)/);
  if (m) return { family: 'ios-mail', version: m[1], raw: v };
  m = v.match(/^Mutt\/(\d+)\.(\d+)(?:\.(\d+))?(?:[^(]*\((\d{4}-\d{2}-\d{2})\))?/i);
  if (m) {
    const [, a, b, c, selfDated] = m;
    return { family: 'mutt', version: c !== undefined && a === '1' && b === '5' ? `1.5.${c}` : `${a}.${b}`, raw: v, selfDated };
  }
  return null;
}

/** The release row for a client, or the closest earlier known row of the same family (a 1.9 Mutt is at least as new as 1.8). */
export function releaseOf(client: ClientIdentity): MailClientRelease | null {
  const rows = MAIL_CLIENT_RELEASES.filter((r) => r.family === client.family);
  const exact = rows.find((r) => r.version === client.version);
  if (exact) return exact;
  const num = (s: string) => s.split('.').map(Number);
  const cmp = (a: string, b: string) => {
    const x = num(a);
    const y = num(b);
    for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
    return 0;
  };
  const earlier = rows.filter((r) => cmp(r.version, client.version) <= 0).sort((a, b) => cmp(b.version, a.version));
  return earlier[0] ?? null;
}

/** A mail client family as X-Mailer / User-Agent names it, for the sender model and the Message-ID check. */
export interface MailClientFamily {
  /** Family id, shared with message-id-syntax.ts `clients`. */
  family: string;
  label: string;
  /** Matches the X-Mailer or User-Agent value. Rows are tried in order: the first match wins. */
  pattern: RegExp;
  /** Webmail: the header is written by a server-side program, often without the user's device. */
  webmail?: boolean;
  /** The program writes its X-Mailer/User-Agent in every message by default (the row's source shows
   *  it): a Message-ID in its own form on a message naming no client was not written by it. */
  namesItself?: boolean;
  source: string;
}

const SA_RATWARE_MUA = 'apache/spamassassin rules/20_ratware.cf @f7fe7b82 (the MUA patterns of its FORGED_MUA_* rules)';
const SEEN = (path: string) => `observed: shared corpus ${path}`;

export const MAIL_CLIENT_FAMILIES: readonly MailClientFamily[] = [
  {
    family: 'outlook-express',
    namesItself: true,
    label: 'Outlook Express',
    pattern: /Outlook Express/i,
    source: `${SA_RATWARE_MUA} (__OE_MUA /\\bOutlook Express [456]\\./)`,
  },
  {
    family: 'outlook-mac',
    namesItself: true,
    label: 'Outlook for Mac / Entourage',
    pattern: /Microsoft-MacOutlook|Microsoft-Entourage|Outlook for Mac/i,
    source: SEEN('email/mbox/tika-complex.mbox (Microsoft-Entourage/12.17.0.090302)'),
  },
  {
    family: 'outlook-mobile',
    label: 'Outlook for iOS/Android',
    pattern: /Outlook-(?:iOS|Android)|Outlook for (?:iOS|Android)/i,
    source: 'observed: public messages (X-Mailer: Outlook-iOS-Android)',
  },
  {
    family: 'outlook',
    namesItself: true,
    label: 'Microsoft Outlook (Windows)',
    pattern: /Microsoft (?:Office )?Outlook(?:[ ,]|$)|^Outlook IMO|Microsoft Outlook IMO/i,
    source: `${SA_RATWARE_MUA} (__OUTLOOK_DOLLARS_MUA /^Microsoft Outlook(?: 8| CWS, Build 9|, Build 10)\\./); ${SEEN('email/msg (Microsoft Outlook 15.0, Microsoft Office Outlook 12.0)')}`,
  },
  {
    family: 'windows-mail',
    namesItself: true,
    label: 'Windows Mail / Windows Live Mail',
    pattern: /Windows (?:Live )?Mail/i,
    source: SA_RATWARE_MUA + ' (__VISTA_MSGID comment)',
  },
  {
    family: 'ios-mail',
    namesItself: true,
    label: 'iOS Mail',
    pattern: /iP(?:hone|ad|od) Mail/i,
    source: 'observed: public list archives (X-Mailer: iPhone Mail (16B92))',
  },
  {
    family: 'apple-mail',
    namesItself: true,
    label: 'Apple Mail (macOS)',
    pattern: /^Apple Mail\b/i,
    source: `${SA_RATWARE_MUA} (__X_MAILER_APPLEMAIL /^Apple Mail \\(\\d\\.\\d+(?:\\.\\d+)?\\)$/)`,
  },
  {
    family: 'thunderbird',
    namesItself: true,
    label: 'Mozilla Thunderbird',
    pattern: /Thunderbird|Icedove|Betterbird/i,
    source: `${SEEN('email/eml/tika-testEmailWithPNGAtt.eml (User-Agent: ... Thunderbird/38.8.0)')}; mozilla/releases-comm-central mailnews/mailnews.js: pref("mailnews.headers.sendUserAgent", true)`,
  },
  {
    family: 'seamonkey',
    label: 'SeaMonkey / Mozilla suite',
    pattern: /SeaMonkey|^Mozilla\/5\.0 .*Gecko\/\d+$/i,
    source: `${'apache/spamassassin rules/20_meta_tests.cf @f7fe7b82'} (__MOZILLA_MUA /^mozilla\\b/i)`,
  },
  {
    family: 'netscape',
    label: 'Netscape Communicator',
    pattern: /^Mozilla 4\.|Netscape/i,
    source: SEEN('email/spamassassin/spam/003.eml (X-Mailer: Mozilla 4.04 [en]C-bls40 (Win95; U))'),
  },
  {
    family: 'em-client',
    label: 'eM Client',
    pattern: /eM_Client|eM Client/i,
    namesItself: true,
    source: 'observed: public list archives (User-Agent: eM_Client/7.2.34062.0 to 9.2.1735.0, every message)',
  },
  {
    family: 'mailspring',
    label: 'Mailspring',
    pattern: /^Mailspring\b/i,
    namesItself: true,
    source:
      'observed: public list archives (linux-media: X-Mailer: Mailspring); Foundry376/Mailspring (the sync engine adds it to every draft)',
  },
  {
    family: 'k9',
    label: 'K-9 Mail / Thunderbird for Android',
    pattern: /K-9 Mail|Thunderbird for Android/i,
    source: 'thunderbird/thunderbird-android (User-Agent "K-9 Mail for Android")',
  },
  {
    family: 'roundcube',
    label: 'Roundcube Webmail',
    pattern: /Roundcube/i,
    webmail: true,
    source: SEEN('email/dkim/mailauth-real/authtest.eml (User-Agent: Roundcube Webmail/1.1-git)'),
  },
  {
    family: 'horde',
    label: 'Horde IMP',
    pattern: /Horde|Internet Messaging Program/i,
    webmail: true,
    source: 'horde/imp (User-Agent: Horde Application Framework / Internet Messaging Program (IMP))',
  },
  {
    family: 'squirrelmail',
    label: 'SquirrelMail',
    pattern: /SquirrelMail/i,
    webmail: true,
    source: SEEN('email/spamassassin/nice/002.eml (User-Agent: SquirrelMail (version 1.0.6))'),
  },
  {
    family: 'yahoo',
    label: 'Yahoo Mail',
    pattern: /YahooMail/i,
    webmail: true,
    source: SEEN('email/pst/tika-testPST.pst (YahooMailWebService/0.8.177.636)'),
  },
  {
    family: 'zimbra',
    label: 'Zimbra',
    pattern: /Zimbra/i,
    webmail: true,
    source: 'observed: public messages (X-Mailer: Zimbra 8.8.15_GA)',
  },
  {
    family: 'mutt',
    label: 'Mutt / NeoMutt',
    pattern: /^(?:Neo)?Mutt\b/i,
    source: SEEN('email/spamassassin/nice/007.eml (User-Agent: Mutt/1.5.3i)'),
  },
  {
    family: 'evolution',
    namesItself: true,
    label: 'GNOME Evolution',
    pattern: /^Evolution\b/i,
    source: SEEN('email/spamassassin/nice/001.eml (X-Mailer: Evolution/0.10)'),
  },
  {
    family: 'gnus',
    label: 'Gnus (Emacs)',
    pattern: /\bGnus\b/,
    source: SEEN('email/spamassassin/nice/mailman_message.txt (User-Agent: Gnus/5.0808)'),
  },
  {
    family: 'wanderlust',
    label: 'Wanderlust (Emacs)',
    pattern: /Wanderlust/i,
    source: SEEN('email/spamassassin/nice-cjk/iso-2022-jp.1.eml'),
  },
  {
    family: 'pine',
    label: 'Pine / Alpine',
    pattern: /^(?:Alpine|Pine)\b/i,
    source: 'observed: public list archives (User-Agent: Alpine 2.00 (DEB 1167 2008-08-23))',
  },
  {
    family: 'claws',
    namesItself: true,
    label: 'Claws Mail / Sylpheed',
    pattern: /Claws Mail|Sylpheed/i,
    source: 'observed: public list archives (X-Mailer: Claws Mail 3.x)',
  },
  { family: 'eudora', label: 'Eudora', pattern: /Eudora/i, namesItself: true, source: `${SA_RATWARE_MUA} (__EUDORA_MUA)` },
  {
    family: 'lotus-notes',
    namesItself: true,
    label: 'Lotus Notes',
    pattern: /Lotus Notes/i,
    source: SEEN('email/eml/tika-testLotusEml.eml (X-Mailer: Lotus Notes Release 8.5.3)'),
  },
  {
    family: 'groupwise',
    namesItself: true,
    label: 'Novell GroupWise',
    pattern: /GroupWise/i,
    source: SEEN('email/eml/tika-testGroupWiseEml.eml (X-Mailer: GroupWise 2012)'),
  },
  { family: 'aol', label: 'AOL client', pattern: /^AOL\b/, source: `${SA_RATWARE_MUA} (__AOL_MUA /\\bAOL\\b/)` },
  { family: 'the-bat', label: 'The Bat!', pattern: /The Bat!/, source: `${SA_RATWARE_MUA} (__THEBAT_MUA)` },
  { family: 'foxmail', label: 'Foxmail', pattern: /Foxmail/i, source: SEEN('email/spamassassin/spam/unicode2.eml (X-Mailer: Foxmail 7)') },
  {
    family: 'phpmailer',
    label: 'PHPMailer',
    pattern: /PHPMailer/i,
    source: 'PHPMailer/PHPMailer src/PHPMailer.php (XMailer default "PHPMailer " . VERSION)',
  },
  {
    family: 'swaks',
    label: 'swaks (SMTP test tool)',
    pattern: /\bswaks\b/i,
    source: 'jetmore/swaks swaks: "X-Mailer: swaks v$p_version jetmore.org/john/code/swaks/" in its default headers',
  },
  { family: 'swiftmailer', label: 'SwiftMailer', pattern: /Swift ?Mailer/i, source: 'swiftmailer/swiftmailer (X-Mailer header when set)' },
  {
    family: 'nodemailer',
    label: 'Nodemailer',
    pattern: /nodemailer/i,
    source: SEEN('email/eml/mailparser-nodemailer.eml (X-Mailer: nodemailer (2.6.0; +http://nodemailer.com/ ...))'),
  },
  {
    family: 'mimekit',
    label: 'MimeKit / MailKit',
    pattern: /MimeKit|MailKit/i,
    source: 'jstedfast/MimeKit (X-Mailer when the application sets it)',
  },
  {
    family: 'mime-lite',
    label: 'Perl MIME::Lite',
    pattern: /MIME::Lite/,
    source: SEEN('email/spamassassin/spam/badmime.txt (X-Mailer: MIME::Lite 2.117)'),
  },
];

/** The family of an X-Mailer / User-Agent value, or null when no row knows it. */
export function clientFamilyOf(value: string | undefined | null): MailClientFamily | null {
  const v = (value ?? '').trim();
  if (!v) return null;
  return MAIL_CLIENT_FAMILIES.find((f) => f.pattern.test(v)) ?? null;
}
