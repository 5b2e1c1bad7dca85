import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MIME } from '../../../../src/extract/mime.js';
import { msgExtractor } from '../../../../src/extract/email/msg.js';
import { sniff } from '../../../../src/extract/sniff.js';
import { corpusPath, corpusMissing } from '../../../support/corpus.js';
import { metaValue, run, runFile } from '../../../support/extract-harness.js';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const msg = (f: string) => runFile(msgExtractor, corpusPath(`email/msg/${f}`), { mime: MIME.msg });

describe.skipIf(corpusMissing())('email.msg on real Outlook items', () => {
  it('tika-testMSG.msg: transport headers parsed like an .eml, MAPI times beside them', async () => {
    const r = await msg('tika-testMSG.msg');
    const out = r.output!;
    const e = out.facts!.email!;
    expect(out.kind).toBe('email');
    expect(out.title).toBe('MIME registry use cases');
    expect(e.origin).toBe('msg');
    expect(e.messageClass).toBe('IPM.Note');
    expect(e.from?.address).toBe('jukka.zitting@gmail.com');
    expect(e.to.map((a) => a.address)).toEqual(['tika-dev@lucene.apache.org']);
    expect(e.received).toHaveLength(9);
    expect(e.headers.length).toBe(36);
    expect(out.metadata.filter((m) => m.source === 'email.header')).toHaveLength(36);
    expect(metaValue(out, 'msg', 'PidTagMessageClass')).toBe('IPM.Note');
    expect(metaValue(out, 'msg', 'PidTagClientSubmitTime')).toBe('Thu, 29 Jan 2009 19:16:40 GMT');
    const mapi = out.facts!.dates!.filter((d) => d.source.startsWith('msg:'));
    expect(mapi.map((d) => `${d.role}=${d.utc}`)).toEqual([
      'sent=2009-01-29T19:16:40.000Z',
      'received=2009-01-29T19:17:10.000Z',
      'created=2009-02-03T14:34:13.000Z',
      'modified=2009-02-03T14:34:13.000Z',
    ]);
    expect(out.facts!.dates!.some((d) => d.source === 'email.header:Date')).toBe(true);
    expect(out.text).toMatch(/^MIME registry use cases\n\n/);
  });

  it('decodes ANSI (PT_STRING8) items in their code page: Japanese cp932 and Traditional Chinese cp950', async () => {
    const jp = await msg('msgreader-nonUnicodeCP932.msg');
    expect(jp.output!.title).toBe('日本語 Non Unicode タイトル');
    expect(jp.output!.facts!.email!.text).toContain('日本語 Non Unicode 本文');
    expect(metaValue(jp.output, 'msg', 'ansi-codepage-used')).toBe('932');
    const zh = await msg('tika-testMSG_chinese.msg');
    expect(zh.output!.title).toBe('Alfresco MSG format testing ( MSG 格式測試 )');
    expect(zh.output!.facts!.people!.find((p) => p.source === 'msg:PidTagSenderName')?.name).toBe('Tests Chang@FT (張毓倫)');
  });

  it('tika-testMSG_att_doc.msg: attachments become children with their real bytes', async () => {
    const r = await msg('tika-testMSG_att_doc.msg');
    expect(r.children.map((c) => c.name)).toEqual(['test-unicode.doc', 'pj1.txt']);
    expect(r.children.map((c) => c.source.size)).toEqual([24064, 89]);
    const facts = r.output!.facts!.email!.attachments;
    for (let i = 0; i < 2; i++) expect(sha256(await r.children[i].source.readAll())).toBe(facts[i].sha256);
    expect(await sniff(r.children[0].source, 'x')).toBe(MIME.doc);
    expect(r.output!.facts!.software).toContainEqual({
      role: 'mailer',
      value: 'Microsoft Outlook',
      version: '11.0',
      source: 'msg:PidLidCurrentVersionName',
    });
  });

  it('msgreader-msgInMsgInMsg.msg: an embedded message is a .msg child that itself extracts, three levels down', async () => {
    const r = await msg('msgreader-msgInMsgInMsg.msg');
    expect(r.children.map((c) => c.name)).toEqual(['I have attachments!.msg', 'blue.png']);
    expect(r.children[0].metadata?.[0]).toMatchObject({ source: 'msg', key: 'reconstructed' });
    expect(await sniff(r.children[0].source, 'x')).toBe(MIME.msg);
    const level2 = await run(msgExtractor, await r.children[0].source.readAll(), 'l2.msg', { mime: MIME.msg });
    expect(level2.output!.title).toBe('I have attachments!');
    expect(level2.children.map((c) => c.name)).toEqual(['Microsoft Outlook テスト メッセージ.msg', 'green.png']);
    const level3 = await run(msgExtractor, await level2.children[0].source.readAll(), 'l3.msg', { mime: MIME.msg });
    expect(level3.output!.title).toBe('Microsoft Outlook テスト メッセージ');
    expect(level3.output!.facts!.email!.from?.address).toBe('xmailuser@xmailserver.test');
  });

  it('S/MIME opaque items are flagged as encrypted and keep smime.p7m as a child', async () => {
    const r = await msg('outlook-message-parser-S_MIME_test_message_encrypted.msg');
    expect(r.warnings.map((w) => w.code)).toContain('encrypted');
    expect(r.children.map((c) => c.name)).toEqual(['smime.p7m']);
    const signed = await msg('outlook-message-parser-S_MIME_test_message_signed.msg');
    expect(signed.warnings.map((w) => w.code)).not.toContain('encrypted');
  });

  it('an unsent draft has no sent or received time, only created/modified', async () => {
    const r = await msg('outlook-message-parser-unsent_draft.msg');
    expect(r.output!.title).toBe('MSG Test File');
    expect(r.output!.facts!.dates!.map((d) => d.role).sort()).toEqual(['created', 'modified']);
    expect(r.output!.facts!.email!.to.map((a) => a.address)).toEqual(['time2talk@online-convert.com']);
  });

  it('tika-test-outlook2003.msg: eleven inline images', async () => {
    const r = await msg('tika-test-outlook2003.msg');
    expect(r.children).toHaveLength(11);
    expect(r.children.every((c) => /^\d+\.jpg$/.test(c.name))).toBe(true);
  });

  it('an HTML-only item (new Outlook) gets text from its HTML body', async () => {
    const r = await msg('msgreader-newOutlook_Microsoft_Outlook_test.msg');
    const e = r.output!.facts!.email!;
    expect(e.html).toBeTruthy();
    expect(e.text && e.text.length).toBeGreaterThan(10);
    expect(e.received).toHaveLength(2);
  });
});

describe('email.msg on bad input', () => {
  it('an OLE file that is not a .msg, or garbage, fails with ExtractError("corrupt")', async () => {
    const r = await run(msgExtractor, Buffer.from('not an OLE compound file at all'), 'x.msg', { mime: MIME.msg });
    expect(r.error?.code).toBe('corrupt');
  });
});
