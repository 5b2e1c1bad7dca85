// 'people.outsider' and 'people.script': the account that last saved an Office file, set against the
// dump's people (its correspondents and the creators of its documents), combined with the file's own
// counters and application. A lone stranger's name is an attribution clue (low); a stranger who
// re-saved the organisation's document with counters its dates cannot hold is medium or high.
// Names can be planted (Guccifer 2.0, MacronLeaks): score.ts weighs this family less. See
// docs/checks-people-threads.md.

import type { CorpusCheck, CorpusDocument, FindingDraft } from '../types.js';
import { editStatsFindings } from '../document/office-edit-stats.js';
import { scriptOf } from './people-names.js';
import { Population, applicationKey, documentPeople, isEmbedded, type Carrier, type NamedPerson } from './people-population.js';

/** Names counted before a script can be called rare, and the share that makes it so. */
const MIN_NAMES = 20;
const RARE_SCRIPT_SHARE = 0.1;
const MAJORITY_SCRIPT_SHARE = 0.8;
/** Documents whose application is compared before one can be called unusual, and the chance of a
 *  never-seen application (Good-Turing) below which a new one is a signal. */
const MIN_APP_DOCUMENTS = 20;
const MAX_NEW_APP_CHANCE = 0.1;
/** Documents naming people before the organisation is said to have a population, and the share of
 *  them that must name a correspondent of the mail. */
const MIN_NAMED_DOCUMENTS = 5;
const MIN_COHESION = 0.5;

/** Weights of the signals that join an unknown editor (see severityOf). */
const WEIGHT = { counters: 2, script: 1, insiderCreator: 1, application: 1 } as const;

interface Candidate {
  check: 'people.outsider' | 'people.script';
  documentId: string;
  person: NamedPerson;
  points: number;
  signals: string[];
  carrier?: Carrier;
  evidence: Record<string, unknown>;
}

function severityOf(points: number): FindingDraft['severity'] {
  return points >= 4 ? 'high' : points >= 2 ? 'medium' : 'low';
}

