// Image checks: 'image.editor' (EXIF Software naming an editor, capture vs modify dates) and
// 'image.thumbnail' (the embedded EXIF thumbnail no longer shows the image).

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

export const imageEditor: DocumentCheck = {
  scope: 'document',
  id: 'image.editor',
  version: 1,
  title: 'Image saved by an editor',
  detects:
    'EXIF Software naming an image editor (Photoshop, GIMP, Lightroom...), an XMP edit history, and a modification date after the capture date (or before it).',
  whyForgersLeaveIt:
    "Retouching or compositing a photo means saving it from an editor, which writes its name and a new ModifyDate next to the camera's capture date.",
  innocentCauses: [
    'Routine processing: resizing for the web, raw development, rotation, colour correction.',
    'Camera clocks that were never set.',
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
    const history = img.xmpHistory ?? [];
    if (editor || history.length) {
      out.push({
        // An editor alone is routine; an editor that saved the photo after it was taken means the
        // pixels may differ from what the camera recorded.
        severity: editor?.kind === 'editor' && gapMin !== undefined && gapMin > 5 ? 'low' : 'info',
        message: `The image was saved by ${editor?.name ?? 'an editor'}${img.software ? ` ("${img.software}")` : ''}${gapMin !== undefined && gapMin > 5 ? `, ${Math.round((gapMin / 60) * 10) / 10} hours after it was taken` : ''}.`,
        evidence: {
          software: img.software,
          editor: editor?.name,
          editorKind: editor?.kind,
          make: img.make,
          model: img.model,
          dateTimeOriginal: img.dateTimeOriginal,
          modifyDate: img.modifyDate,
          xmpHistory: history.slice(0, 20),
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
export const THUMB_DIFFERENT = 40;
export const THUMB_SUSPECT = 25;
/** With a thumbnail of another shape than the image, this pixel difference is enough for medium. */
export const THUMB_SHAPE_AND_PIXELS = 15;
/** Shape difference letterboxing explains (a 16:9 frame in a 4:3 thumbnail). */
export const LETTERBOX_TOLERANCE = 0.26;

export const imageThumbnail: DocumentCheck = {
  scope: 'document',
  id: 'image.thumbnail',
  version: 3,
  title: 'Embedded thumbnail differs from the image',
  detects: 'An EXIF (IFD1) thumbnail that, scaled to the same size, differs from the main image, or whose aspect ratio differs from it.',
  whyForgersLeaveIt:
    "Many editors rewrite the pixels but keep the camera's original thumbnail, which then still shows the scene before cropping or retouching (Cat Schwartz, 2003).",
  innocentCauses: [
    'Orientation handled differently for the thumbnail and the image.',
    'Camera apps that regenerate thumbnails inconsistently; letterboxed thumbnails.',
    'Damaged or truncated image data: the comparison then covers only what could be decoded, and garbage pixels differ from any thumbnail.',
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
    if (d !== undefined && d >= THUMB_SUSPECT) {
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
