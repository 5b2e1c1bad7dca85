// Builds a hold-out organisation (seeds 4-6): staff with per-site clients, phones of several makes and
// office suites, named colleagues, leaked mailboxes in the owners' export formats, the habits that make
// innocent lookalikes, and the servers (Microsoft 365 tenant, Zimbra, Exchange 2013 behind Mimecast)
// with the keys of every signer. The first three organisations are built by org.ts unchanged.

import type { Prng } from '../../demo/prng.js';
import { DAY } from './clock.js';
import type { MailingList } from './lists.js';
import type { ClientId, Person } from './mail-model.js';
import type { DkimSigner, ExternalOrg, OrgInfra } from './mta-core.js';
import type { GoogleGroup } from './mta-holdout.js';
import { FIRST, LAST, localPart, type Locale } from './names.js';
import { MORE_FIRST, MORE_LAST } from './names-holdout.js';
import { osFor, scannerPerson, signerFor, type Org, type OrgExternal, type OrgParams } from './org.js';
import { deterministicRsaKey } from './rsa-keys.js';
import { langOf, Writer, type Lang } from './text.js';

export function buildHoldoutOrg(params: OrgParams, prng: Prng): Org {
  const H = params.holdout!;
  const start = Date.parse(`${params.start}T00:00:00Z`);
  const end = Date.parse(`${params.end}T23:59:59Z`);
  const used = new Set<string>();
  const pool = (table: Record<string, string[]>, more: Partial<Record<string, string[]>>, locale: Locale) => [
    ...table[locale],
    ...(more[locale] ?? []),
  ];
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
      first = prng.pick(pool(FIRST, MORE_FIRST, locale));
      last = prng.pick(pool(LAST, MORE_LAST, locale));
      if (!used.has(`${first} ${last}`) && !used.has(localPart(first, last))) break;
    }
    used.add(`${first} ${last}`);
    used.add(localPart(first, last));
    const email =
      domain === 'gmail.com'
        ? `${localPart(first, last).replace(/[.-]/, prng.pick(['.', '', '_']))}${prng.int(10, 99)}@gmail.com`
        : `${localPart(first, last)}@${domain}`;
    return {
      first,
      last,
      // Japanese names are written family name first.
      name: locale === 'ja-JP' ? `${last} ${first}` : `${first} ${last}`,
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
    const client = prng.weighted(H.siteClients?.[site.name] ?? params.clients);
    const p = person(site.locale, site.domain, site.zone, client, false, { site: site.name });
    if (client === 'outlook-mac' || client === 'spark') p.os = 'mac';
    p.suite = H.suites[client];
    if (prng.chance(params.phoneShare)) {
      p.mobile = prng.weighted(H.mobiles);
      p.mobileShare = 0.1 + prng.next() * 0.25;
    }
    staff.push(p);
  }
  // Colleagues whose names are set: the Japanese colleague in Berlin whose Office install writes katakana.
  for (const [k, n] of (H.namedStaff ?? []).entries()) {
    const p = staff[staff.length - 1 - k];
    const locale = n.locale ?? p.locale;
    Object.assign(p, {
      first: n.first,
      last: n.last,
      name: `${n.first} ${n.last}`,
      email: `${localPart(n.first, n.last)}@${p.email.split('@')[1]}`,
      locale,
      officeName: n.officeName,
      signature: n.signature,
    });
  }

  // Leaked mailboxes: each export style goes to an owner with a client that exports that way.
  const leaked: Org['leaked'] = [];
  for (const style of params.exports) {
    const wants = H.exportOwners[style] ?? [];
    const taken = (p: Person) => leaked.some((l) => l.person === p);
    const sameStyle = leaked.filter((l) => l.style === style).map((l) => l.person.client);
    let owner =
      staff.find((p) => !taken(p) && wants.includes(p.client) && !sameStyle.includes(p.client)) ??
      staff.find((p) => !taken(p) && wants.includes(p.client));
    if (!owner) {
      owner = staff.find((p) => !taken(p) && !p.officeName)!;
      owner.client = wants.find((c) => !sameStyle.includes(c)) ?? wants[0];
      owner.os = osFor(owner.client, prng);
      owner.suite = H.suites[owner.client];
    }
    leaked.push({ person: owner, style });
  }

  // Habits that make innocent lookalikes: a traveller with a phone (Exchange writes +0000 from the
  // desk, the phone writes the local offset abroad), a new phone, a desktop user who also uses webmail.
  const notLeaked = staff.filter((p) => !leaked.some((l) => l.person === p) && !p.officeName);
  const traveller = notLeaked.find((p) => p.mobile === 'iphone') ?? notLeaked.find((p) => p.mobile) ?? notLeaked[0];
  if (traveller) {
    const from = start + Math.floor((end - start) * (0.35 + prng.next() * 0.3));
    traveller.travel = [{ from, to: from + prng.int(6, 10) * DAY, zone: params.travelZone }];
    if (!traveller.mobile) {
      traveller.mobile = 'iphone';
      traveller.mobileShare = 0.3;
    }
  }
  const newPhone = notLeaked.find((p) => p !== traveller && !p.mobile);
  if (newPhone) {
    newPhone.mobile = H.mobiles[H.mobiles.length - 1][0];
    newPhone.mobileShare = 0.3;
    newPhone.phoneSwitch = start + Math.floor((end - start) * (0.5 + prng.next() * 0.2));
  }
  const webmailUser = H.webmail ? notLeaked.find((p) => p !== traveller && p !== newPhone && p.client !== H.webmail) : undefined;
  if (webmailUser) webmailUser.webmail = H.webmail;

  // The organisation's servers and keys.
  const keyLines: string[] = [];
  const primary = params.sites[0];
  let infra: OrgInfra;
  if (params.infra === 'm365') {
    const { signer, line } = signerFor(prng, primary.domain, 'selector1', 'o365');
    keyLines.push(line);
    const servers = new Map<string, string>();
    staff.forEach((p, i) => servers.set(p.email, H.exo!.servers[i % H.exo!.servers.length]));
    const arc = deterministicRsaKey(prng, 2048);
    infra = {
      kind: 'm365',
      domain: primary.domain,
      host: H.exo!.eop,
      zone: 'UTC',
      signer,
      lanPrefix: '192.168.178',
      exo: {
        tenantId: prng.uuid(),
        servers,
        eop: H.exo!.eop,
        build: (at) => String(at),
        arc: { privateKeyPem: arc.privateKeyPem },
        externalBanner: H.exo!.banner,
      },
    };
  } else if (params.infra === 'zimbra') {
    const { signer, line } = signerFor(prng, primary.domain, H.selector!, 'opendkim', H.mailHost);
    keyLines.push(line);
    infra = { kind: 'zimbra', domain: primary.domain, host: H.mailHost!, zone: primary.zone, signer, lanPrefix: '10.0.0' };
  } else {
    // Exchange 2013: internal mail is never signed; Mimecast signs what leaves (not in any leaked mailbox).
    const { signer, line } = signerFor(prng, primary.domain, 'mimecast20170403', 'o365');
    keyLines.push(line);
    infra = {
      kind: 'exchange2013',
      domain: primary.domain,
      host: 'relay.mimecast.com',
      zone: primary.zone,
      signer,
      lanPrefix: '10.1.5',
      exchange: Object.fromEntries(
        params.sites.map((s, i) => [
          s.name,
          {
            host: s.exchangeHost!,
            zone: s.zone,
            ip: `10.${i + 1}.1.11`,
            ll: `fe80::${prng.hex(4)}:${prng.hex(4)}:${prng.hex(4)}:${prng.hex(4)}`,
          },
        ]),
      ),
      siteOf: new Map(staff.map((p) => [p.email, p.site!])),
    };
  }

  const externals: OrgExternal[] = params.externals.map((e) => {
    const kind = e.kind === 'o365' ? 'o365' : e.kind === 'gmail' ? 'google' : e.kind === 'exim' ? 'exim' : 'opendkim';
    const host =
      e.kind === 'postfix' || e.kind === 'exim'
        ? `mail.${e.domain}`
        : e.kind === 'o365'
          ? `mail-${prng.hex(4)}.outbound.protection.outlook.com`
          : `mail-wr1-f${prng.int(41, 70)}.google.com`;
    const { signer, line } = signerFor(
      prng,
      e.domain,
      e.selector,
      kind,
      kind === 'opendkim' ? host : undefined,
      prng.chance(0.3) ? 1024 : 2048,
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
    const people = Array.from({ length: e.people }, () => {
      const client = prng.pick(e.clients);
      const p = person(e.locale, e.domain, e.zone, client, true, { org: e.name });
      if (client === 'gmail-android') {
        p.client = 'gmail-web';
        p.mobile = 'gmail-android';
        p.mobileShare = 0.6;
      }
      return p;
    });
    return { ext, people, keyInFile: e.keyInFile };
  });

  // The list: Mailman at an association, or a Google Group.
  const listSigner = signerFor(prng, params.list.domain, 'mm1', 'opendkim', params.list.domain);
  if (H.listKind === 'mailman') keyLines.push(listSigner.line);
  const list: MailingList = {
    name: params.list.name,
    address: `${params.list.name}@${params.list.domain}`,
    host: H.listKind === 'mailman' ? params.list.domain : `mail-sor-f${prng.int(41, 73)}.google.com`,
    ip: `${prng.int(40, 210)}.${prng.int(1, 254)}.${prng.int(1, 254)}.${prng.int(1, 254)}`,
    zone: params.list.zone,
    description: params.list.description,
    signer: listSigner.signer,
  };
  let group: GoogleGroup | undefined;
  if (H.listKind === 'google-groups') {
    const gs = signerFor(prng, 'googlegroups.com', '20230601', 'google');
    const arc = deterministicRsaKey(prng, 2048);
    const lang = langOf(params.list.locale);
    group = {
      name: params.list.name,
      address: list.address,
      groupId: String(prng.int(100000000, 999999999)) + String(prng.int(100, 999)),
      signer: gs.signer as DkimSigner,
      arcKeyPem: arc.privateKeyPem,
      footer: groupFooter(lang, params.list.description, list.address),
    };
  }
  const posterDomain = H.listKind === 'mailman' ? params.list.domain.replace(/^lists\./, '') : params.externals[0].domain;
  const posterSigner = signerFor(prng, posterDomain, 'default', 'opendkim', `mail.${posterDomain}`);
  if (H.listKind === 'mailman') keyLines.push(posterSigner.line);
  const posterExt: ExternalOrg =
    H.listKind === 'mailman'
      ? {
          name: params.list.description,
          domain: posterDomain,
          kind: 'postfix',
          host: `mail.${posterDomain}`,
          ip: list.ip,
          zone: params.list.zone,
          signer: posterSigner.signer,
        }
      : externals[0].ext;
  const listPosters = Array.from({ length: 2 }, () => ({
    person: person(params.list.locale, posterDomain, params.list.zone, 'thunderbird', true, { org: params.list.description }),
    ext: posterExt,
  }));
  const listSubscribers = prng.shuffle([...leaked.map((l) => l.person)]).slice(0, Math.max(2, Math.ceil(leaked.length / 2)));

  const scanner = scannerPerson(params);

  const langs = [
    ...new Set([params.language, ...params.sites.map((s) => langOf(s.locale)), ...params.externals.map((e) => langOf(e.locale))]),
  ];
  const writers = Object.fromEntries(langs.map((l) => [l, new Writer(params.sector, l)])) as Partial<Record<Lang, Writer>>;
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
    writer: writers[params.language]!,
    writers,
    start,
    end,
    traveller,
    newPhone,
    webmailUser,
    group,
  };
}

function groupFooter(lang: Lang, description: string, address: string): string {
  const [local] = address.split('@');
  if (lang === 'de')
    return `Sie erhalten diese Nachricht, weil Sie Mitglied der Google Groups-Gruppe "${description}" sind.\r\nUm sich von dieser Gruppe abzumelden und keine E-Mails mehr von ihr zu erhalten, senden Sie eine E-Mail an ${local}+unsubscribe@googlegroups.com.`;
  if (lang === 'pt')
    return `Você recebeu essa mensagem porque está inscrito no grupo "${description}" dos Grupos do Google.\r\nPara cancelar inscrição nesse grupo e parar de receber e-mails dele, envie um e-mail para ${local}+unsubscribe@googlegroups.com.`;
  return `You received this message because you are subscribed to the Google Groups "${description}" group.\r\nTo unsubscribe from this group and stop receiving emails from it, send an email to ${local}+unsubscribe@googlegroups.com.`;
}
