import { beforeAll, describe, expect, it } from 'vitest';
import { ooxmlExtractor } from '../../../../src/extract/office/ooxml.js';
import { peopleOutsider, peopleScript, scriptOf } from '../../../../src/checks/corpus/people.js';
import type { CorpusDocument } from '../../../../src/checks/types.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { corpusDoc, corpusDocsFromDir, runCorpus } from './harness.js';

describe('script detection', () => {
  it('classifies names by Unicode script', () => {
    expect(scriptOf('Рошка Георгий Петрович')).toBe('Cyrillic'); // MacronLeaks last-modified-by
    expect(scriptOf('Феликс Эдмундович')).toBe('Cyrillic'); // Guccifer 2.0
    expect(scriptOf('Gábor')).toBe('Latin');
    expect(scriptOf('段')).toBe('Han');
    expect(scriptOf('EJ04325S')).toBe('Latin');
  });
});

describe.skipIf(corpusMissing())('people checks on the real OOXML corpus', () => {
  const docs: CorpusDocument[] = [];
  beforeAll(async () => {
    for (const sub of ['docx', 'xlsx', 'pptx'])
      docs.push(...(await corpusDocsFromDir(ooxmlExtractor, corpusPath(`office/${sub}`), 'office', (n) => /\.(docx|xlsx|pptx)$/.test(n))));
  }, 120_000);

  it('people.script flags the Han-script account "段" among Latin-script authors, never a Latin name', () => {
    const out = runCorpus(peopleScript, docs);
    expect(out.length).toBeGreaterThan(0);
    for (const r of out) {
      expect(r.finding.evidence.script).toBe('Han');
      expect(r.finding.evidence.majorityScript).toBe('Latin');
      expect(r.finding.message).toMatch(/^Attribution clue/);
    }
    expect(
      out.some(
        (r) => r.finding.evidence.name === '段' && r.finding.evidence.role === 'last-modified-by' && r.finding.severity === 'medium',
      ),
    ).toBe(true);
  });

  it('people.script: a MacronLeaks-style Cyrillic editor planted on a real spreadsheet is flagged medium', () => {
    const victim = docs.find((d) => d.name === 'tika-testEXCEL.xlsx')!;
    const forged = corpusDoc('forged.xlsx', {
      ...victim,
      facts: {
        ...victim.facts,
        people: [
          ...(victim.facts.people ?? []).filter((p) => p.role !== 'last-modified-by'),
          { role: 'last-modified-by', name: 'Рошка Георгий Петрович', source: 'ooxml.core:cp:lastModifiedBy' },
        ],
      },
    });
    const out = runCorpus(peopleScript, [...docs, forged]).filter((r) => r.documentId === 'forged.xlsx');
    expect(out.map((r) => [r.finding.severity, r.finding.evidence.script])).toEqual([['medium', 'Cyrillic']]);
  });

  it('people.outsider stays silent on a dump without a clear population (these public test files)', () => {
    expect(runCorpus(peopleOutsider, docs)).toEqual([]);
  });

  it("people.outsider flags a one-off editor in a cohesive organisation built from the corpus's recurring names", () => {
    const staff = ['Allison, Timothy B.', 'van der Knijff', 'Andrew Jackson', 'Hong-Thai Nguyen'];
    const template = docs.find((d) => d.name === 'tika-testWORD.docx')!;
    const org: CorpusDocument[] = Array.from({ length: 24 }, (_, i) =>
      corpusDoc(`org-${i}.docx`, {
        ...template,
        facts: {
          ...template.facts,
          people: [
            { role: 'author', name: staff[i % 4], source: 'ooxml.core:dc:creator' },
            { role: 'last-modified-by', name: staff[(i + 1) % 4], source: 'ooxml.core:cp:lastModifiedBy' },
          ],
        },
      }),
    );
    const odd = corpusDoc('odd.docx', {
      ...template,
      facts: {
        ...template.facts,
        people: [
          { role: 'author', name: 'Allison, Timothy B.', source: 'ooxml.core:dc:creator' },
          { role: 'last-modified-by', name: 'Anna Maria Ortiz', source: 'ooxml.core:cp:lastModifiedBy' },
        ],
      },
    });
    const out = runCorpus(peopleOutsider, [...org, odd]);
    expect(out.map((r) => [r.documentId, r.finding.evidence.name, r.finding.severity])).toEqual([['odd.docx', 'Anna Maria Ortiz', 'low']]);
    expect(out[0].finding.evidence.recurringPeople).toBe(4);
  });
});
