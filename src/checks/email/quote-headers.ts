// The lines mail clients write above a quoted or forwarded original, in their languages: attribution
// verbs ("wrote", "a écrit", "写道"), the words that open an attribution ("On", "Le", "Am"), separator
// lines ("-------- Message original --------"), forward intros ("Begin forwarded message:") and the
// field names of a quoted header block ("De :", "差出人:"). Every row says where it comes from.
// quotes.ts builds its patterns from this table only. See docs/checks-people-threads.md.

/** Where a row was read. */
const SOURCES = {
  thunderbird:
    'Thunderbird localisation, composeMsgs.properties (mailnews.reply_header_authorwrotesingle, _ondateauthorwrote, _authorwroteondate, _originalmessage, mailnews.forward_header_originalmessage) and mime.properties (header field names), github.com/thunderbird/thunderbird-l10n at 5d7cde6',
  roundcube:
    'Roundcube, program/localization/<lang>/labels.inc (mailreplyintro, originalmessage, from, to, cc, date, subject), github.com/roundcube/roundcubemail at 28b4441',
  forwardParser:
    'crisp-oss/email-forward-parser (and its Python port), regexes per client and locale: Apple Mail, Gmail, Outlook Live/365, Outlook 2019, Yahoo Mail, Thunderbird',
  replyParser:
    'alfonsrv/mail-parser-reply, mailparser_reply/constants.py: Outlook header labels and Gmail attribution lines per language (de, es, fr, it, ja, ko, nl, pl, sv, zh)',
  crispReply: 'crisp-oss/email-reply-parser, lib/regex.js: Gmail attribution lines (在 … 写道：, … 작성:, … のメッセージ:)',
  archives:
    'messages in public mailing-list archives (LKML, git, ceph): Zimbra web client ("----- Ursprüngliche Mail -----", "----- Mail original -----" above "> Von:"/"De :" lines), Outlook in Chinese ("-----原始邮件-----", "发件人: / 发送时间:") and Japanese ("差出人: / 送信日時: / 宛先: / 件名:")',
  verity: 'Verity before this table: Outlook desktop, Outlook Express and Lotus Notes quotes of the Enron and French corpora',
} as const;

type Source = keyof typeof SOURCES;
export type LabelField = 'from' | 'sent' | 'to' | 'cc' | 'subject' | 'other';

interface Row {
  /** What the row is: see the file header. */
  kind: 'verb' | 'cjk-verb' | 'opening' | 'separator' | 'forward-intro' | 'label';
  field?: LabelField;
  /** The words as the client writes them (a regex fragment when `pattern`). */
  text: string;
  pattern?: boolean;
  langs: string;
  clients: string;
  source: Source;
}

const TB = 'Thunderbird';
const RC = 'Roundcube';

