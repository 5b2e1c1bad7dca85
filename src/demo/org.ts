// The fictional organisation whose mail and documents make up the demo dump: a French campaign
// association, its staff and their habits, and the outsiders who write to it. Every genuine item is
// drawn from these habits, so a fake that breaks them is an outlier Verity should find.

import type { Zone } from './time.js';

export const ORG = {
  name: 'En Avant Ensemble',
  domain: 'campagne-exemple.fr',
  dkimSelector: 'mail2017',
  smtpHost: 'smtp.campagne-exemple.fr',
  smtpIp: '203.0.113.25',
  mxHost: 'mx1.campagne-exemple.fr',
  mxIp: '203.0.113.26',
  officeLan: '192.168.10.',
  company: 'Association En Avant Ensemble',
} as const;

/** Mail clients the staff use; each has its own header set, Message-ID and MIME boundary style. */
export type MailClientId = 'thunderbird' | 'outlook2016' | 'applemail' | 'iphone' | 'roundcube';

/** Office software a person saves documents with. */
type OfficeSuite = 'word2016' | 'libreoffice';

export interface Person {
  login: string;
  name: string;
  email: string;
  role: string;
  client: MailClientId;
  suite: OfficeSuite;
  zone: Zone;
  /** Usual working hours (local), inclusive start, exclusive end. */
  hours: [number, number];
  /** Relative share of the organisation's mail this person sends. */
  activity: number;
}

function staff(
  login: string,
  name: string,
  role: string,
  client: MailClientId,
  suite: OfficeSuite,
  hours: [number, number],
  activity: number,
): Person {
  return { login, name, email: `${login}@${ORG.domain}`, role, client, suite, zone: 'Europe/Paris', hours, activity };
}

export const STAFF: readonly Person[] = [
  staff('claire.dumont', 'Claire Dumont', 'Directrice de campagne', 'outlook2016', 'word2016', [8, 21], 10),
  staff('julien.marchand', 'Julien Marchand', 'Trésorier', 'outlook2016', 'word2016', [9, 19], 8),
  staff('sophie.lefebvre', 'Sophie Lefèvre', 'Responsable communication', 'applemail', 'word2016', [9, 20], 9),
  staff('karim.benali', 'Karim Benali', 'Chargé des relations presse', 'iphone', 'word2016', [7, 23], 7),
  staff('emilie.rousseau', 'Émilie Rousseau', 'Coordinatrice internationale', 'applemail', 'word2016', [8, 20], 6),
  staff('thomas.girard', 'Thomas Girard', 'Responsable numérique', 'thunderbird', 'libreoffice', [10, 23], 7),
  staff('nadia.haddad', 'Nadia Haddad', 'Juriste', 'outlook2016', 'word2016', [9, 18], 5),
  staff('pierre.moreau', 'Pierre Moreau', 'Responsable des bénévoles', 'roundcube', 'libreoffice', [9, 22], 6),
  staff('lucie.bernard', 'Lucie Bernard', 'Assistante de direction', 'outlook2016', 'word2016', [8, 18], 8),
  staff('antoine.petit', 'Antoine Petit', 'Chargé des finances', 'outlook2016', 'word2016', [9, 19], 5),
  staff('camille.fontaine', 'Camille Fontaine', 'Rédactrice des discours', 'thunderbird', 'word2016', [10, 24], 5),
  staff('mathieu.roux', 'Mathieu Roux', 'Logistique et déplacements', 'iphone', 'word2016', [7, 21], 6),
  staff('ines.garnier', 'Inès Garnier', 'Chargée de mobilisation', 'roundcube', 'libreoffice', [9, 21], 5),
  staff('olivier.chevalier', 'Olivier Chevalier', 'Porte-parole', 'applemail', 'word2016', [8, 22], 4),
];

/** The staff member who travels to Montreal in April 2017 (the innocent timezone lookalike). */
export const TRAVELLER_LOGIN = 'emilie.rousseau';

export interface ExternalDomain {
  domain: string;
  /** DKIM selector when the domain signs its mail. */
  selector?: string;
  mxHost: string;
  ip: string;
  client: MailClientId;
  people: { name: string; local: string }[];
}

export const PARTNER: ExternalDomain = {
  domain: 'partenaire-exemple.org',
  selector: 'sel1',
  mxHost: 'mail.partenaire-exemple.org',
  ip: '198.51.100.40',
  client: 'thunderbird',
  people: [
    { name: 'Hélène Vasseur', local: 'h.vasseur' },
    { name: 'Bruno Lemaire-Duval', local: 'b.lemaire' },
    { name: 'Agnès Colin', local: 'a.colin' },
  ],
};

/** A town hall that does not sign its mail at all: consistently unsigned is not suspicious. */
export const TOWN_HALL: ExternalDomain = {
  domain: 'mairie-exemple.fr',
  mxHost: 'smtp.mairie-exemple.fr',
  ip: '198.51.100.77',
  client: 'outlook2016',
  people: [
    { name: 'Service des salles', local: 'salles' },
    { name: 'Marc Aubert', local: 'm.aubert' },
  ],
};

/** The mailing list that adds a footer and re-signs (the innocent DKIM lookalike). */
export const MAILING_LIST = {
  listAddress: 'reseau-asso@lists.reseau-exemple.org',
  listDomain: 'lists.reseau-exemple.org',
  selector: 'lists',
  listId: 'Réseau associatif <reseau-asso.lists.reseau-exemple.org>',
  host: 'lists.reseau-exemple.org',
  ip: '198.51.100.90',
  footer:
    '_______________________________________________\r\nreseau-asso mailing list\r\nreseau-asso@lists.reseau-exemple.org\r\nhttps://lists.reseau-exemple.org/listinfo/reseau-asso\r\n',
} as const;

/** Outsider names that appear in planted fakes; none of them belongs to the organisation. */
export const FORGER_NAMES = {
  cyrillic: 'Георгий Петровский',
  burstAccount: 'Utilisateur',
} as const;

export function personByLogin(login: string): Person {
  const p = STAFF.find((s) => s.login === login);
  if (!p) throw new Error(`no staff member ${login}`);
  return p;
}
