// text.near-duplicate on scripts written without spaces (Japanese, Chinese, Thai) and on Korean: a
// doctored copy (one figure, one name, one sentence) is found and its passage shown; a copy that only
// wraps its lines elsewhere or writes full-width forms is the same text.

import { describe, expect, it } from 'vitest';
import { differingPassages, minhash, nearDuplicate, normalizeText } from '../../../../src/checks/corpus/near-duplicate.js';
import type { CorpusDocument } from '../../../../src/checks/types.js';
import { emailExtractor } from '../../../../src/extract/email/rfc822.js';
import { docFrom } from '../document/harness.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { corpusDoc, corpusDocsFromDir, runCorpus } from './harness.js';

const JA = [
  '株式会社青葉商事　営業部　山田太郎様',
  'いつも大変お世話になっております。東邦システムの佐藤でございます。',
  '先日ご相談いただきました基幹システム更新の件につきまして、お見積書を添付にてお送りいたします。',
  '初期導入費用は1,250,000円、月額保守費用は85,000円となっております。',
  'なお、納期につきましては正式なご発注から三か月程度を見込んでおります。',
  'ご不明な点がございましたら、お気軽に担当の佐藤までお問い合わせください。',
  '来週の打ち合わせでは、導入スケジュールと移行手順について詳しくご説明させていただく予定です。',
  '今後ともどうぞよろしくお願い申し上げます。',
].join('\n');

const ZH = [
  '关于二〇二四年第三季度预算调整的备忘录',
  '各部门负责人：',
  '根据董事会上周的决定，公司将对第三季度的预算进行调整。市场部的推广费用由原来的四十万元减少到三十二万元，',
  '研发部的设备采购预算保持不变，为1,800,000元。行政部需要在本月二十日之前提交新的办公用品采购计划。',
  '请各部门负责人于周五下班前将修改后的预算表发送至财务部王经理处，以便汇总后提交董事会审议。',
  '如有疑问，请直接联系财务部。谢谢大家的配合。',
  '财务部　二〇二四年七月八日',
].join('\n');

const TH = [
  'เรียนคุณสมชาย',
  'ตามที่ได้ประชุมกันเมื่อวันพฤหัสบดีที่ผ่านมา บริษัทขอยืนยันราคาสินค้าตามใบเสนอราคาเลขที่ 2024/118 เป็นจำนวนเงิน 450,000 บาท',
  'โดยจะจัดส่งสินค้าภายในสามสิบวันนับจากวันที่ได้รับใบสั่งซื้อ และชำระเงินภายในหกสิบวันหลังจากได้รับสินค้าเรียบร้อยแล้ว',
  'หากมีข้อสงสัยประการใดกรุณาติดต่อฝ่ายขายได้ตลอดเวลาทำการ',
  'ขอแสดงความนับถือ',
  'ฝ่ายขาย บริษัทสยามเทรดดิ้ง จำกัด',
].join('\n');

const KO = [
  '김민수 팀장님께',
  '안녕하세요. 재무팀 이지은입니다. 지난주 회의에서 논의한 하반기 예산안을 정리하여 보내드립니다.',
  '마케팅 비용은 기존 계획보다 줄여서 총 3,200만 원으로 책정하였고, 연구개발 예산은 변동 없이 유지합니다.',
  '각 부서에서는 이번 달 말까지 세부 집행 계획을 제출해 주시기 바랍니다. 제출된 계획은 다음 달 첫째 주 임원 회의에서 검토할 예정입니다.',
  '궁금하신 점이 있으시면 언제든지 연락 주시기 바랍니다. 감사합니다.',
  '이지은 드림',
].join('\n');

const textDoc = (id: string, text: string): CorpusDocument =>
  corpusDoc(id, docFrom('text', id, {}, [], 'text', 0, text), { path: `documents/${id}` });

/** Lines wrapped after `width` characters, between two characters of the text that are not digits (as a
 *  client wraps Japanese, which has no spaces to break at). */
function wrap(text: string, width: number): string {
  let out = '';
  let col = 0;
  for (let i = 0; i < text.length; i++) {
    out += text[i];
    col++;
    if (col >= width && !/[\d,]/.test(text[i]) && !/[\d,]/.test(text[i + 1] ?? '')) {
      out += '\n';
      col = 0;
    }
  }
  return out;
}

const findings = (docs: CorpusDocument[]) => runCorpus(nearDuplicate, docs);

