// Quoted originals as real clients write them, in their languages: Outlook header blocks, Gmail,
// Thunderbird, Roundcube, Apple Mail, Zimbra and Yahoo attribution lines and separators (fr, de, es,
// pt-BR, it, nl, ja, zh-CN, zh-TW, ko). Each must give a quoted block whose words are the original's,
// with its sender; and email.threads must compare Japanese and Chinese quotes word by word.

import { describe, expect, it } from 'vitest';
import { QUOTE_HEADER_ROWS, sourceOf } from '../../../../src/checks/email/quote-headers.js';
import { quotedBlocks, sentLineFits, withoutQuoteHeaders } from '../../../../src/checks/email/quotes.js';
import { tokens } from '../../../../src/checks/email/quote-diff.js';
import { threadsCheck } from '../../../../src/checks/email/threads.js';
import type { CorpusDocument } from '../../../../src/checks/types.js';
import { NO_KEYS, asCorpusDoc, emailDoc } from './support.js';

const FR =
  'Bonjour Paul,\n\nLe conseil a validé ce matin le budget 2024 : 120 000 euros pour les événements et 35 000 pour les déplacements.\nMerci de garder la ligne déplacements pour le congrès de Lyon.\n\nClaire';
const DE =
  'Hallo Paul,\n\nder Vorstand hat heute Morgen das Budget 2024 genehmigt: 120.000 Euro für Veranstaltungen und 35.000 für Reisen.\nBitte halte die Reiseposition für die Konferenz in Lyon frei.\n\nClaire';
const ES =
  'Hola Pablo,\n\nEl consejo aprobó esta mañana el presupuesto de 2024: 120.000 euros para eventos y 35.000 para viajes.\nPor favor, reserva la partida de viajes para el congreso de Lyon.\n\nClara';
const PT =
  'Olá Paulo,\n\nO conselho aprovou hoje de manhã o orçamento de 2024: 120.000 reais para eventos e 35.000 para viagens.\nPor favor, mantenha a linha de viagens para o congresso de Lyon.\n\nClara';
const IT =
  'Ciao Paolo,\n\nil consiglio ha approvato stamattina il bilancio 2024: 120.000 euro per gli eventi e 35.000 per i viaggi.\nTieni da parte la voce viaggi per il congresso di Lione.\n\nChiara';
const NL =
  'Hallo Paul,\n\nhet bestuur heeft vanochtend de begroting 2024 goedgekeurd: 120.000 euro voor evenementen en 35.000 voor reizen.\nHoud de post reizen vrij voor het congres in Lyon.\n\nClaire';
const EN =
  'Hello Paul,\n\nThe board approved the 2024 budget this morning: 120,000 euros for events, 35,000 for travel.\nPlease keep the travel line for the Lyon conference.\n\nClaire';
const JA =
  '佐藤様\n\nいつもお世話になっております。東邦システムの山田です。\n先日ご依頼いただいたお見積りの件、初期費用は1,250,000円、月額保守費用は85,000円となります。\n納期はご発注から三か月程度を見込んでおります。\nどうぞよろしくお願いいたします。\n\n山田';
const ZH =
  '各位同事：\n\n根据董事会上周的决定，市场部的推广费用调整为320,000元，研发部的设备采购预算保持不变。\n请各部门负责人于周五前将修改后的预算表发送至财务部。\n\n王伟';
const KO =
  '민수 팀장님,\n\n하반기 마케팅 예산은 총 3,200만 원으로 확정되었습니다.\n세부 집행 계획은 이번 달 말까지 제출해 주세요.\n\n이지은';

const quote = (body: string, prefix = '> ') =>
  body
    .split('\n')
    .map((l) => `${prefix}${l}`.trimEnd())
    .join('\n');

interface Case {
  name: string;
  text: string;
  body: string;
  from: RegExp;
}

