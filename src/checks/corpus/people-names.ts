// Name forms: the keys under which one person is found whether a file says "Dupont, Jean",
// "Jean Dupont", "DUPONT Jean", "J. Dupont", "jdupont", "j.dupont" or "jean.dupont@org.fr".
// See docs/checks-people-threads.md.

/** Lowercase, accents and other marks removed (NFKD), so "Hélène" and "HELENE" agree. */
function foldName(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The name's words, folded: letters and digits only. */
function nameTokens(s: string): string[] {
  return foldName(s)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

/** A display form used to group spellings that differ only by case, spacing or punctuation. */
export function normName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s.,_]+/g, ' ')
    .trim();
}

const MAX_TOKENS = 5;

function pairs(xs: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < xs.length; i++) for (let j = 0; j < xs.length; j++) if (i !== j) out.push([xs[i], xs[j]]);
  return out;
}

/** The keys a known person is filed under, from a display name and/or an address. */
export function personKeys(name: string | undefined, address: string | undefined): Set<string> {
  const keys = new Set<string>();
  const local = address?.includes('@') ? address.slice(0, address.lastIndexOf('@')) : undefined;
  const fromName = name && !name.includes('@') ? nameTokens(name) : [];
  const fromLocal = local ? nameTokens(local) : [];
  if (local) {
    const flat = nameTokens(local).join('');
    if (flat) keys.add(`l:${flat}`);
  }
  for (const toks of [fromName, fromLocal]) {
    const words = toks.slice(0, MAX_TOKENS);
    const sig = words.filter((t) => t.length > 1);
    if (words.length === 1 && sig.length === 1) keys.add(`l:${sig[0]}`);
    // A lone first name or surname ("Olivier", "DUPONT") as an account name.
    if (toks === fromName) for (const t of sig) keys.add(`t:${t}`);
    for (const [a, b] of pairs(sig)) {
      // "Jean Dupont" -> n:dupont jean (any order), l:jdupont, l:jeandupont, l:dupontj, i:dupont|j.
      keys.add(`n:${[a, b].sort().join(' ')}`);
      keys.add(`l:${a}${b}`);
      keys.add(`l:${a[0]}${b}`);
      keys.add(`i:${b}|${a[0]}`);
    }
    // "J. Dupont" in a display name: an initial and a surname.
    const initials = words.filter((t) => t.length === 1);
    for (const i of initials) for (const s of sig) keys.add(`i:${s}|${i}`);
    if (words.length >= 2 && words.length <= 3) {
      keys.add(`x:${words.map((t) => t[0]).join('')}`);
      keys.add(
        `x:${[...words]
          .reverse()
          .map((t) => t[0])
          .join('')}`,
      );
    }
  }
  return keys;
}

/** The keys under which a name written in a document is looked up among known people. */
export function lookupKeys(written: string): string[] {
  const s = written.trim();
  if (s.includes('@')) return [...personKeys(undefined, s.replace(/^.*<|>.*$/g, ''))];
  const words = nameTokens(s).slice(0, MAX_TOKENS);
  const sig = words.filter((t) => t.length > 1);
  const keys = new Set<string>();
  if (words.length === 0) return [];
  keys.add(`l:${words.join('')}`);
  if (words.length === 1) keys.add(`t:${words[0]}`);
  for (const [a, b] of pairs(sig)) keys.add(`n:${[a, b].sort().join(' ')}`);
  for (const i of words.filter((t) => t.length === 1)) for (const t of sig) keys.add(`i:${t}|${i}`);
  // Initials only ("JD", "J.D."): two or three letters, written in capitals or with dots.
  const letters = s.replace(/[.\s]/g, '');
  if (/^\p{L}{2,3}$/u.test(letters) && (letters === letters.toUpperCase() || s.includes('.'))) keys.add(`x:${foldName(letters)}`);
  return [...keys];
}

const SCRIPTS: [string, RegExp][] = [
  ['Cyrillic', /\p{Script=Cyrillic}/gu],
  ['Greek', /\p{Script=Greek}/gu],
  ['Arabic', /\p{Script=Arabic}/gu],
  ['Hebrew', /\p{Script=Hebrew}/gu],
  ['Han', /\p{Script=Han}/gu],
  ['Hiragana/Katakana', /[\p{Script=Hiragana}\p{Script=Katakana}]/gu],
  ['Hangul', /\p{Script=Hangul}/gu],
  ['Thai', /\p{Script=Thai}/gu],
  ['Devanagari', /\p{Script=Devanagari}/gu],
  ['Armenian', /\p{Script=Armenian}/gu],
  ['Georgian', /\p{Script=Georgian}/gu],
  ['Latin', /\p{Script=Latin}/gu],
];

/** The dominant Unicode script of a name ('Рошка Георгий Петрович' -> 'Cyrillic'), or undefined (digits only). */
export function scriptOf(name: string): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const [script, re] of SCRIPTS) {
    const n = name.match(re)?.length ?? 0;
    if (n > bestCount) {
      best = script;
      bestCount = n;
    }
  }
  return best;
}