describe('near-duplicate shingles in scripts written without spaces', () => {
  it('gives a CJK or Thai text a signature (it was one long run of letters, too short to compare)', () => {
    for (const t of [JA, ZH, TH, KO]) expect(minhash(t)).toBeDefined();
  });

  it('finds a Japanese estimate whose amount was changed, and shows the figures', () => {
    const forged = JA.replace('1,250,000円', '1,850,000円');
    const out = findings([textDoc('mitsumori.txt', JA), textDoc('mitsumori-copy.txt', forged)]);
    const mine = out.find((r) => r.documentId === 'mitsumori-copy.txt')!;
    expect(mine.finding.severity).toBe('medium');
    expect(mine.finding.evidence.changedNumbers).toBe(true);
    const passages = mine.finding.evidence.passages as { removed: string; added: string }[];
    expect(passages).toHaveLength(1);
    expect(passages[0].removed).toContain('1,250,000');
    expect(passages[0].added).toContain('1,850,000');
    // The share of changed words is that of one word among the text's words, not of one line.
    expect(mine.finding.evidence.totalWords as number).toBeGreaterThan(100);
  });

  it('finds a Chinese memo with one budget figure changed, a Thai quotation and a Korean budget too', () => {
    for (const [t, from, to] of [
      [ZH, '1,800,000元', '2,800,000元'],
      [TH, '450,000 บาท', '540,000 บาท'],
      [KO, '3,200만 원', '5,200만 원'],
    ]) {
      const out = findings([textDoc('a.txt', t), textDoc('b.txt', t.replace(from, to))]);
      expect(out.map((r) => r.finding.severity)).toEqual(['medium', 'medium']);
    }
  });

  it('shows a name changed and a sentence inserted (low: no figure, as for Latin text)', () => {
    const renamed = JA.replace('山田太郎様', '田中一郎様');
    const inserted = ZH.replace('谢谢大家的配合。', '另外，请将本季度的差旅报销单一并提交。谢谢大家的配合。');
    const a = findings([textDoc('ja.txt', JA), textDoc('ja2.txt', renamed)]);
    expect(a.map((r) => r.finding.severity)).toEqual(['low', 'low']);
    const pa = a[1].finding.evidence.passages as { removed: string; added: string }[];
    expect(pa.map((p) => `${p.removed}>${p.added}`).join(' ')).toMatch(/山田.*>.*田中/);
    const b = findings([textDoc('zh.txt', ZH), textDoc('zh2.txt', inserted)]);
    expect(b).toHaveLength(2);
    const pb = b[1].finding.evidence.passages as { removed: string; added: string }[];
    expect(pb.map((p) => p.added).join('')).toContain('差旅报销单');
  });

  it('does not report a copy that wraps its lines elsewhere or writes full-width digits and spaces', () => {
    const rewrapped = wrap(JA.replace(/\n/g, ''), 27);
    const fullWidth = JA.replace('1,250,000', '１，２５０，０００').replace(/\u3000/g, ' ');
    const indented = ZH.replace(/\n/g, '\n  ');
    expect(findings([textDoc('a.txt', JA), textDoc('b.txt', rewrapped)])).toEqual([]);
    expect(findings([textDoc('a.txt', JA), textDoc('c.txt', fullWidth)])).toEqual([]);
    expect(findings([textDoc('a.txt', ZH), textDoc('d.txt', indented)])).toEqual([]);
  });

  it('keeps tokens that rejoin to the text and leaves Latin text as it was', () => {
    const a = normalizeText(JA);
    const d = differingPassages(a, normalizeText(JA.replace('85,000円', '95,000円')))!;
    expect(d.passages).toHaveLength(1);
    expect(d.passages[0].before.endsWith('月額保守費用は')).toBe(true);
    expect(normalizeText('placerat lorem.\n  In  ')).toBe('placerat lorem. In');
    expect(differingPassages('we made $1.2Bn total', 'we made $2.1Bn total')).toMatchObject({ changedWords: 2, totalWords: 5 });
  });
});

describe.skipIf(corpusMissing())('text.near-duplicate on real CJK mail (SpamAssassin nice-cjk)', () => {
  it('nothing in the sample reaches medium; a copy of the Chinese list reply with one disk size changed does', async () => {
    const docs = await corpusDocsFromDir(emailExtractor, corpusPath('email/spamassassin/nice-cjk'), 'email', (n) => n.endsWith('.eml'));
    expect(runCorpus(nearDuplicate, docs).filter((r) => r.finding.severity !== 'low')).toEqual([]);
    const original = docs.find((d) => d.id === 'gb2312.2.eml')!;
    expect(original.text).toContain('容量大小(30G,80G,140G');
    const forged = corpusDoc('forged.eml', { ...original, text: original.text!.replace('30G,80G', '30G,180G') });
    const out = runCorpus(nearDuplicate, [...docs, forged]).filter((r) => r.documentId === 'forged.eml');
    expect(out.map((r) => r.finding.severity)).toEqual(['medium']);
    const passages = out[0].finding.evidence.passages as { removed: string; added: string }[];
    expect(passages.map((p) => `${p.removed}>${p.added}`)).toEqual([expect.stringMatching(/80G.*>.*180G/)]);
  });
});
