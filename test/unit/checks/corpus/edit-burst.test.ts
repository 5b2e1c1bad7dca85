import { beforeAll, describe, expect, it } from 'vitest';
import { officeFacts } from '../../../../src/extract/office/office-facts.js';
import { ooxmlExtractor } from '../../../../src/extract/office/ooxml.js';
import { editBurst } from '../../../../src/checks/corpus/edit-burst.js';
import { claimDate } from '../../../../src/shared/dates.js';
import type { CorpusDocument } from '../../../../src/checks/types.js';
import type { EmailFacts } from '../../../../src/model/facts-email.js';
import type { OfficeFacts } from '../../../../src/model/facts-office.js';
import { docFrom } from '../document/harness.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { corpusDoc, corpusDocsFromDir, runCorpus } from './harness.js';

describe.skipIf(corpusMissing())('office.edit-burst', () => {
  let sheets: CorpusDocument[] = [];
  beforeAll(async () => {
    sheets = await corpusDocsFromDir(ooxmlExtractor, corpusPath('office/xlsx'), 'office', (n) => n.endsWith('.xlsx'));
  }, 60_000);

  /** The MacronLeaks move: open each genuine spreadsheet and save it, one after another, as one account. */
  function resaveInBurst(docs: CorpusDocument[], account: string, start: string, everyMinutes: number): CorpusDocument[] {
    return docs.map((d, i) => {
      const when = new Date(Date.parse(start) + i * everyMinutes * 60_000).toISOString().replace('.000Z', 'Z');
      return {
        ...d,
        facts: {
          ...d.facts,
          dates: [
            ...(d.facts.dates ?? []).filter((x) => x.role !== 'modified'),
            claimDate('modified', 'ooxml.core:dcterms:modified', when),
          ],
          people: [
            ...(d.facts.people ?? []).filter((p) => p.role !== 'last-modified-by'),
            { role: 'last-modified-by', name: account, source: 'ooxml.core:cp:lastModifiedBy' },
          ],
          software: [{ role: 'application', value: 'Microsoft Excel', version: '16.0300', source: 'ooxml.app:Application' }],
        },
      };
    });
  }

  it('finds no burst among the genuine spreadsheets', () => {
    expect(runCorpus(editBurst, sheets)).toEqual([]);
  });

  it('flags spreadsheets created years apart and re-saved within minutes by one account', () => {
    const created = sheets.filter((d) => d.facts.dates?.some((x) => x.role === 'created' && x.utc));
    expect(created.length).toBeGreaterThanOrEqual(8);
    const burst = resaveInBurst(created.slice(0, 8), 'Рошка Георгий Петрович', '2017-03-27T13:10:00Z', 0.5);
    const out = runCorpus(editBurst, [...burst, ...sheets.filter((s) => !created.slice(0, 8).includes(s))]);
    expect(new Set(out.map((r) => r.documentId))).toEqual(new Set(burst.map((b) => b.id)));
    expect(out[0].finding.evidence).toMatchObject({ files: 8, windowMinutes: 4, account: 'Рошка Георгий Петрович' });
    expect(out[0].finding.severity).toBe('medium');
  });

  it('does not call one working session a burst: the same saves, an hour apart each, are left alone', () => {
    const created = sheets.filter((d) => d.facts.dates?.some((x) => x.role === 'created' && x.utc));
    const slow = resaveInBurst(created.slice(0, 8), 'Рошка Георгий Петрович', '2017-03-27T08:00:00Z', 60);
    expect(runCorpus(editBurst, slow)).toEqual([]);
  });
});

/** A small organisation: mail sent on weekdays 07:00-17:00 UTC and Office files saved in working hours. */
function organisation(): CorpusDocument[] {
  const out: CorpusDocument[] = [];
  const start = Date.UTC(2023, 0, 2, 7, 0); // Monday 2 Jan 2023
  let n = 0;
  for (let day = 0; day < 120; day++) {
    const weekday = new Date(start + day * DAY).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (let k = 0; k < 3; k++) {
      const at = start + day * DAY + ((day * 7 + k * 13) % 10) * 3_600_000 + k * 600_000;
      out.push(mailAt(`mail-${n++}`, at));
    }
  }
  for (let i = 0; i < 40; i++) {
    const created = start + i * 3 * DAY + 2 * 3_600_000;
    out.push(
      officeDoc(`memo-${i}.docx`, {
        created,
        modified: created + 26 * 3_600_000,
        editor: ['Claire Dumont', 'Julien Marchand', 'Sophie Lefebvre'][i % 3],
      }),
    );
  }
  return out;
}

const DAY = 86_400_000;
const isoZ = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

