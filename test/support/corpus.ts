// Locate ../shared/corpus (or $VERITY_CORPUS). Suites that need it are guarded with
// `describe.skipIf(corpusMissing())`: they skip outside CI and fail under CI=true (requirements.ts).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusRoot } from '../../scripts/check-test-env.js';
import { missing } from './requirements.js';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, '..', '..');
export const CORPUS_ROOT = corpusRoot();
export const HAS_CORPUS = existsSync(join(CORPUS_ROOT, 'MANIFEST.tsv'));

/** The guard of every corpus suite: true when it must skip; throws under CI=true when the corpus is absent. */
export function corpusMissing(): boolean {
  return missing('corpus');
}

/** Absolute path of a corpus file given its MANIFEST.tsv path. */
export function corpusPath(rel: string): string {
  return join(CORPUS_ROOT, rel);
}
