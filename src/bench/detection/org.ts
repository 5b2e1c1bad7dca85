// The fictional organisation behind a bench dump: its parameters (three presets that differ in
// language, zones and DST rules, mail infrastructure, clients and size), its staff with their stable
// habits, its correspondents and mailing list, and the DKIM keys of every signer.

import type { Prng } from '../../demo/prng.js';
import type { ClientId, Person } from './mail-model.js';
import type { MailingList } from './lists.js';
import { signerHeaders, type DkimSigner, type ExternalKind, type ExternalOrg, type InfraKind, type OrgInfra } from './mta-core.js';
import { FIRST, LAST, localPart, type Locale } from './names.js';
import { deterministicRsaKey, dkimZoneLine } from './rsa-keys.js';
import { Writer, type Lang, type Sector } from './text.js';
import { DAY } from './clock.js';
import type { GoogleGroup } from './mta-holdout.js';

export type ExportStyle = 'tb-mbox' | 'apple-mbox' | 'takeout-mbox' | 'eml-folders' | 'eml-zip' | 'msg-folders' | 'zimbra-tgz';

interface SiteParams {
  name: string;
  zone: string;
  locale: Locale;
  share: number;
  domain: string;
  exchangeHost?: string;
}

interface ExternalParams {
  name: string;
  domain: string;
  kind: ExternalKind;
  zone: string;
  locale: Locale;
  people: number;
  selector: string;
  /** Whether its public key is in the bench's key file (an analyst rarely has them all). */
  keyInFile: boolean;
  clients: ClientId[];
  exchangeServer?: string;
}

