// Version strings the mail clients wrote, by release date: a person's client updates some days after
// a release (a per-person lag), so the strings drift over the year as they do in a real mailbox.
// Sources: iOS build numbers from Apple's release notes (e.g. 12.1.4 = 16D57, 14.4 = 18D52,
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
];

/** Mail.app: version shown in Mime-Version and the build shown in both headers. */
const APPLE_MAIL: Table<{ mail: string; build: string }> = [
  ['2018-09-24', { mail: '12.0', build: '3445.100.39' }],
  ['2019-03-25', { mail: '12.4', build: '3445.104.11' }],
  ['2020-11-12', { mail: '14.0', build: '3654.20.0.2.21' }],
  ['2021-02-01', { mail: '14.0', build: '3654.60.0.2.21' }],
  ['2021-10-25', { mail: '15.0', build: '3693.20.0.1.32' }],
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

export const iosAt = (at: number, lag: number) => pick(IOS, at, lag);
export const thunderbirdAt = (at: number, lag: number) => pick(THUNDERBIRD, at, lag);
export const appleMailAt = (at: number, lag: number) => pick(APPLE_MAIL, at, lag);
export const roundcubeAt = (at: number, lag: number) => pick(ROUNDCUBE, at, lag);
export const exchangeAt = (at: number) => pick(EXCHANGE, at, 0);
