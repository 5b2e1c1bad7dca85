// people.outsider / people.script on an organisation built from real extractor output: mail made by
// the real email extractor, Office files from a real docx (tika-testWORD.docx) whose people, dates,
// counters and application vary. Forgeries and innocent lookalikes are written with different name
// forms, scripts, counters and carriers; the real OOXML corpus stands for a dump with no population.

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ooxmlExtractor } from '../../../../src/extract/office/ooxml.js';
import { peopleOutsider, peopleScript } from '../../../../src/checks/corpus/people.js';
import type { CorpusDocument, FindingDraft } from '../../../../src/checks/types.js';
import type { PersonClaim } from '../../../../src/model/facts.js';
import { claimDate } from '../../../../src/shared/dates.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { factsOf } from '../document/harness.js';
import { asCorpusDoc, emailDoc, plainMessage } from '../email/support.js';
import { corpusDoc, corpusDocsFromDir, runCorpus } from './harness.js';

const STAFF: [name: string, address: string][] = [
  ['Claire Dumont', 'claire.dumont@asso-exemple.fr'],
  ['Julien Marchand', 'jmarchand@asso-exemple.fr'],
  ['Sophie Lefebvre', 'sophie.lefebvre@asso-exemple.fr'],
  ['Karim Benali', 'kbenali@asso-exemple.fr'],
  ['Nadia Haddad', 'nadia.haddad@asso-exemple.fr'],
  ['Olivier Chevalier', 'ochevalier@asso-exemple.fr'],
  ['Antoine Petit', 'antoine.petit@asso-exemple.fr'],
  ['=?utf-8?B?SMOpbMOobmUgTGVjbMOocmU=?=', 'helene.leclere@asso-exemple.fr'], // Hélène Leclère
];
/** The forms in which the staff's own documents name them (as Office user names are typed). */
const DOC_FORMS = [
  'Dumont, Claire',
  'jmarchand',
  'Sophie Lefebvre',
  'BENALI Karim',
  'N. Haddad',
  'Olivier Chevalier',
  'apetit',
  'HELENE LECLERE',
];

const WORD16 = { role: 'application', value: 'Microsoft Office Word', version: '16.0000', source: 'ooxml.app:Application' };
const LIBREOFFICE = {
  role: 'application',
  value: 'LibreOffice/7.6.4.1$Linux_X86_64 LibreOffice_project/e19e193f88cd6c0525a17fb7a176ed8e6a3e2aa1',
  version: '15.0000',
  source: 'ooxml.app:Application',
};

interface DocSpec {
  creator?: string;
  editor?: string;
  created?: string;
  modified?: string;
  revision?: number;
  minutes?: number;
  app?: typeof WORD16;
  path?: string;
  editorSource?: string;
}

let template: CorpusDocument;
let mails: CorpusDocument[] = [];

function doc(id: string, s: DocSpec): CorpusDocument {
  const people: PersonClaim[] = [];
  if (s.creator) people.push({ role: 'author', name: s.creator, source: 'ooxml.core:dc:creator' });
  if (s.editor) people.push({ role: 'last-modified-by', name: s.editor, source: s.editorSource ?? 'ooxml.core:cp:lastModifiedBy' });
  const office = template.facts.office!;
  return corpusDoc(
    id,
    {
      ...template,
      name: id,
      facts: {
        ...template.facts,
        people,
        software: [s.app ?? WORD16],
        office: {
          ...office,
          revision: s.revision ?? 4,
          totalEditMinutes: s.minutes ?? 35,
          app: { ...office.app, TotalTime: String(s.minutes ?? 35) },
        },
        dates: [
          claimDate('created', 'ooxml.core:dcterms:created', s.created ?? '2017-02-06T09:10:00Z'),
          claimDate('modified', 'ooxml.core:dcterms:modified', s.modified ?? '2017-02-09T17:42:00Z'),
        ],
      },
    },
    { path: s.path ?? `documents/${id}` },
  );
}

