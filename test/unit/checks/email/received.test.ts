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

  it('a later hop stamped before the hop that handed it the message is flagged (real forged spam relay)', async () => {
    // SpamAssassin's nice/008: the lower (forged) hop claims 23:17 -0600, the real MX stamped 07:21 -0800.
    const findings = await receivedCheck.run(await emailDoc(readFileSync(corpusPath('email/spamassassin/nice/008.eml'))), NO_KEYS);
    const hop = findings.find((f) => /stamped/.test(f.message));
    expect(hop?.severity).toBe('medium');
    expect(hop?.evidence.backwardsMs).toBe((13 * 60 + 55) * 60_000 + 47_000);
  });

  it('an offset no time zone uses is flagged', async () => {
    const raw = setHeader(readFileSync(corpusPath(GOOD)), 'Date', 'Sat, 24 Jan 2015 19:35:10 -0817');
    const findings = await receivedCheck.run(await emailDoc(raw), NO_KEYS);
    expect(findings.some((f) => /-0817.*no time zone/.test(f.message))).toBe(true);
  });
});
