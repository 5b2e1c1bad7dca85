import { describe, expect, it } from 'vitest';
import { ooxmlExtractor } from '../../../../src/extract/office/ooxml.js';
import { durationMinutes, officeEditStats } from '../../../../src/checks/document/office-edit-stats.js';
import { claimDate } from '../../../../src/shared/dates.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { docFrom, factsOf, runCheck } from './harness.js';

const docx = (name: string) => factsOf(ooxmlExtractor, corpusPath(`office/docx/${name}`), 'office');

describe.skipIf(corpusMissing())('office.edit-stats on real files', () => {
  it('flags 267 minutes of editing between identical created and modified stamps (tika-testWORD_embedded_pdf.docx) as low', async () => {
    const [f, ...rest] = await runCheck(officeEditStats, await docx('tika-testWORD_embedded_pdf.docx'));
    expect(rest).toEqual([]);
    expect(f.severity).toBe('low');
    expect(f.evidence).toMatchObject({ totalEditMinutes: 267, spanMinutes: 0 });
  });

  it('reports an overflowed TotalTime (4294967295) as a counter value, not as evidence', async () => {
    const f = await runCheck(officeEditStats, await docx('tika-testWORD_totalTimeOutOfRange.docx'));
    expect(f.map((x) => x.severity)).toEqual(['info']);
  });

  it('says nothing about ordinary counters (tika-testWORD.docx: 3 minutes over two years)', async () => {
    expect(await runCheck(officeEditStats, await docx('tika-testWORD.docx'))).toEqual([]);
    expect(await runCheck(officeEditStats, await docx('tika-testInstrLink.docx'))).toEqual([]); // 1182 min over 2.7 days
  });
});

describe('office.edit-stats: ODF counters', () => {
  it('flags editing cycles out of proportion to the editing duration', async () => {
    const odf = (cycles: number, duration: string) =>
      docFrom('office', 'x.odt', {
        office: {
          format: 'odf',
          core: {},
          app: {},
          custom: {},
          commentAuthors: [],
          revisionAuthors: [],
          fonts: [],
          encrypted: false,
          macros: false,
          editingCycles: cycles,
          editingDuration: duration,
        },
        dates: [
          claimDate('created', 'odf.meta:meta:creation-date', '2016-05-05T10:00:00'),
          claimDate('modified', 'odf.meta:dc:date', '2017-03-27T10:00:00'),
        ],
      });
    expect((await runCheck(officeEditStats, odf(900, 'PT12M'))).map((f) => f.severity)).toEqual(['low']);
    expect(await runCheck(officeEditStats, odf(14, 'PT2H31M8S'))).toEqual([]);
    expect(durationMinutes('P1DT2H3M30S')).toBe(1440 + 123.5);
  });
});
