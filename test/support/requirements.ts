// One place decides what a suite does when something it needs is absent: outside CI it skips and
// prints why; under CI=true it fails with the missing path or tool. scripts/check-test-env.js knows
// where each requirement lives; `npm test` runs it first so a fresh machine stops before any suite.
import { describeGaps, gap, isCi, type Requirement } from '../../scripts/check-test-env.js';

const announced = new Set<string>();

/**
 * For `describe.skipIf(missing('chromium', 'poppler'))`: true when a requirement is absent and the
 * suite must skip (the reason goes to stderr once per file); under CI=true it throws instead, so a
 * CI run without the corpus or a browser fails loudly rather than passing hollow.
 */
export function missing(...requirements: Requirement[]): boolean {
  const gaps = requirements.flatMap((r) => gap(r) ?? []);
  if (gaps.length === 0) return false;
  const reasons = describeGaps(gaps);
  if (isCi()) throw new Error(`CI=true and the suite cannot run: ${reasons.join('; ')}`);
  for (const reason of reasons) {
    if (announced.has(reason)) continue;
    announced.add(reason);
    console.warn(`skipped: ${reason}`);
  }
  return true;
}
