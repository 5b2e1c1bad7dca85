import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { receivedCheck } from '../../../../src/checks/email/received.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { NO_KEYS, emailDoc, setHeader } from './support.js';

const GOOD = 'email/dkim/authentication-milter/google_apps_good.eml';

describe.skipIf(corpusMissing())('email.received', () => {
  it('innocent: a real Gmail message relayed twice has a consistent chain (no finding)', async () => {
    const doc = await emailDoc(readFileSync(corpusPath(GOOD)));
    expect(doc.facts.email!.received.length).toBeGreaterThanOrEqual(2);
    expect(await receivedCheck.run(doc, NO_KEYS)).toEqual([]);
  });

  it('a Date header moved a day later than the first hop is flagged high, with both times as evidence', async () => {
    const raw = setHeader(readFileSync(corpusPath(GOOD)), 'Date', 'Mon, 26 Jan 2015 09:30:00 +0000');
    const findings = await receivedCheck.run(await emailDoc(raw), NO_KEYS);
    expect(findings).toHaveLength(1);
    expect(findings[0].severity).toBe('high');
    expect(findings[0].evidence).toMatchObject({ date: 'Mon, 26 Jan 2015 09:30:00 +0000' });
    expect((findings[0].evidence.firstHop as { utc: string }).utc.startsWith('2015-01-25T03:35')).toBe(true);
  });

  it('innocent: a Date some hours before the first hop (queued mail) stays low', async () => {
    const raw = setHeader(readFileSync(corpusPath(GOOD)), 'Date', 'Sat, 24 Jan 2015 02:00:00 -0800');
    const findings = await receivedCheck.run(await emailDoc(raw), NO_KEYS);
    expect(findings.map((f) => f.severity)).toEqual(['low']);
  });

  it('innocent: a foreign server stamping a step back (another organisation, off by whole hours) stays low', async () => {
    // SpamAssassin's nice/008: the lower hop (mail1.example.com) claims 23:17 -0600, the recipient's MX
    // (sonic.net) stamped 07:21 -0800: 13 h 56 min back, two organisations, about 14 whole hours.
    const findings = await receivedCheck.run(await emailDoc(readFileSync(corpusPath('email/spamassassin/nice/008.eml'))), NO_KEYS);
    const hop = findings.find((f) => /stamped/.test(f.message));
    expect(hop?.severity).toBe('low');
    expect(hop?.evidence).toMatchObject({ backwardsMs: (13 * 60 + 55) * 60_000 + 47_000, sameOrganisation: false, zoneShift: true });
  });

  it("a step back between two hops of one organisation's servers (a hand-edited stamp) is medium", async () => {
    const raw = readFileSync(corpusPath('email/spamassassin/nice/008.eml'))
      .toString('latin1')
      .replace(
        'by mail1.example.com with SMTP; Mon, 09 Feb 2004 23:17:44 -0600',
        'by relay.sonic.net with SMTP; Mon, 09 Feb 2004 19:47:44 -0600',
      );
    const findings = await receivedCheck.run(await emailDoc(Buffer.from(raw, 'latin1')), NO_KEYS);
    const hop = findings.find((f) => /stamped/.test(f.message));
    expect(hop?.severity).toBe('medium');
    expect(hop?.evidence).toMatchObject({ sameOrganisation: true, zoneShift: false });
    expect(hop?.message).toMatch(/both belong to sonic\.net/);
  });

  it('innocent: a Date some hours ahead of the first hop by whole hours (a client writing local time with the wrong zone) stays low', async () => {
    // google_apps_good's first hop is 2015-01-25 03:35 UTC; a client in +0500 writing its local time as +0000.
    const raw = setHeader(readFileSync(corpusPath(GOOD)), 'Date', 'Sun, 25 Jan 2015 08:35:40 +0000');
    const findings = await receivedCheck.run(await emailDoc(raw), NO_KEYS);
    expect(findings.map((f) => [f.severity, f.evidence.zoneShift])).toEqual([['low', true]]);
  });

  it('innocent: a Date without a zone is given the ±14 h every zone allows', async () => {
    const raw = setHeader(readFileSync(corpusPath(GOOD)), 'Date', 'Sun, 25 Jan 2015 13:20:00');
    expect(await receivedCheck.run(await emailDoc(raw), NO_KEYS)).toEqual([]);
  });

  it('innocent: a Date weeks before the first hop under a DKIM signature over the Date is low, and names email.dkim as the judge', async () => {
    const raw = setHeader(readFileSync(corpusPath(GOOD)), 'Date', 'Mon, 29 Dec 2014 10:00:00 +0100');
    const findings = await receivedCheck.run(await emailDoc(raw), NO_KEYS);
    expect(findings.map((f) => f.severity)).toEqual(['low']);
    expect(findings[0].message).toMatch(/DKIM signature of .* covers the Date.*email\.dkim/);
  });
});

/** Removes every instance of a header (with its continuation lines), as a forger deleting a signature does. */
function dropHeader(raw: Buffer | string, name: string): Buffer {
  const s = Buffer.isBuffer(raw) ? raw.toString('latin1') : raw;
  return Buffer.from(s.replace(new RegExp(`^${name}:[^\\n]*\\n(?:[ \\t][^\\n]*\\n)*`, 'gim'), ''), 'latin1');
}

