// Photo forgeries: a local splice (one region erased, cloned over, or an object painted in) saved
// with the camera's EXIF block carried over by the forger's tool chain, so the embedded thumbnail still
// shows the original; and camera photos re-saved weeks later by an editor (Photoshop, GIMP,
// Lightroom) with its own segments, Software, ModifyDate and a re-quantised picture.

import type { Prng } from '../../demo/prng.js';
import { DAY } from './clock.js';
import { reencodeWithOriginalExif, resave, splice, tone, type ResaveEditor, type SpliceOp, type SpliceTool } from './photos.js';
import type { World } from './world.js';

export const PHOTO_FAMILY = { splice: 'photo-splice-old-thumbnail', resaved: 'photo-resaved-by-editor' } as const;

function editorsFor(at: number): ResaveEditor[] {
  if (at < Date.parse('2020-01-01'))
    return [
      { kind: 'photoshop', software: 'Adobe Photoshop CC 2019 (Windows)' },
      { kind: 'gimp', version: '2.10.8' },
      { kind: 'lightroom', software: 'Adobe Photoshop Lightroom Classic 8.1 (Windows)' },
    ];
  if (at < Date.parse('2021-10-01'))
    return [
      { kind: 'photoshop', software: 'Adobe Photoshop 22.4 (Windows)' },
      { kind: 'gimp', version: '2.10.24' },
      { kind: 'lightroom', software: 'Adobe Photoshop Lightroom Classic 10.3 (Windows)' },
    ];
  return [
    { kind: 'photoshop', software: 'Adobe Photoshop 23.1 (Macintosh)' },
    { kind: 'gimp', version: '2.10.30' },
    { kind: 'lightroom', software: 'Adobe Photoshop Lightroom Classic 11.1 (Macintosh)' },
  ];
}

export async function forgePhotos(world: World): Promise<void> {
  const prng: Prng = world.prng.fork(500);
  const pool = prng.shuffle(world.photos.filter((p) => !p.file.label && p.photo.tags.thumbnail));
  // Prefer one photo per camera model for the splices, so the variants differ in maker and thumbnail size.
  const byCamera = new Map<string, (typeof pool)[number]>();
  for (const p of pool) if (!byCamera.has(p.photo.camera.id)) byCamera.set(p.photo.camera.id, p);
  const spliceTargets = [...byCamera.values(), ...pool].filter((p, i, a) => a.indexOf(p) === i).slice(0, 3);
  const variants: { op: SpliceOp; frac: number; tool: SpliceTool }[] = [
    { op: 'erase', frac: 0.12, tool: 'imagemagick' },
    { op: 'clone', frac: 0.18, tool: 'gimp+exiftool' },
    { op: 'insert', frac: 0.24, tool: 'pillow' },
  ];
  spliceTargets.forEach((t, i) => {
    const v = variants[i];
    const edited = splice(t.photo.picture, v.op, v.frac, prng);
    t.file.data = reencodeWithOriginalExif(t.photo, edited.picture, v.tool, t.photo.takenAt + prng.int(20, 60) * DAY);
    const r = edited.region;
    t.file.label = {
      label: 'forged',
      family: PHOTO_FAMILY.splice,
      note: `${v.op} over ${Math.round(v.frac * 100)} % of the picture at x=${r.x} y=${r.y} ${r.w}x${r.h}, saved with ${v.tool}; the EXIF thumbnail is the original`,
    };
  });
  const resaveTargets = pool.filter((p) => !spliceTargets.includes(p)).slice(0, 3);
  resaveTargets.forEach((t, i) => {
    const at = t.photo.takenAt + prng.int(21, 56) * DAY;
    const editor = editorsFor(at)[i];
    t.file.data = resave(t.photo, editor, at, prng, (p) => tone(p, 1 + prng.int(4, 12) / 100, prng.int(-6, 6)));
    const name =
      editor.kind === 'gimp' ? `GIMP ${editor.version}` : editor.kind === 'windows-photo-viewer' ? 'Windows Photo Viewer' : editor.software;
    t.file.label = {
      label: 'forged',
      family: PHOTO_FAMILY.resaved,
      note: `re-saved by ${name} ${Math.round((at - t.photo.takenAt) / DAY)} days after capture, with a tonal edit`,
    };
  });
}
