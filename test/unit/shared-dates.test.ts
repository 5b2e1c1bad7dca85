import { describe, expect, it } from 'vitest';
import { parseExifDate, parseIsoDate, parsePdfDate, parseRfc2822Date, claimDate } from '../../src/shared/dates.js';

describe('date parsing keeps the instant and the written zone apart', () => {
  it('PDF dates', () => {
    expect(parsePdfDate("D:20170428101112+02'00'")).toEqual({ utc: '2017-04-28T08:11:12.000Z', offsetMinutes: 120 });
    expect(parsePdfDate('D:20170428101112Z')).toEqual({ utc: '2017-04-28T10:11:12.000Z', offsetMinutes: 0 });
    expect(parsePdfDate('D:20170428')).toEqual({ utc: '2017-04-28T00:00:00.000Z', offsetMinutes: null });
    expect(parsePdfDate("D:20170428101112-05'30")).toEqual({ utc: '2017-04-28T15:41:12.000Z', offsetMinutes: -330 });
    expect(parsePdfDate('garbage').utc).toBeNull();
    expect(parsePdfDate('D:20171345101112').utc).toBeNull();
  });
  it('XMP / ISO dates', () => {
    expect(parseIsoDate('2017-04-28T10:11:12+02:00')).toEqual({ utc: '2017-04-28T08:11:12.000Z', offsetMinutes: 120 });
    expect(parseIsoDate('2017-04-28T10:11:12.345Z').utc).toBe('2017-04-28T10:11:12.000Z');
    expect(parseIsoDate('2017-04').utc).toBe('2017-04-01T00:00:00.000Z');
    expect(parseIsoDate("D:20170428101112+02'00'").offsetMinutes).toBe(120); // XMP written in PDF syntax
  });
  it('EXIF dates with OffsetTime', () => {
    expect(parseExifDate('2017:04:28 10:11:12', '+02:00')).toEqual({ utc: '2017-04-28T08:11:12.000Z', offsetMinutes: 120 });
    expect(parseExifDate('2017:04:28 10:11:12')).toEqual({ utc: '2017-04-28T10:11:12.000Z', offsetMinutes: null });
    expect(parseExifDate('0000:00:00 00:00:00').utc).toBeNull();
  });
  it('RFC 5322 dates, obsolete forms included', () => {
    expect(parseRfc2822Date('Mon, 1 May 2017 10:00:00 +0200')).toEqual({ utc: '2017-05-01T08:00:00.000Z', offsetMinutes: 120 });
    expect(parseRfc2822Date('1 May 17 10:00 GMT')).toEqual({ utc: '2017-05-01T10:00:00.000Z', offsetMinutes: 0 });
    expect(parseRfc2822Date('Tue, 15 Feb 2000 14:00:00 -0800 (PST)').utc).toBe('2000-02-15T22:00:00.000Z');
    expect(parseRfc2822Date('Mon, 1 May 2017 10:00:00 -0000').offsetMinutes).toBeNull();
    expect(parseRfc2822Date('not a date').utc).toBeNull();
  });
  it('claimDate picks the parser by syntax', () => {
    expect(claimDate('created', 'pdf.info:CreationDate', "D:20170428101112+02'00'").utc).toBe('2017-04-28T08:11:12.000Z');
    expect(claimDate('original', 'exif:DateTimeOriginal', '2017:04:28 10:11:12').utc).toBe('2017-04-28T10:11:12.000Z');
    expect(claimDate('sent', 'email.header:Date', 'Mon, 1 May 2017 10:00:00 +0200').offsetMinutes).toBe(120);
  });
});
