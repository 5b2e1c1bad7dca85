// One adversarial bench dump for a seed: the organisation, its genuine population, the innocent
// lookalikes, the planted forgeries, the dump on disk, the DKIM key file (beside the dump, as an
// analyst imports keys from outside the evidence) and the truth file in `verity validate` format.

import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Prng } from '../../demo/prng.js';
import { formatTruthCsv, formatTruthJson, type TruthEntry } from '../../report/validate/truth.js';
import { plantForgeries } from './forgeries.js';
import { writeDump } from './layout.js';
import { labelServerEditedCopies, plantLookalikes } from './lookalikes.js';
import type { OrgParams } from './org.js';
import { buildOrg, orgParamsFor } from './org-for-seed.js';
import { populate } from './population.js';
import { World } from './world.js';

export interface GeneratedDump {
  seed: number;
  params: OrgParams;
  dumpDir: string;
  keysFile: string;
  truthFile: string;
  truthCsvFile: string;
  truth: Omit<TruthEntry, 'line'>[];
  /** What each planted forgery and each lookalike is, in a sentence (also written to notes.json). */
  notes: { path: string; messageId?: string; label: string; family?: string; note: string }[];
  counts: { items: number; forged: number; lookalikes: number; genuine: number; emails: number; files: number };
}

export interface GenerateOptions {
  log?: (line: string) => void;
  /** Smaller or different organisations (tests use fewer threads and files). */
  overrides?: Partial<OrgParams>;
}

/** Builds the dump for `seed` in `<outDir>/dump`, with `keys.txt`, `truth.json`, `truth.csv` and `notes.json` beside it. */
export async function generateDump(outDir: string, seed: number, options: GenerateOptions = {}): Promise<GeneratedDump> {
  const log = options.log ?? (() => {});
  const params = { ...orgParamsFor(seed), ...options.overrides };
  const prng = new Prng(seed, 77);
  await rm(outDir, { recursive: true, force: true });
  const dumpDir = join(outDir, 'dump');
  await mkdir(dumpDir, { recursive: true });
  const org = buildOrg(params, prng.fork(1));
  const world = new World(org, prng.fork(2));
  log(`seed ${seed}: ${params.name} (${params.sites.map((s) => s.zone).join(', ')}; ${params.infra}; ${org.staff.length} staff)`);
  await populate(world);
  await plantLookalikes(world);
  await plantForgeries(world);
  labelServerEditedCopies(world);
  const placed = await writeDump(world, dumpDir);
  const truth = placed.map((p) => ({
    path: p.path,
    messageId: p.messageId,
    label: p.label?.label ?? ('genuine' as const),
    family: p.label?.family,
  }));
  const notes = placed
    .filter((p) => p.label)
    .map((p) => ({ path: p.path, messageId: p.messageId, label: p.label!.label, family: p.label!.family, note: p.label!.note }));
  await writeFile(join(outDir, 'notes.json'), `${JSON.stringify(notes, null, 2)}\n`);
  const keysFile = join(outDir, 'keys.txt');
  const truthFile = join(outDir, 'truth.json');
  const truthCsvFile = join(outDir, 'truth.csv');
  await writeFile(
    keysFile,
    `; DKIM public keys of the bench organisation ${params.name} (seed ${seed}): test keys for fictional domains.\n${org.keyLines.join('\n')}\n`,
  );
  await writeFile(truthFile, formatTruthJson(truth));
  await writeFile(truthCsvFile, formatTruthCsv(truth));
  const forged = truth.filter((t) => t.label === 'forged').length;
  const lookalikes = truth.filter((t) => t.label === 'genuine' && t.family).length;
  const counts = {
    items: truth.length,
    forged,
    lookalikes,
    genuine: truth.length - forged,
    emails: placed.filter((p) => p.messageId).length,
    files: placed.filter((p) => !p.messageId).length,
  };
  log(`seed ${seed}: ${counts.items} items (${counts.emails} mails, ${counts.files} files), ${forged} forged, ${lookalikes} lookalikes`);
  return { seed, params, dumpDir, keysFile, truthFile, truthCsvFile, truth, notes, counts };
}
