import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dkimSignatureFacts, parseTagList } from '../../../../src/extract/email/dkim-tags.js';
import { factsFromHeaders } from '../../../../src/extract/email/header-facts.js';
import { parseHeaderBlock } from '../../../../src/extract/email/raw-headers.js';
import { corpusPath, corpusMissing } from '../../../support/corpus.js';

function emailFactsOf(rel: string) {
  const buf = readFileSync(corpusPath(rel));
  return factsFromHeaders(parseHeaderBlock(buf, 256 << 10).headers, 'rfc822', buf.length).email;
}

describe('parseTagList', () => {
  it('strips folding whitespace inside b=, bh= and h=, trims other values', () => {
    const { tags, duplicates } = parseTagList(
      'v=1; a=rsa-sha256;\r\n  d=example.org; s=sel;\r\n h=from : to:\r\n subject; bh=abc\r\n def=; b=AB CD\r\n\tEF==; z=From:foo@bar|To:x',
    );
    expect(tags).toMatchObject({ v: '1', a: 'rsa-sha256', d: 'example.org', s: 'sel', h: 'from:to:subject', bh: 'abcdef=', b: 'ABCDEF==' });
    expect(tags.z).toBe('From:foo@bar|To:x');
    expect(duplicates).toEqual([]);
  });

  it('reports duplicated tags and keeps the first value', () => {
    const r = parseTagList('d=first.example; s=a; d=second.example; nonsense');
    expect(r.tags.d).toBe('first.example');
    expect(r.duplicates).toEqual(['d']);
    expect(r.malformed).toEqual(['nonsense']);
  });

  it('does not let a tag named __proto__ change the prototype of the map', () => {
    const r = parseTagList('__proto__=x; d=example.org');
    expect(r.tags.d).toBe('example.org');
    expect(Object.getPrototypeOf(r.tags)).toBe(Object.prototype);
  });

  it('reads l=, t= and x= as numbers and ignores non-numeric ones', () => {
    const f = dkimSignatureFacts('DKIM-Signature', 0, 'v=1; d=a.example; s=s1; l=1234; t=1117574938; x=abc; h=From');
    expect(f.bodyLength).toBe(1234);
    expect(f.timestamp).toBe(1117574938);
    expect(f.expiration).toBeUndefined();
    expect(f.signedHeaders).toEqual(['From']);
  });
});

describe.skipIf(corpusMissing())('DKIM and ARC tags of real messages', () => {
  it('google_apps_good.eml: d=marcbradshaw.net s=google and the seven signed headers', () => {
    const e = emailFactsOf('email/dkim/authentication-milter/google_apps_good.eml');
    expect(e.dkim).toHaveLength(1);
    const d = e.dkim[0];
    expect(d.domain).toBe('marcbradshaw.net');
    expect(d.selector).toBe('google');
    expect(d.algorithm).toBe('rsa-sha256');
    expect(d.tags.c).toBe('relaxed/relaxed');
    expect(d.tags.bh).toBe('7gvdmshMrcJRxJis+zHrBpu6zyqotJf8vROJvE5OcmA=');
    expect(d.signedHeaders).toEqual(['mime-version', 'date', 'message-id', 'subject', 'from', 'to', 'content-type']);
    // The folded b= value is joined without its whitespace.
    expect(d.tags.b).toMatch(/^DU\/QdEi3GUUK1jz9pbH4A5UaeGhbPPzrPPTDAbqrn4EABY8kSBqxOVhl8xyIC08Chh[A-Za-z0-9+/]+=*$/);
  });

  it('multiple_1.txt: four signatures of vmt2.cis.att.net with t= and two canonicalisations', () => {
    const e = emailFactsOf('email/dkim/mail-dkim/multiple_1.txt');
    expect(e.dkim).toHaveLength(4);
    expect(e.dkim.map((d) => d.domain)).toEqual(Array(4).fill('vmt2.cis.att.net'));
    expect(e.dkim.map((d) => d.selector)).toEqual(Array(4).fill('shan'));
    expect(e.dkim.map((d) => d.tags.c)).toEqual(['simple', 'relaxed', 'relaxed', 'relaxed']);
    expect(e.dkim.every((d) => d.timestamp === 1146680862)).toBe(true);
    // The third signature carries a damaged body hash: kept as written, not "fixed".
    expect(e.dkim[2].tags.bh).not.toBe(e.dkim[0].tags.bh);
  });

  it('ignore_7.txt: the expired signature keeps its x= expiration', () => {
    const e = emailFactsOf('email/dkim/mail-dkim/ignore_7.txt');
    expect(e.dkim[0].expiration).toBe(1193229946);
    expect(e.dkim[0].domain).toBe('messiah.edu');
    expect(e.dkim[0].algorithm).toBe('rsa-sha1');
  });

  it('goodkey_ed25519.txt: an ed25519-sha256 signature', () => {
    const e = emailFactsOf('email/dkim/mail-dkim/goodkey_ed25519.txt');
    expect(e.dkim[0].algorithm).toBe('ed25519-sha256');
    expect(e.dkim[0].selector).toBe('2023-05-ed25519');
    expect(e.dkim[0].domain).toBe('wander.science');
  });

  it('arc-fail.eml: two ARC sets (seal + message signature) with i= and cv=, and two AAR headers', () => {
    const e = emailFactsOf('email/dkim/mailauth-real/arc-fail.eml');
    expect(e.dkim.map((d) => d.domain)).toEqual(['zonevs.eu', 'srs3.zonevs.eu']);
    expect(e.arc.map((a) => `${a.header}:${a.tags.i}`)).toEqual([
      'ARC-Seal:2',
      'ARC-Message-Signature:2',
      'ARC-Seal:1',
      'ARC-Message-Signature:1',
    ]);
    expect(e.arc.filter((a) => a.header === 'ARC-Seal').map((a) => a.tags.cv)).toEqual(['pass', 'none']);
    expect(e.arc[0].timestamp).toBe(1604311044);
    expect(e.arc[1].signedHeaders).toContain('dkim-signature');
    expect(e.arcAuthenticationResults).toHaveLength(2);
    expect(e.authenticationResults).toHaveLength(1);
  });
});
