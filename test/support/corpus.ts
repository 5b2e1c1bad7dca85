// Locate ../shared/corpus (or $VERITY_CORPUS). Tests that need it skip when it is absent.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, '..', '..');
export const CORPUS_ROOT = process.env.VERITY_CORPUS ?? resolve(REPO_ROOT, '..', 'shared', 'corpus');
export const HAS_CORPUS = existsSync(join(CORPUS_ROOT, 'MANIFEST.tsv'));

/** Absolute path of a corpus file given its MANIFEST.tsv path. */
export function corpusPath(rel: string): string {
  return join(CORPUS_ROOT, rel);
}