/** Replies as each client writes them: the reply's own words, then the header or attribution, then the original. */
const CASES: Case[] = [
  // Outlook desktop / 365: a header block above the unprefixed original.
  {
    name: 'Outlook fr',
    body: FR,
    from: /Claire Martin/,
    text: `Bien reçu.\n\nPaul\n\nDe : Claire Martin <claire.martin@example.org>\nEnvoyé : mardi 5 mars 2024 10:12\nÀ : Paul Durand <paul.durand@example.org>\nObjet : Budget 2024\n\n${FR}`,
  },
  {
    name: 'Outlook de',
    body: DE,
    from: /Claire Martin/,
    text: `Danke.\n\nVon: Claire Martin <claire.martin@example.org>\nGesendet: Dienstag, 5. März 2024 10:12\nAn: Paul Durand <paul.durand@example.org>\nCc: Nadia Haddad <nadia.haddad@example.org>\nBetreff: Budget 2024\n\n${DE}`,
  },
  {
    name: 'Outlook es',
    body: ES,
    from: /Clara Martín/,
    text: `Recibido.\n\nDe: Clara Martín <clara.martin@example.es>\nEnviado el: martes, 5 de marzo de 2024 10:12\nPara: Pablo Durán <pablo.duran@example.es>\nAsunto: Presupuesto 2024\n\n${ES}`,
  },
  {
    name: 'Outlook pt-BR',
    body: PT,
    from: /Clara Martins/,
    text: `Recebido.\n\nDe: Clara Martins <clara.martins@example.com.br>\nEnviado: terça-feira, 5 de março de 2024 10:12\nPara: Paulo Duarte <paulo.duarte@example.com.br>\nAssunto: Orçamento 2024\n\n${PT}`,
  },
  {
    name: 'Outlook it',
    body: IT,
    from: /Chiara Martini/,
    text: `Ricevuto.\n\nDa: Chiara Martini <chiara.martini@example.it>\nInviato: martedì 5 marzo 2024 10:12\nA: Paolo Durante <paolo.durante@example.it>\nOggetto: Bilancio 2024\n\n${IT}`,
  },
  {
    name: 'Outlook nl',
    body: NL,
    from: /Claire Maarten/,
    text: `Ontvangen.\n\nVan: Claire Maarten <claire.maarten@example.nl>\nVerzonden: dinsdag 5 maart 2024 10:12\nAan: Paul de Vries <paul.devries@example.nl>\nOnderwerp: Begroting 2024\n\n${NL}`,
  },
  {
    name: 'Outlook ja',
    body: JA,
    from: /山田 太郎/,
    text: `山田様\n\n承知いたしました。\n\n差出人: 山田 太郎 <taro.yamada@example.co.jp>\n送信日時: 2024年3月5日 10:12\n宛先: 佐藤 花子 <hanako.sato@example.co.jp>\n件名: お見積りの件\n\n${JA}`,
  },
  {
    name: 'Outlook ja as text from HTML (blank lines between the fields, full-width colons)',
    body: JA,
    from: /山田 太郎/,
    text: `承知いたしました。\n\n差出人： 山田 太郎 <taro.yamada@example.co.jp>\n\n送信日時： 2024年3月5日 10:12\n\n宛先： 佐藤 花子\n\n件名： RE: お見積りの件\n\n${JA}`,
  },
  {
    name: 'Outlook zh-CN',
    body: ZH,
    from: /王伟/,
    text: `收到，谢谢。\n\n发件人: 王伟 <wang.wei@example.cn>\n发送时间: 2024年3月5日 10:12\n收件人: 李娜 <li.na@example.cn>\n主题: 预算调整\n\n${ZH}`,
  },
  {
    name: 'Outlook zh-CN with a separator, quoted twice (Foxmail/Coremail style)',
    body: ZH,
    from: /王伟/,
    text: `收到。\n\n> -----原始邮件-----\n> 发件人: "王伟" <wang.wei@example.cn>\n> 发送时间: 2024-03-05 10:12:03 (星期二)\n> 收件人: "李娜" <li.na@example.cn>\n> 主题: 预算调整\n>\n${quote(ZH)}`,
  },
  {
    name: 'Outlook zh-TW',
    body: ZH,
    from: /王偉/,
    text: `收到。\n\n寄件者: 王偉 <wang.wei@example.tw>\n寄件日期: 2024年3月5日 上午 10:12\n收件者: 李娜 <li.na@example.tw>\n主旨: 預算調整\n\n${ZH}`,
  },
  {
    name: 'Outlook ko',
    body: KO,
    from: /이지은/,
    text: `확인했습니다.\n\n보낸 사람: 이지은 <jieun.lee@example.kr>\n보낸 날짜: 2024년 3월 5일 화요일 오전 10:12\n받는 사람: 김민수 <minsu.kim@example.kr>\n제목: 하반기 예산\n\n${KO}`,
  },
  // Gmail: an attribution line above the '>' original.
  {
    name: 'Gmail fr (wrapped on two lines)',
    body: FR,
    from: /claire\.martin@example\.org/,
    text: `Bien reçu.\n\nLe mar. 5 mars 2024 à 10:12, Claire Martin <\nclaire.martin@example.org> a écrit :\n\n${quote(FR)}`,
  },
  {
    name: 'Gmail de',
    body: DE,
    from: /claire\.martin@example\.org/,
    text: `Danke.\n\nAm Di., 5. März 2024 um 10:12 Uhr schrieb Claire Martin <claire.martin@example.org>:\n\n${quote(DE)}`,
  },
  {
    name: 'Gmail es',
    body: ES,
    from: /clara\.martin@example\.es/,
    text: `Recibido.\n\nEl mar, 5 mar 2024 a las 10:12, Clara Martín (<clara.martin@example.es>) escribió:\n\n${quote(ES)}`,
  },
  {
    name: 'Gmail pt-BR',
    body: PT,
    from: /clara\.martins@example\.com\.br/,
    text: `Recebido.\n\nEm ter., 5 de mar. de 2024 às 10:12, Clara Martins <clara.martins@example.com.br> escreveu:\n\n${quote(PT)}`,
  },
  {
    name: 'Gmail it',
    body: IT,
    from: /chiara\.martini@example\.it/,
    text: `Ricevuto.\n\nIl giorno mar 5 mar 2024 alle ore 10:12 Chiara Martini <chiara.martini@example.it> ha scritto:\n\n${quote(IT)}`,
  },
  {
    name: 'Gmail nl',
    body: NL,
    from: /claire\.maarten@example\.nl/,
    text: `Ontvangen.\n\nOp di 5 mrt 2024 om 10:12 schreef Claire Maarten <claire.maarten@example.nl>:\n\n${quote(NL)}`,
  },
  {
    name: 'Gmail ja (date, name, address, colon: no verb)',
    body: JA,
    from: /taro\.yamada@example\.co\.jp/,
    text: `承知いたしました。\n\n2024年3月5日(火) 10:12 山田太郎 <taro.yamada@example.co.jp>:\n\n${quote(JA)}`,
  },
  {
    name: 'Gmail zh-CN',
    body: ZH,
    from: /wang\.wei@example\.cn/,
    text: `收到。\n\n王伟 <wang.wei@example.cn> 于2024年3月5日周二 10:12写道：\n\n${quote(ZH)}`,
  },
  {
    name: 'Gmail ko',
    body: KO,
    from: /jieun\.lee@example\.kr/,
    text: `확인했습니다.\n\n2024년 3월 5일 (화) 오전 10:12, 이지은 <jieun.lee@example.kr>님이 작성:\n\n${quote(KO)}`,
  },
  // Thunderbird (composeMsgs.properties), with its reply and forward headers.
  {
    name: 'Thunderbird fr, reply',
    body: FR,
    from: /Claire Martin/,
    text: `Bien reçu.\n\nLe 05/03/2024 à 10:12, Claire Martin a écrit :\n${quote(FR)}`,
  },
  {
    name: 'Thunderbird de, author wrote on date',
    body: DE,
    from: /Claire Martin/,
    text: `Danke.\n\nClaire Martin schrieb am 05.03.24 um 10:12:\n${quote(DE)}`,
  },
  {
    name: 'Thunderbird zh-CN, reply',
    body: ZH,
    from: /王伟/,
    text: `收到。\n\n在 2024/3/5 10:12, 王伟 写道:\n${quote(ZH)}`,
  },
  {
    name: 'Thunderbird zh-TW, reply',
    body: ZH,
    from: /王偉/,
    text: `收到。\n\n王偉 於 2024/3/5 10:12 寫道:\n${quote(ZH)}`,
  },
  {
    name: 'Thunderbird ko, reply',
    body: KO,
    from: /이지은/,
    text: `확인했습니다.\n\n2024-03-05 오전 10:12에 이지은 이(가) 쓴 글:\n${quote(KO)}`,
  },
  {
    name: 'Thunderbird de, forward',
    body: DE,
    from: /Claire Martin/,
    text: `Zur Info.\n\n-------- Weitergeleitete Nachricht --------\nBetreff: \tBudget 2024\nDatum: \tTue, 5 Mar 2024 10:12:03 +0100\nVon: \tClaire Martin <claire.martin@example.org>\nAn: \tPaul Durand <paul.durand@example.org>\n\n${DE}`,
  },
  {
    name: 'Thunderbird fr, forward',
    body: FR,
    from: /Claire Martin/,
    text: `Pour info.\n\n-------- Message transféré --------\nSujet : \tBudget 2024\nDate : \tTue, 5 Mar 2024 10:12:03 +0100\nDe : \tClaire Martin <claire.martin@example.org>\nPour : \tPaul Durand <paul.durand@example.org>\n\n${FR}`,
  },
  // Roundcube (labels.inc).
  {
    name: 'Roundcube ja, reply',
    body: JA,
    from: /山田太郎/,
    text: `承知いたしました。\n\n2024-03-05 10:12 に 山田太郎 さんは書きました:\n${quote(JA)}`,
  },
  {
    name: 'Roundcube pt-BR, reply',
    body: PT,
    from: /Clara Martins/,
    text: `Recebido.\n\nEm 2024-03-05 10:12, Clara Martins escreveu:\n${quote(PT)}`,
  },
  {
    name: 'Roundcube en, forward',
    body: EN,
    from: /Claire Martin/,
    text: `FYI.\n\n-------- Original Message --------\nSubject: Budget 2024\nDate: 2024-03-05 10:12\nFrom: Claire Martin <claire.martin@example.org>\nTo: Paul Durand <paul.durand@example.org>\n\n${EN}`,
  },
  // Zimbra: a separator, then the header and the original prefixed or not.
  {
    name: 'Zimbra fr',
    body: FR,
    from: /Claire Martin/,
    text: `Bien reçu.\n\n----- Mail original -----\nDe: "Claire Martin" <claire.martin@example.org>\nÀ: "Paul Durand" <paul.durand@example.org>\nEnvoyé: Mardi 5 Mars 2024 10:12:03\nObjet: Budget 2024\n\n${FR}`,
  },
  {
    name: 'Zimbra de, prefixed',
    body: DE,
    from: /Claire Martin/,
    text: `Danke.\n\n----- Ursprüngliche Mail -----\n> Von: "Claire Martin" <claire.martin@example.org>\n> An: "Paul Durand" <paul.durand@example.org>\n> Gesendet: Dienstag, 5. März 2024 10:12:03\n> Betreff: Budget 2024\n\n${quote(DE)}`,
  },
  {
    name: 'Zimbra pt-BR',
    body: PT,
    from: /Clara Martins/,
    text: `Recebido.\n\n----- Mensagem original -----\nDe: "Clara Martins" <clara.martins@example.com.br>\nPara: "Paulo Duarte" <paulo.duarte@example.com.br>\nEnviadas: Terça-feira, 5 de março de 2024 10:12:03\nAssunto: Orçamento 2024\n\n${PT}`,
  },
  // Apple Mail: the forward intro, and the Japanese reply attribution.
  {
    name: 'Apple Mail fr, forward',
    body: FR,
    from: /Claire Martin/,
    text: `Pour info.\n\nDébut du message réexpédié :\n\nDe: Claire Martin <claire.martin@example.org>\nObjet: Budget 2024\nDate: 5 mars 2024 à 10:12:03 UTC+1\nÀ: Paul Durand <paul.durand@example.org>\n\n${FR}`,
  },
  {
    name: 'Apple Mail de, forward',
    body: DE,
    from: /Claire Martin/,
    text: `Zur Info.\n\nAnfang der weitergeleiteten Nachricht:\n\nVon: Claire Martin <claire.martin@example.org>\nBetreff: Budget 2024\nDatum: 5. März 2024 um 10:12:03 MEZ\nAn: Paul Durand <paul.durand@example.org>\n\n${DE}`,
  },
  {
    name: 'Apple Mail ja, reply',
    body: JA,
    from: /taro\.yamada@example\.co\.jp/,
    text: `承知いたしました。\n\n2024/03/05 10:12、山田太郎 <taro.yamada@example.co.jp>のメッセージ:\n\n${quote(JA)}`,
  },
  // Yahoo.
  {
    name: 'Yahoo en, reply',
    body: EN,
    from: /claire\.martin@example\.org/,
    text: `Thanks.\n\nOn Tuesday, March 5, 2024, 10:12:03 AM GMT+1, Claire Martin <claire.martin@example.org> wrote:\n\n${quote(EN)}`,
  },
  {
    name: 'Yahoo es, forward',
    body: ES,
    from: /Clara Martín/,
    text: `Para tu información.\n\n----- Mensaje reenviado -----\nDe: Clara Martín <clara.martin@example.es>\nPara: Pablo Durán <pablo.duran@example.es>\nEnviado: martes, 5 de marzo de 2024, 10:12:03 CET\nAsunto: Presupuesto 2024\n\n${ES}`,
  },
  // Lotus Notes: "<name> wrote on <date>:".
  {
    name: 'Lotus Notes, reply',
    body: EN,
    from: /claire\.martin@example\.org/,
    text: `Thanks.\n\nClaire Martin <claire.martin@example.org> wrote on 03/05/2024 10:12:03 AM:\n\n${quote(EN)}`,
  },
];

