// Version strings the mail clients wrote, by release date: a person's client updates some days after
// a release (a per-person lag), so the strings drift over the year as they do in a real mailbox.
// Sources: iOS build numbers (16.x 20A362-20G75, 17.x 21A329-21G80, 10.3.x 14E277-14G60, 11.x 15A372-15D100) from Apple's release notes (e.g. 12.1.4 = 16D57, 14.4 = 18D52,
// 15.0 = 19A346), Thunderbird release dates from mozilla.org/thunderbird/releases, Mail.app builds
// as they appear in "Mime-Version: 1.0 (Mac OS X Mail 12.4 \(3445.104.11\))" headers, Exchange 2016
// CU build numbers from Microsoft's "Exchange Server build numbers" page.

type Table<T> = [string, T][];

const IOS: Table<{ version: string; build: string }> = [
  ['2018-09-17', { version: '12.0', build: '16A366' }],
  ['2018-10-30', { version: '12.1', build: '16B92' }],
  ['2018-12-17', { version: '12.1.2', build: '16C101' }],
  ['2019-02-07', { version: '12.1.4', build: '16D57' }],
  ['2019-03-25', { version: '12.2', build: '16E227' }],
  ['2019-05-24', { version: '12.3.1', build: '16F203' }],
  ['2019-07-22', { version: '12.4', build: '16G77' }],
  ['2020-11-05', { version: '14.2', build: '18B92' }],
  ['2020-12-14', { version: '14.3', build: '18C66' }],
  ['2021-01-26', { version: '14.4', build: '18D52' }],
  ['2021-04-26', { version: '14.5', build: '18E199' }],
  ['2021-05-24', { version: '14.6', build: '18F72' }],
  ['2021-07-26', { version: '14.7.1', build: '18G82' }],
  ['2021-09-20', { version: '15.0', build: '19A346' }],
  ['2021-10-25', { version: '15.1', build: '19B74' }],
  ['2021-12-13', { version: '15.2', build: '19C56' }],
  ['2022-01-26', { version: '15.3', build: '19D50' }],
  ['2022-09-12', { version: '16.0', build: '20A362' }],
  ['2022-10-24', { version: '16.1', build: '20B82' }],
  ['2022-12-13', { version: '16.2', build: '20C65' }],
  ['2023-01-23', { version: '16.3', build: '20D47' }],
  ['2023-03-27', { version: '16.4', build: '20E247' }],
  ['2023-05-18', { version: '16.5', build: '20F66' }],
  ['2023-07-24', { version: '16.6', build: '20G75' }],
  ['2023-09-18', { version: '17.0', build: '21A329' }],
  ['2023-10-25', { version: '17.1', build: '21B74' }],
  ['2023-12-11', { version: '17.2', build: '21C62' }],
  ['2024-01-22', { version: '17.3', build: '21D50' }],
  ['2024-03-05', { version: '17.4', build: '21E219' }],
  ['2024-05-13', { version: '17.5', build: '21F79' }],
  ['2024-07-29', { version: '17.6', build: '21G80' }],
];

/** iOS 10 and 11 (the Tokyo organisation's year); kept apart so the table above picks as before. */
const IOS_2017: Table<{ version: string; build: string }> = [
  ['2017-01-23', { version: '10.2.1', build: '14D27' }],
  ['2017-03-27', { version: '10.3', build: '14E277' }],
  ['2017-04-03', { version: '10.3.1', build: '14E304' }],
  ['2017-05-15', { version: '10.3.2', build: '14F89' }],
  ['2017-07-19', { version: '10.3.3', build: '14G60' }],
  ['2017-09-19', { version: '11.0', build: '15A372' }],
  ['2017-10-11', { version: '11.0.3', build: '15A432' }],
  ['2017-10-31', { version: '11.1', build: '15B93' }],
  ['2017-12-02', { version: '11.2', build: '15C114' }],
  ['2017-12-13', { version: '11.2.1', build: '15C153' }],
  ['2018-01-23', { version: '11.2.5', build: '15D60' }],
  ['2018-02-19', { version: '11.2.6', build: '15D100' }],
];

