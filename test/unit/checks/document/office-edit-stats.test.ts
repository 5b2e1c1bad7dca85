import { describe, expect, it } from 'vitest';
import { officeFacts } from '../../../../src/extract/office/office-facts.js';
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
        office: officeFacts('odf', {
          editingCycles: cycles,
          editingDuration: duration,
        }),
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

describe.skipIf(corpusMissing())('office.edit-stats: saves against the created -> modified span', () => {
  it('flags more than two saves a minute over twenty saves, not the same count over days', async () => {
    const real = await docx('tika-testWORD.docx');
    const variant = (revision: number, created: string, modified: string) =>
      docFrom('office', 'x.docx', {
        ...real.facts,
        office: { ...real.facts.office!, revision, totalEditMinutes: revision * 2, app: {} },
        dates: [
          claimDate('created', 'ooxml.core:dcterms:created', created),
          claimDate('modified', 'ooxml.core:dcterms:modified', modified),
        ],
      });
    const fast = await runCheck(officeEditStats, variant(60, '2017-03-01T10:00:00Z', '2017-03-01T10:12:00Z'));
    expect(fast.map((f) => [f.severity, f.evidence.revision, f.evidence.spanMinutes])).toContainEqual(['low', 60, 12]);
    expect(fast.some((f) => /60 saves recorded in the 12 minutes/.test(f.message))).toBe(true);
    expect(await runCheck(officeEditStats, variant(25, '2017-03-01T10:00:00Z', '2017-03-04T10:00:00Z'))).toEqual([]);
  });
});

/** An Office file with the counters and dates of a writer (Word, LibreOffice's OOXML, ODF). */
function counters(opts: {
  format?: 'ooxml' | 'odf';
  app?: string;
  revision?: number;
  total?: string;
  cycles?: number;
  duration?: string;
  created: string;
  modified: string;
}) {
  const odf = opts.format === 'odf';
  return docFrom('office', odf ? 'x.odt' : 'x.docx', {
    office: {
      format: opts.format ?? 'ooxml',
      core: opts.revision !== undefined ? { 'cp:revision': String(opts.revision) } : {},
      app: { ...(opts.app ? { Application: opts.app } : {}), ...(opts.total !== undefined ? { TotalTime: opts.total } : {}) },
      custom: {},
      commentAuthors: [],
      revisionAuthors: [],
      fonts: [],
      encrypted: false,
      macros: false,
      ...(opts.revision !== undefined ? { revision: opts.revision } : {}),
      ...(opts.total !== undefined ? { totalEditMinutes: Number(opts.total) } : {}),
      ...(opts.cycles !== undefined ? { editingCycles: opts.cycles, editingDuration: opts.duration } : {}),
    },
    dates: [
      claimDate('created', odf ? 'odf.meta:meta:creation-date' : 'ooxml.core:dcterms:created', opts.created),
      claimDate('modified', odf ? 'odf.meta:dc:date' : 'ooxml.core:dcterms:modified', opts.modified),
    ],
  });
}

describe('office.edit-stats: one save with no editing time, days after creation', () => {
  const kinds = async (doc: ReturnType<typeof counters>) =>
    (await runCheck(officeEditStats, doc)).map((f) => [f.severity, f.evidence.kind]);
  it('Word (revision 1, 0 minutes, 18 days), LibreOffice OOXML (1, 2 minutes, 36 days) and ODF (1 cycle, PT0S, 25 days)', async () => {
    expect(
      await kinds(
        counters({
          app: 'Microsoft Office Word',
          revision: 1,
          total: '0',
          created: '2023-03-01T09:00:00Z',
          modified: '2023-03-19T11:30:00Z',
        }),
      ),
    ).toEqual([['low', 'single-save-spans-days']]);
    expect(
      await kinds(
        counters({
          app: 'LibreOffice/7.5.3.2$Windows_X86_64',
          revision: 1,
          total: '2',
          created: '2022-01-10T14:00:00Z',
          modified: '2022-02-15T08:00:00Z',
        }),
      ),
    ).toEqual([['low', 'single-save-spans-days']]);
    expect(
      await kinds(
        counters({ format: 'odf', cycles: 1, duration: 'PT0S', created: '2021-05-03T10:00:00', modified: '2021-05-28T10:00:00' }),
      ),
    ).toEqual([['low', 'single-save-spans-days']]);
  });
  it('lookalikes: a first save minutes after creation, a second save weeks later, a long first session', async () => {
    expect(
      await kinds(
        counters({
          app: 'Microsoft Office Word',
          revision: 1,
          total: '0',
          created: '2023-03-01T09:00:00Z',
          modified: '2023-03-01T09:04:00Z',
        }),
      ),
    ).toEqual([]);
    expect(
      await kinds(
        counters({
          app: 'Microsoft Office Word',
          revision: 2,
          total: '1',
          created: '2023-03-01T09:00:00Z',
          modified: '2023-03-30T09:04:00Z',
        }),
      ),
    ).toEqual([]);
    expect(
      await kinds(
        counters({
          app: 'Microsoft Office Word',
          revision: 1,
          total: '95',
          created: '2023-03-01T17:00:00Z',
          modified: '2023-03-02T09:00:00Z',
        }),
      ),
    ).toEqual([]);
    // No editing-time counter at all (Excel, generators): nothing to compare.
    expect(await kinds(counters({ app: 'Microsoft Excel', created: '2023-03-01T09:00:00Z', modified: '2023-04-01T09:00:00Z' }))).toEqual(
      [],
    );
  });
});
