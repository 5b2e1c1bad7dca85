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
  /** The words as the client writes them, as a regex fragment (alternatives with |; a space matches any run). */
  text: string;
  langs: string;
  clients: string;
  source: Source;
}

const row = (kind: Row['kind'], text: string, langs: string, clients: string, source: Source): Row => ({
  kind,
  text,
  langs,
  clients,
  source,
});
const label = (field: LabelField, text: string, langs: string, clients: string, source: Source): Row => ({
  kind: 'label',
  field,
  text,
  langs,
  clients,
  source,
});

const TB = 'Thunderbird';
const RC = 'Roundcube';

/** The table. Case is ignored when matching; spaces match any run of spaces. */
export const QUOTE_HEADER_ROWS: readonly Row[] = [
  // Attribution verbs written after a space: "<name> wrote:", "On <date>, <name> wrote:".
  row('verb', 'wrote', 'en, ja, ko (Thunderbird keeps English)', `${TB}, ${RC}, Gmail, Apple Mail, Yahoo`, 'thunderbird'),
  row('verb', 'a écrit', 'fr', `${TB}, ${RC}, Gmail, Outlook 2019`, 'thunderbird'),
  row('verb', 'schrieb', 'de', `${TB}, ${RC}, Gmail, Outlook 2019`, 'thunderbird'),
  row('verb', 'escribió', 'es', `${TB}, ${RC}, Gmail, Outlook 2019`, 'thunderbird'),
  row('verb', 'ha scritto', 'it', `${TB}, ${RC}, Gmail, Outlook 2019`, 'thunderbird'),
  row('verb', 'schreef', 'nl', `${TB}, ${RC}, Gmail`, 'thunderbird'),
  row('verb', 'geschreven', 'nl ("Op … heeft … geschreven:")', 'Outlook 2019', 'forwardParser'),
  row('verb', 'escreveu', 'pt, pt-BR', `${TB}, ${RC}, Gmail, Outlook 2019`, 'thunderbird'),
  row('verb', 'skrev', 'sv, da, no', `${TB}, ${RC}, Gmail`, 'thunderbird'),
  row('verb', 'pisze', 'pl', TB, 'thunderbird'),
  row('verb', 'napisał\\(a\\)|napisał', 'pl', `${RC}, Gmail, Outlook 2019`, 'roundcube'),
  row('verb', 'пишет', 'ru', TB, 'thunderbird'),
  row('verb', 'писал\\(а\\)', 'ru', RC, 'roundcube'),
  row('verb', 'написал\\(а\\)|написал', 'ru', 'Gmail, Outlook 2019', 'forwardParser'),
  row('verb', 'napsal\\(a\\)|napsal', 'cs', 'Gmail, Outlook 2019', 'forwardParser'),
  row('verb', 'kirjoitti', 'fi', 'Gmail, Outlook 2019', 'forwardParser'),
  row('verb', 'ezt írta|írta', 'hu', 'Gmail, Outlook 2019', 'forwardParser'),
  // Attribution endings written without a space before them (or after a closing '>').
  row('cjk-verb', '写道', 'zh-CN', `${TB}, ${RC}, Gmail`, 'thunderbird'),
  row('cjk-verb', '写于\\s?.{0,60}', 'zh-CN ("#1 写于 #2 #3:")', TB, 'thunderbird'),
  row('cjk-verb', '寫道', 'zh-TW', `${TB}, Gmail`, 'thunderbird'),
  row('cjk-verb', '寫到', 'zh-TW', RC, 'roundcube'),
  row('cjk-verb', 'さんは書きました', 'ja', RC, 'roundcube'),
  row('cjk-verb', 'が書きました', 'ja', 'Apple Mail (older), Android mail', 'crispReply'),
  row('cjk-verb', 'のメッセージ', 'ja', 'Apple Mail', 'crispReply'),
  row('cjk-verb', '님이 작성(?:하였습니다|했습니다)?', 'ko', 'Gmail', 'replyParser'),
  row('cjk-verb', '이\\(가\\) 쓴 (?:글|내용)', 'ko', `${TB}, ${RC}`, 'thunderbird'),
  // Words that open an attribution line ("On <date>, <name> wrote:"), wrapped on two lines at times.
  row('opening', 'on', 'en', `${TB}, ${RC}, Gmail, Apple Mail, Yahoo, Outlook 2019`, 'thunderbird'),
  row('opening', 'le', 'fr', `${TB}, ${RC}, Gmail, Outlook 2019`, 'thunderbird'),
  row('opening', 'am', 'de', `${TB}, ${RC}, Gmail, Outlook 2019`, 'thunderbird'),
  row('opening', 'el', 'es', `${TB}, ${RC}, Gmail, Outlook 2019`, 'thunderbird'),
  row('opening', 'il giorno|il', 'it', `${TB}, ${RC}, Gmail ("Il giorno …"), Outlook 2019`, 'forwardParser'),
  row('opening', 'op', 'nl', `${TB}, Gmail, Outlook 2019`, 'thunderbird'),
  row('opening', 'em', 'pt-BR, pt', `${TB}, ${RC}, Gmail, Outlook 2019`, 'thunderbird'),
  row('opening', 'den', 'sv, da', `${TB}, Gmail, Outlook 2019`, 'thunderbird'),
  row('opening', 'w dniu|dnia', 'pl', `${TB}, ${RC}, Gmail, Outlook 2019`, 'thunderbird'),
  row('opening', 'dne', 'cs', 'Gmail, Outlook 2019', 'forwardParser'),
  row('opening', '在', 'zh-CN', `${TB}, ${RC}, Gmail`, 'thunderbird'),
  // Separator lines: the words between rules of dashes ("-------- Message original --------").
  row('separator', 'original message', 'en, ja', `${TB}, ${RC}, Outlook, Zimbra, Yahoo`, 'thunderbird'),
  row('separator', 'forwarded message', 'en, ja', `${TB}, Gmail, Zimbra, Yahoo`, 'thunderbird'),
  row('separator', "message d'origine", 'fr', 'Outlook', 'verity'),
  row('separator', 'message original', 'fr', TB, 'thunderbird'),
  row('separator', 'message transféré', 'fr', `${TB}, Gmail`, 'thunderbird'),
  row('separator', 'message transmis', 'fr', 'Yahoo', 'forwardParser'),
  row('separator', 'mail original', 'fr', 'Zimbra', 'archives'),
  row('separator', 'mail transféré', 'fr', 'Zimbra', 'archives'),
  row('separator', 'courriel original', 'fr', RC, 'roundcube'),
  row('separator', 'ursprüngliche nachricht', 'de', 'Outlook', 'verity'),
  row('separator', 'original-nachricht', 'de', TB, 'thunderbird'),
  row('separator', 'originalnachricht', 'de', RC, 'roundcube'),
  row('separator', 'ursprüngliche mail', 'de', 'Zimbra', 'archives'),
  row('separator', 'weitergeleitete nachricht', 'de', `${TB}, Gmail, Yahoo`, 'thunderbird'),
  row('separator', 'weitergeleitete mail', 'de', 'Zimbra', 'archives'),
  row('separator', 'mensaje original', 'es', `${TB}, ${RC}, Outlook, Zimbra`, 'thunderbird'),
  row('separator', 'mensaje reenviado', 'es', `${TB}, Gmail, Yahoo`, 'thunderbird'),
  row('separator', 'messaggio originale', 'it', `${TB}, ${RC}, Outlook, Zimbra`, 'thunderbird'),
  row('separator', 'messaggio inoltrato', 'it', `${TB}, Gmail, Yahoo`, 'thunderbird'),
  row('separator', 'oorspronkelijk bericht|oorspronkelijke bericht|origineel bericht', 'nl', `${TB}, ${RC}, Outlook`, 'thunderbird'),
  row('separator', 'doorgestuurd bericht', 'nl', `${TB}, Gmail, Yahoo`, 'thunderbird'),
  row('separator', 'mensagem original', 'pt-BR, pt', `${TB}, ${RC}, Outlook, Zimbra`, 'thunderbird'),
  row('separator', 'mensagem encaminhada|mensagem reencaminhada', 'pt-BR, pt', `${TB}, Gmail, Yahoo`, 'thunderbird'),
  row('separator', 'originalmeddelande|ursprungligt meddelande', 'sv', `${TB}, ${RC}, Outlook`, 'thunderbird'),
  row('separator', 'vidarebefordrat meddelande', 'sv', `${TB}, Yahoo`, 'thunderbird'),
  row('separator', 'oprindelig meddelelse|opprinnelig melding', 'da, no', 'Outlook', 'replyParser'),
  row('separator', 'wiadomość oryginalna|treść oryginalnej wiadomości|treść przekazanej wiadomości', 'pl', `${TB}, ${RC}`, 'thunderbird'),
  row('separator', 'исходное сообщение|перенаправленное сообщение|пересылаемое сообщение', 'ru', `${TB}, ${RC}, Yahoo`, 'thunderbird'),
  row('separator', 'původní zpráva', 'cs', TB, 'verity'),
  row('separator', 'alkuperäinen viesti', 'fi', 'Outlook', 'verity'),
  row('separator', 'eredeti üzenet', 'hu', 'Outlook', 'verity'),
  row('separator', '原始消息|原始邮件|转发的消息|转发的邮件', 'zh-CN', `${TB}, ${RC}, Outlook, Gmail`, 'thunderbird'),
  row('separator', '原始郵件|轉寄郵件', 'zh-TW', `${TB}, ${RC}, Outlook`, 'thunderbird'),
  row('separator', '元のメッセージ|転送されたメッセージ|メッセージを転送', 'ja', `${RC}, Gmail, HubSpot`, 'roundcube'),
  row('separator', '원본 메시지|전달된 메시지', 'ko', `${TB}, ${RC}`, 'thunderbird'),
  row('separator', 'forwarded by .*|reply message', 'en', 'Lotus Notes', 'verity'),
  // Apple Mail's forward intro, a line of its own ending with a colon.
  row('forward-intro', 'begin forwarded message', 'en', 'Apple Mail', 'forwardParser'),
  row('forward-intro', 'début du message réexpédié|début du message transféré', 'fr', 'Apple Mail (macOS, iOS)', 'forwardParser'),
  row('forward-intro', 'anfang der weitergeleiteten nachricht', 'de', 'Apple Mail', 'forwardParser'),
  row('forward-intro', 'inicio del mensaje reenviado', 'es', 'Apple Mail', 'forwardParser'),
  row('forward-intro', 'inizio messaggio inoltrato', 'it', 'Apple Mail', 'forwardParser'),
  row('forward-intro', 'begin doorgestuurd bericht', 'nl', 'Apple Mail', 'forwardParser'),
  row('forward-intro', 'início da mensagem encaminhada|início da mensagem reencaminhada', 'pt-BR, pt', 'Apple Mail', 'forwardParser'),
  row('forward-intro', 'vidarebefordrat mejl|start på videresendt besked|videresendt melding', 'sv, da, no', 'Apple Mail', 'forwardParser'),
  row('forward-intro', 'początek przekazywanej wiadomości', 'pl', 'Apple Mail', 'forwardParser'),
  row('forward-intro', 'начало переадресованного сообщения', 'ru', 'Apple Mail', 'forwardParser'),
  // Field names of a quoted header block.
  label('from', 'from', 'en, ja (Thunderbird)', 'all', 'thunderbird'),
  label('from', 'de', 'fr, es, pt', `Outlook, ${TB}, ${RC}, Gmail, Apple Mail, Zimbra`, 'thunderbird'),
  label('from', 'von', 'de', `Outlook, ${TB}, ${RC}, Gmail, Apple Mail, Zimbra`, 'thunderbird'),
  label('from', 'van|afzender', 'nl', `Outlook, ${TB}, ${RC}`, 'roundcube'),
  label('from', 'da|mittente', 'it', `Outlook, ${TB}, ${RC}, Gmail`, 'thunderbird'),
  label(
    'from',
    'od|från|fra|frá|lähettäjä|feladó|от|από|kimden|nadawca',
    'pl, cs, sv, da, no, is, fi, hu, ru, el, tr',
    'Outlook, Apple Mail, Gmail',
    'forwardParser',
  ),
  label('from', 'expéditeur|absender|remitente|remetente', 'fr, de, es, pt (the Sender field)', TB, 'thunderbird'),
  label('from', '发件人|发送者', 'zh-CN', `Outlook, ${TB}, ${RC}`, 'thunderbird'),
  label('from', '寄件者|從', 'zh-TW', `Outlook, ${TB}, ${RC}`, 'thunderbird'),
  label('from', '差出人|発信者|送信者|送信元', 'ja', `Outlook, ${RC}, HubSpot`, 'archives'),
  label('from', '보낸 사람|보낸사람', 'ko', `Outlook, ${TB}, ${RC}`, 'replyParser'),
  label('sent', 'sent|date', 'en', 'Outlook, all', 'forwardParser'),
  label('sent', "envoyé le|envoyé|date d'envoi", 'fr', 'Outlook, Yahoo, Zimbra', 'forwardParser'),
  label('sent', 'gesendet|datum', 'de, nl, sv, cs', `Outlook, ${TB}, ${RC}, Yahoo, Zimbra`, 'forwardParser'),
  label(
    'sent',
    'enviado el|enviado|enviada em|enviado em|enviada|fecha|data',
    'es, pt-BR, pt, it, pl',
    `Outlook, ${TB}, ${RC}, Yahoo`,
    'forwardParser',
  ),
  label(
    'sent',
    'inviato|verzonden|wysłano|skickat|sendt|lähetetty|elküldve|отправлено|дата|tarih|gönderildi|dato',
    'it, nl, pl, sv, da, fi, hu, ru, tr',
    'Outlook, Yahoo',
    'forwardParser',
  ),
  label('sent', '发送时间|日期|时间', 'zh-CN', `Outlook, ${TB}, ${RC}`, 'replyParser'),
  label('sent', '寄件日期|傳送時間', 'zh-TW', 'Outlook', 'verity'),
  label('sent', '送信日時|日付|日時', 'ja', `Outlook, ${RC}, HubSpot`, 'archives'),
  label('sent', '보낸 날짜|날짜', 'ko', `Outlook, ${TB}, ${RC}`, 'replyParser'),
  label(
    'to',
    'to|à|a|an|aan|para|per|do|till|til|pour|vastaanottaja|címzett|кому|προς|kime|adresat',
    'en, fr, it, de, nl, es, pt, pl, sv, da, fi, hu, ru, el, tr',
    `Outlook, ${TB}, Apple Mail`,
    'forwardParser',
  ),
  label('to', 'destinatario|destinatário|ontvanger|mottagare', 'it, es, pt, nl, sv', RC, 'roundcube'),
  label('to', '收件人|收件者|到|宛先|送信先|받는 사람|받는사람', 'zh-CN, zh-TW, ja, ko', `Outlook, ${TB}, ${RC}`, 'thunderbird'),
  label(
    'cc',
    'cc|cci|bcc|kopie|kopie \\(cc\\)|копия|kopia|kopio|copie|copie à|cópia|dw',
    'all Latin and Cyrillic',
    `Outlook, ${TB}, ${RC}, Apple Mail`,
    'forwardParser',
  ),
  label('cc', '抄送|副本|参照|写し\\(cc\\)|참조', 'zh-CN, zh-TW, ja, ko', `Outlook, ${RC}`, 'roundcube'),
  label(
    'subject',
    'subject|objet|sujet|betreff|asunto|oggetto|onderwerp|assunto|temat|ämne|emne|aihe|tárgy|тема|θέμα|konu|předmět',
    'en, fr, de, es, it, nl, pt, pl, sv, da, fi, hu, ru, el, tr, cs',
    `Outlook, ${TB}, ${RC}, Apple Mail, Gmail`,
    'forwardParser',
  ),
  label('subject', '主题|主旨|件名|제목', 'zh-CN, zh-TW, ja, ko', `Outlook, ${TB}, ${RC}`, 'thunderbird'),
  label(
    'other',
    'importance|priority|wichtigkeit|importancia|priorité|attachments|pièces jointes|anlagen|reply-to|répondre à|antwort an|responder a|rispondi a|重要度|添付ファイル',
    'en, de, es, fr, it, ja',
    'Outlook, Apple Mail',
    'forwardParser',
  ),
];

/** The rows of one kind (and field) as a regex alternation, longest first ("envoyé le" before "envoyé"). */
function alternation(kind: Row['kind'], field?: LabelField): string {
  const rows = QUOTE_HEADER_ROWS.filter((r) => r.kind === kind && (field === undefined || r.field === field));
  const parts = rows.map((r) => (r.text.includes('|') ? `(?:${r.text})` : r.text));
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