describe('quote headers of real clients, by language', () => {
  it('every row of the table names its source and compiles', () => {
    for (const r of QUOTE_HEADER_ROWS) {
      expect(sourceOf(r).length).toBeGreaterThan(20);
      expect(() => new RegExp(r.text)).not.toThrow();
    }
  });

  for (const c of CASES)
    it(c.name, () => {
      const [b] = quotedBlocks(c.text);
      expect(b, 'a quoted block').toBeDefined();
      expect(b.header?.from ?? '').toMatch(c.from);
      // The block holds the original's words, the header or attribution left out.
      expect(tokens(b.text)).toEqual(tokens(c.body));
      expect(tokens(withoutQuoteHeaders(c.text)).slice(-tokens(c.body).length)).toEqual(tokens(c.body));
      // And the header's own words are not compared.
      const kept = tokens(withoutQuoteHeaders(c.text)).join(' ');
      expect(kept).not.toMatch(/2024年3月5日|10:12|@example/);
    });
});

describe('the time of a quoted header in Chinese, Japanese and Korean', () => {
  // 2024-03-05 07:12 UTC is 15:12 in Taipei, Tokyo (+9: 16:12) and Seoul (+9: 16:12).
  const at = '2024-03-05T07:12:00.000Z';
  it('reads the half of the day written before the time, and 時/分', () => {
    expect(sentLineFits('2024年3月5日 下午 03:12', at, [480])).toBe(true);
    expect(sentLineFits('2024年3月5日 上午 03:12', at, [480])).toBe(false);
    expect(sentLineFits('2024年3月5日(火) 午後4:12', at, [540])).toBe(true);
    expect(sentLineFits('2024年3月5日 16時12分', at, [540])).toBe(true);
    expect(sentLineFits('2024年3月5日 午後4時12分', at, [540])).toBe(true);
    expect(sentLineFits('2024년 3월 5일 화요일 오후 4:12', at, [540])).toBe(true);
    expect(sentLineFits('2024년 3월 5일 화요일 오전 4:12', at, [540])).toBe(false);
  });
});

