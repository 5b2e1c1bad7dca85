// Quantisation tables: libjpeg's scaled Annex K tables are recognised with their quality, camera
// tables are not, and a camera photo re-encoded by libjpeg with its EXIF copied back shows both.
import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { imageExtractor } from '../../../../src/extract/image/image.js';
import { describeQuantisation } from '../../../../src/extract/image/jpeg-tables.js';
import { readJpegStructure } from '../../../../src/extract/image/structure.js';
import { imageEditor } from '../../../../src/checks/document/image.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { run } from '../../../support/extract-harness.js';
import { spliceJpeg } from '../../../support/jpeg-splice.js';
import { docFrom, runCheck } from '../../checks/document/harness.js';

const gradient = (w: number, h: number) => {
  const data = new Uint8Array(w * h * 4);
  for (let i = 0; i < w * h; i++) data.set([(i % w) * 4, (i / w) * 3, 128, 255], i * 4);
  return { width: w, height: h, data };
};

describe('describeQuantisation', () => {
  it('names the libjpeg quality of tables written by a libjpeg-formula encoder (jpeg-js), at low and high qualities', () => {
    for (const q of [10, 49, 50, 75, 85, 93, 100]) {
      const bytes = jpeg.encode(gradient(64, 48), q).data;
      expect(describeQuantisation(readJpegStructure(bytes)), `quality ${q}`).toMatchObject({ ijgQuality: q, sampling: '1x1' });
    }
  });
  it.skipIf(corpusMissing())("finds no libjpeg quality in a camera's own tables (Canon IXUS, Canon EOS 1300D)", () => {
    for (const name of ['exif-org-canon-ixus.jpg', 'exifr-canon-dslr.jpg']) {
      const q = describeQuantisation(readJpegStructure(readFileSync(corpusPath(`image/jpeg/${name}`))));
      expect(q?.luminanceSum, name).toBeGreaterThan(0);
      expect(q?.ijgQuality, name).toBeUndefined();
    }
  });
});

describe.skipIf(corpusMissing())('a camera photo re-encoded by libjpeg with its EXIF kept', () => {
  it('carries libjpeg tables under a camera thumbnail with other tables; with an editor named it is medium', async () => {
    const original = readFileSync(corpusPath('image/jpeg/exif-org-canon-ixus.jpg'));
    const r = await run(imageExtractor, spliceJpeg(original, [], 85), 'ixus.jpg', { maxChildren: 0 });
    const image = r.output!.facts!.image!;
    expect(image.make).toBe('Canon');
    expect(image.jpegQuantisation?.ijgQuality).toBe(85);
    expect(image.thumbnail?.quantisation?.ijgQuality).toBeUndefined();
    // The metadata an editor writes (the test cannot run Photoshop; the facts say what it would leave).
    const edited = { ...image, software: 'Adobe Photoshop CC 2019 (Windows)', modifyDate: '2001:09:01 10:00:00' };
    const [f] = await runCheck(imageEditor, docFrom('image', 'ixus.jpg', { image: edited }));
    expect(f.severity).toBe('medium');
    expect(f.evidence.tables).toBe('libjpeg quality 85');
    // The untouched original: the camera's tables, no finding.
    const o = await run(imageExtractor, original, 'ixus.jpg', { maxChildren: 0 });
    expect(await runCheck(imageEditor, docFrom('image', 'ixus.jpg', o.output!.facts!))).toEqual([]);
  });
});
