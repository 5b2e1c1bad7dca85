#!/usr/bin/env node
// Run first by `npm test`: stops at once with the exact install line when something the suites need
// is missing (a fresh Debian has neither Chromium nor poppler), instead of failing deep in a suite.
// test/support/requirements.ts asks the same questions to skip or fail a single suite.
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Chromium as the end-to-end and printed-report suites launch it (playwright-core's executablePath). */
export const CHROMIUM = '/usr/bin/chromium';
/** The font the OCR suites draw their scanned pages with (@napi-rs/canvas ships none). */
export const OCR_TEST_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf';
/** poppler-utils' tools that check the printed report. */
const POPPLER_TOOLS = ['pdfinfo', 'pdftoppm', 'pdftotext'];

/**
 * @typedef {'corpus' | 'chromium' | 'poppler' | 'fonts'} Requirement
 * @typedef {{ requirement: Requirement, what: string, detail: string, apt?: string, fix?: string }} Gap
 * @typedef {Record<string, string | undefined>} Env
 */

/** Is this a CI run? CI services set CI=true; there every suite must run, none may skip. */
export function isCi(/** @type {Env} */ env = process.env) {
  return /^(true|1)$/i.test(env.CI ?? '');
}

/** Where the shared corpus lives: $VERITY_CORPUS, or ../shared/corpus beside the repository. */
export function corpusRoot(/** @type {Env} */ env = process.env) {
  return env.VERITY_CORPUS || resolve(REPO_ROOT, '..', 'shared', 'corpus');
}

function executable(/** @type {string} */ file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(/** @type {string} */ tool, /** @type {Env} */ env) {
  return (env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && executable(join(dir, tool)));
}

/**
 * What is missing for one requirement, or undefined when it is there.
 * @param {Requirement} requirement
 * @param {Env} [env]
 * @returns {Gap | undefined}
 */
export function gap(requirement, env = process.env) {
  if (requirement === 'chromium') {
    return executable(CHROMIUM) ? undefined : { requirement, what: 'Chromium', detail: `no executable ${CHROMIUM}`, apt: 'chromium' };
  }
  if (requirement === 'poppler') {
    const absent = POPPLER_TOOLS.filter((tool) => !onPath(tool, env));
    if (absent.length === 0) return undefined;
    return { requirement, what: 'poppler-utils', detail: `${absent.join(', ')} not on PATH`, apt: 'poppler-utils' };
  }
  if (requirement === 'fonts') {
    return existsSync(OCR_TEST_FONT)
      ? undefined
      : { requirement, what: 'DejaVu fonts', detail: `no ${OCR_TEST_FONT}`, apt: 'fonts-dejavu-core' };
  }
  const manifest = join(corpusRoot(env), 'MANIFEST.tsv');
  if (existsSync(manifest)) return undefined;
  return {
    requirement,
    what: 'The shared corpus',
    detail: `${manifest} not found`,
    fix: `put the corpus at ${resolve(REPO_ROOT, '..', 'shared', 'corpus')} or set VERITY_CORPUS=/path/to/corpus`,
  };
}

/** The command that installs the system packages of these gaps, e.g. `sudo apt-get install -y chromium poppler-utils`. */
function installLine(/** @type {Gap[]} */ gaps, asRoot = process.getuid?.() === 0) {
  const packages = gaps.flatMap((g) => (g.apt ? [g.apt] : []));
  if (packages.length === 0) return undefined;
  const sudo = asRoot ? '' : 'sudo ';
  return `${sudo}apt-get install -y ${packages.join(' ')}`;
}

/** One line per gap: what is missing, where it was looked for, and the command or step that fixes it. */
export function describeGaps(/** @type {Gap[]} */ gaps, asRoot = process.getuid?.() === 0) {
  const install = installLine(gaps, asRoot);
  return gaps.map((g) => `${g.what} is missing (${g.detail}): ${g.apt ? install : g.fix}`);
}

/**
 * The whole check of `npm test`: Chromium, poppler and the OCR suites' font always (their suites are part of the run),
 * the corpus under CI only (outside CI its suites skip and say so).
 * @param {Env} [env]
 * @returns {{ gaps: Gap[], notes: string[] }}
 */
export function checkTestEnv(env = process.env) {
  const ci = isCi(env);
  /** @type {Gap[]} */
  const gaps = [];
  const notes = [];
  for (const requirement of /** @type {Requirement[]} */ (['chromium', 'poppler', 'fonts', 'corpus'])) {
    const g = gap(requirement, env);
    if (!g) continue;
    if (requirement === 'corpus' && !ci) notes.push(`${g.what} is absent (${g.detail}): its suites will skip; under CI=true they fail.`);
    else gaps.push(g);
  }
  return { gaps, notes };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { gaps, notes } = checkTestEnv();
  for (const note of notes) console.warn(`check-test-env: ${note}`);
  if (gaps.length > 0) {
    for (const line of describeGaps(gaps)) console.error(`check-test-env: ${line}`);
    process.exit(1);
  }
}