async function mail(
  i: number,
  from: string,
  to: string,
  cc?: string,
  attachment?: { name: string; bytes: Buffer },
): Promise<CorpusDocument> {
  const headers = plainMessage({
    from,
    to,
    id: `m${i}@asso-exemple.fr`,
    subject: `Point ${i}`,
    date: 'Tue, 7 Mar 2017 10:12:03 +0100',
    extra: cc ? `Cc: ${cc}` : undefined,
  });
  let raw = headers;
  if (attachment) {
    const [head] = headers.split('\r\n\r\n');
    raw = [
      head.replace('Content-Type: text/plain; charset=utf-8', 'Content-Type: multipart/mixed; boundary="b1"'),
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Ci-joint le document.',
      '--b1',
      `Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document; name="${attachment.name}"`,
      `Content-Disposition: attachment; filename="${attachment.name}"`,
      'Content-Transfer-Encoding: base64',
      '',
      attachment.bytes.toString('base64').replace(/.{76}/g, '$&\r\n'),
      '--b1--',
      '',
    ].join('\r\n');
  }
  return asCorpusDoc(await emailDoc(raw, `mail/inbox.mbox!message-${i}`), `mail-${i}`);
}

const who = ([name, address]: [string, string]) => `${name} <${address}>`;

function staffDocs(): CorpusDocument[] {
  return Array.from({ length: 24 }, (_, i) =>
    doc(`memo-${i}.docx`, { creator: DOC_FORMS[i % 8], editor: DOC_FORMS[(i + 2) % 8], revision: 2 + (i % 9), minutes: 10 + 7 * i }),
  );
}

function findingsOf(docs: CorpusDocument[]) {
  return [
    ...runCorpus(peopleOutsider, docs).map((r) => ({ ...r, check: 'people.outsider' })),
    ...runCorpus(peopleScript, docs).map((r) => ({ ...r, check: 'people.script' })),
  ];
}
const bySeverity = (out: { documentId: string; check: string; finding: FindingDraft }[], id: string) =>
  out.filter((r) => r.documentId === id).map((r) => [r.check, r.finding.severity]);

