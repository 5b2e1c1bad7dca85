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

describe('parseDkimKeyFile on the shapes tools write', () => {
  it("opendkim-genkey's selector.txt: the relative name completed from its comment", () => {
    const text = 'mail._domainkey\tIN\tTXT\t( "v=DKIM1; h=sha256; k=rsa; "\n\t  "p=MIIBIjANBg" )  ; ----- DKIM key mail for example.org\n';
    expect([...parseDkimKeyFile(text).keys]).toEqual([['mail._domainkey.example.org', 'v=DKIM1; h=sha256; k=rsa; p=MIIBIjANBg']]);
  });

  it('zone files with $ORIGIN: relative names under it, absolute ones as written', () => {
    const text = '$ORIGIN example.org.\nsel1._domainkey IN TXT "p=A"\nsel2._domainkey.other.example. IN TXT "p=B"\n';
    expect([...parseDkimKeyFile(text).keys]).toEqual([
      ['sel1._domainkey.example.org', 'p=A'],
      ['sel2._domainkey.other.example', 'p=B'],
    ]);
  });

  it("dig's answer section: comments skipped, a CNAME'd selector gets its target's record", () => {
    const text = [
      '; <<>> DiG 9.18.28 <<>> TXT s1._domainkey.example.com',
      ';; ANSWER SECTION:',
      's1._domainkey.example.com. 3600 IN CNAME s1.domainkey.u123.wl.sendgrid.net.',
      's1.domainkey.u123.wl.sendgrid.net. 300 IN TXT "k=rsa; t=s; p=MIGf" "MA0G"',
      '',
      ';; Query time: 23 msec',
    ].join('\n');
    expect(parseDkimKeyFile(text).keys.get('s1._domainkey.example.com')).toBe('k=rsa; t=s; p=MIGfMA0G');
  });

  it('an opendkim KeyTable: its lines are references to private keys, path or inline', () => {
    const inline = 'MIIC/dg+'.repeat(15);
    const text = `# KeyTable\nmail._domainkey.example.org example.org:mail:/etc/opendkim/keys/example.org/mail.private\nk2 example.net:k2:${inline}\n`;
    const parsed = parseDkimKeyFile(text);
    expect(parsed.keys.size).toBe(0);
    expect(parsed.keyTable).toEqual([
      { line: 2, domain: 'example.org', selector: 'mail', key: '/etc/opendkim/keys/example.org/mail.private', inline: false },
      { line: 3, domain: 'example.net', selector: 'k2', key: inline, inline: true },
    ]);
  });

  it("one bare record (dkimpy's dknewkey .dns file) is returned without a name", () => {
    expect(parseDkimKeyFile('v=DKIM1; k=rsa; h=sha256; p=MIIBIjAN\n')).toEqual({
      keys: new Map(),
      problems: [],
      bareRecord: 'v=DKIM1; k=rsa; h=sha256; p=MIIBIjAN',
    });
  });
});
