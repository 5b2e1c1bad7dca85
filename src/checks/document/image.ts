// Image checks: 'image.editor' (EXIF Software naming an editor, capture vs modify dates) and
// 'image.thumbnail' (the embedded EXIF thumbnail no longer shows the image).

import type { ImageFacts } from '../../model/facts.js';
import type { DocumentCheck, FindingDraft } from '../types.js';
import { iso, parseAnyDate } from './claimed-dates.js';

/** Editors and raw developers as they name themselves in EXIF Software / XMP CreatorTool. */
const EDITORS: { re: RegExp; name: string; kind: 'editor' | 'developer' }[] = [
  { re: /Photoshop(?!\s+Lightroom)/i, name: 'Adobe Photoshop', kind: 'editor' },
  { re: /Lightroom/i, name: 'Adobe Lightroom', kind: 'developer' },
  { re: /Camera Raw/i, name: 'Adobe Camera Raw', kind: 'developer' },
  { re: /\bGIMP\b/i, name: 'GIMP', kind: 'editor' },
  { re: /Paint\.NET/i, name: 'Paint.NET', kind: 'editor' },
  { re: /Pixelmator/i, name: 'Pixelmator', kind: 'editor' },
  { re: /Affinity Photo/i, name: 'Affinity Photo', kind: 'editor' },
  { re: /Snapseed/i, name: 'Snapseed', kind: 'editor' },
  { re: /PhotoScape/i, name: 'PhotoScape', kind: 'editor' },
  { re: /Paint Shop Pro|PaintShop/i, name: 'Corel PaintShop Pro', kind: 'editor' },
  { re: /ACD ?See/i, name: 'ACDSee', kind: 'editor' },
  { re: /Capture One/i, name: 'Capture One', kind: 'developer' },
  { re: /darktable|RawTherapee/i, name: 'raw developer', kind: 'developer' },
  {
    re: /XnView|IrfanView|Picasa|ImageMagick|Microsoft Windows Photo|Windows Photo Editor|Photos \d/i,
    name: 'viewer / converter',
    kind: 'developer',
  },
];

export function namedEditor(software: string | undefined): { name: string; kind: 'editor' | 'developer' } | undefined {
  if (!software) return undefined;
  const hit = EDITORS.find((e) => e.re.test(software));
  return hit ? { name: hit.name, kind: hit.kind } : undefined;
}

function withOffset(raw: string | undefined, offset: string | undefined): ReturnType<typeof parseAnyDate> {
  if (!raw) return null;
  return parseAnyDate(offset && !/[+-]\d{2}:?\d{2}$|Z$/.test(raw.trim()) ? `${raw.trim()}${offset.trim()}` : raw);
}

/** A ModifyDate this long after the capture is a later re-save, not the camera finishing its write. */
const LATE_MODIFY_DAYS = 7;

/**
 * The main image's tables are exactly libjpeg's (IJG quality N) while the camera's own thumbnail was
 * compressed with other tables: the pixels were re-encoded after the camera wrote the file. Cameras
 * that use libjpeg themselves (the corpus has Nikon COOLPIX, Canon PowerShot, Pixel) usually differ
 * in quality between image and thumbnail too, so this is one sign, never enough alone.
 */
function tablesNotCamera(img: ImageFacts): { ijgQuality: number; thumbnail: { ijgQuality?: number; luminanceSum: number } } | undefined {
  const q = img.jpegQuantisation,
    tq = img.thumbnail?.quantisation;
  if (q?.ijgQuality === undefined || !tq || !(img.make || img.model)) return undefined;
  if (tq.ijgQuality === q.ijgQuality && tq.luminanceSum === q.luminanceSum) return undefined;
  return { ijgQuality: q.ijgQuality, thumbnail: { ijgQuality: tq.ijgQuality, luminanceSum: tq.luminanceSum } };
}

