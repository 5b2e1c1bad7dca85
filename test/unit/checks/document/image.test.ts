import { describe, expect, it } from 'vitest';
import { imageExtractor } from '../../../../src/extract/image/image.js';
import { imageEditor, imageThumbnail, namedEditor } from '../../../../src/checks/document/image.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import type { ImageFacts } from '../../../../src/model/facts.js';
import { docFrom, factsOf, runCheck } from './harness.js';

const jpeg = (name: string) => factsOf(imageExtractor, corpusPath(`image/jpeg/${name}`), 'image');

describe.skipIf(corpusMissing())('image.editor on real files', () => {
  it('flags a camera photo saved by GIMP two months after it was taken (exif-samples Canon_40D.jpg)', async () => {
    const [f] = await runCheck(imageEditor, await jpeg('exif-samples-Canon_40D.jpg'));
    expect(f.evidence).toMatchObject({
      editor: 'GIMP',
      software: 'GIMP 2.4.5',
      dateTimeOriginal: '2008:05:30 15:56:01',
      modifyDate: '2008:07:31 10:38:11',
    });
    expect(f.severity).toBe('low');
  });

  it('flags a ModifyDate before the capture date (Polaroid with its clock in 2026)', async () => {
    const f = await runCheck(imageEditor, await jpeg('exif-samples-WWL_Polaroid_ION230.jpg'));
    expect(f.map((x) => x.message).join(' ')).toMatch(/before the moment it says it was taken/);
  });
});

describe.skipIf(corpusMissing())('image.thumbnail on real files', () => {
  it('finds nothing when GIMP downscaled the photo but kept a faithful camera thumbnail (Canon_40D.jpg)', async () => {
    const doc = await jpeg('exif-samples-Canon_40D.jpg');
    expect(doc.facts.image?.thumbnail?.differenceFromImage).toBeLessThan(15);
    expect(await runCheck(imageThumbnail, doc)).toEqual([]);
  });
  it('notices an image stripped to 8x8 pixels behind an 80x80 thumbnail (ExifTool FLIR stub)', async () => {
    const f = await runCheck(imageThumbnail, await jpeg('exiftool-FLIR.jpg'));
    expect(f.map((x) => x.severity)).toEqual(['low']);
    expect(f[0].evidence).toMatchObject({ image: { width: 8, height: 8 }, thumbnail: { width: 80, height: 80 } });
  });
});

describe('image.editor logic', () => {
  it('tells editors from raw developers and ignores camera firmware', () => {
    expect(namedEditor('Adobe Photoshop CS2 Macintosh')).toEqual({ name: 'Adobe Photoshop', kind: 'editor' });
    expect(namedEditor('Adobe Photoshop Lightroom 6.0 (Windows)')?.kind).toBe('developer');
    expect(namedEditor('Ver.1.00')).toBeUndefined();
    expect(namedEditor('HDR+ 1.0.199571065z')).toBeUndefined();
  });
});

describe('image.thumbnail', () => {
  const img = (difference: number | undefined, tw = 160, th = 120) =>
    docFrom('image', 'x.jpg', {
      image: {
        format: 'jpeg',
        width: 3888,
        height: 2592,
        thumbnail: { present: true, size: 5000, width: tw, height: th, differenceFromImage: difference },
      },
    });
  it('rates a thumbnail that shows another picture medium, a faithful one not at all', async () => {
    expect((await runCheck(imageThumbnail, img(55))).map((f) => f.severity)).toEqual(['medium']);
    expect(await runCheck(imageThumbnail, img(6))).toEqual([]);
  });
  it("flags a thumbnail whose shape cannot be the image's (cropped after the thumbnail was made)", async () => {
    expect((await runCheck(imageThumbnail, img(6, 160, 40))).map((f) => f.severity)).toEqual(['low']);
  });
  it('rates a square crop of a 4:3 camera frame whose thumbnail still shows other pixels medium', async () => {
    const square = (difference: number) =>
      docFrom('image', 'x.jpg', {
        image: {
          format: 'jpeg',
          width: 480,
          height: 480,
          thumbnail: { present: true, size: 2500, width: 160, height: 120, differenceFromImage: difference },
        },
      });
    const [f] = await runCheck(imageThumbnail, square(22));
    expect(f.severity).toBe('medium');
    expect(f.evidence.relativeShapeDifference).toBe(0.33);
    // Innocent: the same shapes with matching pixels (a camera's own 1:1 mode, thumbnail letterboxed).
    expect(await runCheck(imageThumbnail, square(2))).toEqual([]);
  });
  it('innocent: image data cut short (a damaged photo) differs from its thumbnail, only low, and says why', async () => {
    const damaged = docFrom('image', 'x.jpg', {
      image: {
        format: 'jpeg',
        width: 3888,
        height: 2592,
        thumbnail: { present: true, size: 5000, width: 160, height: 120, differenceFromImage: 60, comparedRowsShare: 0.96 },
      },
    });
    const fs = await runCheck(imageThumbnail, damaged);
    expect(fs.map((f) => f.severity)).toEqual(['low']);
    expect(fs[0].message).toMatch(/cut short after 96% of its rows/);
  });
  it('innocent: a 16:9 frame letterboxed in a 4:3 thumbnail, pixel difference like a real Ricoh (21), is not medium', async () => {
    const wide = docFrom('image', 'x.jpg', {
      image: {
        format: 'jpeg',
        width: 1920,
        height: 1080,
        thumbnail: { present: true, size: 5000, width: 160, height: 120, differenceFromImage: 21 },
      },
    });
    expect((await runCheck(imageThumbnail, wide)).every((f) => f.severity !== 'medium' && f.severity !== 'high')).toBe(true);
  });
});

