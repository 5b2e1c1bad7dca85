// Name pools for the fictional staff and correspondents, by locale, and the outsiders a forger's
// machine or account would name (names in other scripts, and the defaults a fresh Windows or
// Office install writes: "Windows User", "user", "Admin").

import { JA_FIRST, JA_LAST, PT_FIRST, PT_LAST, romaji } from './names-holdout.js';

export type Locale = 'fr-FR' | 'en-US' | 'en-AU' | 'en-IN' | 'en-GB' | 'de-DE' | 'pt-BR' | 'ja-JP';

export const FIRST: Record<Locale, string[]> = {
  'fr-FR': [
    'Camille',
    'Julien',
    'Sophie',
    'Thomas',
    'Élodie',
    'Nicolas',
    'Claire',
    'Mathieu',
    'Aurélie',
    'Guillaume',
    'Hélène',
    'Vincent',
    'Manon',
    'Olivier',
    'Léa',
    'Sébastien',
    'Inès',
    'François',
    'Chloé',
    'Romain',
    'Margaux',
    'Antoine',
    'Pauline',
    'Damien',
  ],
  'en-US': [
    'Emily',
    'Michael',
    'Jessica',
    'David',
    'Ashley',
    'Christopher',
    'Sarah',
    'Matthew',
    'Amanda',
    'Joshua',
    'Jennifer',
    'Daniel',
    'Megan',
    'Andrew',
    'Lauren',
    'Tyler',
    'Rachel',
    'Brandon',
    'Nicole',
    'Kevin',
    'Danielle',
    'Marcus',
    'Kayla',
    'Jordan',
  ],
  'en-AU': [
    'Lachlan',
    'Chloe',
    'Mitchell',
    'Jessica',
    'Brendan',
    'Kate',
    'Hamish',
    'Georgia',
    'Liam',
    'Tahlia',
    'Jack',
    'Bronwyn',
    'Callum',
    'Madison',
    'Declan',
    'Sienna',
    'Riley',
    'Hayley',
  ],
  'en-IN': [
    'Priya',
    'Arjun',
    'Ananya',
    'Rahul',
    'Sneha',
    'Vikram',
    'Kavya',
    'Rohan',
    'Divya',
    'Aditya',
    'Meera',
    'Karthik',
    'Pooja',
    'Siddharth',
  ],
  'en-GB': ['Oliver', 'Harriet', 'George', 'Imogen', 'Henry', 'Charlotte', 'Edward', 'Beatrice'],
  'de-DE': ['Lukas', 'Anna', 'Felix', 'Johanna', 'Jonas', 'Katharina', 'Maximilian', 'Lena'],
  'pt-BR': [...PT_FIRST],
  'ja-JP': JA_FIRST.map(([kanji]) => kanji),
};

export const LAST: Record<Locale, string[]> = {
  'fr-FR': [
    'Martin',
    'Bernard',
    'Dubois',
    'Durand',
    'Lefèvre',
    'Moreau',
    'Laurent',
    'Simon',
    'Michel',
    'Garnier',
    'Rousseau',
    'Fontaine',
    'Chevalier',
    'Girard',
    'Lambert',
    'Bonnet',
    'Faure',
    'Mercier',
    'Blanchard',
    'Guérin',
    'Perrin',
    'Marchand',
    'Renaud',
    'Caron',
  ],
  'en-US': [
    'Johnson',
    'Williams',
    'Brown',
    'Miller',
    'Davis',
    'Garcia',
    'Rodriguez',
    'Wilson',
    'Anderson',
    'Thomas',
    'Taylor',
    'Moore',
    'Jackson',
    'Harris',
    'Clark',
    'Lewis',
    'Robinson',
    'Walker',
    'Young',
    'Allen',
    'King',
    'Wright',
    'Scott',
    'Hill',
  ],
  'en-AU': [
    'Smith',
    'Nguyen',
    'Kelly',
    "O'Brien",
    'Campbell',
    'Stewart',
    'Murphy',
    'Ryan',
    'Walsh',
    'McDonald',
    'Fraser',
    'Hughes',
    'Doyle',
    'Burke',
    'Gallagher',
    'Reid',
    'Harvey',
    'Quinn',
  ],
  'en-IN': [
    'Sharma',
    'Iyer',
    'Patel',
    'Reddy',
    'Nair',
    'Menon',
    'Gupta',
    'Krishnan',
    'Rao',
    'Banerjee',
    'Desai',
    'Pillai',
    'Mehta',
    'Kulkarni',
  ],
  'en-GB': ['Whitfield', 'Ashworth', 'Pemberton', 'Hollis', 'Carver', 'Langley', 'Thorne', 'Beckett'],
  'de-DE': ['Müller', 'Schneider', 'Fischer', 'Weber', 'Becker', 'Hoffmann', 'Schäfer', 'Koch'],
  'pt-BR': [...PT_LAST],
  'ja-JP': JA_LAST.map(([kanji]) => kanji),
};

/** People outside the organisation whose names a forger's own machine would write. */
export const OUTSIDERS = {
  cyrillic: ['Дмитрий Козлов', 'Алексей Смирнов', 'Ирина Волкова', 'Сергей Морозов'],
  han: ['李伟', '王芳', '张磊', '刘洋'],
  greek: ['Νίκος Παπαδόπουλος', 'Ελένη Γεωργίου'],
  latin: ['Mark Ellison', 'Stefan Kovač', 'Jürgen Hartmann', 'Marta Nowak', 'Tomás Ferreira', 'Oğuz Yılmaz'],
  /** The defaults a fresh install writes as author: Windows' and Office's. */
  defaults: ['Windows User', 'user', 'Admin', 'Utilisateur Windows'],
};

/** ASCII local part of an address from a display name ('Élodie Lefèvre' -> 'elodie.lefevre'). */
function unaccented(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

export function localPart(first: string, last: string): string {
  // Japanese staff: the initial of the romanised given name, a hyphen, the family name ('k-tanaka').
  const jf = romaji(first),
    jl = romaji(last);
  if (jf && jl) return `${jf[0]}-${jl}`;
  const ascii = (s: string) =>
    unaccented(s)
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase();
  return `${ascii(first)}.${ascii(last)}`;
}

export function slug(s: string, max = 60): string {
  return unaccented(s)
    .replace(/[^A-Za-z0-9 _-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max)
    .trim();
}
