// The three hold-out organisations (seeds 4, 5, 6), each unlike the first three in size, language,
// zones, mail infrastructure, clients, mailbox formats and document producers:
// 4. a Berlin tax-advisory partnership on Microsoft 365: six leaked mailboxes (Outlook .msg drag-outs and
//    Outlook on the web / Outlook for Mac .eml downloads), a few hundred mails, iOS 17 phones;
// 5. a Brazilian farmers' co-operative of about 38 staff on Zimbra, São Paulo and Cuiabá (neither has
//    daylight-saving time since 2019), Samsung and Gmail phones, Zimbra .tgz exports;
// 6. a Tokyo trading house with Los Angeles and London offices on Exchange 2013 behind Mimecast, in
//    Japanese (ISO-2022-JP from Becky! and Thunderbird) and English, its fiscal year April 2017 to March 2018.

import type { ClientId } from './mail-model.js';
import type { ExportStyle, OrgParams } from './org.js';
import type { Locale } from './names.js';

export interface HoldoutParams {
  /** Client weights per site (overrides the organisation-wide weights). */
  siteClients?: Record<string, [ClientId, number][]>;
  /** Phone clients and their weights. */
  mobiles: [ClientId, number][];
  /** A client some desktop users answer from now and then (webmail, the new Outlook). */
  webmail?: ClientId;
  listKind: 'mailman' | 'google-groups';
  /** Staff whose names are set, not drawn: a colleague whose own Office install writes another script. */
  namedStaff?: { first: string; last: string; officeName?: string; signature?: string; locale?: Locale; site?: string }[];
  /** Exchange Online mailbox servers and Exchange Online Protection's frontend (Microsoft 365). */
  exo?: { servers: string[]; eop: string; banner: { text: string; html: string } };
  /** The mail host of Zimbra. */
  mailHost?: string;
  /** The organisation's DKIM selector (Zimbra writes an upper-case UUID). */
  selector?: string;
  /** Which office suite a desktop client's user has. */
  suites: Partial<Record<ClientId, string>>;
  /** Export style of each leaked mailbox, with the client its owner must have. */
  exportOwners: Partial<Record<ExportStyle, ClientId[]>>;
  /** Links in outside mail (Mimecast rewrites them in seed 6). */
  links?: string[];
}