const THUNDERBIRD: Table<string> = [
  ['2018-08-06', '60.0'],
  ['2018-10-01', '60.2.1'],
  ['2018-10-31', '60.3.0'],
  ['2019-01-28', '60.5.0'],
  ['2019-03-22', '60.6.1'],
  ['2019-05-21', '60.7.0'],
  ['2019-07-09', '60.8.0'],
  ['2020-10-20', '78.4.0'],
  ['2020-12-15', '78.6.0'],
  ['2021-01-26', '78.7.0'],
  ['2021-03-23', '78.9.0'],
  ['2021-04-19', '78.10.0'],
  ['2021-06-01', '78.11.0'],
  ['2021-07-13', '78.12.0'],
  ['2021-08-10', '78.13.0'],
  ['2021-10-05', '91.2.0'],
  ['2021-11-02', '91.3.0'],
  ['2021-12-07', '91.4.0'],
  ['2022-01-11', '91.5.0'],
  ['2022-02-08', '91.6.0'],
  ['2023-02-15', '102.8.0'],
  ['2023-03-13', '102.9.0'],
  ['2023-04-11', '102.10.0'],
  ['2023-05-09', '102.11.0'],
  ['2023-06-06', '102.12.0'],
  ['2023-07-11', '102.13.0'],
  ['2023-08-01', '102.14.0'],
  ['2023-08-29', '102.15.0'],
  ['2023-10-02', '115.3.1'],
  ['2023-10-24', '115.4.1'],
  ['2023-11-21', '115.5.0'],
  ['2023-12-19', '115.6.0'],
  ['2024-01-23', '115.7.0'],
  ['2024-02-20', '115.8.0'],
  ['2024-03-19', '115.9.0'],
  ['2024-04-16', '115.10.1'],
  ['2024-05-14', '115.11.0'],
  ['2024-06-11', '115.12.0'],
];

/** Thunderbird 45-52 (2017); kept apart so the table above picks as before. */
const THUNDERBIRD_2017: Table<string> = [
  ['2017-03-07', '45.8.0'],
  ['2017-04-13', '52.0'],
  ['2017-05-01', '52.1.0'],
  ['2017-06-15', '52.2.0'],
  ['2017-08-16', '52.3.0'],
  ['2017-10-04', '52.4.0'],
  ['2017-11-23', '52.5.0'],
  ['2018-01-23', '52.6.0'],
];

/** Mail.app: version shown in Mime-Version and the build shown in both headers. */
const APPLE_MAIL: Table<{ mail: string; build: string }> = [
  ['2018-09-24', { mail: '12.0', build: '3445.100.39' }],
  ['2019-03-25', { mail: '12.4', build: '3445.104.11' }],
  ['2020-11-12', { mail: '14.0', build: '3654.20.0.2.21' }],
  ['2021-02-01', { mail: '14.0', build: '3654.60.0.2.21' }],
  ['2021-10-25', { mail: '15.0', build: '3693.20.0.1.32' }],
  ['2022-10-24', { mail: '16.0', build: '3731.200.110.1.12' }],
  ['2023-09-26', { mail: '16.0', build: '3774.200.91.1.1' }],
  ['2024-03-07', { mail: '16.0', build: '3774.500.171.1.1' }],
];

/** Mail 10-11 (Sierra, High Sierra) for 2017. */
const APPLE_MAIL_2017: Table<{ mail: string; build: string }> = [
  ['2016-09-20', { mail: '10.0', build: '3226' }],
  ['2017-03-27', { mail: '10.3', build: '3273' }],
  ['2017-09-25', { mail: '11.0', build: '3445.1.6' }],
  ['2017-12-06', { mail: '11.2', build: '3445.5.20' }],
];

/** Outlook for Mac's user-agent version: 15.x (Outlook 2016) wrote its minor version in hexadecimal,
 *  "f.21.0.170409"; 16.x in 2018 "10.9.0.180116"; later builds "16.78.23102103". */
