// End-to-end: OCR in the app, in Chromium against `verity serve`, on a case scanned with --no-ocr
// from a scanned letter and a screenshot rendered by the test: the scan screen offers the OCR
// languages and its rescan runs the OCR stage with its progress; the document view then shows the
// text recognised by OCR marked as such, beside the page drawn from the PDF or the picture itself.
// Photographed to /tmp/ocr-scan.png, /tmp/ocr-view.png and /tmp/ocr-view-image.png.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from '../support/corpus.js';
import { missing } from '../support/requirements.js';
import { runVerity } from '../support/cli.js';
import { writeScannedDump } from '../support/scanned-dump.js';
import { startServer, type RunningServer } from '../../src/api/http/server.js';

const CHROMIUM = '/usr/bin/chromium';
const RENDERER = join(REPO_ROOT, 'dist', 'renderer');
const TOKEN = 'e2e-token-ocr-0123456789abcdef0123456789abcd';

describe.skipIf(missing('chromium'))('OCR text in the document view', () => {
  let dir: string;
  let srv: RunningServer;
  let browser: Browser;
  let page: Page;
  let caseFile: string;
  const pageErrors: string[] = [];

  function idOf(path: string, word: string): string {
    const r = runVerity(['search', '--case', caseFile, word, '--json']);
    const hit = (JSON.parse(r.stdout) as { id: string; path: string }[]).find((h) => h.path === path);
    if (!hit) throw new Error(`${path} not found: ${r.stdout}`);
    return hit.id;
  }

  beforeAll(async () => {
    if (!existsSync(join(RENDERER, 'index.html')))
      execFileSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts'], { cwd: REPO_ROOT, stdio: 'ignore' });
    dir = mkdtempSync(join(tmpdir(), 'verity-e2e-ocr-'));
    const rendered = join(dir, 'rendered');
    await writeScannedDump(rendered);
    const dump = join(dir, 'dump');
    mkdirSync(dump);
    cpSync(join(rendered, 'scans', 'letter-thornbury.pdf'), join(dump, 'letter.pdf'));
    cpSync(join(rendered, 'screenshots', 'screenshot-chat.png'), join(dump, 'chat.png'));
    caseFile = join(dir, 'case.verity');
    const scan = runVerity(['scan', dump, '--case', caseFile, '--workers', '2', '--no-ocr']);
    expect(scan.code, scan.stderr).toBe(0);
    srv = await startServer({ caseFile, dumpRoot: dump, token: TOKEN, rendererDir: RENDERER, scanWorkers: 1 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    page = await (await browser.newContext({ viewport: { width: 1440, height: 950 } })).newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`http://127.0.0.1:${srv.port}/#token=${TOKEN}`);
    await page.waitForFunction(() => !location.hash.includes('token'));
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await srv?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('offers the OCR languages, or none, on the scan screen, and runs OCR as the rescan’s last stage', async () => {
    await page.evaluate(() => (location.hash = '#/scan'));
    const choice = page.getByTestId('ocr-choice');
    await choice.waitFor();
    expect(await choice.locator('option').allTextContents()).toEqual(['English and French', 'French', 'English', 'No OCR']);
    await choice.selectOption('eng+fra');
    await page.getByRole('button', { name: 'Rescan dump' }).click();
    await page
      .getByTestId('scan-state')
      .filter({ hasText: /^done$/ })
      .waitFor({ timeout: 600_000 });
    expect(await page.getByTestId('ocr-progress').textContent()).toMatch(
      /^OCR \(eng\+fra\)2 \/ 2 documentsPages4 \/ 4Pages per second[\d.]+OCR ETA/,
    );
    await page.screenshot({ path: join(tmpdir(), 'ocr-scan.png') });
  }, 700_000);

  it('shows a scanned page beside its OCR text, marked as OCR', async () => {
    const id = idOf('letter.pdf', 'Pemberton');
    await page.evaluate((h) => (location.hash = h), `#/doc/${encodeURIComponent(id)}/ocr`);
    const panel = page.getByTestId('ocr-panel');
    await panel.waitFor({ timeout: 30_000 });
    expect(await panel.locator('.ocr-badge').textContent()).toBe('OCR');
    expect(await page.getByRole('tab', { name: /^page \d$/ }).count()).toBe(3);
    expect(await page.getByTestId('ocr-text').textContent()).toContain('Pemberton');
    const img = page.getByTestId('ocr-page-image');
    await img.waitFor({ timeout: 60_000 });
    await page.waitForFunction(
      () => ((document.querySelector('[data-testid="ocr-page-image"]') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0,
    );
    const { w, h } = await img.evaluate((el) => ({ w: (el as HTMLImageElement).naturalWidth, h: (el as HTMLImageElement).naturalHeight }));
    // A4 drawn at 110 dpi.
    expect(Math.round((w / h) * 100)).toBe(71);
    await page.getByRole('tab', { name: 'page 2' }).click();
    await page.getByTestId('ocr-text').filter({ hasText: 'Rotterdam' }).waitFor();
    await page.waitForFunction(
      () => ((document.querySelector('[data-testid="ocr-page-image"][data-page="2"]') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0,
      undefined,
      { timeout: 60_000 },
    );
    await page.screenshot({ path: join(tmpdir(), 'ocr-view.png') });
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('shows a screenshot beside its OCR text', async () => {
    const id = idOf('chat.png', 'Kingsbridge');
    await page.evaluate((h) => (location.hash = h), `#/doc/${encodeURIComponent(id)}/ocr`);
    await page.getByTestId('ocr-text').filter({ hasText: 'Kingsbridge' }).waitFor({ timeout: 30_000 });
    await page.waitForFunction(
      () => ((document.querySelector('[data-testid="ocr-page-image"]') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0,
    );
    await page.screenshot({ path: join(tmpdir(), 'ocr-view-image.png') });
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
