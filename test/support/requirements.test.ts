// The environment check of `npm test` and the guard of the suites that need the corpus, Chromium or
// poppler: each gap is named with its path or tool and its fix, a CI run fails where a local run skips.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, checkTestEnv, describeGaps, gap } from '../../scripts/check-test-env.js';
import { missing } from './requirements.js';
import { REPO_ROOT } from './corpus.js';

const SCRIPT = join(REPO_ROOT, 'scripts', 'check-test-env.js');

/** A PATH directory holding stand-ins for the named tools (executable shell scripts). */
function fakeBin(tools: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'verity-fake-bin-'));
  for (const tool of tools) {
    writeFileSync(join(dir, tool), '#!/bin/sh\nexit 0\n');
    chmodSync(join(dir, tool), 0o755);
  }
  return dir;
}

function runCheck(env: Record<string, string>): { code: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [SCRIPT], { env, encoding: 'utf8' });
  return { code: r.status, stderr: r.stderr };
}

describe('check-test-env', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('finds poppler tools on PATH and names the ones that are absent', () => {
    const all = fakeBin(['pdfinfo', 'pdftoppm', 'pdftotext']);
    const some = fakeBin(['pdfinfo']);
    dirs.push(all, some);
    expect(gap('poppler', { PATH: all })).toBeUndefined();
    expect(gap('poppler', { PATH: some })).toMatchObject({
      what: 'poppler-utils',
      detail: 'pdftoppm, pdftotext not on PATH',
      apt: 'poppler-utils',
    });
    expect(gap('poppler', { PATH: '' })?.detail).toBe('pdfinfo, pdftoppm, pdftotext not on PATH');
  });

  it('looks for the corpus at $VERITY_CORPUS, and demands it only under CI=true', () => {
    const bin = fakeBin(['pdfinfo', 'pdftoppm', 'pdftotext']);
    dirs.push(bin);
    expect(gap('corpus', { VERITY_CORPUS: '/nonexistent' })?.detail).toBe('/nonexistent/MANIFEST.tsv not found');
    const local = checkTestEnv({ PATH: bin, VERITY_CORPUS: '/nonexistent' });
    expect(local.gaps.filter((g) => g.requirement !== 'chromium')).toEqual([]);
    expect(local.notes).toEqual([
      'The shared corpus is absent (/nonexistent/MANIFEST.tsv not found): its suites will skip; under CI=true they fail.',
    ]);
    const ci = checkTestEnv({ PATH: bin, VERITY_CORPUS: '/nonexistent', CI: 'true' });
    expect(ci.gaps.map((g) => g.requirement).filter((r) => r !== 'chromium')).toEqual(['corpus']);
  });

  it('gives the exact install line for what is missing', () => {
    const chromium = { requirement: 'chromium' as const, what: 'Chromium', detail: `no executable ${CHROMIUM}`, apt: 'chromium' };
    const poppler = { requirement: 'poppler' as const, what: 'poppler-utils', detail: 'pdftoppm not on PATH', apt: 'poppler-utils' };
    expect(describeGaps([chromium, poppler], false)).toEqual([
      'Chromium is missing (no executable /usr/bin/chromium): sudo apt-get install -y chromium poppler-utils',
      'poppler-utils is missing (pdftoppm not on PATH): sudo apt-get install -y chromium poppler-utils',
    ]);
    expect(describeGaps([poppler], true)).toEqual(['poppler-utils is missing (pdftoppm not on PATH): apt-get install -y poppler-utils']);
  });

  it('as a command: stops with the install line when poppler is not on PATH, and with the corpus path under CI=true', () => {
    const r = runCheck({ PATH: '/nonexistent', VERITY_CORPUS: '/nonexistent', CI: 'true' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^check-test-env: poppler-utils is missing \(pdfinfo, pdftoppm, pdftotext not on PATH\): (sudo )?apt-get install -y .*poppler-utils$/m,
    );
    expect(r.stderr).toContain('check-test-env: The shared corpus is missing (/nonexistent/MANIFEST.tsv not found): put the corpus at ');
  });

  it('as a command: lets a run without the corpus go on outside CI, saying its suites will skip', () => {
    const bin = fakeBin(['pdfinfo', 'pdftoppm', 'pdftotext']);
    dirs.push(bin);
    const r = runCheck({ PATH: bin, VERITY_CORPUS: '/nonexistent' });
    expect(r.stderr).toContain('The shared corpus is absent (/nonexistent/MANIFEST.tsv not found): its suites will skip');
    // Chromium is looked for at its fixed path; the run goes on only when it is there.
    if (gap('chromium')) expect(r.code).toBe(1);
    else expect(r.code).toBe(0);
  });
});

describe('the suite guard', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('skips with the reason outside CI and throws with the missing path under CI=true', () => {
    vi.stubEnv('VERITY_CORPUS', '/nonexistent');
    vi.stubEnv('CI', '');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(missing('corpus')).toBe(true);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('/nonexistent/MANIFEST.tsv not found'));
    warn.mockRestore();
    vi.stubEnv('CI', 'true');
    expect(() => missing('corpus')).toThrow(
      'CI=true and the suite cannot run: The shared corpus is missing (/nonexistent/MANIFEST.tsv not found)',
    );
  });

  it('lets the suite run when the requirement is there', () => {
    const bin = fakeBin(['pdfinfo', 'pdftoppm', 'pdftotext']);
    vi.stubEnv('PATH', bin);
    vi.stubEnv('CI', 'true');
    try {
      expect(missing('poppler')).toBe(false);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
