// What the hold-out organisations' staff write (seeds 4-6): a Berlin tax-advisory firm in German, a
// Brazilian farmers' co-operative in Portuguese, and a Tokyo trading house in Japanese with English at its
// Los Angeles and London offices. Same template shape as text.ts.

/** The phrases a writer draws from, per language and sector (text.ts and the hold-out banks here). */
export interface Bank {
  topics: string[];
  places: string[];
  things: string[];
  openers: string[];
  asks: string[];
  facts: string[];
  closers: string[];
  signoffs: string[];
  greetings: string[];
  reportIntro: string[];
  reportBody: string[];
  reportEnd: string[];
}

export const TAX_DE: Bank = {
  topics: [
    'Jahresabschluss Hansen GmbH',
    'Umsatzsteuervoranmeldung Oktober',
    'Betriebsprüfung Krüger KG',
    'Lohnabrechnung März',
    'Grundsteuererklärung Vogel',
    'Mandantenrundschreiben',
    'Fristverlängerung Finanzamt',
    'Einspruch Schmitt',
    'DATEV-Umstellung',
    'Honorarrechnung Braun',
  ],
  places: ['Charlottenburg', 'beim Mandanten', 'im Besprechungsraum', 'in Potsdam', 'beim Finanzamt Mitte'],
  things: ['den Entwurf', 'die Bilanz', 'die Vollmacht', 'das Protokoll', 'die Honorarvereinbarung', 'die Belege', 'den Bescheid'],
  openers: [
    'ich melde mich wegen {topic}.',
    'kurzer Stand zu {topic}.',
    'wie heute Morgen besprochen, hier das Update zu {topic}.',
    'zu {topic} noch eine Rückfrage.',
  ],
  asks: [
    'Kannst du {thing} bis Donnerstag durchsehen?',
    'Bitte schick mir {thing} bis Ende der Woche.',
    'Könntest du {thing} mit den neuen Zahlen aktualisieren?',
    'Passt dir ein Termin {place} am {day}?',
  ],
  facts: [
    'Das Finanzamt hat die Frist bis zum {day} verlängert.',
    'Die Nachzahlung beträgt {amount} €.',
    'Der Mandant hat {thing} gestern unterschrieben zurückgeschickt.',
    'Wir liegen {pct} % über dem Budget.',
    'Der Termin ist auf {day} um {hour} verschoben.',
    'Die Rechnung über {amount} € ist raus.',
  ],
  closers: ['Sag Bescheid, wenn noch etwas fehlt.', 'Danke dir!', 'Bei Fragen gern melden.', 'Vielen Dank vorab.'],
  signoffs: ['Viele Grüße', 'Beste Grüße', 'Danke und Gruß', 'LG'],
  greetings: ['Hallo {first},', 'Hallo {first}!', 'Hi {first},', 'Hallo zusammen,', 'Guten Morgen {first},'],
  reportIntro: ['Dieses Dokument fasst den Stand zu {topic} zusammen.', 'Die folgende Übersicht betrifft {topic} zum {day}.'],
  reportBody: [
    'Die Steuerrückstellung beläuft sich auf {amount} €, das sind {pct} % des Vorjahreswerts.',
    'Die Belege für {place} liegen vollständig vor.',
    'Das Finanzamt erwartet {thing} bis zum {day}.',
    'Die Prüfung der Reisekosten ergab keine Beanstandungen.',
    'Wir empfehlen, {thing} vor Jahresende zu unterzeichnen.',
    'Die Abweichungen betreffen im Wesentlichen die Abschreibungen.',
  ],
  reportEnd: ['Für Rückfragen stehen wir gern zur Verfügung.', 'Die nächste Besprechung findet am {day} statt.'],
};