function mailAt(id: string, ms: number): CorpusDocument {
  const email = { dateUtc: new Date(ms).toISOString(), dateOffsetMinutes: 60 } as EmailFacts;
  return corpusDoc(id, docFrom('email', id, { email }), { path: `mail/inbox.mbox!${id}` });
}

function officeDoc(
  id: string,
  o: { created: number; modified: number; editor: string; app?: string; parts?: { min: string; max: string } },
): CorpusDocument {
  const office: OfficeFacts = officeFacts('ooxml', {
    app: { Application: o.app ?? 'Microsoft Office Word', AppVersion: '16.0000' },
    zipEntryTimes: o.parts ?? { min: '1980-01-01 00:00:00', max: '1980-01-01 00:00:00' },
  });
  return corpusDoc(
    id,
    docFrom('office', id, {
      office,
      dates: [
        claimDate('created', 'ooxml.core:dcterms:created', isoZ(o.created)),
        claimDate('modified', 'ooxml.core:dcterms:modified', isoZ(o.modified)),
      ],
      people: [{ role: 'last-modified-by', name: o.editor, source: 'ooxml.core:cp:lastModifiedBy' }],
      software: [{ role: 'application', value: o.app ?? 'Microsoft Office Word', version: '16.0000', source: 'ooxml.app:Application' }],
    }),
    { path: `documents/${id}` },
  );
}

const medium = (out: ReturnType<typeof runCorpus>) =>
  out
    .filter((r) => r.finding.severity === 'medium')
    .map((r) => [r.documentId, r.finding.evidence.kind])
    .sort();

describe('office.edit-burst: a re-save session at an hour the organisation does not work', () => {
  it("three older files re-saved within minutes on a Sunday night (the clock set back), each under its author's name", () => {
    const sunday = Date.UTC(2023, 2, 5, 21, 40); // Sunday 5 Mar 2023, 21:40 UTC
    const forged = ['Claire Dumont', 'Julien Marchand', 'Sophie Lefebvre'].map((editor, i) =>
      officeDoc(`forged-${i}.docx`, { created: Date.UTC(2023, 1, 1 + 7 * i, 9), modified: sunday + i * 4 * 60_000, editor }),
    );
    const out = runCorpus(editBurst, [...organisation(), ...forged]);
    expect(medium(out)).toEqual([
      ['forged-0.docx', 'off-hours-session'],
      ['forged-1.docx', 'off-hours-session'],
      ['forged-2.docx', 'off-hours-session'],
    ]);
    const ev = out.find((r) => r.documentId === 'forged-0.docx')!.finding.evidence as {
      organisationActivity: { share: number; events: number };
    };
    expect(ev.organisationActivity.share).toBe(0);
    expect(ev.organisationActivity.events).toBeGreaterThan(200);
  });
  it('lookalikes: the same re-saves on a Tuesday morning, and a Sunday night in an organisation that works Sunday nights', () => {
    const tuesday = Date.UTC(2023, 2, 7, 9, 40);
    const daytime = [0, 1, 2].map((i) =>
      officeDoc(`tuesday-${i}.docx`, {
        created: Date.UTC(2023, 1, 1 + 7 * i, 9),
        modified: tuesday + i * 4 * 60_000,
        editor: 'Claire Dumont',
      }),
    );
    expect(medium(runCorpus(editBurst, [...organisation(), ...daytime]))).toEqual([]);
    const sunday = Date.UTC(2023, 2, 5, 21, 40);
    const lateWorkers = Array.from({ length: 15 }, (_, w) => mailAt(`sunday-mail-${w}`, Date.UTC(2023, 0, 8 + 7 * w, 21, 10)));
    const night = [0, 1, 2].map((i) =>
      officeDoc(`night-${i}.docx`, {
        created: Date.UTC(2023, 1, 1 + 7 * i, 9),
        modified: sunday + i * 4 * 60_000,
        editor: 'Claire Dumont',
      }),
    );
    expect(medium(runCorpus(editBurst, [...organisation(), ...lateWorkers, ...night]))).toEqual([]);
  });
});

