import { beforeAll, describe, expect, it } from 'vitest';
import { ooxmlExtractor } from '../../../../src/extract/office/ooxml.js';
import { editBurst } from '../../../../src/checks/corpus/edit-burst.js';
import { claimDate } from '../../../../src/shared/dates.js';
import type { CorpusDocument } from '../../../../src/checks/types.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { corpusDocsFromDir, runCorpus } from './harness.js';

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
