import { describe, expect, it } from 'vitest';
import { imageExtractor } from '../../../../src/extract/image/image.js';
import { imageEditor, imageThumbnail, namedEditor } from '../../../../src/checks/document/image.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
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