describe.skipIf(corpusMissing())('people checks in an organisation (mail + documents)', () => {
  let docxBytes: Buffer;
  beforeAll(async () => {
    const path = corpusPath('office/docx/tika-testWORD.docx');
    docxBytes = readFileSync(path);
    template = corpusDoc('template', await factsOf(ooxmlExtractor, path, 'office'));
    mails = [];
    for (let i = 0; i < 30; i++) mails.push(await mail(i, who(STAFF[i % 8]), who(STAFF[(i + 1) % 8]), who(STAFF[(i + 3) % 8])));
    // A new hire who appears once, in copy.
    mails.push(await mail(30, who(STAFF[0]), who(STAFF[1]), 'Lea Moreau <lea.moreau@asso-exemple.fr>'));
  }, 60_000);

  it("forgeries: a stranger re-saving the organisation's files, with a foreign script, implausible counters or an unusual application", () => {
    const fakes = [
      // MacronLeaks-like: a Cyrillic editor on a staff member's note, ordinary counters.
      doc('cyrillic.docx', { creator: 'Olivier Chevalier', editor: 'Георгий Петровский' }),
      // A Latin-script stranger; 900 minutes of editing in a 20-minute life.
      doc('counters.docx', {
        creator: 'Dumont, Claire',
        editor: 'Mark Whitfield',
        created: '2017-03-01T10:00:00Z',
        modified: '2017-03-01T10:20:00Z',
        minutes: 900,
      }),
      // A stranger, LibreOffice where the organisation uses Word 16, editing time beyond the span.
      doc('libreoffice.docx', {
        creator: 'nhaddad',
        editor: 'Pieter de Vries',
        app: LIBREOFFICE,
        created: '2017-04-02T08:00:00Z',
        modified: '2017-04-02T08:05:00Z',
        minutes: 600,
      }),
      // A whole document by a stranger with 300 saves and 3 minutes of editing.
      doc('revisions.docx', { creator: 'Anton Weber', editor: 'Anton Weber', revision: 300, minutes: 3 }),
      // A Serbian-Cyrillic editor of a legacy file (OLE summary), counters beyond the dates.
      doc('legacy.doc', {
        creator: 'Antoine Petit',
        editor: 'Ивана Станковић',
        editorSource: 'ole.summary:LastAuthor',
        created: '2017-01-10T09:00:00Z',
        modified: '2017-01-10T09:30:00Z',
        minutes: 480,
      }),
    ];
    const out = findingsOf([...mails, ...staffDocs(), ...fakes]);
    expect(bySeverity(out, 'cyrillic.docx')).toEqual([['people.script', 'medium']]);
    expect(bySeverity(out, 'counters.docx')).toEqual([['people.outsider', 'medium']]);
    expect(bySeverity(out, 'libreoffice.docx')).toEqual([['people.outsider', 'high']]);
    expect(bySeverity(out, 'revisions.docx')).toEqual([['people.outsider', 'medium']]);
    expect(bySeverity(out, 'legacy.doc')).toEqual([['people.script', 'high']]);
    // Nothing else: the staff's own documents, in every name form, are quiet.
    expect(out.filter((r) => r.documentId.startsWith('memo-'))).toEqual([]);

    const lo = out.find((r) => r.documentId === 'libreoffice.docx')!.finding;
    expect(lo.evidence).toMatchObject({
      name: 'Pieter de Vries',
      role: 'last-modified-by',
      signals: ['unknown', 'insider-creator', 'implausible-counters', 'unusual-application'],
      creator: { name: 'nhaddad', knownFrom: 'mail' },
      application: { otherDocumentsWithIt: 0, organisation: [{ value: 'Microsoft Office Word 16.0000', count: 28 }] },
      population: { correspondents: 9, documents: 29 },
    });
    expect((lo.evidence.counters as { totalEditMinutes: number }[])[0].totalEditMinutes).toBe(600);
    expect(lo.message).toMatch(/^Attribution clue: last saved by "Pieter de Vries"/);
  });

  it('a stranger whose file was saved once, with no editing time, weeks after it was created: medium', () => {
    const fakes = [
      // Created and last saved by an outsider: revision 1, 0 minutes, modified 18 days after creation.
      doc('outsider-18.docx', {
        creator: 'Mark Hollis',
        editor: 'Mark Hollis',
        revision: 1,
        minutes: 0,
        created: '2017-02-01T09:00:00Z',
        modified: '2017-02-19T16:00:00Z',
      }),
      // Another name form and writer: 36 days, 1 minute, LibreOffice (unused by the organisation).
      doc('outsider-36.docx', {
        creator: 'Van Dijk, Eva',
        editor: 'evandijk',
        revision: 1,
        minutes: 1,
        app: LIBREOFFICE,
        created: '2017-01-05T09:00:00Z',
        modified: '2017-02-10T11:00:00Z',
      }),
    ];
    // The lookalike: a stranger's first save minutes after creating the file (a consultant's note).
    const quick = doc('outsider-quick.docx', {
      creator: 'Tom Ashdown',
      editor: 'Tom Ashdown',
      revision: 1,
      minutes: 0,
      created: '2017-02-01T09:00:00Z',
      modified: '2017-02-01T09:03:00Z',
    });
    const out = findingsOf([...mails, ...staffDocs(), ...fakes, quick]);
    expect(bySeverity(out, 'outsider-18.docx')).toEqual([['people.outsider', 'medium']]);
    expect(bySeverity(out, 'outsider-36.docx')).toEqual([['people.outsider', 'medium']]);
    expect(out.find((r) => r.documentId === 'outsider-36.docx')?.finding.evidence.signals).toEqual([
      'unknown',
      'implausible-counters',
      'unusual-application',
    ]);
    expect(bySeverity(out, 'outsider-quick.docx')).toEqual([['people.outsider', 'low']]);
    const f = out.find((r) => r.documentId === 'outsider-18.docx')!.finding;
    expect((f.evidence.counters as { kind: string }[]).map((c) => c.kind)).toEqual(['single-save-spans-days']);
  });

  it('innocent lookalikes stay quiet or low: partners, colleagues, templates, generic accounts, a new hire', async () => {
    const partnerMail = await mail(40, 'Martin Keller <m.keller@lieferant.de>', who(STAFF[0]), undefined, {
      name: 'angebot.docx',
      bytes: docxBytes,
    });
    const forwarded = await mail(41, 'Accounts <accounts@fournisseur.example>', who(STAFF[1]), undefined, {
      name: 'facture.docx',
      bytes: docxBytes,
    });
    const internal = await mail(42, who(STAFF[2]), who(STAFF[3]), undefined, { name: 'rapport.docx', bytes: docxBytes });
    const implausible = { created: '2017-05-02T10:00:00Z', modified: '2017-05-02T10:10:00Z', minutes: 700 };
    const lookalikes = [
      // Sent by that outsider (the mail says who): quiet, even with odd counters (a "Save As" copy).
      doc('angebot.docx', { creator: 'Martin Keller', editor: 'Keller, Martin', ...implausible, path: `${partnerMail.path}!angebot.docx` }),
      // A supplier's file sent from its accounts address: at most low.
      doc('facture.docx', { creator: 'Bernd Maier', editor: 'Bernd Maier', ...implausible, path: `${forwarded.path}!facture.docx` }),
      // A colleague re-saving a file under a login: known.
      doc('resave.docx', { creator: 'Claire Dumont', editor: 'jmarchand', ...implausible }),
      // A template carrying a stranger's name as creator, saved by staff.
      doc('template.docx', { creator: 'Richard Sterling', editor: 'Sophie Lefebvre' }),
      // Generic accounts.
      doc('generic.docx', { creator: 'Claire Dumont', editor: 'Microsoft Office User', ...implausible }),
      doc('generic-fr.docx', { creator: 'Utilisateur', editor: 'Utilisateur', ...implausible }),
      // A new hire seen once in the mail, in copy.
      doc('newhire.docx', { creator: 'Karim Benali', editor: 'Léa Moreau', ...implausible }),
      // A lone stranger's name (a consultant, a personal machine): low, not more.
      doc('lone.docx', { creator: 'Karim Benali', editor: 'Tom Baker' }),
      // A stranger's document forwarded internally, ordinary counters: low.
      doc('rapport.docx', { creator: 'Ingrid Svensson', editor: 'Ingrid Svensson', path: `${internal.path}!rapport.docx` }),
      // An object embedded in a staff document, saved by a stranger: part of its host, not judged.
      doc('embedded', {
        creator: 'Георгий Петровский',
        editor: 'Георгий Петровский',
        ...implausible,
        path: 'documents/memo-1.docx!word/embeddings/oleObject1.bin',
      }),
    ];
    const out = findingsOf([...mails, partnerMail, forwarded, internal, ...staffDocs(), ...lookalikes]);
    const strong = out.filter((r) => r.finding.severity === 'medium' || r.finding.severity === 'high');
    expect(strong.map((r) => r.documentId)).toEqual([]);
    expect(out.map((r) => [r.documentId, r.check, r.finding.severity]).sort()).toEqual([
      ['facture.docx', 'people.outsider', 'low'],
      ['lone.docx', 'people.outsider', 'low'],
      ['rapport.docx', 'people.outsider', 'low'],
    ]);
    const facture = out.find((r) => r.documentId === 'facture.docx')!.finding;
    expect(facture.evidence.carriedBy).toMatchObject({ address: 'accounts@fournisseur.example', external: true });
    expect((facture.evidence.innocentCausesConsidered as string[])[0]).toMatch(/outside the organisation's domains/);
  });

  it('the real OOXML corpus, with no population of its own: no outsider, the rare Han-script editor only low', async () => {
    const real: CorpusDocument[] = [];
    for (const sub of ['docx', 'xlsx', 'pptx'])
      real.push(...(await corpusDocsFromDir(ooxmlExtractor, corpusPath(`office/${sub}`), 'office', (n) => /\.(docx|xlsx|pptx)$/.test(n))));
    const out = findingsOf([...mails, ...real]);
    expect(out.filter((r) => r.check === 'people.outsider')).toEqual([]);
    expect(out.length).toBeGreaterThan(0);
    for (const r of out) {
      expect(r.finding.severity).toBe('low');
      expect(r.finding.evidence.script).toMatchObject({ value: 'Han', majority: 'Latin' });
    }
    expect(out.some((r) => r.finding.evidence.name === '段')).toBe(true);
  }, 120_000);
});