describe('office.edit-burst: package parts put back in one session', () => {
  it('core.xml of three files edited in 7-Zip one evening, days after their claimed saves', () => {
    const edited = [0, 1, 2].map((i) =>
      officeDoc(`edited-${i}.docx`, {
        created: Date.UTC(2023, 1, 20 + i, 9),
        modified: Date.UTC(2023, 1, 24 + i, 16),
        editor: 'Julien Marchand',
        parts: { min: '1980-01-01 00:00:00', max: `2023-03-03 22:${String(10 + 17 * i).padStart(2, '0')}:04` },
      }),
    );
    const out = runCorpus(editBurst, [...organisation(), ...edited]);
    expect(medium(out)).toEqual([
      ['edited-0.docx', 'package-session'],
      ['edited-1.docx', 'package-session'],
      ['edited-2.docx', 'package-session'],
    ]);
    expect(out.find((r) => r.documentId === 'edited-0.docx')!.finding.evidence).toMatchObject({
      files: 3,
      filesWithPartsPutBack: 3,
      windowMinutes: 34,
    });
  });
  it('lookalikes: a batch conversion (every part of each file stamped at once) and two hand-edited files stay low', () => {
    const converted = [0, 1, 2, 3, 4].map((i) =>
      officeDoc(`converted-${i}.docx`, {
        created: Date.UTC(2021, 3, 2 + i, 9),
        modified: Date.UTC(2021, 3, 9 + i, 16),
        editor: 'Sophie Lefebvre',
        app: 'LibreOffice/7.5.3.2$Linux_X86_64',
        parts: { min: `2023-03-03 22:0${i}:10`, max: `2023-03-03 22:0${i}:11` },
      }),
    );
    const two = [0, 1].map((i) =>
      officeDoc(`two-${i}.docx`, {
        created: Date.UTC(2023, 1, 20 + i, 9),
        modified: Date.UTC(2023, 1, 24 + i, 16),
        editor: 'Julien Marchand',
        parts: { min: '1980-01-01 00:00:00', max: `2023-04-03 12:1${i}:04` },
      }),
    );
    const out = runCorpus(editBurst, [...organisation(), ...converted, ...two]);
    expect(medium(out)).toEqual([]);
    expect(out.filter((r) => r.finding.evidence.kind === 'package-session').length).toBe(7);
  });
});

/** A DOS member time (zoneless) for a UTC instant. */
const dosTime = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

describe('office.edit-burst: files that name Microsoft Office but were written whole by another tool', () => {
  /** A script rewrites each package (all parts one clock time) after its core.xml dates were set back. */
  function rewritten(
    prefix: string,
    start: number,
    everySeconds: number,
    editors: string[],
    app = 'Microsoft Office Word',
  ): CorpusDocument[] {
    return editors.map((editor, i) => {
      const at = dosTime(start + i * everySeconds * 1000);
      return officeDoc(`${prefix}-${i}.docx`, {
        created: Date.UTC(2021, 4 + 2 * i, 3 + i, 8, 12),
        modified: Date.UTC(2021, 5 + 2 * i, 9 + i, 15, 41),
        editor,
        app,
        parts: { min: at, max: at },
      });
    });
  }
  const session = Date.UTC(2023, 8, 19, 18, 2, 17); // a Tuesday evening, 2 years after the claimed saves

  it('two files of two people, rewritten a few minutes apart, in an organisation whose Office files keep 1980: medium', () => {
    const forged = rewritten('sitting', session, 170, ['Claire Dumont', 'Sophie Lefebvre']);
    const out = runCorpus(editBurst, [...organisation(), ...forged]);
    expect(medium(out)).toEqual([
      ['sitting-0.docx', 'not-office-session'],
      ['sitting-1.docx', 'not-office-session'],
    ]);
    expect(out.find((r) => r.documentId === 'sitting-1.docx')!.finding.evidence).toMatchObject({
      files: 2,
      medianMinutesBetweenFiles: 2.8,
      accounts: 2,
      otherOfficePackages: { count: 40, rewrittenByAnotherTool: 0 },
    });
  });

  it('lookalikes stay low: a batch script (a file a second), a generator (one template), a LibreOffice conversion, an organisation that rewrites its files routinely', () => {
    const batch = rewritten('batch', session, 1, ['Claire Dumont', 'Sophie Lefebvre', 'Julien Marchand', 'Claire Dumont']);
    const generated = [0, 1, 2].map((i) => {
      const at = dosTime(session + i * 240_000);
      return officeDoc(`generated-${i}.docx`, {
        created: Date.UTC(2019, 0, 7, 9),
        modified: Date.UTC(2019, 0, 7, 9, 30),
        editor: 'python-docx',
        parts: { min: at, max: at },
      });
    });
    const converted = rewritten(
      'converted',
      session,
      200,
      ['Claire Dumont', 'Sophie Lefebvre', 'Julien Marchand'],
      'LibreOffice/7.5.3.2$Linux_X86_64',
    );
    for (const lookalike of [batch, generated, converted]) {
      const out = runCorpus(editBurst, [...organisation(), ...lookalike]);
      expect(medium(out)).toEqual([]);
      expect(out.length).toBe(lookalike.length);
    }
    // A document-management system that rewrites a share of the organisation's packages on upload.
    const routine = organisation().map((d, i) =>
      d.kind === 'office' && i % 4 === 0
        ? {
            ...d,
            facts: {
              ...d.facts,
              office: { ...d.facts.office!, zipEntryTimes: { min: '2023-05-02 03:00:00', max: '2023-05-02 03:00:00' } },
            },
          }
        : d,
    );
    const forged = rewritten('sitting', session, 170, ['Claire Dumont', 'Sophie Lefebvre']);
    expect(medium(runCorpus(editBurst, [...routine, ...forged]))).toEqual([]);
  });
});