const MAC_OUTLOOK: Table<string> = [
  ['2017-02-16', 'f.1f.0.170216'],
  ['2017-03-09', 'f.20.0.170309'],
  ['2017-04-09', 'f.21.0.170409'],
  ['2017-05-15', 'f.22.0.170515'],
  ['2017-06-10', 'f.23.0.170610'],
  ['2017-07-02', 'f.24.0.170702'],
  ['2017-08-15', 'f.25.0.170815'],
  ['2017-09-02', 'f.26.0.170902'],
  ['2017-10-10', 'f.27.0.171010'],
  ['2017-11-08', 'f.28.0.171108'],
  ['2017-12-05', 'f.29.0.171205'],
  ['2018-01-16', '10.9.0.180116'],
  ['2018-02-10', '10.a.0.180210'],
  ['2018-03-11', '10.b.0.180311'],
  ['2023-08-15', '16.76.23081101'],
  ['2023-09-12', '16.77.23091003'],
  ['2023-10-21', '16.78.23102103'],
  ['2023-11-10', '16.79.23111019'],
  ['2023-12-10', '16.80.23121017'],
  ['2024-01-14', '16.81.24011420'],
  ['2024-02-11', '16.82.24021116'],
  ['2024-03-11', '16.83.24031120'],
  ['2024-04-14', '16.84.24041420'],
  ['2024-05-12', '16.85.24051214'],
  ['2024-06-09', '16.86.24060916'],
  ['2024-07-14', '16.87.24071426'],
  ['2024-08-11', '16.88.24081116'],
];

/** Zimbra 8.8.15 patch builds and the browser the web client names, by date. */
const ZIMBRA: Table<{ server: string; client: string; browser: string }> = [
  ['2022-12-01', { server: '8.8.15_GA_4484', client: '8.8.15_GA_4481', browser: 'GC108 (Win)' }],
  ['2023-03-01', { server: '8.8.15_GA_4508', client: '8.8.15_GA_4508', browser: 'GC110 (Win)' }],
  ['2023-06-01', { server: '8.8.15_GA_4522', client: '8.8.15_GA_4522', browser: 'GC114 (Win)' }],
  ['2023-09-01', { server: '8.8.15_GA_4545', client: '8.8.15_GA_4545', browser: 'GC116 (Win)' }],
  ['2023-12-01', { server: '8.8.15_GA_4562', client: '8.8.15_GA_4562', browser: 'GC119 (Win)' }],
];

const ROUNDCUBE: Table<string> = [
  ['2018-07-24', '1.3.7'],
  ['2018-10-27', '1.3.8'],
  ['2019-04-27', '1.3.9'],
];

const EXCHANGE: Table<{ id: string; mapi: string }> = [
  ['2020-01-01', { id: '15.1.2176.2', mapi: '15.01.2176.002' }],
  ['2021-03-16', { id: '15.1.2242.4', mapi: '15.01.2242.004' }],
  ['2021-06-29', { id: '15.1.2308.8', mapi: '15.01.2308.008' }],
  ['2021-09-28', { id: '15.1.2375.7', mapi: '15.01.2375.007' }],
];

function pick<T>(table: Table<T>, at: number, lagDays: number): T {
  let chosen = table[0][1];
  for (const [date, v] of table) if (Date.parse(date) + lagDays * 86_400_000 <= at) chosen = v;
  return chosen;
}

/** A stable per-person update lag (0-20 days) from their address. */
export function updateLag(email: string): number {
  let h = 0;
  for (const c of email) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0;
  return h % 21;
}

const BEFORE_2018_06 = Date.parse('2018-06-01');
export const iosAt = (at: number, lag: number) => (at < BEFORE_2018_06 ? pick(IOS_2017, at, lag) : pick(IOS, at, lag));
export const thunderbirdAt = (at: number, lag: number) =>
  at < BEFORE_2018_06 ? pick(THUNDERBIRD_2017, at, lag) : pick(THUNDERBIRD, at, lag);
export const appleMailAt = (at: number, lag: number) => (at < BEFORE_2018_06 ? pick(APPLE_MAIL_2017, at, lag) : pick(APPLE_MAIL, at, lag));
export const macOutlookAt = (at: number, lag: number) => pick(MAC_OUTLOOK, at, lag);
export const zimbraAt = (at: number, lag: number) => pick(ZIMBRA, at, lag);
export const roundcubeAt = (at: number, lag: number) => pick(ROUNDCUBE, at, lag);
export const exchangeAt = (at: number) => pick(EXCHANGE, at, 0);
