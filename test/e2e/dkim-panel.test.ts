// End-to-end: the Scan screen's DKIM keys panel in Chromium against `verity serve`, on a case
// scanned from real signed mail in the corpus: it lists the keys still missing, imports two key files
// of two shapes through the page at once, says what was imported, and then lists none. Photographed to /tmp/dkim-panel.png.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { corpusMissing, corpusPath, REPO_ROOT } from '../support/corpus.js';
import { missing } from '../support/requirements.js';
import { runVerity } from '../support/cli.js';
import { startServer, type RunningServer } from '../../src/api/http/server.js';
import { parseDkimKeyFile } from '../../src/checks/dkim-keys.js';

const CHROMIUM = '/usr/bin/chromium';
const RENDERER = join(REPO_ROOT, 'dist', 'renderer');
const TOKEN = 'e2e-token-dkim-0123456789abcdef0123456789ab';
const DUMP = corpusPath('email/dkim/authentication-milter');
const ZONEFILE = join(DUMP, 'zonefile');
const SHOT = join(tmpdir(), 'dkim-panel.png');

describe.skipIf(missing('chromium') || corpusMissing())('the DKIM keys panel in Chromium', () => {
  let dir: string;
  let srv: RunningServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(RENDERER, 'index.html')))
      execFileSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts'], { cwd: REPO_ROOT, stdio: 'ignore' });
    dir = mkdtempSync(join(tmpdir(), 'verity-e2e-dkim-'));
    const caseFile = join(dir, 'case.verity');
    const scan = runVerity(['scan', DUMP, '--case', caseFile, '--workers', '1']);
    expect(scan.code, scan.stderr).toBe(0);
    srv = await startServer({ caseFile, dumpRoot: DUMP, token: TOKEN, rendererDir: RENDERER, scanWorkers: 1 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await srv?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists the keys needed, imports a key file and shows the result', async () => {
    await page.goto(`http://127.0.0.1:${srv.port}/#token=${TOKEN}`);
    await page.waitForFunction(() => !location.hash.includes('token'));
    await page.evaluate(() => (location.hash = '#/scan'));
    const table = page.getByTestId('dkim-needed');
    await table.waitFor();
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows).toEqual([
      ['google._domainkey.marcbradshaw.net', '5', '2015-01-25 – 2015-01-25', 'dig +short TXT google._domainkey.marcbradshaw.net'],
      ['tfe2._domainkey.marcbradshaw.net', '1', '—', 'dig +short TXT tfe2._domainkey.marcbradshaw.net'],
    ]);
    expect(await page.getByTestId('dkim-fetch-script').textContent()).toMatch(
      /^for n in google\._domainkey\.marcbradshaw\.net tfe2\._domainkey\.marcbradshaw\.net; do /,
    );
    await table.scrollIntoViewIfNeeded();
    await page.screenshot({ path: SHOT, fullPage: true });

    // Two files in two shapes, chosen together: an archive's JSON and a dig answer, made from the zone file's keys.
    const zone = parseDkimKeyFile(readFileSync(ZONEFILE, 'utf8')).keys;
    const google = zone.get('google._domainkey.marcbradshaw.net')!;
    const tfe2 = zone.get('tfe2._domainkey.marcbradshaw.net')!;
    await page.getByTestId('dkim-key-file').setInputFiles([
      {
        name: 'archive.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify([{ domain: 'marcbradshaw.net', selector: 'google', value: google, firstSeenAt: '2014-06-01' }])),
      },
      {
        name: 'dig.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from(
          `;; ANSWER SECTION:\ntfe2._domainkey.marcbradshaw.net. 3600 IN TXT "${tfe2.slice(0, 255)}" "${tfe2.slice(255)}"\n`,
        ),
      },
    ]);
    const imported = page.getByTestId('dkim-imported');
    await imported.waitFor({ timeout: 60_000 });
    expect(await imported.textContent()).toBe('Imported 2 key(s) from archive.json, dig.txt; re-verified 6 signed email(s).');
    await page.getByTestId('dkim-needed-none').waitFor();
    await page.screenshot({ path: join(tmpdir(), 'dkim-panel-imported.png') });
    expect(await table.count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