function scriptSignal(pop: Population, name: string): { script: string; majority: string; share: number } | undefined {
  if (pop.namesCounted < MIN_NAMES) return undefined;
  const s = scriptOf(name);
  const [majority, majorityCount] = [...pop.namesByScript.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  if (!s || s === majority || majorityCount / pop.namesCounted < MAJORITY_SCRIPT_SHARE) return undefined;
  const share = (pop.namesByScript.get(s) ?? 0) / pop.namesCounted;
  return share < RARE_SCRIPT_SHARE ? { script: s, majority, share } : undefined;
}

/** The document's application, when the organisation's other documents never use it and use few. */
function applicationSignal(pop: Population, doc: CorpusDocument) {
  const app = applicationKey(doc);
  if (!app) return undefined;
  const own = pop.applications.get(app.key)?.count ?? 0;
  const compared = [...pop.applications.values()].reduce((n, a) => n + a.count, 0) - 1;
  const others = own - 1;
  // Keys seen once among the other documents (Good-Turing): this document's key leaves the count.
  let once = [...pop.applications.values()].filter((a) => a.count === 1).length;
  if (own === 1) once--;
  if (own === 2) once++;
  const newChance = (once + 1) / (compared + 1);
  if (others > 0 || compared < MIN_APP_DOCUMENTS || newChance > MAX_NEW_APP_CHANCE) return undefined;
  // The organisation's applications, this document left out.
  const top = [...pop.applications.entries()]
    .map(([key, a]) => ({ value: a.display, count: a.count - (key === app.key ? 1 : 0) }))
    .filter((a) => a.count > 0)
    .sort((a, b) => b.count - a.count)
    .slice(0, 5);
  return {
    value: app.display,
    otherDocumentsWithIt: others,
    documentsCompared: compared,
    newApplicationChance: round(newChance),
    organisation: top,
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Pass 2: every top-level office/PDF document whose last editor (or, lacking one, creator) is unknown. */
function* candidates(
  docs: () => Iterable<CorpusDocument>,
  pop: Population,
  cohesion: { named: number; inMail: number },
): Iterable<Candidate> {
  for (const d of docs()) {
    if (d.kind === 'email' || isEmbedded(d.path)) continue;
    const { creators, editor } = documentPeople(d);
    const people = [...creators, ...(editor ? [editor] : [])];
    if (people.length === 0) continue;
    // The population is judged on Office files (PDFs are often published by others).
    if (d.kind === 'office') {
      cohesion.named++;
      if (people.some((p) => pop.inMail(p.name))) cohesion.inMail++;
    }
    // The person judged: the last editor of an Office file; a PDF's (or editor-less file's) creator.
    const person = d.kind === 'office' && editor ? editor : creators[0];
    if (!person) continue;
    const own = creators.map((c) => c.name);
    if (pop.inMail(person.name) || pop.createsOtherDocuments(person.name, own)) continue;
    const script = scriptSignal(pop, person.name);
    const signals = ['unknown'];
    let points = 0;
    const evidence: Record<string, unknown> = {};
    if (script) {
      signals.push('rare-script');
      points += WEIGHT.script;
      evidence.script = {
        value: script.script,
        majority: script.majority,
        shareOfNames: round(script.share),
        namesByScript: Object.fromEntries(pop.namesByScript),
      };
    }
    if (person === editor) {
      const insider = creators.find((c) => c.name !== editor.name && (pop.inMail(c.name) || pop.createsOtherDocuments(c.name, own)));
      if (insider) {
        signals.push('insider-creator');
        points += WEIGHT.insiderCreator;
        evidence.creator = { name: insider.name, source: insider.source, knownFrom: pop.inMail(insider.name) ? 'mail' : 'documents' };
      }
      const counters = editStatsFindings(d).filter((f) => f.severity !== 'info');
      if (counters.length) {
        signals.push('implausible-counters');
        points += WEIGHT.counters;
        evidence.counters = counters.map((f) => ({ message: f.message, ...f.evidence }));
      }
      const app = applicationSignal(pop, d);
      if (app) {
        signals.push('unusual-application');
        points += WEIGHT.application;
        evidence.application = app;
      }
    }
    yield {
      check: script ? 'people.script' : 'people.outsider',
      documentId: d.id,
      person,
      points,
      signals,
      carrier: pop.carrierOf(d.path),
      evidence,
    };
  }
}

/** Both checks: learn, list the candidates, then weigh each against the population's cohesion. */
function* attribution(
  docs: () => Iterable<CorpusDocument>,
  check: Candidate['check'],
): Iterable<{ documentId: string; finding: FindingDraft }> {
  const pop = Population.learn(docs());
  if (pop.documents === 0) return;
  const cohesion = { named: 0, inMail: 0 };
  // Candidates are the few documents with an unknown editor; kept until the cohesion is known.
  const found = [...candidates(docs, pop, cohesion)];
  const cohesive = cohesion.named >= MIN_NAMED_DOCUMENTS && pop.correspondents > 0 && cohesion.inMail / cohesion.named >= MIN_COHESION;
  const population = {
    correspondents: pop.correspondents,
    messages: pop.messages,
    documents: pop.documents,
    officeFilesNamingPeople: cohesion.named,
    officeFilesNamingACorrespondent: cohesion.inMail,
  };
  for (const c of found) {
    if (c.check !== check) continue;
    const considered: string[] = [];
    let severity = severityOf(c.points);
    if (c.carrier && pop.sentBy(c.carrier, c.person.name)) continue; // the mail says who sent it: that person
    if (c.carrier?.external) {
      severity = 'low';
      considered.push(
        `arrived attached to mail from ${c.carrier.address}, outside the organisation's domains: a document received from a partner names its own people`,
      );
    }
    if (!cohesive) {
      // Without a population an unknown name is no signal; a rare script still is (low).
      if (c.check === 'people.outsider') continue;
      severity = 'low';
      considered.push(
        `only ${cohesion.inMail} of ${cohesion.named} Office files naming people name a correspondent of the mail: this dump has no clear population to stand out from`,
      );
    }
    if (c.signals.length === 1 && c.person.role === 'last-modified-by')
      considered.push('a lone unknown name: a new colleague absent from the mail, a personal machine, a consultant');
    const what = c.person.role === 'last-modified-by' ? 'last saved by' : 'credited to';
    const alongside = [
      c.signals.includes('rare-script')
        ? `written in ${(c.evidence.script as { value: string }).value} script, rare among the dump's names`
        : '',
      c.signals.includes('insider-creator') ? `on a document created by ${(c.evidence.creator as { name: string }).name}` : '',
      c.signals.includes('implausible-counters') ? 'with editing counters its dates cannot hold' : '',
      c.signals.includes('unusual-application')
        ? `saved with ${(c.evidence.application as { value: string }).value}, which no other document of the dump uses`
        : '',
    ].filter(Boolean);
    yield {
      documentId: c.documentId,
      finding: {
        severity,
        message: `Attribution clue: ${what} "${c.person.name}", who is neither a correspondent in the mail nor the creator of another document${alongside.length ? `, ${alongside.join(', ')}` : ''}; names can also be planted.`,
        evidence: {
          name: c.person.name,
          role: c.person.role,
          source: c.person.source,
          signals: c.signals,
          ...c.evidence,
          ...(c.carrier ? { carriedBy: c.carrier } : {}),
          population,
          innocentCausesConsidered: considered,
          clue: 'attribution',
        },
      },
    };
  }
}

const COMMON_INNOCENT = [
  'Documents received from partners or suppliers (quiet when the mail that carried them came from that person; low when it came from outside).',
  'A colleague or a new hire re-saving a file (quiet when the name is found in the mail under any name form: "Dupont, Jean", "jdupont", "J. Dupont").',
  'Templates carrying a stranger\'s name as creator (only the last editor is judged); generic accounts ("Microsoft Office User", "Utilisateur", "Admin").',
  'A deliberately planted false flag.',
];

export const peopleOutsider: CorpusCheck = {
  scope: 'corpus',
  id: 'people.outsider',
  version: 2,
  title: 'Last editor unknown to the organisation (attribution clue)',
  detects:
    "An Office file last saved by an account that matches no correspondent of the dump's mail and created none of its other documents; medium or high when the file's own counters (editing time, revisions) contradict its dates, its application is one the organisation never uses, or it is the organisation's document re-saved by the stranger.",
  whyForgersLeaveIt:
    "A forger edits a file on their own machine, whose Office stamps its user name as last-modified-by and keeps or resets counters that no longer fit the file's dates.",
  innocentCauses: COMMON_INNOCENT,
  kinds: ['email', 'office', 'pdf'],
  *run(docs) {
    yield* attribution(docs, 'people.outsider');
  },
};

export const peopleScript: CorpusCheck = {
  scope: 'corpus',
  id: 'people.script',
  version: 2,
  title: "Unknown editor in a script unlike the dump's (attribution clue)",
  detects:
    "An Office file last saved by an unknown account written in a script (Cyrillic, Arabic, Han...) that almost no name of the dump uses, e.g. a Cyrillic last-modified-by on a French campaign's spreadsheet (MacronLeaks); medium when it is the organisation's own document, more with implausible counters.",
  whyForgersLeaveIt:
    'A forger edits files on their own machine, whose Office installation stamps its user name as last-modified-by. It is an attribution clue, not proof: such names can be planted on purpose.',
  innocentCauses: [
    'Foreign colleagues, contractors or translators (quiet when they appear in the mail).',
    'A shared or borrowed computer.',
    ...COMMON_INNOCENT,
  ],
  kinds: ['email', 'office', 'pdf'],
  *run(docs) {
    yield* attribution(docs, 'people.script');
  },
};
