import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dkimKeyName, parseDkimKeyFile } from '../../../../src/checks/dkim-keys.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';

describe('parseDkimKeyFile', () => {
  it('reads zone-file records split into quoted strings inside parentheses across lines', () => {
    const text = [
      '; archived 2021-03-01',
      '$TTL 3600',
      'sel1._domainkey.Example.ORG. 3600 IN TXT ( "v=DKIM1; k=rsa; "',
      '    "p=MIGfMA0GCSqGSIb3"',
      '    "DQEBAQUAA4GNADCBiQKBgQC" )',
      'example.org. IN MX 10 mx.example.org.',
      'sel2._domainkey.example.org TXT "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="',
    ].join('\n');
    const { keys, problems } = parseDkimKeyFile(text);
    expect(problems).toEqual([]);
    expect(keys.get('sel1._domainkey.example.org')).toBe('v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC');
    expect(keys.get(dkimKeyName('sel2', 'EXAMPLE.org'))).toMatch(/^v=DKIM1; k=ed25519; p=11qY/);
    expect(keys.has('example.org')).toBe(false);
  });
});

describe.skipIf(corpusMissing())('parseDkimKeyFile on the corpus key files', () => {
  it('FAKE_DNS.dat: bare records, NXDOMAIN and simulated DNS errors left out', () => {
    const { keys } = parseDkimKeyFile(readFileSync(corpusPath('email/dkim/mail-dkim/FAKE_DNS.dat'), 'utf8'));
    expect(keys.get('test1._domainkey.messiah.edu')).toMatch(/^v=DKIM1; t=y; s=email; p=MFww/);
    expect(keys.get('testrevoked._domainkey.messiah.edu')).toBe('k=rsa; t=y; p=');
    expect(keys.has('nonexistent._domainkey.messiah.edu')).toBe(false);
    expect(keys.has('test3._domainkey.blackhole.messiah.edu')).toBe(false);
  });
  it('mailauth dns.json: chunks concatenated', () => {
    const { keys } = parseDkimKeyFile(readFileSync(corpusPath('email/dkim/mailauth-rfc8463/dns.json'), 'utf8'));
    expect(keys.get('test._domainkey.football.example.com')).toMatch(/^v=DKIM1; k=rsa; p=MIGfMA0G.*QIDAQAB$/);
    expect(keys.get('test._domainkey.football.example.com')!.split('p=')[1]).not.toMatch(/\s/);
  });
  it('authentication-milter zonefile: quoted and unquoted parts mixed in one record', () => {
    const { keys } = parseDkimKeyFile(readFileSync(corpusPath('email/dkim/authentication-milter/zonefile'), 'utf8'));
    const k = keys.get('20130820._domainkey.1e100.net')!;
    expect(k).toMatch(/^k=rsa; p=MIIBIjAN/);
    expect(k).toContain('aTgerxI15o'); // "...aTg" erxI15o... joined without a space
    expect(k.endsWith('QIDAQAB')).toBe(true);
  });
});