interface HoldoutParams {
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

export interface OrgParams {
  seed: number;
  name: string;
  language: Lang;
  sector: Sector;
  sites: SiteParams[];
  staffCount: number;
  /** ISO dates, inclusive. */
  start: string;
  end: string;
  infra: InfraKind;
  clients: [ClientId, number][];
  phoneShare: number;
  threads: number;
  looseDocuments: number;
  photos: number;
  /** One export style per leaked mailbox. */
  exports: ExportStyle[];
  externals: ExternalParams[];
  list: { name: string; domain: string; description: string; zone: string; locale: Locale };
  cameras: string[];
  /** A traveller's destination zone (a genuine mail from another zone). */
  travelZone: string;
  scanner: { name: string; creator: string; producer: string; ocr?: boolean };
  /** Hold-out presets (seeds 4-6): built by org-holdout.ts, with their own variants and lookalikes. */
  holdout?: HoldoutParams;
}

export const PRESETS: Omit<OrgParams, 'seed'>[] = [
  {
    name: 'Lumière Conseil',
    language: 'fr',
    sector: 'consulting',
    sites: [{ name: 'paris', zone: 'Europe/Paris', locale: 'fr-FR', share: 1, domain: 'lumiere-conseil.fr' }],
    staffCount: 16,
    start: '2018-09-03',
    end: '2019-08-30',
    infra: 'postfix',
    clients: [
      ['thunderbird', 4],
      ['outlook2016', 4],
      ['applemail', 3],
      ['roundcube', 1],
    ],
    phoneShare: 0.45,
    threads: 95,
    looseDocuments: 34,
    photos: 18,
    exports: ['tb-mbox', 'eml-folders', 'apple-mbox', 'eml-zip'],
    externals: [
      {
        name: 'Groupe Ternel',
        domain: 'groupe-ternel.fr',
        kind: 'o365',
        zone: 'Europe/Paris',
        locale: 'fr-FR',
        people: 3,
        selector: 'selector1',
        keyInFile: true,
        clients: ['outlook-exchange'],
        exchangeServer: 'PR1PR02MB4321.eurprd02.prod.outlook.com',
      },
      {
        name: 'Arvalis Conseil',
        domain: 'arvalis-conseil.fr',
        kind: 'postfix',
        zone: 'Europe/Paris',
        locale: 'fr-FR',
        people: 2,
        selector: 'mail',
        keyInFile: true,
        clients: ['thunderbird', 'applemail'],
      },
      {
        name: 'Whitfield & Hollis LLP',
        domain: 'whitfieldhollis.co.uk',
        kind: 'o365',
        zone: 'Europe/London',
        locale: 'en-GB',
        people: 2,
        selector: 'selector1',
        keyInFile: true,
        clients: ['outlook-exchange'],
        exchangeServer: 'LO2P265MB0123.GBRP265.PROD.OUTLOOK.COM',
      },
      {
        name: 'Gmail',
        domain: 'gmail.com',
        kind: 'gmail',
        zone: 'Europe/Paris',
        locale: 'fr-FR',
        people: 2,
        selector: '20161025',
        keyInFile: false,
        clients: ['gmail-web'],
      },
    ],
    list: {
      name: 'actu-conseil',
      domain: 'lists.federation-conseil.fr',
      description: 'Actualités de la Fédération du Conseil',
      zone: 'Europe/Paris',
      locale: 'fr-FR',
    },
    cameras: ['canon-80d', 'iphone-xr', 'galaxy-s10'],
    travelZone: 'America/Toronto',
    scanner: { name: 'RICOH MP C3004', creator: 'RICOH MP C3004ex', producer: 'RICOH MP C3004ex' },
  },
  {
    name: 'Northgate Housing Trust',
    language: 'en',
    sector: 'housing',
    sites: [
      { name: 'nyc', zone: 'America/New_York', locale: 'en-US', share: 0.75, domain: 'northgatehousing.org' },
      { name: 'chicago', zone: 'America/Chicago', locale: 'en-US', share: 0.25, domain: 'northgatehousing.org' },
    ],
    staffCount: 22,
    start: '2020-10-05',
    end: '2021-09-24',
    infra: 'google',
    clients: [
      ['gmail-web', 5],
      ['applemail', 2],
      ['outlook2016', 3],
      ['thunderbird', 1],
    ],
    phoneShare: 0.55,
    threads: 115,
    looseDocuments: 38,
    photos: 20,
    exports: ['takeout-mbox', 'eml-folders', 'takeout-mbox', 'eml-folders', 'takeout-mbox'],
    externals: [
      {
        name: 'Metro Housing Authority',
        domain: 'metrohousingauthority.org',
        kind: 'o365',
        zone: 'America/New_York',
        locale: 'en-US',
        people: 3,
        selector: 'selector1',
        keyInFile: true,
        clients: ['outlook-exchange'],
        exchangeServer: 'BN6PR11MB1234.namprd11.prod.outlook.com',
      },
      {
        name: 'Ridgeline Builders',
        domain: 'ridgelinebuilders.com',
        kind: 'postfix',
        zone: 'America/Chicago',
        locale: 'en-US',
        people: 2,
        selector: 'default',
        keyInFile: true,
        clients: ['thunderbird', 'outlook2016'],
      },
      {
        name: 'Harlow & Finch LLP',
        domain: 'harlowfinch.com',
        kind: 'postfix',
        zone: 'America/New_York',
        locale: 'en-US',
        people: 2,
        selector: 'mail',
        keyInFile: true,
        clients: ['applemail', 'outlook2016'],
      },
      {
        name: 'Gmail',
        domain: 'gmail.com',
        kind: 'gmail',
        zone: 'America/New_York',
        locale: 'en-US',
        people: 3,
        selector: '20161025',
        keyInFile: false,
        clients: ['gmail-web'],
      },
    ],
    list: {
      name: 'members',
      domain: 'lists.nyhousingcouncil.org',
      description: 'NY Housing Council members',
      zone: 'America/New_York',
      locale: 'en-US',
    },
    cameras: ['iphone-12', 'galaxy-s21', 'sony-rx100'],
    travelZone: 'Europe/London',
    scanner: { name: 'Xerox WorkCentre 7855', creator: 'Xerox WorkCentre 7855', producer: 'Xerox WorkCentre 7855' },
  },
  {
    name: 'Southbank Marine Engineering',
    language: 'en',
    sector: 'marine',
    sites: [
      {
        name: 'SYD',
        zone: 'Australia/Sydney',
        locale: 'en-AU',
        share: 0.6,
        domain: 'southbankmarine.com.au',
        exchangeHost: 'SYD-EXCH01.corp.southbankmarine.local',
      },
      {
        name: 'KOL',
        zone: 'Asia/Kolkata',
        locale: 'en-IN',
        share: 0.4,
        domain: 'southbankmarine.in',
        exchangeHost: 'KOL-EXCH01.corp.southbankmarine.local',
      },
    ],
    staffCount: 24,
    start: '2021-03-01',
    end: '2022-02-25',
    infra: 'exchange',
    clients: [
      ['outlook-exchange', 8],
      ['thunderbird', 1],
      ['applemail', 1],
    ],
    phoneShare: 0.4,
    threads: 105,
    looseDocuments: 38,
    photos: 20,
    exports: ['eml-folders', 'eml-folders', 'tb-mbox', 'eml-folders'],
    externals: [
      {
        name: 'Tasman Class Society',
        domain: 'tasmanclass.org.au',
        kind: 'postfix',
        zone: 'Australia/Sydney',
        locale: 'en-AU',
        people: 2,
        selector: 'mail',
        keyInFile: true,
        clients: ['thunderbird'],
      },
      {
        name: 'Kochi Marine Works',
        domain: 'kochimarineworks.in',
        kind: 'o365',
        zone: 'Asia/Kolkata',
        locale: 'en-IN',
        people: 3,
        selector: 'selector1',
        keyInFile: true,
        clients: ['outlook-exchange'],
        exchangeServer: 'MA1PR01MB2345.INDPRD01.PROD.OUTLOOK.COM',
      },
      {
        name: 'Coral Spirit Shipping',
        domain: 'coralspirit.com.sg',
        kind: 'o365',
        zone: 'Asia/Singapore',
        locale: 'en-GB',
        people: 2,
        selector: 'selector2',
        keyInFile: true,
        clients: ['outlook-exchange'],
        exchangeServer: 'SG2PR04MB3456.apcprd04.prod.outlook.com',
      },
      {
        name: 'Gmail',
        domain: 'gmail.com',
        kind: 'gmail',
        zone: 'Australia/Sydney',
        locale: 'en-AU',
        people: 2,
        selector: '20210112',
        keyInFile: false,
        clients: ['gmail-web'],
      },
    ],
    list: {
      name: 'news',
      domain: 'lists.marine-engineers.org.au',
      description: 'Marine Engineers Network news',
      zone: 'Australia/Sydney',
      locale: 'en-AU',
    },
    // Photos from mid-2021 on: an iPhone 12 (the iPhone 13 came out in September 2021).
    cameras: ['iphone-12', 'galaxy-s21', 'nikon-d7500'],
    travelZone: 'Asia/Singapore',
    scanner: { name: 'Canon iR-ADV C5535', creator: 'Canon iR-ADV C5535  PDF', producer: 'Adobe PSL 1.3e for Canon' },
  },
];

export interface OrgExternal {
  ext: ExternalOrg;
  people: Person[];
  keyInFile: boolean;
}

export interface Org {
  params: OrgParams;
  staff: Person[];
  leaked: { person: Person; style: ExportStyle }[];
  infra: OrgInfra;
  externals: OrgExternal[];
  list: MailingList;
  /** Members of other organisations who post to the list. */
  listPosters: { person: Person; ext: ExternalOrg }[];
  listSubscribers: Person[];
  scanner: Person;
  keyLines: string[];
  writer: Writer;
  /** Multilingual organisations (hold-out presets): one writer per language. */
  writers?: Partial<Record<Lang, Writer>>;
  start: number;
  end: number;
  traveller?: Person;
  newPhone?: Person;
  webmailUser?: Person;
  /** Hold-out presets: a Google Groups list in place of the Mailman one. */
  group?: GoogleGroup;
}

export function signerFor(
  prng: Prng,
  domain: string,
  selector: string,
  kind: 'opendkim' | 'google' | 'o365' | 'exim',
  host?: string,
  bits = 2048,
) {
  const key = deterministicRsaKey(prng, bits);
  const signer: DkimSigner = {
    domain,
    selector,
    privateKeyPem: key.privateKeyPem,
    canonicalization: kind === 'opendkim' ? 'relaxed/simple' : 'relaxed/relaxed',
    headerList: signerHeaders(kind === 'exim' ? 'opendkim' : kind),
    openDkimHost: kind === 'opendkim' ? host : undefined,
  };
  return { signer, line: dkimZoneLine(selector, domain, key.publicKeyBase64) };
}

export function osFor(client: ClientId, prng: Prng): Person['os'] {
  if (client === 'applemail') return 'mac';
  if (client === 'thunderbird') return prng.pick(['windows', 'linux', 'mac'] as const);
  if (client === 'gmail-web') return prng.pick(['windows', 'mac'] as const);
  return 'windows';
}

/** The office scanner that mails its scans: a sender of the head office with no habits of its own. */
export function scannerPerson(params: OrgParams): Person {
  const primary = params.sites[0];
  return {
    first: '',
    last: '',
    name: params.scanner.name,
    email: `scanner@${primary.domain}`,
    locale: primary.locale,
    zone: primary.zone,
    client: 'scanner',
    mobileShare: 0,
    hours: [0, 24],
    os: 'linux',
    external: false,
    site: primary.name,
  };
}

export function buildStandardOrg(params: OrgParams, prng: Prng): Org {
  const start = Date.parse(`${params.start}T00:00:00Z`);
  const end = Date.parse(`${params.end}T23:59:59Z`);
  const used = new Set<string>();
  const person = (
    locale: Locale,
    domain: string,
    zone: string,
    client: ClientId,
    external: boolean,
    extra: Partial<Person> = {},
  ): Person => {
    let first = '',
      last = '';
    for (let k = 0; k < 200; k++) {
      first = prng.pick(FIRST[locale]);
      last = prng.pick(LAST[locale]);
      if (!used.has(`${first} ${last}`) && !used.has(localPart(first, last))) break;
    }
    used.add(`${first} ${last}`);
    used.add(localPart(first, last));
    const email =
      domain === 'gmail.com'
        ? `${localPart(first, last).replace('.', prng.pick(['.', '', '_']))}${prng.int(10, 99)}@gmail.com`
        : `${localPart(first, last)}@${domain}`;
    return {
      first,
      last,
      name: `${first} ${last}`,
      email,
      locale,
      zone,
      client,
      mobileShare: 0,
      hours: [prng.int(7, 9), prng.int(16, 19)],
      os: osFor(client, prng),
      external,
      ...extra,
    };
  };

  const staff: Person[] = [];
  for (let i = 0; i < params.staffCount; i++) {
    let r = prng.next();
    const site = params.sites.find((s) => (r -= s.share) < 0) ?? params.sites[0];
    const client = prng.weighted(params.clients);
    const p = person(site.locale, site.domain, site.zone, client, false, { site: site.name });
    if (prng.chance(params.phoneShare)) {
      p.mobile = 'iphone';
      p.mobileShare = 0.1 + prng.next() * 0.2;
    }
    staff.push(p);
  }

  // Leaked mailboxes: the export style follows the owner's client.
  const wants: Record<ExportStyle, ClientId[]> = {
    'tb-mbox': ['thunderbird'],
    'apple-mbox': ['applemail'],
    'eml-zip': ['roundcube'],
    'takeout-mbox': ['gmail-web', 'applemail', 'outlook2016'],
    'eml-folders': ['outlook2016', 'outlook-exchange', 'applemail', 'gmail-web'],
    'msg-folders': ['outlook-exchange'],
    'zimbra-tgz': ['zimbra-web'],
  };
  const leaked: Org['leaked'] = [];
  for (const style of params.exports) {
    let owner = staff.find((p) => !leaked.some((l) => l.person === p) && wants[style].includes(p.client));
    if (!owner) {
      owner = staff.find((p) => !leaked.some((l) => l.person === p))!;
      owner.client = wants[style][0];
      owner.os = osFor(owner.client, prng);
    }
    leaked.push({ person: owner, style });
  }

  // Habits that make innocent lookalikes: a traveller whose laptop follows the local zone, a new
  // phone half-way through the year, a desktop user who sometimes answers from webmail.
  const exchangeOrg = params.infra === 'exchange';
  const notLeaked = staff.filter((p) => !leaked.some((l) => l.person === p));
  const traveller = notLeaked.find((p) => ['applemail', 'thunderbird', 'gmail-web', 'outlook2016'].includes(p.client)) ?? notLeaked[0];
  if (traveller) {
    const from = start + Math.floor((end - start) * (0.35 + prng.next() * 0.3));
    traveller.travel = [{ from, to: from + prng.int(6, 10) * DAY, zone: params.travelZone }];
    if (exchangeOrg && traveller.client === 'outlook-exchange') traveller.client = 'applemail';
  }
  const newPhone = notLeaked.find((p) => p !== traveller && !p.mobile);
  if (newPhone) {
    newPhone.mobile = 'iphone';
    newPhone.mobileShare = 0.3;
    newPhone.phoneSwitch = start + Math.floor((end - start) * (0.5 + prng.next() * 0.2));
  }
  const webmailClient: ClientId | undefined =
    params.infra === 'postfix' ? 'roundcube' : params.infra === 'google' ? 'gmail-web' : undefined;
  const webmailUser = webmailClient ? notLeaked.find((p) => p !== traveller && p !== newPhone && p.client !== webmailClient) : undefined;
  if (webmailUser) webmailUser.webmail = webmailClient;

  // The organisation's servers and keys.
  const keyLines: string[] = [];
  const primary = params.sites[0];
  let infra: OrgInfra;
  if (params.infra === 'postfix') {
    const host = `mail.${primary.domain}`;
    const { signer, line } = signerFor(prng, primary.domain, 'mail', 'opendkim', host);
    keyLines.push(line);
    infra = { kind: 'postfix', domain: primary.domain, host, zone: primary.zone, signer, lanPrefix: '192.168.10' };
  } else if (params.infra === 'google') {
    const { signer, line } = signerFor(prng, primary.domain, 'google', 'google');
    keyLines.push(line);
    infra = { kind: 'google', domain: primary.domain, host: 'mx.google.com', zone: 'America/Los_Angeles', signer, lanPrefix: '192.168.1' };
  } else {
    const host = `gw.${primary.domain}`;
    const signers: Record<string, DkimSigner> = {};
    for (const site of params.sites) {
      if (signers[site.domain]) continue;
      const { signer, line } = signerFor(prng, site.domain, 'gw2021', 'opendkim', host);
      signers[site.domain] = signer;
      keyLines.push(line);
    }
    infra = {
      kind: 'exchange',
      domain: primary.domain,
      host,
      zone: primary.zone,
      signer: signers[primary.domain],
      signers,
      lanPrefix: '10.20.0',
      exchange: Object.fromEntries(
        params.sites.map((s, i) => [
          s.name,
          {
            host: s.exchangeHost!,
            zone: s.zone,
            ip: `10.${20 + 20 * i}.1.11`,
            ll: `fe80::${prng.hex(4)}:${prng.hex(4)}:${prng.hex(4)}:${prng.hex(4)}`,
          },
        ]),
      ),
    };
  }

  const externals: OrgExternal[] = params.externals.map((e) => {
    const kind = e.kind === 'o365' ? 'o365' : e.kind === 'gmail' ? 'google' : 'opendkim';
    const host =
      e.kind === 'postfix'
        ? `mail.${e.domain}`
        : e.kind === 'o365'
          ? `mail-${prng.hex(4)}.outbound.protection.outlook.com`
          : `mail-wr1-f${prng.int(41, 70)}.google.com`;
    const { signer, line } = signerFor(
      prng,
      e.domain,
      e.selector,
      kind as 'opendkim' | 'google' | 'o365',
      host,
      e.kind === 'postfix' && prng.chance(0.5) ? 1024 : 2048,
    );
    if (e.keyInFile) keyLines.push(line);
    const ext: ExternalOrg = {
      name: e.name,
      domain: e.domain,
      kind: e.kind,
      host,
      ip: `${prng.int(40, 210)}.${prng.int(1, 254)}.${prng.int(1, 254)}.${prng.int(1, 254)}`,
      zone: e.zone,
      signer,
      exchangeServer: e.exchangeServer,
    };
    const people = Array.from({ length: e.people }, () => person(e.locale, e.domain, e.zone, prng.pick(e.clients), true, { org: e.name }));
    return { ext, people, keyInFile: e.keyInFile };
  });

  const listSigner = signerFor(prng, params.list.domain, 'mm1', 'opendkim', params.list.domain);
  keyLines.push(listSigner.line);
  const list: MailingList = {
    name: params.list.name,
    address: `${params.list.name}@${params.list.domain}`,
    host: params.list.domain,
    ip: `${prng.int(40, 210)}.${prng.int(1, 254)}.${prng.int(1, 254)}.${prng.int(1, 254)}`,
    zone: params.list.zone,
    description: params.list.description,
    signer: listSigner.signer,
  };
  const posterDomain = `${params.list.domain.replace(/^lists\./, '')}`;
  const posterSigner = signerFor(prng, posterDomain, 'default', 'opendkim', `mail.${posterDomain}`);
  keyLines.push(posterSigner.line);
  const posterExt: ExternalOrg = {
    name: params.list.description,
    domain: posterDomain,
    kind: 'postfix',
    host: `mail.${posterDomain}`,
    ip: list.ip,
    zone: params.list.zone,
    signer: posterSigner.signer,
  };
  const listPosters = Array.from({ length: 2 }, () => ({
    person: person(params.list.locale, posterDomain, params.list.zone, 'thunderbird', true, { org: params.list.description }),
    ext: posterExt,
  }));
  const listSubscribers = prng.shuffle([...leaked.map((l) => l.person)]).slice(0, Math.max(2, Math.ceil(leaked.length / 2)));

  const scanner = scannerPerson(params);

  return {
    params,
    staff,
    leaked,
    infra,
    externals,
    list,
    listPosters,
    listSubscribers,
    scanner,
    keyLines,
    writer: new Writer(params.sector, params.language),
    start,
    end,
    traveller,
    newPhone,
    webmailUser,
  };
}