export const AGRI_PT: Bank = {
  topics: [
    'safra de soja 2023/24',
    'entrega de fertilizantes',
    'contrato de armazenagem',
    'auditoria do silo de Sorriso',
    'assembleia geral ordinária',
    'crédito rural do Pronaf',
    'frete para o porto de Santos',
    'manutenção das colheitadeiras',
    'classificação do milho safrinha',
    'repasse aos cooperados',
  ],
  places: ['Ribeirão Preto', 'Sorriso', 'Cuiabá', 'o armazém 2', 'a unidade de Rondonópolis', 'a sede'],
  things: ['o relatório', 'a planilha de custos', 'o contrato', 'a nota fiscal', 'o laudo', 'a ata', 'o orçamento'],
  openers: [
    'Retomando o assunto {topic}.',
    'Atualização rápida sobre {topic}.',
    'Conforme conversamos hoje cedo sobre {topic},',
    'Segue o andamento de {topic}.',
  ],
  asks: [
    'Você pode revisar {thing} até quinta?',
    'Consegue me mandar {thing} até sexta?',
    'Pode atualizar {thing} com os números novos?',
    'Confirma se a equipe pode estar em {place} na {day}?',
  ],
  facts: [
    'O fornecedor cotou R$ {amount} pelo lote.',
    'A reunião passou para {day} às {hour}.',
    'Recebemos {thing} assinado ontem à noite.',
    'Já entregamos {pct}% do volume contratado.',
    'O caminhão chega em {place} na {day}.',
    'A nota de R$ {amount} foi lançada no sistema.',
  ],
  closers: ['Qualquer dúvida, me avise.', 'Obrigado desde já.', 'Fico no aguardo.', 'Valeu!'],
  signoffs: ['Abraço,', 'Att.,', 'Atenciosamente,', 'Obrigada,', 'Abs,'],
  greetings: ['Oi {first},', 'Bom dia {first},', '{first},', 'Pessoal,', 'Boa tarde {first},'],
  reportIntro: ['Este relatório resume a situação de {topic}.', 'O documento a seguir apresenta {topic} na data de {day}.'],
  reportBody: [
    'O custo estimado é de R$ {amount}, {pct}% acima do orçamento aprovado.',
    'As visitas em {place} confirmaram a umidade dos grãos dentro do padrão.',
    'A diretoria deve aprovar {thing} na próxima reunião.',
    'O volume recebido em {place} superou a previsão da safra.',
    'O cronograma prevê a conclusão até {day}.',
    'Não foram encontradas avarias nos secadores.',
  ],
  reportEnd: ['Permanecemos à disposição para esclarecimentos.', 'Um novo relatório será enviado após a reunião de {day}.'],
};

export const TRADING_JA: Bank = {
  topics: [
    'ステンレス鋼板の見積',
    '上海向け出荷',
    'ロサンゼルス倉庫の在庫',
    'ロンドン事務所の契約更新',
    '第3四半期の予算',
    '品質クレームの対応',
    '新規取引先の与信',
    '為替予約',
    '展示会の準備',
    '輸入通関の書類',
  ],
  places: ['大阪', '横浜港', '本社会議室', '名古屋', 'ロサンゼルス', 'ロンドン'],
  things: ['見積書', '議事録', '契約書', '請求書', '出荷計画', '検査報告書', '稟議書'],
  openers: ['{topic}の件でご連絡します。', '{topic}について、現状を共有します。', '本日の打ち合わせの件、{topic}の続きです。'],
  asks: [
    '木曜日までに{thing}をご確認いただけますか。',
    '今週中に{thing}を送っていただけますでしょうか。',
    '{thing}を最新の数字に更新してください。',
    '{day}に{place}でお打ち合わせは可能でしょうか。',
  ],
  facts: [
    '先方から{amount}円の見積が届きました。',
    '会議は{day}の{hour}に変更になりました。',
    '{thing}は昨日、署名済みで戻ってきました。',
    '進捗は{pct}%です。',
    '{place}への納期は{n}週間の見込みです。',
  ],
  closers: ['ご確認のほど、よろしくお願いいたします。', '何かあればご連絡ください。', '取り急ぎ、ご報告まで。'],
  signoffs: ['よろしくお願いいたします。', '以上、よろしくお願いします。'],
  greetings: ['{first}さん\n\nお疲れ様です。', '{first}様\n\nいつもお世話になっております。', '各位\n\nお疲れ様です。'],
  reportIntro: ['本書は{topic}の状況をまとめたものです。', '{day}時点の{topic}について報告します。'],
  reportBody: [
    '見積総額は{amount}円で、予算の{pct}%に相当します。',
    '{place}での確認の結果、品質に問題はありませんでした。',
    '{thing}は{day}までに提出が必要です。',
    '出荷は{n}回に分けて行う予定です。',
    '為替の影響により、利益率が{pct}%低下しました。',
  ],
  reportEnd: ['ご不明な点があれば担当までお問い合わせください。', '次回の報告は{day}の予定です。'],
};

