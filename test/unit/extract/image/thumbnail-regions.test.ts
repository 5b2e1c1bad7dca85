// The thumbnail compared with the image region by region: hand-made local edits of real camera
// JPEGs that keep the camera's EXIF thumbnail are found where they were made, and the unaltered
// corpus images stay below medium.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { imageExtractor } from '../../../../src/extract/image/image.js';
import { imageThumbnail } from '../../../../src/checks/document/image.js';
import type { FindingDraft } from '../../../../src/checks/types.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { run } from '../../../support/extract-harness.js';
import { spliceJpeg, type Edit, type Rect } from '../../../support/jpeg-splice.js';
import { docFrom, runCheck } from '../../checks/document/harness.js';

async function regionFinding(bytes: Uint8Array, name: string): Promise<{ finding?: FindingDraft; width: number; height: number }> {
  const r = await run(imageExtractor, bytes, name, { maxChildren: 0 });
  const facts = r.output!.facts!;
  const findings = await runCheck(imageThumbnail, docFrom('image', name, facts));
  return { finding: findings.find((f) => 'z' in f.evidence), width: facts.image!.width!, height: facts.image!.height! };
}

/** Share of the edited rectangle (fractions of the frame) that the finding's box covers. */
function covered(box: Rect, edit: Rect, width: number, height: number): number {
  const e = { x: edit.x * width, y: edit.y * height, w: edit.w * width, h: edit.h * height };
  const ix = Math.max(0, Math.min(box.x + box.w, e.x + e.w) - Math.max(box.x, e.x));
  const iy = Math.max(0, Math.min(box.y + box.h, e.y + e.h) - Math.max(box.y, e.y));
  return (ix * iy) / (e.w * e.h);
}

const R = (x: number, y: number, w: number, h: number): Rect => ({ x, y, w, h });

const CASES: { file: string; label: string; edit: Edit }[] = [
  {
    file: 'exif-org-sony-cybershot.jpg',
    label: 'red patch pasted left of centre',
    edit: { kind: 'paste', rect: R(0.2, 0.3, 0.15, 0.15), colour: [200, 40, 40] },
  },
  {
    file: 'exif-samples-gps-DSCN0010.jpg',
    label: 'blue patch in the lower right corner',
    edit: { kind: 'paste', rect: R(0.7, 0.7, 0.25, 0.25), colour: [30, 90, 200] },
  },
  {
    file: 'exifr-img_1771.jpg',
    label: 'top-left corner cloned into the middle right',
    edit: { kind: 'clone', rect: R(0.55, 0.4, 0.2, 0.2), from: { x: 0.05, y: 0.05 } },
  },
  {
    file: 'exif-org-canon-ixus.jpg',
    label: 'white caption along the bottom',
    edit: { kind: 'text', rect: R(0.1, 0.8, 0.5, 0.08), colour: [255, 255, 255] },
  },
  {
    file: 'exif-org-fujifilm-dx10.jpg',
    label: 'lower-left area cloned into the top right',
    edit: { kind: 'clone', rect: R(0.6, 0.15, 0.15, 0.15), from: { x: 0.1, y: 0.7 } },
  },
];

describe.skipIf(corpusMissing())('thumbnail regions on hand-made splices of real camera photos', () => {
  for (const c of CASES) {
    it(`${c.file}: ${c.label} is medium, boxed where it was made`, async () => {
      const original = readFileSync(corpusPath(`image/jpeg/${c.file}`));
      const { finding, width, height } = await regionFinding(spliceJpeg(original, [c.edit]), c.file);
      expect(finding?.severity).toBe('medium');
      const ev = finding!.evidence as { box: Rect; z: number; difference: number; noiseFloor: number };
      expect(ev.z).toBeGreaterThanOrEqual(16);
      expect(ev.difference).toBeGreaterThan(ev.noiseFloor + 10);
      // The box lies on the edit (grid cells are coarse: it may cover more than the edit, never elsewhere).
      expect(covered(ev.box, c.edit.rect, width, height)).toBeGreaterThan(0.3);
    });
  }

  it('finds no region in the same photos re-saved without an edit', async () => {
    for (const c of CASES) {
      const original = readFileSync(corpusPath(`image/jpeg/${c.file}`));
      const { finding } = await regionFinding(spliceJpeg(original, []), c.file);
      expect(finding, c.file).toBeUndefined();
    }
  });
});

describe.skipIf(corpusMissing())('thumbnail regions on the unaltered corpus', () => {
  it('keeps every corpus JPEG below medium', async () => {
    const dir = corpusPath('image/jpeg');
    const severities: Record<string, number> = {};
    const medium: string[] = [];
    for (const name of readdirSync(dir).filter((n) => /\.jpe?g$/i.test(n))) {
      const { finding } = await regionFinding(readFileSync(`${dir}/${name}`), name).catch(() => ({ finding: undefined }));
      if (!finding) continue;
      severities[finding.severity] = (severities[finding.severity] ?? 0) + 1;
      if (finding.severity !== 'low') medium.push(name);
    }
    expect(medium).toEqual([]);
  });
});