export const imageEditor: DocumentCheck = {
  scope: 'document',
  id: 'image.editor',
  version: 2,
  title: 'Image saved by an editor',
  detects:
    "EXIF Software naming an image editor (Photoshop, GIMP, Lightroom...), an XMP edit history, a modification date after the capture date (or before it), and a camera photo whose pixels were last compressed with libjpeg's standard tables (IJG quality N) while the camera's own thumbnail carries other tables.",
  whyForgersLeaveIt:
    "Retouching or compositing a photo means saving it from an editor, which writes its name and a new ModifyDate next to the camera's capture date, and re-encodes the pixels with its own quantisation tables while the copied EXIF keeps the camera's thumbnail.",
  innocentCauses: [
    'Routine processing: resizing for the web, raw development, rotation, colour correction.',
    'Camera clocks that were never set.',
    'Cameras and phones that encode with libjpeg themselves, at another quality for the thumbnail (the tables alone are never more than a hint).',
    'Transfer tools that rewrite the EXIF (and ModifyDate) on import without re-encoding.',
  ],
  kinds: ['image'],
  run(doc) {
    const img = doc.facts.image;
    if (!img) return [];
    const out: FindingDraft[] = [];
    const editor =
      namedEditor(img.software) ?? namedEditor(img.xmpToolkit && /Photoshop/i.test(img.xmpToolkit) ? img.xmpToolkit : undefined);
    const original = withOffset(img.dateTimeOriginal, img.offsetTimeOriginal ?? img.offsetTime);
    const modify = withOffset(img.modifyDate, img.offsetTime);
    const gapMin = original && modify ? (modify.ms - original.ms) / 60_000 : undefined;
    const late = gapMin !== undefined && gapMin >= LATE_MODIFY_DAYS * 24 * 60;
    const history = img.xmpHistory ?? [];
    const tables = tablesNotCamera(img);
    const tablesText = tables
      ? ` Its pixels were last compressed with libjpeg's standard tables at quality ${tables.ijgQuality}, while the camera's thumbnail carries ${tables.thumbnail.ijgQuality !== undefined ? `quality ${tables.thumbnail.ijgQuality}` : 'other (non-libjpeg) tables'}: the image was re-encoded after the camera wrote it.`
      : '';
    const tablesEvidence = tables && {
      tables: `libjpeg quality ${tables.ijgQuality}`,
      thumbnailTables:
        tables.thumbnail.ijgQuality !== undefined
          ? `libjpeg quality ${tables.thumbnail.ijgQuality}`
          : `other (luminance sum ${tables.thumbnail.luminanceSum})`,
      sampling: img.jpegQuantisation?.sampling,
    };
    if (editor || history.length) {
      // An editor alone is routine; an editor that saved the photo after it was taken means the
      // pixels may differ from what the camera recorded; the tables then say that they do.
      const signs =
        editor?.kind === 'editor' && tables ? 'medium' : editor?.kind === 'editor' && gapMin !== undefined && gapMin > 5 ? 'low' : 'info';
      out.push({
        severity: signs,
        message: `The image was saved by ${editor?.name ?? 'an editor'}${img.software ? ` ("${img.software}")` : ''}${gapMin !== undefined && gapMin > 5 ? `, ${Math.round((gapMin / 60) * 10) / 10} hours after it was taken` : ''}.${tablesText}`,
        evidence: {
          software: img.software,
          editor: editor?.name,
          editorKind: editor?.kind,
          make: img.make,
          model: img.model,
          dateTimeOriginal: img.dateTimeOriginal,
          modifyDate: img.modifyDate,
          xmpHistory: history.slice(0, 20),
          ...tablesEvidence,
        },
      });
    } else if (tables && late) {
      out.push({
        severity: 'low',
        message: `The camera photo was modified ${Math.round(gapMin! / 1440)} days after it was taken.${tablesText}`,
        evidence: {
          make: img.make,
          model: img.model,
          software: img.software,
          dateTimeOriginal: img.dateTimeOriginal,
          modifyDate: img.modifyDate,
          ...tablesEvidence,
        },
      });
    }
    if (gapMin !== undefined && original && modify && gapMin < -2) {
      out.push({
        severity: 'low',
        message: `The image's ModifyDate is ${Math.round(-gapMin)} minutes before the moment it says it was taken.`,
        evidence: {
          dateTimeOriginal: img.dateTimeOriginal,
          modifyDate: img.modifyDate,
          originalUtc: iso(original.ms),
          modifyUtc: iso(modify.ms),
        },
      });
    }
    return out;
  },
};