/** The table. Case is ignored when matching; spaces match any run of spaces. */
export const QUOTE_HEADER_ROWS: readonly Row[] = [
  // Attribution verbs written after a space: "<name> wrote:", "On <date>, <name> wrote:".
  {
    kind: 'verb',
    text: 'wrote',
    langs: 'en, ja, ko (Thunderbird keeps English)',
    clients: `${TB}, ${RC}, Gmail, Apple Mail, Yahoo`,
    source: 'thunderbird',
  },
  { kind: 'verb', text: 'a écrit', langs: 'fr', clients: `${TB}, ${RC}, Gmail, Outlook 2019`, source: 'thunderbird' },
  { kind: 'verb', text: 'schrieb', langs: 'de', clients: `${TB}, ${RC}, Gmail, Outlook 2019`, source: 'thunderbird' },
  { kind: 'verb', text: 'escribió', langs: 'es', clients: `${TB}, ${RC}, Gmail, Outlook 2019`, source: 'thunderbird' },
  { kind: 'verb', text: 'ha scritto', langs: 'it', clients: `${TB}, ${RC}, Gmail, Outlook 2019`, source: 'thunderbird' },
  { kind: 'verb', text: 'schreef', langs: 'nl', clients: `${TB}, ${RC}, Gmail`, source: 'thunderbird' },
  { kind: 'verb', text: 'geschreven', langs: 'nl ("Op … heeft … geschreven:")', clients: 'Outlook 2019', source: 'forwardParser' },
  { kind: 'verb', text: 'escreveu', langs: 'pt, pt-BR', clients: `${TB}, ${RC}, Gmail, Outlook 2019`, source: 'thunderbird' },
  { kind: 'verb', text: 'skrev', langs: 'sv, da, no', clients: `${TB}, ${RC}, Gmail`, source: 'thunderbird' },
  { kind: 'verb', text: 'pisze', langs: 'pl', clients: TB, source: 'thunderbird' },
  { kind: 'verb', text: 'napisał\\(a\\)|napisał', pattern: true, langs: 'pl', clients: `${RC}, Gmail, Outlook 2019`, source: 'roundcube' },
  { kind: 'verb', text: 'пишет', langs: 'ru', clients: TB, source: 'thunderbird' },
  { kind: 'verb', text: 'писал\\(а\\)', pattern: true, langs: 'ru', clients: RC, source: 'roundcube' },
  { kind: 'verb', text: 'написал\\(а\\)|написал', pattern: true, langs: 'ru', clients: 'Gmail, Outlook 2019', source: 'forwardParser' },
  { kind: 'verb', text: 'napsal\\(a\\)|napsal', pattern: true, langs: 'cs', clients: 'Gmail, Outlook 2019', source: 'forwardParser' },
  { kind: 'verb', text: 'kirjoitti', langs: 'fi', clients: 'Gmail, Outlook 2019', source: 'forwardParser' },
  { kind: 'verb', text: 'ezt írta|írta', pattern: true, langs: 'hu', clients: 'Gmail, Outlook 2019', source: 'forwardParser' },
  // Attribution endings written without a space before them (or after a closing '>').
  { kind: 'cjk-verb', text: '写道', langs: 'zh-CN', clients: `${TB}, ${RC}, Gmail`, source: 'thunderbird' },
  { kind: 'cjk-verb', text: '写于\\s?.{0,60}', pattern: true, langs: 'zh-CN ("#1 写于 #2 #3:")', clients: TB, source: 'thunderbird' },
  { kind: 'cjk-verb', text: '寫道', langs: 'zh-TW', clients: `${TB}, Gmail`, source: 'thunderbird' },
  { kind: 'cjk-verb', text: '寫到', langs: 'zh-TW', clients: RC, source: 'roundcube' },
  { kind: 'cjk-verb', text: 'さんは書きました', langs: 'ja', clients: RC, source: 'roundcube' },
  { kind: 'cjk-verb', text: 'が書きました', langs: 'ja', clients: 'Apple Mail (older), Android mail', source: 'crispReply' },
  { kind: 'cjk-verb', text: 'のメッセージ', langs: 'ja', clients: 'Apple Mail', source: 'crispReply' },
  { kind: 'cjk-verb', text: '님이 작성(?:하였습니다|했습니다)?', pattern: true, langs: 'ko', clients: 'Gmail', source: 'replyParser' },
  { kind: 'cjk-verb', text: '이\\(가\\) 쓴 (?:글|내용)', pattern: true, langs: 'ko', clients: `${TB}, ${RC}`, source: 'thunderbird' },
  // Words that open an attribution line ("On <date>, <name> wrote:"), wrapped on two lines at times.
  { kind: 'opening', text: 'on', langs: 'en', clients: `${TB}, ${RC}, Gmail, Apple Mail, Yahoo, Outlook 2019`, source: 'thunderbird' },
  { kind: 'opening', text: 'le', langs: 'fr', clients: `${TB}, ${RC}, Gmail, Outlook 2019`, source: 'thunderbird' },
  { kind: 'opening', text: 'am', langs: 'de', clients: `${TB}, ${RC}, Gmail, Outlook 2019`, source: 'thunderbird' },
  { kind: 'opening', text: 'el', langs: 'es', clients: `${TB}, ${RC}, Gmail, Outlook 2019`, source: 'thunderbird' },
  {
    kind: 'opening',
    text: 'il giorno|il',
    pattern: true,
    langs: 'it',
    clients: `${TB}, ${RC}, Gmail ("Il giorno …"), Outlook 2019`,
    source: 'forwardParser',
  },
  { kind: 'opening', text: 'op', langs: 'nl', clients: `${TB}, Gmail, Outlook 2019`, source: 'thunderbird' },
  { kind: 'opening', text: 'em', langs: 'pt-BR, pt', clients: `${TB}, ${RC}, Gmail, Outlook 2019`, source: 'thunderbird' },
  { kind: 'opening', text: 'den', langs: 'sv, da', clients: `${TB}, Gmail, Outlook 2019`, source: 'thunderbird' },
  { kind: 'opening', text: 'w dniu|dnia', pattern: true, langs: 'pl', clients: `${TB}, ${RC}, Gmail, Outlook 2019`, source: 'thunderbird' },
  { kind: 'opening', text: 'dne', langs: 'cs', clients: 'Gmail, Outlook 2019', source: 'forwardParser' },
  { kind: 'opening', text: '在', langs: 'zh-CN', clients: `${TB}, ${RC}, Gmail`, source: 'thunderbird' },
  // Separator lines: the words between rules of dashes ("-------- Message original --------").
  { kind: 'separator', text: 'original message', langs: 'en, ja', clients: `${TB}, ${RC}, Outlook, Zimbra, Yahoo`, source: 'thunderbird' },
  { kind: 'separator', text: 'forwarded message', langs: 'en, ja', clients: `${TB}, Gmail, Zimbra, Yahoo`, source: 'thunderbird' },
  { kind: 'separator', text: "message d'origine", langs: 'fr', clients: 'Outlook', source: 'verity' },
  { kind: 'separator', text: 'message original', langs: 'fr', clients: TB, source: 'thunderbird' },
  { kind: 'separator', text: 'message transféré', langs: 'fr', clients: `${TB}, Gmail`, source: 'thunderbird' },
  { kind: 'separator', text: 'message transmis', langs: 'fr', clients: 'Yahoo', source: 'forwardParser' },
  { kind: 'separator', text: 'mail original', langs: 'fr', clients: 'Zimbra', source: 'archives' },
  { kind: 'separator', text: 'mail transféré', langs: 'fr', clients: 'Zimbra', source: 'archives' },
  { kind: 'separator', text: 'courriel original', langs: 'fr', clients: RC, source: 'roundcube' },
  { kind: 'separator', text: 'ursprüngliche nachricht', langs: 'de', clients: 'Outlook', source: 'verity' },
  { kind: 'separator', text: 'original-nachricht', langs: 'de', clients: TB, source: 'thunderbird' },
  { kind: 'separator', text: 'originalnachricht', langs: 'de', clients: RC, source: 'roundcube' },
  { kind: 'separator', text: 'ursprüngliche mail', langs: 'de', clients: 'Zimbra', source: 'archives' },
  { kind: 'separator', text: 'weitergeleitete nachricht', langs: 'de', clients: `${TB}, Gmail, Yahoo`, source: 'thunderbird' },
  { kind: 'separator', text: 'weitergeleitete mail', langs: 'de', clients: 'Zimbra', source: 'archives' },
  { kind: 'separator', text: 'mensaje original', langs: 'es', clients: `${TB}, ${RC}, Outlook, Zimbra`, source: 'thunderbird' },
  { kind: 'separator', text: 'mensaje reenviado', langs: 'es', clients: `${TB}, Gmail, Yahoo`, source: 'thunderbird' },
  { kind: 'separator', text: 'messaggio originale', langs: 'it', clients: `${TB}, ${RC}, Outlook, Zimbra`, source: 'thunderbird' },
  { kind: 'separator', text: 'messaggio inoltrato', langs: 'it', clients: `${TB}, Gmail, Yahoo`, source: 'thunderbird' },
  {
    kind: 'separator',
    text: 'oorspronkelijk bericht|oorspronkelijke bericht|origineel bericht',
    pattern: true,
    langs: 'nl',
    clients: `${TB}, ${RC}, Outlook`,
    source: 'thunderbird',
  },
  { kind: 'separator', text: 'doorgestuurd bericht', langs: 'nl', clients: `${TB}, Gmail, Yahoo`, source: 'thunderbird' },
  { kind: 'separator', text: 'mensagem original', langs: 'pt-BR, pt', clients: `${TB}, ${RC}, Outlook, Zimbra`, source: 'thunderbird' },
  {
    kind: 'separator',
    text: 'mensagem encaminhada|mensagem reencaminhada',
    pattern: true,
    langs: 'pt-BR, pt',
    clients: `${TB}, Gmail, Yahoo`,
    source: 'thunderbird',
  },
  {
    kind: 'separator',
    text: 'originalmeddelande|ursprungligt meddelande',
    pattern: true,
    langs: 'sv',
    clients: `${TB}, ${RC}, Outlook`,
    source: 'thunderbird',
  },
  { kind: 'separator', text: 'vidarebefordrat meddelande', langs: 'sv', clients: `${TB}, Yahoo`, source: 'thunderbird' },
  {
    kind: 'separator',
    text: 'oprindelig meddelelse|opprinnelig melding',
    pattern: true,
    langs: 'da, no',
    clients: 'Outlook',
    source: 'replyParser',
  },
  {
    kind: 'separator',
    text: 'wiadomość oryginalna|treść oryginalnej wiadomości|treść przekazanej wiadomości',
    pattern: true,
    langs: 'pl',
    clients: `${TB}, ${RC}`,
    source: 'thunderbird',
  },
  {
    kind: 'separator',
    text: 'исходное сообщение|перенаправленное сообщение|пересылаемое сообщение',
    pattern: true,
    langs: 'ru',
    clients: `${TB}, ${RC}, Yahoo`,
    source: 'thunderbird',
  },
  { kind: 'separator', text: 'původní zpráva', langs: 'cs', clients: TB, source: 'verity' },
  { kind: 'separator', text: 'alkuperäinen viesti', langs: 'fi', clients: 'Outlook', source: 'verity' },
  { kind: 'separator', text: 'eredeti üzenet', langs: 'hu', clients: 'Outlook', source: 'verity' },
  {
    kind: 'separator',
    text: '原始消息|原始邮件|转发的消息|转发的邮件',
    pattern: true,
    langs: 'zh-CN',
    clients: `${TB}, ${RC}, Outlook, Gmail`,
    source: 'thunderbird',
  },
  { kind: 'separator', text: '原始郵件|轉寄郵件', pattern: true, langs: 'zh-TW', clients: `${TB}, ${RC}, Outlook`, source: 'thunderbird' },
  {
    kind: 'separator',
    text: '元のメッセージ|転送されたメッセージ|メッセージを転送',
    pattern: true,
    langs: 'ja',
    clients: `${RC}, Gmail, HubSpot`,
    source: 'roundcube',
  },
  { kind: 'separator', text: '원본 메시지|전달된 메시지', pattern: true, langs: 'ko', clients: `${TB}, ${RC}`, source: 'thunderbird' },
  { kind: 'separator', text: 'forwarded by .*|reply message', pattern: true, langs: 'en', clients: 'Lotus Notes', source: 'verity' },
  // Apple Mail's forward intro, a line of its own ending with a colon.
  { kind: 'forward-intro', text: 'begin forwarded message', langs: 'en', clients: 'Apple Mail', source: 'forwardParser' },
  {
    kind: 'forward-intro',
    text: 'début du message réexpédié|début du message transféré',
    pattern: true,
    langs: 'fr',
    clients: 'Apple Mail (macOS, iOS)',
    source: 'forwardParser',
  },
  { kind: 'forward-intro', text: 'anfang der weitergeleiteten nachricht', langs: 'de', clients: 'Apple Mail', source: 'forwardParser' },
  { kind: 'forward-intro', text: 'inicio del mensaje reenviado', langs: 'es', clients: 'Apple Mail', source: 'forwardParser' },
  { kind: 'forward-intro', text: 'inizio messaggio inoltrato', langs: 'it', clients: 'Apple Mail', source: 'forwardParser' },
  { kind: 'forward-intro', text: 'begin doorgestuurd bericht', langs: 'nl', clients: 'Apple Mail', source: 'forwardParser' },
  {
    kind: 'forward-intro',
    text: 'início da mensagem encaminhada|início da mensagem reencaminhada',
    pattern: true,
    langs: 'pt-BR, pt',
    clients: 'Apple Mail',
    source: 'forwardParser',
  },
  {
    kind: 'forward-intro',
    text: 'vidarebefordrat mejl|start på videresendt besked|videresendt melding',
    pattern: true,
    langs: 'sv, da, no',
    clients: 'Apple Mail',
    source: 'forwardParser',
  },
  { kind: 'forward-intro', text: 'początek przekazywanej wiadomości', langs: 'pl', clients: 'Apple Mail', source: 'forwardParser' },
  { kind: 'forward-intro', text: 'начало переадресованного сообщения', langs: 'ru', clients: 'Apple Mail', source: 'forwardParser' },
  // Field names of a quoted header block.
  { kind: 'label', field: 'from', text: 'from', langs: 'en, ja (Thunderbird)', clients: 'all', source: 'thunderbird' },
  {
    kind: 'label',
    field: 'from',
    text: 'de',
    langs: 'fr, es, pt',
    clients: `Outlook, ${TB}, ${RC}, Gmail, Apple Mail, Zimbra`,
    source: 'thunderbird',
  },
  {
    kind: 'label',
    field: 'from',
    text: 'von',
    langs: 'de',
    clients: `Outlook, ${TB}, ${RC}, Gmail, Apple Mail, Zimbra`,
    source: 'thunderbird',
  },
  { kind: 'label', field: 'from', text: 'van|afzender', pattern: true, langs: 'nl', clients: `Outlook, ${TB}, ${RC}`, source: 'roundcube' },
  {
    kind: 'label',
    field: 'from',
    text: 'da|mittente',
    pattern: true,
    langs: 'it',
    clients: `Outlook, ${TB}, ${RC}, Gmail`,
    source: 'thunderbird',
  },
  {
    kind: 'label',
    field: 'from',
    text: 'od|från|fra|frá|lähettäjä|feladó|от|από|kimden|nadawca',
    pattern: true,
    langs: 'pl, cs, sv, da, no, is, fi, hu, ru, el, tr',
    clients: 'Outlook, Apple Mail, Gmail',
    source: 'forwardParser',
  },
  {
    kind: 'label',
    field: 'from',
    text: 'expéditeur|absender|remitente|remetente',
    pattern: true,
    langs: 'fr, de, es, pt (the Sender field)',
    clients: TB,
    source: 'thunderbird',
  },
  {
    kind: 'label',
    field: 'from',
    text: '发件人|发送者',
    pattern: true,
    langs: 'zh-CN',
    clients: `Outlook, ${TB}, ${RC}`,
    source: 'thunderbird',
  },
  {
    kind: 'label',
    field: 'from',
    text: '寄件者|從',
    pattern: true,
    langs: 'zh-TW',
    clients: `Outlook, ${TB}, ${RC}`,
    source: 'thunderbird',
  },
  {
    kind: 'label',
    field: 'from',
    text: '差出人|発信者|送信者|送信元',
    pattern: true,
    langs: 'ja',
    clients: `Outlook, ${RC}, HubSpot`,
    source: 'archives',
  },
  {
    kind: 'label',
    field: 'from',
    text: '보낸 사람|보낸사람',
    pattern: true,
    langs: 'ko',
    clients: `Outlook, ${TB}, ${RC}`,
    source: 'replyParser',
  },
  { kind: 'label', field: 'sent', text: 'sent|date', pattern: true, langs: 'en', clients: 'Outlook, all', source: 'forwardParser' },
  {
    kind: 'label',
    field: 'sent',
    text: "envoyé le|envoyé|date d'envoi",
    pattern: true,
    langs: 'fr',
    clients: 'Outlook, Yahoo, Zimbra',
    source: 'forwardParser',
  },
  {
    kind: 'label',
    field: 'sent',
    text: 'gesendet|datum',
    pattern: true,
    langs: 'de, nl, sv, cs',
    clients: `Outlook, ${TB}, ${RC}, Yahoo, Zimbra`,
    source: 'forwardParser',
  },
  {
    kind: 'label',
    field: 'sent',
    text: 'enviado el|enviado|enviada em|enviado em|enviada|fecha|data',
    pattern: true,
    langs: 'es, pt-BR, pt, it, pl',
    clients: `Outlook, ${TB}, ${RC}, Yahoo`,
    source: 'forwardParser',
  },
  {
    kind: 'label',
    field: 'sent',
    text: 'inviato|verzonden|wysłano|skickat|sendt|lähetetty|elküldve|отправлено|дата|tarih|gönderildi|dato',
    pattern: true,
    langs: 'it, nl, pl, sv, da, fi, hu, ru, tr',
    clients: 'Outlook, Yahoo',
    source: 'forwardParser',
  },
  {
    kind: 'label',
    field: 'sent',
    text: '发送时间|日期|时间',
    pattern: true,
    langs: 'zh-CN',
    clients: `Outlook, ${TB}, ${RC}`,
    source: 'replyParser',
  },
  { kind: 'label', field: 'sent', text: '寄件日期|傳送時間', pattern: true, langs: 'zh-TW', clients: 'Outlook', source: 'verity' },
  {
    kind: 'label',
    field: 'sent',
    text: '送信日時|日付|日時',
    pattern: true,
    langs: 'ja',
    clients: `Outlook, ${RC}, HubSpot`,
    source: 'archives',
  },
  {
    kind: 'label',
    field: 'sent',
    text: '보낸 날짜|날짜',
    pattern: true,
    langs: 'ko',
    clients: `Outlook, ${TB}, ${RC}`,
    source: 'replyParser',
  },
  {
    kind: 'label',
    field: 'to',
    text: 'to|à|a|an|aan|para|per|do|till|til|pour|vastaanottaja|címzett|кому|προς|kime|adresat',
    pattern: true,
    langs: 'en, fr, it, de, nl, es, pt, pl, sv, da, fi, hu, ru, el, tr',
    clients: `Outlook, ${TB}, Apple Mail`,
    source: 'forwardParser',
  },
  {
    kind: 'label',
    field: 'to',
    text: 'destinatario|destinatário|ontvanger|mottagare',
    pattern: true,
    langs: 'it, es, pt, nl, sv',
    clients: RC,
    source: 'roundcube',
  },
  {
    kind: 'label',
    field: 'to',
    text: '收件人|收件者|到|宛先|送信先|받는 사람|받는사람',
    pattern: true,
    langs: 'zh-CN, zh-TW, ja, ko',
    clients: `Outlook, ${TB}, ${RC}`,
    source: 'thunderbird',
  },
  {
    kind: 'label',
    field: 'cc',
    text: 'cc|cci|bcc|kopie|kopie \\(cc\\)|копия|kopia|kopio|copie|copie à|cópia|dw',
    pattern: true,
    langs: 'all Latin and Cyrillic',
    clients: `Outlook, ${TB}, ${RC}, Apple Mail`,
    source: 'forwardParser',
  },
  {
    kind: 'label',
    field: 'cc',
    text: '抄送|副本|参照|写し\\(cc\\)|참조',
    pattern: true,
    langs: 'zh-CN, zh-TW, ja, ko',
    clients: `Outlook, ${RC}`,
    source: 'roundcube',
  },
  {
    kind: 'label',
    field: 'subject',
    text: 'subject|objet|sujet|betreff|asunto|oggetto|onderwerp|assunto|temat|ämne|emne|aihe|tárgy|тема|θέμα|konu|předmět',
    pattern: true,
    langs: 'en, fr, de, es, it, nl, pt, pl, sv, da, fi, hu, ru, el, tr, cs',
    clients: `Outlook, ${TB}, ${RC}, Apple Mail, Gmail`,
    source: 'forwardParser',
  },
  {
    kind: 'label',
    field: 'subject',
    text: '主题|主旨|件名|제목',
    pattern: true,
    langs: 'zh-CN, zh-TW, ja, ko',
    clients: `Outlook, ${TB}, ${RC}`,
    source: 'thunderbird',
  },
  {
    kind: 'label',
    field: 'other',
    text: 'importance|priority|wichtigkeit|importancia|priorité|attachments|pièces jointes|anlagen|reply-to|répondre à|antwort an|responder a|rispondi a|重要度|添付ファイル',
    pattern: true,
    langs: 'en, de, es, fr, it, ja',
    clients: 'Outlook, Apple Mail',
    source: 'forwardParser',
  },
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The rows of one kind (and field) as a regex alternation, literal rows longest first ("envoyé le" before "envoyé"). */
function alternation(kind: Row['kind'], field?: LabelField): string {
  const rows = QUOTE_HEADER_ROWS.filter((r) => r.kind === kind && (field === undefined || r.field === field));
  const parts = rows.map((r) => (r.pattern ? `(?:${r.text})` : escape(r.text)));
  return [...new Set(parts)]
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(/ /g, '\\s+'))
    .join('|');
}

/** Attribution verbs written after a space ("wrote", "a écrit"...). */
export const WROTE = alternation('verb');
/** Attribution endings written without a space (写道, のメッセージ, 님이 작성...). */
export const WROTE_UNSPACED = alternation('cjk-verb');
/** Words that open an attribution line. */
export const OPENINGS = alternation('opening');
/** The words of a separator line, between rules. */
export const SEPARATOR_WORDS = alternation('separator');
/** Apple Mail's forward intros. */
export const FORWARD_INTROS = alternation('forward-intro');
/** A header block's field names, by field. */
export const LABELS: Record<LabelField, string> = {
  from: alternation('label', 'from'),
  sent: alternation('label', 'sent'),
  to: alternation('label', 'to'),
  cc: alternation('label', 'cc'),
  subject: alternation('label', 'subject'),
  other: alternation('label', 'other'),
};

/** The source of a row, spelled out (for the docs and the tests). */
export function sourceOf(row: Row): string {
  return SOURCES[row.source];
}