let serial = 0;
async function mail(path: string, id: string, date: string, body: string, irt?: string, from = 'Taro Yamada <taro.yamada@example.co.jp>') {
  const head = [
    `From: ${from}`,
    'To: Hanako Sato <hanako.sato@example.co.jp>',
    `Subject: =?UTF-8?B?${Buffer.from(irt ? 'RE: お見積りの件' : 'お見積りの件').toString('base64')}?=`,
    `Date: ${date}`,
    `Message-ID: <${id}>`,
    ...(irt ? [`In-Reply-To: <${irt}>`, `References: <${irt}>`] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
  ];
  const raw = Buffer.from(`${head.join('\r\n')}\r\n\r\n${body.replace(/\r?\n/g, '\r\n')}`, 'utf8');
  return { ...asCorpusDoc(await emailDoc(raw, path), `${path}#${serial++}`), path } as CorpusDocument;
}

const medium = (docs: CorpusDocument[]) =>
  [...threadsCheck.run(() => docs, NO_KEYS)]
    .filter((r) => r.finding.severity !== 'low' && r.finding.severity !== 'info')
    .map((r) => docs.find((d) => d.id === r.documentId)!.path);

/** A quoted Japanese original re-wrapped by the replier's client at 20 characters, between two characters. */
const rewrapped = (body: string) =>
  body
    .split('\n')
    .flatMap((l) => l.match(/.{1,20}(?![\d,])/gu) ?? [''])
    .join('\n');

describe('email.threads compares Japanese and Chinese quotes word by word', () => {
  const ORIG = 'orig-1@example.co.jp';
  const original = () => mail('mail/taro/Sent.mbox!message-3', ORIG, 'Tue, 5 Mar 2024 10:12:03 +0900', JA);
  const reply = (quoted: string) =>
    mail(
      'mail/hanako/Sent.mbox!message-9',
      'reply-1@example.co.jp',
      'Tue, 5 Mar 2024 15:40:00 +0900',
      quoted,
      ORIG,
      'Hanako Sato <hanako.sato@example.co.jp>',
    );
  const outlook = (body: string) =>
    `承知いたしました。\n\n佐藤\n\n差出人: 山田 太郎 <taro.yamada@example.co.jp>\n送信日時: 2024年3月5日 10:12\n宛先: 佐藤 花子 <hanako.sato@example.co.jp>\n件名: お見積りの件\n\n${body}`;

  it('an honest quote (Outlook block, re-wrapped and prefixed quotes, full-width digits) is not flagged', async () => {
    const orig = await original();
    for (const q of [
      outlook(JA),
      `承知いたしました。\n\n2024年3月5日(火) 10:12 山田太郎 <taro.yamada@example.co.jp>:\n\n${quote(rewrapped(JA))}`,
      `承知いたしました。\n\n2024年3月5日(火) 10:12 山田太郎 <taro.yamada@example.co.jp>:\n\n${quote(JA.replace('85,000', '８５，０００'), '>')}`,
      // Half-width katakana and a full-width colon typed by another input method.
      outlook(JA.replace('東邦システム', '東邦ｼｽﾃﾑ').replace('山田です。', '山田です：')),
    ])
      expect(medium([orig, await reply(q)])).toEqual([]);
  });

  it('a quote whose amount was changed is medium, in an Outlook block and in a re-wrapped prefixed quote', async () => {
    const orig = await original();
    const edited = JA.replace('1,250,000円', '1,850,000円');
    const a = await reply(outlook(edited));
    expect(medium([orig, a])).toEqual(['mail/hanako/Sent.mbox!message-9']);
    const b = await reply(
      `承知いたしました。\n\n2024年3月5日(火) 10:12 山田太郎 <taro.yamada@example.co.jp>:\n\n${quote(rewrapped(edited))}`,
    );
    expect(medium([orig, b])).toEqual(['mail/hanako/Sent.mbox!message-9']);
    const f = [...threadsCheck.run(() => [orig, b], NO_KEYS)][0].finding;
    expect(f.evidence.passages).toEqual([expect.objectContaining({ original: '1,250,000', changedTo: '1,850,000' })]);
  });

  it('a reply that says its comments are inline (以下にコメント) is low, not medium', async () => {
    const orig = await original();
    const annotated = JA.replace('85,000円となります。', '85,000円となります。\n→ 保守費用は年額でお願いできますか。');
    const r = await reply(outlook(annotated).replace('承知いたしました。', '承知いたしました。以下にコメントいたします。'));
    expect(medium([orig, r])).toEqual([]);
    expect([...threadsCheck.run(() => [orig, r], NO_KEYS)].map((x) => x.finding.severity)).toEqual(['low']);
  });

  it('one name changed in the quote is a one-word replacement, as in Latin text: not medium', async () => {
    const orig = await original();
    expect(medium([orig, await reply(outlook(JA.replace('東邦システムの山田', '東邦システムの田中')))])).toEqual([]);
  });

  it('a sentence inserted in a quoted Chinese memo is medium', async () => {
    const orig = await mail(
      'mail/wang/Sent.mbox!message-1',
      'zh-1@example.cn',
      'Tue, 5 Mar 2024 10:12:03 +0800',
      ZH,
      undefined,
      '王伟 <wang.wei@example.cn>',
    );
    const inserted = ZH.replace('请各部门负责人', '另外财务部将冻结所有差旅报销。请各部门负责人');
    const r = await mail(
      'mail/li/Sent.mbox!message-2',
      'zh-2@example.cn',
      'Tue, 5 Mar 2024 11:00:00 +0800',
      `收到。\n\n王伟 <wang.wei@example.cn> 于2024年3月5日周二 10:12写道：\n\n${quote(inserted)}`,
      'zh-1@example.cn',
      '李娜 <li.na@example.cn>',
    );
    expect(medium([orig, r])).toEqual(['mail/li/Sent.mbox!message-2']);
  });
});