export const TRADING_EN: Bank = {
  topics: [
    'the stainless coil quote',
    'the Shanghai shipment',
    'the Long Beach warehouse stock',
    'the London office lease renewal',
    'the Q3 budget',
    'the quality claim from Hartley Steel',
    'the new customer credit check',
    'the FX forward contracts',
    'the Birmingham trade show',
    'the customs paperwork',
  ],
  places: ['Long Beach', 'the Torrance warehouse', 'Felixstowe', 'the Canary Wharf office', 'Tokyo HQ', 'Birmingham'],
  things: [
    'the quotation',
    'the packing list',
    'the contract draft',
    'the invoice',
    'the shipping plan',
    'the inspection report',
    'the credit memo',
  ],
  openers: ['Following up on {topic}.', 'Quick update on {topic}.', 'As discussed on the call about {topic},', 'Re {topic}:'],
  asks: [
    'Could you review {thing} before Thursday?',
    'Can you send me {thing} by end of week?',
    'Please update {thing} with the new figures.',
    'Are you free for a call with {place} on {day}?',
  ],
  facts: [
    'The supplier quoted ${amount} for the lot.',
    'The meeting moved to {day} at {hour}.',
    'We got {thing} back signed this morning.',
    'We are {pct}% through the shipment.',
    'Lead time to {place} is {n} weeks.',
  ],
  closers: ['Let me know if you need anything else.', 'Thanks in advance.', 'Happy to discuss.', 'Cheers.'],
  signoffs: ['Best,', 'Thanks,', 'Regards,', 'Kind regards,', 'Best regards,'],
  greetings: ['Hi {first},', '{first},', 'Hello {first},', 'Hi all,', 'Dear {first},'],
  reportIntro: ['This memo summarises {topic} as of {day}.', 'The following report covers {topic}.'],
  reportBody: [
    'Total landed cost is ${amount}, {pct}% over the allowance.',
    'Stock counts at {place} match the system within tolerance.',
    'Tokyo requires {thing} before the end of the month.',
    'The shipment will leave in {n} lots.',
    'Currency movements cut the margin by {pct}%.',
  ],
  reportEnd: ['Please direct any questions to the branch manager.', 'An update will follow after the {day} meeting.'],
};

export const HOLDOUT_EVENTS = {
  de: ['Betriebsausflug', 'Weihnachtsfeier', 'Büroumzug Charlottenburg'],
  pt: ['Dia de campo Sorriso', 'Colheita da soja', 'Visita ao armazém', 'Assembleia geral'],
  ja: ['展示会', '倉庫視察', '社員旅行'],
  en: ['Trade show', 'Warehouse visit', 'Office move'],
};

/** Weekday names the holdout writers put into sentences ({day}). */
export const HOLDOUT_DAYS = {
  de: ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag'],
  pt: ['segunda-feira', 'terça-feira', 'quarta-feira', 'quinta-feira', 'sexta-feira'],
  ja: ['月曜日', '火曜日', '水曜日', '木曜日', '金曜日'],
};

/** One-word agreements typed above a quote. */
export const HOLDOUT_OK = {
  de: ['Passt.', 'Alles klar.', 'Danke, erledigt.', 'Geht klar.'],
  pt: ['Combinado.', 'Beleza.', 'Recebido, obrigado.', 'Certo.'],
  ja: ['承知しました。', '了解です。', 'ありがとうございます。'],
};