describe('office.edit-burst: package parts written after the archive recorded the file', () => {
  function archived(id: string, partsAt: number, memberTime: string, app = 'Microsoft Excel'): CorpusDocument {
    const at = dosTime(partsAt);
    const d = officeDoc(id, {
      created: Date.UTC(2020, 9, 5, 7, 14),
      modified: Date.UTC(2020, 9, 12, 16, 2),
      editor: 'Julien Marchand',
      app,
      parts: { min: at, max: at },
    });
    return {
      ...d,
      parentId: 'archive-2020.zip',
      path: `archives/archive-2020.zip!${id}`,
      occurrence: [{ source: 'zip', key: 'mtime', value: memberTime }],
    };
  }

  it('a spreadsheet whose parts were written 9 months after its archive entry: medium', () => {
    const out = runCorpus(editBurst, [archived('costs.xlsx', Date.UTC(2021, 10, 30, 9, 12), '2021-02-26 17:45:12')]);
    expect(medium(out)).toEqual([['costs.xlsx', 'parts-after-archive']]);
    expect(out[0].finding.evidence).toMatchObject({ archiveMemberTime: '2021-02-26 17:45:12', daysAfterArchive: 277 });
  });

  it('lookalikes: parts written before the archive entry (saved, then archived), or within two zones of it, are not after the archive', () => {
    const before = archived('saved.xlsx', Date.UTC(2020, 9, 12, 16, 2), '2021-02-26 17:45:12', 'LibreOffice/7.0.3.1$Windows_X86_64');
    const zones = archived('zones.xlsx', Date.UTC(2021, 1, 27, 20, 0), '2021-02-26 17:45:12');
    const out = runCorpus(editBurst, [before, zones]);
    expect(out.filter((r) => r.finding.evidence.kind === 'parts-after-archive')).toEqual([]);
  });
});

describe('office.edit-burst: two people re-saving at a dead hour', () => {
  const sunday = Date.UTC(2023, 2, 12, 20, 47); // Sunday 12 Mar 2023, 20:47 UTC

  it('two older files of two people, saved three minutes apart on a Sunday night: medium', () => {
    const forged = ['Julien Marchand', 'Sophie Lefebvre'].map((editor, i) =>
      officeDoc(`pair-${i}.docx`, { created: Date.UTC(2022, 10 + i, 14, 10), modified: sunday + i * 3 * 60_000, editor }),
    );
    expect(medium(runCorpus(editBurst, [...organisation(), ...forged]))).toEqual([
      ['pair-0.docx', 'off-hours-session'],
      ['pair-1.docx', 'off-hours-session'],
    ]);
  });

  it('lookalike: one person saving two of their files on a Sunday night is left alone', () => {
    const own = [0, 1].map((i) =>
      officeDoc(`own-${i}.docx`, { created: Date.UTC(2022, 10 + i, 14, 10), modified: sunday + i * 3 * 60_000, editor: 'Sophie Lefebvre' }),
    );
    expect(medium(runCorpus(editBurst, [...organisation(), ...own]))).toEqual([]);
  });
});

describe('office.edit-burst: copies of one file are one save', () => {
  it('one attachment found in three mailboxes, saved at a dead hour, is not a session', () => {
    const night = Date.UTC(2023, 2, 9, 1, 12); // Thursday 01:12 UTC
    const copies = ['inbox-a', 'inbox-b', 'inbox-c'].map((box) => {
      const d = officeDoc(`${box}!programme.docx`, { created: Date.UTC(2023, 2, 20, 9), modified: night, editor: 'Nadia Haddad' });
      return { ...d, path: `mail/${box}.mbox!message-4!programme.docx` };
    });
    expect(medium(runCorpus(editBurst, [...organisation(), ...copies]))).toEqual([]);
    const second = officeDoc('other.docx', { created: Date.UTC(2022, 11, 2, 9), modified: night + 4 * 60_000, editor: 'Karim Benali' });
    expect(medium(runCorpus(editBurst, [...organisation(), ...copies, second]))).toEqual([
      ['inbox-a!programme.docx', 'off-hours-session'],
      ['inbox-b!programme.docx', 'off-hours-session'],
      ['inbox-c!programme.docx', 'off-hours-session'],
      ['other.docx', 'off-hours-session'],
    ]);
  });
});