/** Mean absolute difference (0-255) above which the thumbnail shows a different picture. */
const THUMB_DIFFERENT = 40;
const THUMB_SUSPECT = 25;
/** With a thumbnail of another shape than the image, this pixel difference is enough for medium. */
const THUMB_SHAPE_AND_PIXELS = 15;
/** Shape difference letterboxing explains (a 16:9 frame in a 4:3 thumbnail). */
const LETTERBOX_TOLERANCE = 0.26;

/**
 * One region of the cell-by-cell comparison (docs/checks-images.md). Unaltered camera images in the
 * corpus peak at z 10.2 with an excess of at most 8 over the noise model; local pastes, clones and
 * captions covering 1-2 % of the frame or more mostly reach z 16-150.
 */
const REGION = {
  medium: { z: 16, excess: 10 },
  low: { z: 12, excess: 5 },
  /** Less than half the grid: the noise floor and spread are medians of the cells, valid while the
   *  changed cells are a minority; a global change (tone curve, HDR, another frame) moves the median. */
  maxShare: 0.49,
  /** Below this spread of cell brightness (0-255) the picture is too flat for the noise model. */
  minTexture: 10,
};

/** The finding for a local change the thumbnail still shows the original of, or null. */
function regionFinding(img: ImageFacts, partial: boolean): FindingDraft | null {
  const t = img.thumbnail;
  const r = t?.regions;
  const s = r?.strongest;
  if (!t || !r || !s) return null;
  const excess = Math.round((s.difference - s.expected) * 10) / 10;
  if (s.z < REGION.low.z || excess < REGION.low.excess) return null;
  const share = s.cells / (r.columns * r.rows);
  const medium =
    !partial &&
    s.z >= REGION.medium.z &&
    excess >= REGION.medium.excess &&
    share <= REGION.maxShare &&
    r.texture >= REGION.minTexture &&
    r.secondZ < s.z / 2;
  const b = s.imageBox;
  return {
    severity: medium ? 'medium' : 'low',
    message: `One region of the image (${b.w}x${b.h} pixels at ${b.x},${b.y}) differs from the embedded thumbnail far beyond the rest of the picture (z ${s.z}, difference ${s.difference} of 255 where ${s.expected} is expected): that part may have been changed after the camera made the thumbnail.${partial ? ' The image data is cut short, so damage can explain it.' : ''}`,
    evidence: {
      box: b,
      thumbnailBox: s.thumbBox,
      z: s.z,
      difference: s.difference,
      expected: s.expected,
      noiseFloor: r.noiseFloor,
      grid: { columns: r.columns, rows: r.rows, cells: s.cells },
      nextRegionZ: r.secondZ,
      texture: r.texture,
      thresholds: REGION,
      mapping: t.comparison,
      image: { width: img.width, height: img.height, orientation: img.orientation },
      thumbnail: { width: t.width, height: t.height },
      software: img.software,
    },
  };
}