/** Adds header lines on top of a message. */
const withHeaders = (raw: Buffer, lines: string[]) => Buffer.concat([Buffer.from(lines.map((l) => `${l}\r\n`).join(''), 'latin1'), raw]);

describe.skipIf(corpusMissing())('email.received: a Date set back by days, and what else explains it', () => {
  // Gmail's first hop of google_apps_good is 2015-01-25 03:35 UTC; nice/008's is 2004-02-10 05:17 UTC.
  const gmailUnsigned = () => dropHeader(dropHeader(readFileSync(corpusPath(GOOD)), 'DKIM-Signature'), 'X-Google-DKIM-Signature');
  const severities = async (raw: Buffer) => (await receivedCheck.run(await emailDoc(raw), NO_KEYS)).map((f) => f.severity);

  it.each([
    ['26 days, the signature deleted (Gmail)', () => setHeader(gmailUnsigned(), 'Date', 'Tue, 30 Dec 2014 09:12:40 +0100')],
    ['8 days, the signature deleted (Gmail)', () => setHeader(gmailUnsigned(), 'Date', 'Sat, 17 Jan 2015 07:02:11 -0800')],
    [
      '61 days, an unsigned message relayed twice (SpamAssassin nice/008)',
      () => setHeader(readFileSync(corpusPath('email/spamassassin/nice/008.eml')), 'Date', 'Wed, 10 Dec 2003 15:40:00 +0100'),
    ],
  ])('a Date set back %s is medium: no server queues a message that long', async (_, raw) => {
    const findings = await receivedCheck.run(await emailDoc(raw()), NO_KEYS);
    const early = findings.filter((f) => /earlier than the first server/.test(f.message));
    expect(early.map((f) => f.severity)).toEqual(['medium']);
    expect(early[0].message).toMatch(/No mail server queues a message that long/);
    expect(early[0].evidence).toMatchObject({ serverQueueMaxMs: 5 * 86_400_000 });
  });

  it('innocent: an outbox or a server queue (3 days) is low', async () => {
    expect(await severities(setHeader(gmailUnsigned(), 'Date', 'Thu, 22 Jan 2015 08:00:00 +0100'))).toEqual(['low']);
  });

  it.each([
    [
      're-sent (Resent- headers)',
      ['Resent-Date: Sun, 25 Jan 2015 04:35:00 +0100', 'Resent-From: Marc Bradshaw <marc@marcbradshaw.net>'],
      /re-sent/,
    ],
    ['distributed by a list', ['List-Id: <staff.example.org>', 'Precedence: list'], /mailing list/],
    ['deferred on purpose', ['Deferred-Delivery: Sun, 25 Jan 2015 03:30:00 +0000'], /deferred/],
  ])('innocent: a Date 40 days back on a message %s is low, with the reason', async (_, lines, why) => {
    const raw = withHeaders(setHeader(gmailUnsigned(), 'Date', 'Tue, 16 Dec 2014 11:00:00 +0100'), lines);
    const findings = await receivedCheck.run(await emailDoc(raw), NO_KEYS);
    expect(findings.map((f) => f.severity)).toEqual(['low']);
    expect(findings[0].message).toMatch(why);
    expect(findings[0].evidence.innocentCausesFound).toHaveLength(1);
  });

  it('innocent: a first hop that is a POP3 retrieval (fetchmail) is stamped when the mail was fetched', async () => {
    const raw = withHeaders(setHeader(dropHeader(gmailUnsigned(), 'Received'), 'Date', 'Tue, 16 Dec 2014 11:00:00 +0100'), [
      'Received: from pop.example.net [192.0.2.10] by laptop.local with POP3 (fetchmail-6.4.37) for <marc@localhost> (single-drop); Sun, 25 Jan 2015 09:00:00 +0100 (CET)',
    ]);
    const findings = await receivedCheck.run(await emailDoc(raw), NO_KEYS);
    expect(findings.map((f) => f.severity)).toEqual(['low']);
    expect(findings[0].message).toMatch(/retrieval/);
  });
});

describe.skipIf(corpusMissing())('email.received: more', () => {
  it('innocent: a real Mailgun message whose script wrote a Date 15 years old, under a signature that lists "Date" in h=, is low', async () => {
    const findings = await receivedCheck.run(await emailDoc(readFileSync(corpusPath('email/dkim/mailauth-real/message2.eml'))), NO_KEYS);
    expect(findings.map((f) => f.severity)).toEqual(['low']);
    expect(findings[0].message).toMatch(/5644 days earlier.*DKIM signature of mail\.projectpending\.com covers the Date/);
  });

  it('an offset no time zone uses is flagged', async () => {
    const raw = setHeader(readFileSync(corpusPath(GOOD)), 'Date', 'Sat, 24 Jan 2015 19:35:10 -0817');
    const findings = await receivedCheck.run(await emailDoc(raw), NO_KEYS);
    expect(findings.some((f) => /-0817.*no time zone/.test(f.message))).toBe(true);
  });
});
