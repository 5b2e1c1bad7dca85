import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { listFiles } from '../../../src/bench/floor.js';
import { floorRatios, kindOf, measureNativeFloor, probeTool, type NativeTool } from '../../../src/bench/native-floor.js';
import { corpusMissing, corpusPath } from '../../support/corpus.js';

describe('native floor: kinds of file and ratios', () => {
  it('classifies by extension, case-insensitively, unknown extensions as other', () => {
    expect(kindOf('/d/a/Report.PDF')).toBe('pdf');
    expect(kindOf('/d/mail/inbox.mbox')).toBe('email');
    expect(kindOf('/d/mail/1.eml')).toBe('email');
    expect(kindOf('/d/IMG_0001.JPG')).toBe('image');
    expect(kindOf('/d/x.heic')).toBe('image');
    expect(kindOf('/d/budget.xlsx')).toBe('office');
    expect(kindOf('/d/memo.doc')).toBe('office');
    expect(kindOf('/d/page.html')).toBe('other');
    expect(kindOf('/d/README')).toBe('other');
    expect(kindOf('/d/archive.pdf.zip')).toBe('other');
  });

  it('divides scan time by floor time, wall and CPU, to two decimals; no ratio over a zero floor', () => {
    expect(floorRatios({ wallMs: 56_200, cpuMs: 35_400 }, { wallMs: 22_800, cpuMs: 10_900 })).toEqual({ wall: 2.46, cpu: 3.25 });
    expect(floorRatios({ wallMs: 1000, cpuMs: 500 }, { wallMs: 0, cpuMs: 250 })).toEqual({ wall: null, cpu: 2 });
  });
});

describe.skipIf(corpusMissing())('native floor on a PDF and a JPEG from the corpus', () => {
  let dir = '';
  const pdf = corpusPath('pdf/pypdf/metadata.pdf');
  const jpeg = corpusPath('image/jpeg/exiftool-AFCP.jpg');
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'verity-native-floor-'));
    copyFileSync(pdf, join(dir, 'a.pdf'));
    copyFileSync(jpeg, join(dir, 'b.jpg'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('counts each kind, runs each installed tool on its files, and sums the kinds into the total', async () => {
    const files = listFiles(dir);
    const floor = await measureNativeFloor(files, { parallel: 2 });
    expect(floor.byKind.pdf).toMatchObject({ files: 1, bytes: files.find((f) => f.path.endsWith('a.pdf'))!.size });
    expect(floor.byKind.image).toMatchObject({ files: 1, bytes: files.find((f) => f.path.endsWith('b.jpg'))!.size });
    expect(floor.byKind.email.files + floor.byKind.office.files + floor.byKind.other.files).toBe(0);
    expect(floor.total.files).toBe(2);
    expect(floor.total.cpuMs).toBe(floor.byKind.pdf.cpuMs + floor.byKind.image.cpuMs);
    expect(floor.total.wallMs).toBeCloseTo(floor.byKind.pdf.wallMs + floor.byKind.image.wallMs, 6);

    const expected: [NativeTool, string][] = [
      ['pdftotext', 'pdf'],
      ['exiftool', 'pdf'],
      ['exiftool', 'image'],
      ['openssl', 'pdf'],
      ['openssl', 'image'],
    ];
    for (const tool of ['pdftotext', 'exiftool', 'openssl'] as NativeTool[]) {
      const installed = probeTool(tool) !== null;
      if (!installed && process.env.CI === 'true') throw new Error(`CI=true and ${tool} is not installed`);
      expect(floor.tools[tool] !== null).toBe(installed);
      const runs = floor.runs.filter((r) => r.tool === tool).map((r) => [r.tool, r.kind]);
      expect(runs).toEqual(installed ? expected.filter(([t]) => t === tool) : []);
    }
    for (const r of floor.runs) {
      expect(r.failed).toBe(0);
      expect(r.files).toBe(1);
      expect(r.wallMs).toBeGreaterThan(0);
    }
  });
});
