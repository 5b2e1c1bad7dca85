// 'people.outsider' and 'people.script': names in document metadata set against the population of
// names the dump itself shows.
//
// These are ATTRIBUTION clues, kept apart from inconsistencies: a foreign or unknown name says who
// may have touched a file, and it may have been planted to mislead (Guccifer 2.0's "Феликс
// Эдмундович", MacronLeaks' Cyrillic last-modified-by). The wording says so and the severities stay
// at low/medium; score.ts weighs the family less than inconsistencies.

import type { PersonClaim } from '../../model/facts.js';
import type { CorpusCheck, CorpusDocument, FindingDraft } from '../types.js';

/** Roles of people who wrote or edited the document (not recipients, not companies). */
export const EDITOR_ROLES = new Set(['author', 'initial-creator', 'last-modified-by', 'comment-author', 'revision-author']);
/** Roles where a name is the account that saved the file: the strongest attribution clue. */
const SAVING_ROLES = new Set(['last-modified-by', 'revision-author']);

export function normName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s.,_]+/g, ' ')
    .trim();
}

export function editorsOf(doc: CorpusDocument): PersonClaim[] {
  return (doc.facts.people ?? []).filter(
    (p) => EDITOR_ROLES.has(p.role) && p.name.trim() !== '' && !/^(?:unknown|user|admin|administrator|owner|author)$/i.test(p.name.trim()),
  );
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

const MIN_POPULATION = 20;

// ---------------------------------------------------------------- people.script

export const peopleScript: CorpusCheck = {
  scope: 'corpus',
  id: 'people.script',
  version: 1,
  title: "Name in a script unlike the dump's (attribution clue)",
  detects:
    'An author or editor name written in a script (Cyrillic, Arabic, Han...) that almost no other name in the dump uses, e.g. a Cyrillic last-modified-by in French campaign spreadsheets (MacronLeaks).',
  whyForgersLeaveIt:
    'A forger edits files on their own machine, whose Office installation stamps its user name as last-modified-by. It is an attribution clue, not proof: such names can be planted on purpose.',
  innocentCauses: [
    'Foreign colleagues, contractors or translators.',
    'A shared or borrowed computer.',
    'A deliberately planted false flag.',
  ],
  kinds: ['email', 'office', 'pdf', 'image'],
  *run(docs) {
    const byScript = new Map<string, number>();
    let total = 0;
    for (const d of docs()) {
      const seen = new Set<string>();
      for (const p of d.kind === 'email' ? (d.facts.people ?? []).filter((x) => x.role === 'sender') : editorsOf(d)) {
        const s = scriptOf(p.name);
        if (!s || seen.has(normName(p.name))) continue;
        seen.add(normName(p.name));
        byScript.set(s, (byScript.get(s) ?? 0) + 1);
        total++;
      }
    }
    if (total < MIN_POPULATION) return;
    const [majority, majorityCount] = [...byScript.entries()].sort((a, b) => b[1] - a[1])[0];
    if (majorityCount / total < 0.8) return; // a mixed dump has no "usual" script
    const counts = Object.fromEntries(byScript);
    for (const d of docs()) {
      if (d.kind === 'email') continue;
      const flagged = new Set<string>();
      for (const p of editorsOf(d)) {
        const s = scriptOf(p.name);
        if (!s || s === majority || flagged.has(p.name)) continue;
        const share = (byScript.get(s) ?? 0) / total;
        // Rare, not merely a minority: a tenth of the names would be a second community, not an intruder.
        if (share >= 0.1) continue;
        flagged.add(p.name);
        const finding: FindingDraft = {
          severity: SAVING_ROLES.has(p.role) ? 'medium' : 'low',
          message: `Attribution clue: the ${p.role} "${p.name}" is written in ${s} script, which ${(share * 100).toFixed(1)}% of the names in this dump use (most are ${majority}); such names may also be planted.`,
          evidence: {
            name: p.name,
            role: p.role,
            source: p.source,
            script: s,
            majorityScript: majority,
            namesByScript: counts,
            namesCounted: total,
            clue: 'attribution',
          },
        };
        yield { documentId: d.id, finding };
      }
    }
  },
};

// ---------------------------------------------------------------- people.outsider

export const peopleOutsider: CorpusCheck = {
  scope: 'corpus',
  id: 'people.outsider',
  version: 1,
  title: "Author or editor outside the dump's population (attribution clue)",
  detects:
    "A name that appears as author or editor of a single document when the dump's documents are otherwise written and edited by a small, recurring set of people.",
  whyForgersLeaveIt:
    "Documents fabricated outside the organisation carry the forger's (or a made-up) account name, which none of the organisation's genuine files share.",
  innocentCauses: [
    "Documents received from outside (a supplier's invoice, a partner's report).",
    'New staff, personal machines, typos in names.',
    'A deliberately planted name.',
  ],
  kinds: ['office', 'pdf'],
  *run(docs) {
    // Pass 1: in how many documents each name appears (per name, not per document: bounded by names).
    const docCount = new Map<string, { count: number; display: string }>();
    let docsWithPeople = 0;
    for (const d of docs()) {
      const names = new Map<string, string>();
      for (const p of editorsOf(d)) names.set(normName(p.name), p.name);
      if (names.size === 0) continue;
      docsWithPeople++;
      for (const [n, display] of names) {
        const e = docCount.get(n);
        if (e) e.count++;
        else docCount.set(n, { count: 1, display });
      }
    }
    if (docsWithPeople < MIN_POPULATION) return;
    const regulars = [...docCount.entries()].filter(([, e]) => e.count >= 3).sort((a, b) => b[1].count - a[1].count);
    const singletons = [...docCount.values()].filter((e) => e.count === 1).length;
    // "A clear set": few names account for the documents, and one-off names are rare.
    if (regulars.length === 0 || regulars.length > 50 || singletons / docsWithPeople > 0.1) return;
    const population = regulars.slice(0, 10).map(([, e]) => ({ name: e.display, documents: e.count }));
    for (const d of docs()) {
      const people = editorsOf(d);
      if (people.length === 0) continue;
      const norms = people.map((p) => normName(p.name));
      // A document whose other people are regulars but which also names an outsider is still flagged;
      // a document whose every name is an outsider is the typical external file: low either way.
      for (const p of people) {
        const n = normName(p.name);
        if ((docCount.get(n)?.count ?? 0) !== 1) continue;
        const withRegular = norms.some((x) => (docCount.get(x)?.count ?? 0) >= 3);
        yield {
          documentId: d.id,
          finding: {
            severity: 'low',
            message: `Attribution clue: the ${p.role} "${p.name}" appears in no other document of the dump, whose ${docsWithPeople} documents name ${regulars.length} recurring people.`,
            evidence: {
              name: p.name,
              role: p.role,
              source: p.source,
              documentsWithThisName: 1,
              documentsWithPeople: docsWithPeople,
              recurringPeople: regulars.length,
              oneOffNames: singletons,
              topPeople: population,
              alongsideRegular: withRegular,
              clue: 'attribution',
            },
          },
        };
      }
    }
  },
};