export const imageThumbnail: DocumentCheck = {
  scope: 'document',
  id: 'image.thumbnail',
  version: 4,
  title: 'Embedded thumbnail differs from the image',
  detects:
    'An EXIF (IFD1) thumbnail that, scaled to the same size, differs from the main image, or whose aspect ratio differs from it, or that differs in one compact region far beyond what its own compression and resampling leave elsewhere.',
  whyForgersLeaveIt:
    "Many editors rewrite the pixels but keep the camera's original thumbnail, which then still shows the scene before cropping or retouching (Cat Schwartz, 2003).",
  innocentCauses: [
    'Orientation handled differently for the thumbnail and the image.',
    'Camera apps that regenerate thumbnails inconsistently; letterboxed thumbnails.',
    'Damaged or truncated image data: the comparison then covers only what could be decoded, and garbage pixels differ from any thumbnail.',
    'Camera firmware that renders the thumbnail from another pipeline than the image (HDR merges, in-camera filters, date imprints, moving subjects between a preview frame and the capture).',
    'In-camera crop or edit, or rotation, after which the camera kept the old thumbnail.',
    'A thumbnail regenerated by a viewer or converter from an earlier version of the picture.',
  ],
  kinds: ['image'],
  run(doc) {
    const img = doc.facts.image;
    const t = img?.thumbnail;
    if (!img || !t?.present) return [];
    const out: FindingDraft[] = [];
    if (t.width && t.height && img.width && img.height && img.width * img.height < t.width * t.height) {
      // A main image smaller than its own thumbnail was replaced or stripped (ExifTool test stubs,
      // "remove image data" tools): comparing pixels then means nothing.
      return [
        {
          severity: 'low',
          message: `The image (${img.width}x${img.height}) is smaller than its own thumbnail (${t.width}x${t.height}): the picture was replaced or stripped after the thumbnail was made.`,
          evidence: { thumbnail: { width: t.width, height: t.height }, image: { width: img.width, height: img.height } },
        },
      ];
    }
    const d = t.differenceFromImage;
    // Image data cut short (damaged file): what was decoded may be garbage, so at most low.
    const partial = t.comparedRowsShare !== undefined && t.comparedRowsShare < 1;
    // A local change: judged below the whole-picture 'different' level, where the region says more
    // than the mean (a medium region finding replaces the whole-picture low one).
    const region = d !== undefined && d < THUMB_DIFFERENT ? regionFinding(img, partial) : null;
    if (region) out.push(region);
    if (d !== undefined && d >= THUMB_SUSPECT && !(region?.severity === 'medium' && d < THUMB_DIFFERENT)) {
      out.push({
        severity: d >= THUMB_DIFFERENT && !partial ? 'medium' : 'low',
        message: `The embedded thumbnail differs from the image (mean difference ${Math.round(d)} of 255): it may show the picture before it was edited.${partial ? ` The image data is cut short after ${Math.round(t.comparedRowsShare! * 100)}% of its rows, so only that part was compared; damage alone can explain the difference.` : ''}`,
        evidence: {
          differenceFromImage: d,
          thresholds: { low: THUMB_SUSPECT, medium: THUMB_DIFFERENT },
          thumbnail: t,
          image: { width: img.width, height: img.height, orientation: img.orientation },
          software: img.software,
        },
      });
    }
    if (t.width && t.height && img.width && img.height) {
      const ra = t.width / t.height;
      const swapped = img.orientation !== undefined && img.orientation >= 5;
      const rb = swapped ? img.height / img.width : img.width / img.height;
      const rbAlt = img.height / img.width;
      const off = Math.min(Math.abs(ra - rb) / rb, Math.abs(ra - rbAlt) / rbAlt);
      // Two independent traces of a crop after the thumbnail was made: the shape departs from the
      // image beyond what letterboxing explains (16:9 in 4:3 is 0.25) AND, under the best of the
      // three camera mappings, the pixels still differ clearly (innocent camera thumbnails in the
      // corpus stay under 15 except one Ricoh at 21 whose shape agrees). Either alone stays low.
      if (d !== undefined && !partial && d >= THUMB_SHAPE_AND_PIXELS && d < THUMB_SUSPECT && off > LETTERBOX_TOLERANCE) {
        out.push({
          severity: 'medium',
          message: `The embedded thumbnail (${t.width}x${t.height}) has another shape than the image (${img.width}x${img.height}) and shows different pixels (mean difference ${Math.round(d)} of 255): the picture was probably cropped or retouched after the camera made the thumbnail.`,
          evidence: {
            differenceFromImage: d,
            relativeShapeDifference: Math.round(off * 100) / 100,
            thresholds: { pixels: THUMB_SHAPE_AND_PIXELS, shape: LETTERBOX_TOLERANCE },
            thumbnail: t,
            image: { width: img.width, height: img.height, orientation: img.orientation },
            software: img.software,
          },
        });
        return out;
      }
      // 160x120 thumbnails of 16:9 images are letterboxed by cameras: only flag beyond that.
      if (off > 0.4) {
        out.push({
          severity: 'low',
          message: `The thumbnail's shape (${t.width}x${t.height}) does not match the image's (${img.width}x${img.height}): the image may have been cropped.`,
          evidence: {
            thumbnail: { width: t.width, height: t.height },
            image: { width: img.width, height: img.height, orientation: img.orientation },
            relativeDifference: Math.round(off * 100) / 100,
          },
        });
      }
    }
    return out;
  },
};