describe('image.thumbnail: one region differs', () => {
  type Regions = NonNullable<NonNullable<ImageFacts['thumbnail']>['regions']>;
  const withRegion = (strongest: Partial<NonNullable<Regions['strongest']>> | undefined, over: Partial<Regions> = {}, rowsShare?: number) =>
    docFrom('image', 'x.jpg', {
      image: {
        format: 'jpeg',
        width: 4000,
        height: 3000,
        thumbnail: {
          present: true,
          size: 5000,
          width: 160,
          height: 120,
          differenceFromImage: 6,
          comparison: 'stretch',
          comparedRowsShare: rowsShare,
          regions: {
            columns: 8,
            rows: 6,
            noiseFloor: 3,
            texture: 40,
            hotRegions: strongest ? 1 : 0,
            secondZ: 0,
            ...over,
            strongest: strongest && {
              thumbBox: { x: 40, y: 20, w: 40, h: 40 },
              imageBox: { x: 1000, y: 500, w: 1000, h: 1000 },
              cells: 4,
              z: 40,
              difference: 30,
              expected: 3,
              ...strongest,
            },
          },
        },
      },
    });
  const severities = async (doc: ReturnType<typeof withRegion>) => (await runCheck(imageThumbnail, doc)).map((f) => f.severity);

  it('rates one compact region far out of the noise medium, with its box, z, difference and noise floor', async () => {
    const [f] = await runCheck(imageThumbnail, withRegion({}));
    expect(f.severity).toBe('medium');
    expect(f.evidence).toMatchObject({
      box: { x: 1000, y: 500, w: 1000, h: 1000 },
      thumbnailBox: { x: 40, y: 20, w: 40, h: 40 },
      z: 40,
      difference: 30,
      noiseFloor: 3,
    });
    expect(f.message).toMatch(/1000x1000 pixels at 1000,500/);
  });
  it('keeps weak, flat, spread, split or damaged cases low, and the noise of genuine pairs silent', async () => {
    expect(await severities(withRegion({ z: 13, difference: 10 }))).toEqual(['low']); // weak
    expect(await severities(withRegion({}, { texture: 4 }))).toEqual(['low']); // flat picture
    expect(await severities(withRegion({ cells: 24 }))).toEqual(['low']); // half of 48 cells: the medians are no longer of unchanged cells
    expect(await severities(withRegion({ cells: 20 }))).toEqual(['medium']); // a large paste, 20 of 48 cells: still a minority
    expect(await severities(withRegion({}, { secondZ: 30, hotRegions: 2 }))).toEqual(['low']); // two regions alike
    expect(await severities(withRegion({}, {}, 0.8))).toEqual(['low']); // image data cut short
    expect(await severities(withRegion({ z: 10.2, difference: 9.8, expected: 2.3 }))).toEqual([]); // the corpus's worst genuine cell
    expect(await severities(withRegion({ z: 30, difference: 7, expected: 3 }))).toEqual([]); // high z on a tiny difference
    expect(await severities(withRegion(undefined))).toEqual([]);
  });
});

describe("image.editor: tables not the camera's", () => {
  const photo = (over: Partial<ImageFacts>) =>
    docFrom('image', 'x.jpg', {
      image: {
        format: 'jpeg',
        make: 'Canon',
        model: 'Canon EOS 600D',
        dateTimeOriginal: '2025:03:01 10:00:00',
        modifyDate: '2025:03:01 10:00:00',
        jpegQuantisation: { luminanceSum: 1109, chrominanceSum: 2284, sampling: '2x2', ijgQuality: 85 },
        thumbnail: { present: true, size: 5000, quantisation: { luminanceSum: 2060, sampling: '2x1' } },
        ...over,
      },
    });
  const severities = async (doc: ReturnType<typeof photo>) => (await runCheck(imageEditor, doc)).map((f) => f.severity);

  it('rates libjpeg tables under an editor named in Software medium and names the quality', async () => {
    const [f] = await runCheck(imageEditor, photo({ software: 'Adobe Photoshop CC 2019 (Windows)', modifyDate: '2025:04:12 18:30:00' }));
    expect(f.severity).toBe('medium');
    expect(f.evidence).toMatchObject({
      tables: 'libjpeg quality 85',
      thumbnailTables: 'other (luminance sum 2060)',
      editor: 'Adobe Photoshop',
    });
    expect(f.message).toMatch(/libjpeg's standard tables at quality 85/);
  });
  it('keeps one sign low or silent', async () => {
    // Tables alone: cameras and phones that use libjpeg themselves (Pixel, COOLPIX) look like this.
    expect(await severities(photo({}))).toEqual([]);
    // Tables and a ModifyDate weeks later, no editor named: a transfer tool may have rewritten the date.
    expect(await severities(photo({ modifyDate: '2025:03:20 09:00:00' }))).toEqual(['low']);
    // An editor that also rewrote the thumbnail with the same tables: the editor finding alone, low.
    const same = { luminanceSum: 1109, sampling: '2x2', ijgQuality: 85 };
    expect(
      await severities(
        photo({
          software: 'GIMP 2.10.34',
          modifyDate: '2025:03:20 09:00:00',
          thumbnail: { present: true, size: 5000, quantisation: same },
        }),
      ),
    ).toEqual(['low']);
    // The camera's own tables (not libjpeg's) under an editor: the editor finding alone, low.
    expect(
      await severities(
        photo({ software: 'GIMP 2.10.34', modifyDate: '2025:03:20 09:00:00', jpegQuantisation: { luminanceSum: 533, sampling: '2x1' } }),
      ),
    ).toEqual(['low']);
  });
});
