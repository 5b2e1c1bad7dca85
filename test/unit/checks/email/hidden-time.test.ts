import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeThreadIndex, gmailBoundaryTime, hiddenTimeCheck, messageIdTime } from '../../../../src/checks/email/hidden-time.js';
import { identifyClient, releaseOf } from '../../../../src/knowledge/mail-clients.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { NO_KEYS, emailDoc, setHeader } from './support.js';

const load = (rel: string) => readFileSync(corpusPath(rel));

describe('hidden-time decoders', () => {
  it('reads the Gmail boundary time (hex[6..14] + hex[0..6] microseconds)', () => {
    // From tika-test-incremental-updates.eml, Date: Thu, 4 May 2023 10:06:11 -0400.
    expect(gmailBoundaryTime('000000000000bc8ac405fadeac6f')?.utc).toBe('2023-05-04T14:06:11.274Z');
    expect(gmailBoundaryTime('----=_Part_1234')).toBeNull();
  });
  it('reads Message-ID clocks: Mozilla hex seconds, Outlook Express FILETIME, Mutt', () => {
    // The real Message-ID of tika-testEmailWithPNGAtt.eml (Thunderbird 38), Date: Wed, 20 Jul 2016 17:35:02 +0100.
    expect(messageIdTime('578FA836.9010603@apache.org')?.utc).toBe('2016-07-20T16:35:02.000Z');
    expect(messageIdTime('000d01c2a7a6$d4bd8c40$6401a8c0@host')?.format).toMatch(/FILETIME/);
    expect(messageIdTime('20030407012053.GA1234@example.org')?.utc).toBe('2003-04-07T01:20:53.000Z');
    expect(messageIdTime('CAC1dCwWaWfGyY2x4K_L36E+_VzUtj407QJJMDt9ZwDXSQAbTOw@mail.gmail.com')).toBeNull();
  });
  it('decodes an Outlook Thread-Index with one reply block', () => {
    const ti = decodeThreadIndex('AcLOVWAxnvGEuDtXRdO/mL5A7qeYhACT5bXw');
    expect(ti?.replies).toBe(1);
    // gb2312.2.eml: Date Mon, 10 Feb 2003 09:48:33 +0800 (01:48 UTC); the reply block lands 11 minutes earlier (composing).
    expect(ti?.latest.startsWith('2003-02-10T01:37')).toBe(true);
    expect(Date.parse(ti!.start)).toBeLessThan(Date.parse(ti!.latest));
  });
  it('knows client release dates with sources', () => {
    const c = identifyClient('Mozilla/5.0 (X11; Linux x86_64; rv:38.0) Gecko/20100101 Thunderbird/38.8.0')!;
    expect(c).toMatchObject({ family: 'thunderbird', version: '38' });
    expect(releaseOf(c)?.source).toMatch(/^https?:\/\//);
    expect(releaseOf(identifyClient('Mutt/1.9.4 (2018-02-28)')!)?.version).toBe('1.8');
  });
});

describe.skipIf(corpusMissing())('email.hidden-time on real messages', () => {
  it('innocent: real Gmail, Thunderbird, Outlook Express and Outlook (Thread-Index) messages agree with their Date', async () => {
    for (const rel of [
      'email/dkim/mailauth-real/zproov.eml',
      'email/eml/tika-testEmailWithPNGAtt.eml',
      'email/spamassassin/nice/004.eml',
      'email/spamassassin/nice-cjk/gb2312.2.eml',
      'email/eml/tika-test-incremental-updates.eml',
    ]) {
      expect(await hiddenTimeCheck.run(await emailDoc(load(rel)), NO_KEYS), rel).toEqual([]);
    }
  });

  it('a back-dated Gmail message contradicts its MIME boundary', async () => {
    const doc = await emailDoc(setHeader(load('email/dkim/mailauth-real/zproov.eml'), 'Date', 'Mon, 2 Nov 2020 09:05:00 +0200'));
    const f = (await hiddenTimeCheck.run(doc, NO_KEYS)).find((x) => x.evidence.source === 'gmail-boundary');
    expect(f?.severity).toBe('medium');
    expect(f?.evidence.hiddenUtc).toBe('2020-11-06T12:20:01.786Z');
  });

  it('a back-dated Thunderbird message names a client released after its Date, and its Message-ID clock disagrees', async () => {
    const doc = await emailDoc(setHeader(load('email/eml/tika-testEmailWithPNGAtt.eml'), 'Date', 'Fri, 10 Jan 2014 09:00:00 +0100'));
    const findings = await hiddenTimeCheck.run(doc, NO_KEYS);
    const client = findings.find((x) => x.evidence.header === 'User-Agent');
    expect(client?.severity).toBe('high');
    expect(client?.evidence).toMatchObject({ family: 'thunderbird', version: '38' });
    expect(findings.find((x) => x.evidence.source === 'message-id')?.severity).toBe('medium');
  });

  it('an Outlook Thread-Index written after a back-dated Date is flagged; one written before a later Date (a draft) stays low', async () => {
    const backdated = await emailDoc(setHeader(load('email/spamassassin/nice-cjk/gb2312.2.eml'), 'Date', 'Fri, 7 Feb 2003 09:48:33 +0800'));
    const f = (await hiddenTimeCheck.run(backdated, NO_KEYS)).find((x) => x.evidence.source === 'thread-index');
    expect(f?.severity).toBe('medium');
    expect(f?.evidence.clock).toBe('composition');
    const drafted = await emailDoc(setHeader(load('email/spamassassin/nice-cjk/gb2312.2.eml'), 'Date', 'Wed, 12 Feb 2003 09:48:33 +0800'));
    const d = (await hiddenTimeCheck.run(drafted, NO_KEYS)).find((x) => x.evidence.source === 'thread-index');
    expect(d?.severity).toBe('low');
    expect(d?.message).toMatch(/draft/);
  });

  it('innocent: test messages re-sent months or years after their Date (signing time and the MTA Message-ID are transit clocks) stay low', async () => {
    // Mail::DKIM bad_1.txt: Date 15 Feb 2006, DKIM t= and Postfix's Message-ID (added by mx2.messiah.edu,
    // queue id 02F12E15D8 in its Received line) 3 May 2006. nice-dkim: Date 2001, re-sent through cisco.com in 2005.
    for (const rel of [
      'email/dkim/mail-dkim/bad_1.txt',
      'email/spamassassin/nice-dkim/BasicTest_01.eml',
      'email/dkim/mailauth-rfc8463/signed.eml',
    ]) {
      const findings = await hiddenTimeCheck.run(await emailDoc(load(rel)), NO_KEYS);
      expect(findings.length, rel).toBeGreaterThan(0);
      expect(
        findings.map((f) => f.severity).filter((s) => s !== 'low'),
        rel,
      ).toEqual([]);
    }
    const bad1 = await hiddenTimeCheck.run(await emailDoc(load('email/dkim/mail-dkim/bad_1.txt')), NO_KEYS);
    expect(bad1.find((f) => f.evidence.source === 'message-id')?.evidence.clock).toBe('transit');
  });

  it('a DKIM signing time days before the Date (the message was signed before it was written) is medium', async () => {
    // BasicTest_01 signed 3 Oct 2005; a Date moved to December 2005 claims it was written two months after.
    const doc = await emailDoc(setHeader(load('email/spamassassin/nice-dkim/BasicTest_01.eml'), 'Date', 'Mon, 5 Dec 2005 10:00:00 -0800'));
    const f = (await hiddenTimeCheck.run(doc, NO_KEYS)).find((x) => x.evidence.source === 'dkim-t');
    expect(f?.severity).toBe('medium');
  });

  it('innocent: a server-style Message-ID no hop of the message accounts for (copied into spam) is only low', async () => {
    // SpamAssassin spam/freemail1.eml: <20011206235802.4FD6F1143D6@gmail.com> on a 2018 message.
    const findings = await hiddenTimeCheck.run(await emailDoc(load('email/spamassassin/spam/freemail1.eml')), NO_KEYS);
    const f = findings.find((x) => x.evidence.source === 'message-id');
    expect(f).toMatchObject({ severity: 'low', evidence: { clock: 'unattributed' } });
  });

  it("a conversion tool's JavaMail Message-ID (Enron, 2004) is only a weak signal", async () => {
    const raw = load('email/enron/eml/allen-p-inbox-001.eml');
    const findings = await hiddenTimeCheck.run(await emailDoc(raw), NO_KEYS);
    expect(findings.every((f) => f.severity === 'low')).toBe(true);
  });
});