export const HOLDOUT_PRESETS: Omit<OrgParams, 'seed'>[] = [
  {
    name: 'Brenner & Voss Steuerberatung',
    language: 'de',
    sector: 'tax',
    sites: [{ name: 'BER', zone: 'Europe/Berlin', locale: 'de-DE', share: 1, domain: 'brenner-voss.de' }],
    staffCount: 8,
    start: '2023-09-04',
    end: '2024-08-30',
    infra: 'm365',
    clients: [
      ['outlook-exo', 4],
      ['outlook-mac', 2],
      ['owa', 1],
      ['new-outlook', 1],
    ],
    phoneShare: 0.7,
    threads: 150,
    looseDocuments: 30,
    photos: 14,
    exports: ['msg-folders', 'eml-folders', 'msg-folders', 'eml-folders', 'msg-folders', 'eml-folders'],
    externals: [
      {
        name: 'Roth & Partner Rechtsanwälte',
        domain: 'roth-partner.de',
        kind: 'exim',
        zone: 'Europe/Berlin',
        locale: 'de-DE',
        people: 2,
        selector: 'mail2023',
        keyInFile: true,
        clients: ['thunderbird'],
      },
      {
        name: 'Havel Logistik GmbH',
        domain: 'havel-logistik.de',
        kind: 'o365',
        zone: 'Europe/Berlin',
        locale: 'de-DE',
        people: 3,
        selector: 'selector1',
        keyInFile: true,
        clients: ['outlook-exchange'],
        exchangeServer: 'FR2P281MB2716.DEUP281.PROD.OUTLOOK.COM',
      },
      {
        name: 'Gmail',
        domain: 'gmail.com',
        kind: 'gmail',
        zone: 'Europe/Berlin',
        locale: 'de-DE',
        people: 3,
        selector: '20230601',
        keyInFile: false,
        clients: ['gmail-web', 'gmail-android'],
      },
    ],
    list: {
      name: 'stb-netzwerk-berlin',
      domain: 'googlegroups.com',
      description: 'Steuerberater-Netzwerk Berlin',
      zone: 'Europe/Berlin',
      locale: 'de-DE',
    },
    cameras: ['iphone-15', 'iphone-13', 'galaxy-s23'],
    travelZone: 'Asia/Tokyo',
    scanner: { name: 'RICOH IM C3000', creator: 'RICOH IM C3000', producer: 'RICOH IM C3000' },
    holdout: {
      mobiles: [['iphone', 1]],
      webmail: 'owa',
      listKind: 'google-groups',
      namedStaff: [{ first: 'Ken', last: 'Yamamoto', officeName: 'ヤマモト ケン', signature: 'Ken Yamamoto（山本 健）' }],
      exo: {
        servers: [
          'AM0PR04MB6425.eurprd04.prod.outlook.com',
          'DB9PR04MB8412.eurprd04.prod.outlook.com',
          'PAXPR04MB9172.eurprd04.prod.outlook.com',
        ],
        eop: 'AM4PEPF00027A5F.eurprd04.prod.outlook.com',
        banner: {
          text: 'ACHTUNG: Diese E-Mail stammt von außerhalb der Organisation. Klicken Sie nicht auf Links und öffnen Sie keine Anhänge, wenn Sie den Absender nicht kennen.',
          html: '<table border="0" cellspacing="0" cellpadding="0" width="100%" style="background-color:#FFEB9C;border:1pt solid #9C6500"><tr><td style="padding:4pt"><b>ACHTUNG:</b> Diese E-Mail stammt von außerhalb der Organisation. Klicken Sie nicht auf Links und öffnen Sie keine Anhänge, wenn Sie den Absender nicht kennen.</td></tr></table>',
        },
      },
      suites: { 'outlook-exo': 'm365', 'new-outlook': 'm365', owa: 'm365', 'outlook-mac': 'mac-365' },
      exportOwners: { 'msg-folders': ['outlook-exo', 'new-outlook'], 'eml-folders': ['outlook-mac', 'owa'] },
    },
  },
  {
    name: 'Cooperativa Agroindustrial Vale do Paranapanema',
    language: 'pt',
    sector: 'agri',
    sites: [
      { name: 'RPO', zone: 'America/Sao_Paulo', locale: 'pt-BR', share: 0.7, domain: 'coopavale.com.br' },
      { name: 'CGB', zone: 'America/Cuiaba', locale: 'pt-BR', share: 0.3, domain: 'coopavale.com.br' },
    ],
    staffCount: 38,
    start: '2023-03-01',
    end: '2024-02-23',
    infra: 'zimbra',
    clients: [
      ['zimbra-web', 5],
      ['thunderbird', 3],
      ['outlook2016', 2],
    ],
    phoneShare: 0.55,
    threads: 200,
    looseDocuments: 44,
    photos: 24,
    exports: ['zimbra-tgz', 'zimbra-tgz', 'tb-mbox', 'zimbra-tgz', 'tb-mbox', 'eml-folders', 'zimbra-tgz'],
    externals: [
      {
        name: 'Agrofértil Insumos',
        domain: 'agrofertil.com.br',
        kind: 'postfix',
        zone: 'America/Sao_Paulo',
        locale: 'pt-BR',
        people: 3,
        selector: 'default',
        keyInFile: true,
        clients: ['thunderbird', 'outlook2016'],
      },
      {
        name: 'Banco Cooperativo Sul',
        domain: 'bancocoopsul.com.br',
        kind: 'o365',
        zone: 'America/Sao_Paulo',
        locale: 'pt-BR',
        people: 2,
        selector: 'selector1',
        keyInFile: true,
        clients: ['outlook-exchange'],
        exchangeServer: 'CP5P284MB1907.BRAP284.PROD.OUTLOOK.COM',
      },
      {
        name: 'Transportadora Rio Pardo',
        domain: 'rpardo.com.br',
        kind: 'exim',
        zone: 'America/Sao_Paulo',
        locale: 'pt-BR',
        people: 2,
        selector: 'x',
        keyInFile: true,
        clients: ['thunderbird'],
      },
      {
        name: 'Gmail',
        domain: 'gmail.com',
        kind: 'gmail',
        zone: 'America/Sao_Paulo',
        locale: 'pt-BR',
        people: 4,
        selector: '20230601',
        keyInFile: false,
        clients: ['gmail-android', 'gmail-web'],
      },
    ],
    list: {
      name: 'cooperados-paranapanema',
      domain: 'googlegroups.com',
      description: 'Cooperados do Vale do Paranapanema',
      zone: 'America/Sao_Paulo',
      locale: 'pt-BR',
    },
    cameras: ['galaxy-a54', 'galaxy-s23', 'iphone-14'],
    travelZone: 'Europe/Lisbon',
    scanner: { name: 'Canon iR-ADV DX C3826', creator: 'Canon iR-ADV DX C3826  PDF', producer: 'Adobe PSL 1.3e for Canon', ocr: true },
    holdout: {
      mobiles: [
        ['samsung-email', 3],
        ['gmail-android', 2],
        ['iphone', 1],
      ],
      webmail: 'zimbra-web',
      listKind: 'google-groups',
      mailHost: 'mail.coopavale.com.br',
      selector: '5B0D63A2-4C1E-11ED-9B6A-5F3E2D1C0B9A',
      suites: { 'zimbra-web': 'libreoffice', thunderbird: 'libreoffice', outlook2016: 'office2016' },
      exportOwners: { 'zimbra-tgz': ['zimbra-web'], 'tb-mbox': ['thunderbird'], 'eml-folders': ['outlook2016'] },
    },
  },
  {
    name: 'Kitamura Shoji',
    language: 'ja',
    sector: 'trading',
    sites: [
      {
        name: 'TKY',
        zone: 'Asia/Tokyo',
        locale: 'ja-JP',
        share: 0.55,
        domain: 'kitamura-shoji.co.jp',
        exchangeHost: 'TKY-EX01.kitamura.local',
      },
      {
        name: 'LAX',
        zone: 'America/Los_Angeles',
        locale: 'en-US',
        share: 0.25,
        domain: 'kitamura-shoji.co.jp',
        exchangeHost: 'LAX-EX01.kitamura.local',
      },
      {
        name: 'LON',
        zone: 'Europe/London',
        locale: 'en-GB',
        share: 0.2,
        domain: 'kitamura-shoji.co.jp',
        exchangeHost: 'LON-EX01.kitamura.local',
      },
    ],
    staffCount: 22,
    start: '2017-04-03',
    end: '2018-03-30',
    infra: 'exchange2013',
    clients: [['outlook-exchange', 1]],
    phoneShare: 0.5,
    threads: 140,
    looseDocuments: 36,
    photos: 20,
    exports: ['msg-folders', 'tb-mbox', 'eml-folders', 'apple-mbox', 'eml-folders'],
    externals: [
      {
        name: 'Hartley Steel Ltd',
        domain: 'hartleysteel.co.uk',
        kind: 'exim',
        zone: 'Europe/London',
        locale: 'en-GB',
        people: 2,
        selector: 'dkim',
        keyInFile: true,
        clients: ['thunderbird', 'applemail'],
      },
      {
        name: 'Pacific Coil Inc.',
        domain: 'pacificcoil.com',
        kind: 'o365',
        zone: 'America/Los_Angeles',
        locale: 'en-US',
        people: 3,
        selector: 'selector1',
        keyInFile: true,
        clients: ['outlook-exchange'],
        exchangeServer: 'BN6PR11MB1633.namprd11.prod.outlook.com',
      },
      {
        name: '大成鋼材',
        domain: 'taisei-kozai.co.jp',
        kind: 'postfix',
        zone: 'Asia/Tokyo',
        locale: 'ja-JP',
        people: 3,
        selector: 'default',
        keyInFile: true,
        clients: ['becky', 'thunderbird'],
      },
    ],
    list: {
      name: 'members',
      domain: 'lists.steel-traders.org.uk',
      description: 'Steel Traders Association members',
      zone: 'Europe/London',
      locale: 'en-GB',
    },
    cameras: ['iphone-7', 'fujifilm-xt2', 'sony-a6300'],
    travelZone: 'Europe/London',
    scanner: { name: 'Fuji Xerox ApeosPort-VI C3371', creator: 'ApeosPort-VI C3371', producer: 'Fuji Xerox ApeosPort-VI C3371' },
    holdout: {
      siteClients: {
        TKY: [
          ['outlook-exchange', 6],
          ['becky', 3],
          ['thunderbird', 1],
        ],
        LAX: [
          ['outlook-exchange', 3],
          ['outlook-mac', 2],
          ['applemail', 2],
        ],
        LON: [
          ['outlook-exchange', 3],
          ['spark', 2],
        ],
      },
      mobiles: [['iphone', 1]],
      listKind: 'mailman',
      suites: {
        'outlook-exchange': 'office2016',
        becky: 'office2016',
        thunderbird: 'libreoffice',
        'outlook-mac': 'mac-office',
        applemail: 'pages',
        spark: 'google-docs',
      },
      exportOwners: {
        'msg-folders': ['outlook-exchange'],
        'tb-mbox': ['thunderbird'],
        'eml-folders': ['becky', 'spark'],
        'apple-mbox': ['applemail'],
      },
      links: [
        'https://www.hartleysteel.co.uk/specs/316L.pdf',
        'https://pacificcoil.com/portal/orders',
        'https://www.taisei-kozai.co.jp/catalog/2017/',
      ],
    },
  },
];
