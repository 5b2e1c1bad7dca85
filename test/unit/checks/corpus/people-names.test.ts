import { describe, expect, it } from 'vitest';
import { lookupKeys, personKeys, scriptOf } from '../../../../src/checks/corpus/people-names.js';
import { isGenericAccount } from '../../../../src/knowledge/generic-accounts.js';

/** Whether a name written in a document finds the person known from the mail. */
const finds = (written: string, name: string, address?: string) => {
  const keys = personKeys(name, address);
  return lookupKeys(written).some((k) => keys.has(k));
};

describe('name forms', () => {
  it.each([
    ['Dupont, Jean', 'Jean Dupont', 'jean.dupont@example.fr'],
    ['DUPONT Jean', 'Jean Dupont', undefined],
    ['jdupont', 'Jean Dupont', undefined],
    ['j.dupont', 'Jean Dupont', undefined],
    ['J. Dupont', 'Jean Dupont', undefined],
    ['Dupont J.', 'Jean Dupont', undefined],
    ['JD', 'Jean Dupont', undefined],
    ['HELENE LECLERE', 'Hélène Leclère', undefined],
    ['Hélène Leclère', '', 'helene.leclere@example.fr'],
    ['jd42', 'Jean Dupont', 'jd42@example.fr'],
    ['Jean-Pierre Dupont', 'Jean Pierre Dupont', undefined],
    ['Allen, Phillip K.', 'Phillip Allen', undefined],
    ['Olivier', 'Olivier Chevalier', undefined],
    ['olivier.chevalier@example.fr', 'O. Chevalier', 'olivier.chevalier@example.fr'],
  ])('"%s" is %s <%s>', (written, name, address) => {
    expect(finds(written, name, address)).toBe(true);
  });

  it.each([
    ['Jean Martin', 'Jean Dupont'],
    ['Dmitri Ivanov', 'Jean Dupont'],
    ['Георгий Петровский', 'Jean Dupont'],
    ['mdupuis', 'Jean Dupont'],
  ])('"%s" is not %s', (written, name) => {
    expect(finds(written, name, undefined)).toBe(false);
  });
});

describe('generic accounts', () => {
  it('knows the defaults of Office, Windows and document libraries, in several languages', () => {
    for (const n of [
      'Microsoft Office User',
      'Utilisateur',
      'Admin',
      'ADMINISTRATOR',
      'Utilisateur de Microsoft Office',
      '微软用户',
      'python-docx',
      'User1',
      'HP Inc.',
      'Windows-Benutzer',
    ])
      expect(isGenericAccount(n), n).toBe(true);
    for (const n of ['Jean Dupont', 'Adminson', 'Userman Klaus']) expect(isGenericAccount(n), n).toBe(false);
  });
});

describe('script detection', () => {
  it('classifies names by Unicode script', () => {
    expect(scriptOf('Рошка Георгий Петрович')).toBe('Cyrillic'); // MacronLeaks last-modified-by
    expect(scriptOf('Феликс Эдмундович')).toBe('Cyrillic'); // Guccifer 2.0
    expect(scriptOf('Gábor')).toBe('Latin');
    expect(scriptOf('段')).toBe('Han');
    expect(scriptOf('EJ04325S')).toBe('Latin');
  });
});
