// The organisation behind a seed: the first presets (org.ts) or the hold-out ones (org-holdout.ts).

import type { Prng } from '../../demo/prng.js';
import { buildStandardOrg, PRESETS, type Org, type OrgParams } from './org.js';
import { buildHoldoutOrg } from './org-holdout.js';
import { HOLDOUT_PRESETS } from './presets-holdout.js';

/** The organisation for a seed: seeds 1-3 the first presets, 4-6 the hold-out ones, then (seed-1) mod 6;
 *  sizes varied by the seed. */
export function orgParamsFor(seed: number): OrgParams {
  const all = [...PRESETS, ...HOLDOUT_PRESETS];
  const base = all[(((seed - 1) % all.length) + all.length) % all.length];
  const vary = (n: number) => Math.max(4, Math.round(n * (0.9 + ((seed * 7919) % 21) / 100)));
  return { ...base, seed, staffCount: vary(base.staffCount), threads: vary(base.threads) };
}

export function buildOrg(params: OrgParams, prng: Prng): Org {
  return params.holdout ? buildHoldoutOrg(params, prng) : buildStandardOrg(params, prng);
}
