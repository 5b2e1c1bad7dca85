// End-to-end: the renderer in Debian's Chromium against `verity serve` on a generated dump.
// One analyst session, in order: open the case, scan and watch progress, search, filter by a check,
// open a flagged document and read its findings, tag it and give a verdict (one and in bulk),
// export reports and check the files. Then the hostile email: a tracking pixel and a script must
// neither be fetched nor run. Every screen is photographed at 1366×768 and 1920×1080 into
// test-artifacts/screenshots/.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from '../support/corpus.js';
import { missing } from '../support/requirements.js';
import { generateDump } from '../../src/demo/generate.js';
import { startServer, type RunningServer } from '../../src/api/http/server.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(REPO_ROOT, 'test-artifacts', 'screenshots');
const RENDERER = join(REPO_ROOT, 'dist', 'renderer');
const TOKEN = 'e2e-token-0123456789abcdef0123456789abcdef';
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/** A local server that counts every request: the tracking pixel's and the script's target. */
function countingServer(): Promise<{ server: Server; port: number; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'Content-Type': 'image/gif' });
    res.end(Buffer.from('R0lGODlhAQABAAAAACw=', 'base64'));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port, hits })),
  );
}

/** An email whose HTML body carries a tracking pixel, a script, a CSS background and a link. */
function hostileEmail(port: number): string {
  const html = [
    '<html><head><style>body{background:url(http://127.0.0.1:PORT/css-bg.png)} @import url(http://127.0.0.1:PORT/import.css);</style></head><body>',
    '<p id="greeting">Bonjour, voici le programme du meeting.</p>',
    '<img src="http://127.0.0.1:PORT/pixel.gif" width="1" height="1" alt="">',
    '<script>new Image().src="http://127.0.0.1:PORT/script-ran"; fetch("http://127.0.0.1:PORT/script-fetch"); document.title="pwned";</script>',
    '<img src="x" onerror="fetch(\'http://127.0.0.1:PORT/onerror\')">',
    '<div style="background-image:url(http://127.0.0.1:PORT/inline-bg.png)">Programme</div>',
    '<a href="http://127.0.0.1:PORT/link">le lien</a>',
    '</body></html>',
  ]
    .join('\n')
    .replaceAll('PORT', String(port));
  return [
    'From: Marc Vidal <marc.vidal@newsletter-exemple.net>',
    'To: Claire Dumont <claire.dumont@campagne-exemple.fr>',
    'Subject: Tracking pixel test message',
    'Date: Tue, 14 Mar 2017 09:12:00 +0100',
    'Message-ID: <tracker-0001@newsletter-exemple.net>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Bonjour, voici le programme du meeting.',
    '--b1',
    'Content-Type: text/html; charset=utf-8',
    '',
    html,
    '--b1--',
    '',
  ].join('\r\n');
}

async function shot(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.waitForTimeout(250);
    await page.screenshot({ path: join(SHOTS, `${name}-${size.width}x${size.height}.png`) });
  }
  await page.setViewportSize(SIZES[0]);
}

async function api<T>(srv: RunningServer, method: string, input: unknown): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${srv.port}/api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${srv.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value: T; error?: unknown };
  if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.value;
}

describe.skipIf(missing('chromium'))('the app in Chromium against verity serve', () => {
  let dir: string;
  let dump: string;
  let caseFile: string;
  let srv: RunningServer;
  let browser: Browser;
  let page: Page;
  let counter: Awaited<ReturnType<typeof countingServer>>;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(RENDERER, 'index.html')))
      execFileSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts'], { cwd: REPO_ROOT, stdio: 'ignore' });
    mkdirSync(SHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'verity-e2e-'));
    if (process.env.VERITY_E2E_KEEP) process.stderr.write(`e2e case in ${dir}\n`);
    dump = join(dir, 'dump');
    caseFile = join(dir, 'case.verity');
    counter = await countingServer();
    const truth = await generateDump(dump, { seed: 7 });
    mkdirSync(join(dump, 'mail', 'newsletter'), { recursive: true });
    writeFileSync(join(dump, 'mail', 'newsletter', 'tracker.eml'), hostileEmail(counter.port));
    // The archived DKIM keys of the fictional organisation, as an analyst would import them.
    srv = await startServer({
      caseFile,
      dumpRoot: dump,
      token: TOKEN,
      rendererDir: RENDERER,
      allowOpen: true,
      scanWorkers: 1,
      dkimKeys: truth.dkim.keyFileText,
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    const context = await browser.newContext({ viewport: SIZES[0], acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await srv?.close();
    counter?.server.close();
    if (dir && !process.env.VERITY_E2E_KEEP) rmSync(dir, { recursive: true, force: true });
  });

  it('opens a case, scans it and shows progress, the overview and the failure ledger', async () => {
    await page.goto(`http://127.0.0.1:${srv.port}/#token=${TOKEN}`);
    // The token leaves the address bar at once.
    await page.waitForFunction(() => !location.hash.includes('token'));
    expect(page.url()).not.toContain(TOKEN);
    // An empty case lands on the Scan screen.
    await page.getByRole('heading', { name: 'Scan' }).waitFor();

    await page.evaluate(() => (location.hash = '#/start'));
    await page.getByRole('heading', { name: 'Open a case' }).waitFor();
    await page.fill('input[name="dump"]', dump);
    await page.fill('input[name="caseFile"]', caseFile);
    await shot(page, '01-start');
    await page.getByRole('button', { name: 'Open case' }).click();

    // An empty case lands on the Scan screen.
    await page.getByRole('heading', { name: 'Scan' }).waitFor();
    await shot(page, '02-scan-empty');
    await page.getByRole('button', { name: 'Start scan' }).click();
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="stage-discovered"]')?.textContent?.replace(/\D/g, '') ?? 0) > 0,
      null,
      { timeout: 60_000 },
    );
    await shot(page, '03-scan-running');
    // The engine answers queries while it scans (its extraction and analysis run in other threads),
    // and the page stays live: a search over what is indexed so far, and a click, during the scan.
    let answeredDuringScan = false;
    for (let i = 0; i < 600 && !answeredDuringScan; i++) {
      const before = await api<{ state: string } | null>(srv, 'scan.status', {});
      if (before?.state === 'done') break;
      const found = await api<{ total: number }>(srv, 'search.query', { text: 'campagne', limit: 5 });
      const after = await api<{ state: string } | null>(srv, 'scan.status', {});
      if (found.total > 0 && after?.state !== 'done') answeredDuringScan = true;
      else await new Promise((r) => setTimeout(r, 100));
    }
    expect(answeredDuringScan).toBe(true);
    expect(await page.evaluate(() => document.querySelector('[data-testid="scan-state"]')?.textContent)).toBeTruthy();
    const state = page.getByTestId('scan-state');
    await expect.poll(async () => state.textContent(), { timeout: 240_000, interval: 1000 }).toBe('done');
    const analysed = Number((await page.getByTestId('stage-analysed').textContent())!.replace(/\D/g, ''));
    const summary = await api<{ documents: number }>(srv, 'case.summary', {});
    expect(analysed).toBe(summary.documents);
    expect(summary.documents).toBeGreaterThan(100);
    await shot(page, '04-scan-done');

    await page.getByRole('link', { name: /Go to the overview/ }).click();
    await page.getByTestId('top-suspicious').waitFor();
    await expect.poll(async () => page.locator('[data-testid="top-suspicious"] tbody tr').count()).toBeGreaterThan(3);
    await page.waitForSelector('.timeline svg rect.tl-flag');
    await shot(page, '05-overview');
  }, 400_000);

  it('searches with highlighted snippets, filters by a check, and moves with the keyboard', async () => {
    await page.evaluate(() => (location.hash = '#/documents'));
    const search = page.getByRole('searchbox', { name: 'Full-text search' });
    await search.waitFor();
    await page.keyboard.press('/');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('search');
    await page.keyboard.type('Marseille');
    await page.waitForSelector('.vrow mark');
    const marks = await page.locator('.vrow mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((m) => /marseille/i.test(m))).toBe(true);
    const found = Number((await page.getByTestId('result-count').textContent())!.split(' ')[0].replace(/,/g, ''));
    const apiFound = await api<{ total: number }>(srv, 'search.query', { text: 'Marseille', limit: 1 });
    expect(found).toBe(apiFound.total);
    // Each row's first match is inside its one-line snippet cell, not cut off past its right edge.
    const cut = await page
      .locator('.vrow .doc-snippet')
      .evaluateAll(
        (cells) =>
          cells
            .map((c) => ({ cell: c.getBoundingClientRect(), mark: c.querySelector('mark')?.getBoundingClientRect() }))
            .filter((x) => x.mark && x.mark.right > x.cell.right + 1).length,
      );
    expect(cut).toBe(0);
    await shot(page, '06-documents-search');

    await search.fill('');
    await page.keyboard.press('Enter');
    // Filter by the anachronism check: the planted PDF whose producer postdates its dates.
    const more = page.locator('fieldset.facet', { hasText: 'Check' }).getByRole('button', { name: /more$/ });
    if (await more.count()) await more.click();
    const facet = page.locator('label.facet-item[title$="(software.anachronism)"]');
    await facet.waitFor();
    const facetCount = Number(await facet.locator('.facet-count').textContent());
    await facet.locator('input').check();
    await expect
      .poll(async () => (await page.getByTestId('result-count').textContent())?.split(' ')[0].replace(/,/g, ''))
      .toBe(String(facetCount));
    const rows = await api<{ rows: { id: string; kind: string }[] }>(srv, 'search.query', {
      checks: ['software.anachronism'],
      sort: 'score',
      order: 'desc',
    });
    expect(rows.rows.length).toBe(facetCount);
    await shot(page, '07-documents-filtered');

    // j/k move the cursor, Enter opens the document under it: the planted PDF (Word 2019 in 2012).
    const pdfAt = rows.rows.findIndex((r) => r.kind === 'pdf');
    expect(pdfAt).toBeGreaterThanOrEqual(0);
    await page.locator('.vrows').focus();
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    for (let i = 0; i < pdfAt; i++) await page.keyboard.press('j');
    await expect.poll(() => page.locator('.vrow.cursor').getAttribute('data-id')).toBe(rows.rows[pdfAt].id);
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => location.hash.startsWith(`#/doc/${id}`), rows.rows[pdfAt].id);
  }, 120_000);

  it('shows a flagged document with findings, evidence and innocent causes; tags it and gives a verdict', async () => {
    const findings = page.getByTestId('findings');
    await findings.waitFor();
    const text = await findings.textContent();
    expect(text).toContain('software.anachronism');
    expect(text).toMatch(/Evidence/);
    expect(text).toMatch(/Innocent causes/);
    const anachronism = findings.locator('article.finding', { hasText: 'software.anachronism' });
    expect(await anachronism.count()).toBe(1);
    expect(await anachronism.locator('.badge').first().textContent()).toMatch(/^(high|medium|low)$/);
    const id = decodeURIComponent(page.url().split('#/doc/')[1].split('/')[0]);
    await page.waitForSelector('[data-testid="pdf-pages"] canvas', { timeout: 30_000 });
    await shot(page, '08-document-pdf-findings');

    // Tag with the keyboard.
    await page.keyboard.press('t');
    const tagInput = page.locator('input[name="tag"]');
    await tagInput.waitFor();
    await tagInput.fill('e2e-forged');
    await shot(page, '09-tag-dialog');
    await page.keyboard.press('Enter');
    await page.getByTestId('doc-tags').getByText('e2e-forged').waitFor();

    // Verdict from the header.
    await page.getByTestId('verdict').getByRole('radio', { name: 'fake' }).click();
    await expect.poll(() => page.getByTestId('verdict').getByRole('radio', { name: 'fake' }).getAttribute('aria-checked')).toBe('true');
    const detail = await api<{ row: { tags: string[]; verdict: string } }>(srv, 'document.get', { id });
    expect(detail.row.tags).toContain('e2e-forged');
    expect(detail.row.verdict).toBe('fake');

    // Note, and the other tabs of a PDF.
    await page.keyboard.press('n');
    await page.locator('textarea[name="note"]').fill('Producer is Word 2019 on a document dated 2012.');
    await page.keyboard.press('Control+Enter');
    await page.getByText('Saved', { exact: true }).waitFor();
    expect((await api<{ note: string }>(srv, 'document.get', { id })).note).toContain('Word 2019');
    await shot(page, '10-document-note');
    for (const tab of ['dates', 'metadata', 'provenance', 'revisions', 'similar']) {
      await page.evaluate(([docId, t]) => (location.hash = `#/doc/${docId}/${t}`), [id, tab]);
      await page.locator('.tabs button.on').waitFor();
      await page.waitForTimeout(300);
      await shot(page, `11-document-pdf-${tab}`);
    }
    await page.evaluate((docId) => (location.hash = `#/doc/${docId}/provenance`), id);
    expect((await page.getByTestId('sha256').textContent())?.trim()).toMatch(/^[0-9a-f]{64}$/);
  }, 120_000);

  it('shows an email with its route, DKIM and thread, and a sender profile', async () => {
    const emails = await api<{ rows: { id: string }[] }>(srv, 'search.query', {
      kinds: ['email'],
      checks: ['email.dkim'],
      severities: ['high'],
      sort: 'score',
      order: 'desc',
      limit: 1,
    });
    const target =
      emails.rows[0] ??
      (await api<{ rows: { id: string }[] }>(srv, 'search.query', { kinds: ['email'], sort: 'score', order: 'desc', limit: 1 })).rows[0];
    await page.evaluate((docId) => (location.hash = `#/doc/${docId}`), target.id);
    await page.getByTestId('findings').waitFor();
    await page.getByTestId('email-frame').or(page.locator('pre.email-text')).first().waitFor();
    await shot(page, '12-document-email');
    await page.getByRole('tab', { name: 'Route & DKIM' }).click();
    await page.getByTestId('received-chain').or(page.getByText('No Received headers')).first().waitFor();
    await shot(page, '13-document-email-route');
    const dkim = await page.getByTestId('dkim').textContent();
    expect(dkim).toMatch(/fail|pass/);

    // A message in a thread: the thread lists it among its neighbours, itself highlighted.
    const threaded = await api<{ rows: { id: string }[] }>(srv, 'search.query', {
      kinds: ['email'],
      text: 'Re',
      sort: 'date',
      order: 'asc',
      limit: 50,
    });
    let shown = false;
    for (const row of threaded.rows) {
      const thread = await api<{ messages: unknown[] }>(srv, 'document.thread', { id: row.id });
      if (thread.messages.length < 3) continue;
      await page.evaluate((docId) => (location.hash = `#/doc/${docId}/thread`), row.id);
      await page.getByTestId('thread').waitFor();
      expect(await page.locator('[data-testid="thread"] li').count()).toBe(thread.messages.length);
      expect(await page.locator('[data-testid="thread"] li.current').count()).toBe(1);
      shown = true;
      break;
    }
    expect(shown).toBe(true);
    await shot(page, '14-document-email-thread');

    await page.evaluate(() => (location.hash = '#/people'));
    await page.getByTestId('profile').waitFor();
    expect(await page.locator('.people-list tbody tr').count()).toBeGreaterThan(3);
    await shot(page, '15-people');
  }, 120_000);

  it('shows the sender model as evidence: the sender’s own habits beside this message, with bars', async () => {
    const rows = (
      await api<{ rows: { id: string }[] }>(srv, 'search.query', {
        checks: ['email.sender-habits'],
        sort: 'score',
        order: 'desc',
        limit: 1,
      })
    ).rows;
    expect(rows.length).toBe(1);
    await page.evaluate((docId) => (location.hash = `#/doc/${docId}`), rows[0].id);
    const finding = page.getByTestId('findings').locator('article.finding', { hasText: 'email.sender-habits' });
    await finding.first().waitFor();
    const evidence = finding.first().locator('details').first();
    if ((await evidence.getAttribute('open')) === null) await evidence.locator('summary').click();
    // The sender's distribution (first hops, offsets or clients) is drawn as bars, one per value.
    await expect.poll(() => finding.first().locator('.countbar .bar').count()).toBeGreaterThan(0);
    expect(await finding.first().textContent()).toMatch(/innocent/i);
    await finding.first().scrollIntoViewIfNeeded();
    await shot(page, '23-document-email-sender-model');
  }, 60_000);

  it('shows a photo whose EXIF thumbnail disagrees with the picture in one region, the region drawn over both', async () => {
    const rows = (
      await api<{ rows: { id: string }[] }>(srv, 'search.query', { checks: ['image.thumbnail'], sort: 'score', order: 'desc', limit: 1 })
    ).rows;
    expect(rows.length).toBe(1);
    await page.evaluate((docId) => (location.hash = `#/doc/${docId}`), rows[0].id);
    const finding = page.getByTestId('findings').locator('article.finding', { hasText: 'image.thumbnail' });
    await finding.first().waitFor();
    expect(await finding.first().textContent()).toMatch(/region of the image/i);
    // The changed region is drawn over the picture and over its thumbnail.
    await expect.poll(() => page.getByTestId('region-box').count()).toBe(2);
    await finding.first().scrollIntoViewIfNeeded();
    await shot(page, '24-document-image-thumbnail-region');
  }, 60_000);

  it('shows a hostile email with its tracking pixel never requested and its script never run', async () => {
    const hits = await api<{ rows: { id: string; path: string }[] }>(srv, 'search.query', {
      text: 'tracking pixel',
      kinds: ['email'],
      limit: 20,
    });
    const tracker = hits.rows.find((r) => r.path.endsWith('tracker.eml'));
    expect(tracker, JSON.stringify(hits.rows.map((r) => r.path))).toBeDefined();
    const before = counter.hits.length;
    await page.evaluate((docId) => (location.hash = `#/doc/${docId}`), tracker!.id);
    const frame = page.getByTestId('email-frame');
    const facts = await api<{ facts: { email?: { html?: string } } }>(srv, 'document.get', { id: tracker!.id });
    expect(facts.facts.email?.html ?? '', 'the HTML body reaches the app').toContain('pixel.gif');
    await frame.waitFor();
    expect(await frame.getAttribute('sandbox')).toBe('');
    const blocked = await page.getByTestId('remote-blocked').textContent();
    expect(Number(blocked!.match(/^(\d+)/)![1])).toBeGreaterThanOrEqual(2);
    // The body is there (the frame rendered) ...
    const body = page.frameLocator('[data-testid="email-frame"]').locator('#greeting');
    await expect.poll(() => body.textContent()).toContain('programme du meeting');
    // ... and in the frame no <script>, no handler, no remote URL survived sanitising.
    const srcdoc = (await frame.getAttribute('srcdoc'))!;
    expect(srcdoc).not.toMatch(/<script/i);
    expect(srcdoc).not.toMatch(/onerror/i);
    expect(srcdoc).not.toMatch(/\s(src|srcset|background|href)=["']?https?:/i);
    expect(srcdoc).not.toMatch(/url\(\s*['"]?http/i);
    expect(srcdoc).toContain("default-src 'none'");
    await page.waitForTimeout(2000);
    await shot(page, '20-document-hostile-email');
    expect(counter.hits.slice(before)).toEqual([]);
    expect(counter.hits).toEqual([]);
    expect(await page.title()).not.toBe('pwned');
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('compares PDF revisions and near-duplicates as text diffs', async () => {
    const revised = await api<{ rows: { id: string }[] }>(srv, 'search.query', { kinds: ['pdf'], checks: ['pdf.revisions'], limit: 1 });
    expect(revised.rows.length).toBe(1);
    await page.evaluate((docId) => (location.hash = `#/doc/${docId}/revisions`), revised.rows[0].id);
    await page.locator('.revisions table').waitFor();
    expect(await page.locator('.revisions tbody tr').count()).toBeGreaterThan(1);
    await page.getByTestId('diff').or(page.getByText('The two texts are identical.')).first().waitFor({ timeout: 30_000 });
    await shot(page, '21-document-pdf-revisions-diff');

    const similar = await api<{ rows: { id: string }[] }>(srv, 'search.query', {
      checks: ['text.near-duplicate'],
      sort: 'score',
      order: 'desc',
      limit: 1,
    });
    expect(similar.rows.length).toBe(1);
    await page.evaluate((docId) => (location.hash = `#/doc/${docId}/similar`), similar.rows[0].id);
    await page.getByTestId('diff').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="diff"] ins, [data-testid="diff"] del').count()).toBeGreaterThan(0);
    await shot(page, '22-document-near-duplicate-diff');

    // Reading revisions must not disturb later reads: the document's facts are still served.
    const after = await api<{ facts: { pdf?: unknown } }>(srv, 'document.get', { id: revised.rows[0].id });
    expect(after.facts.pdf, "document.get after document.revisions returns the PDF's facts").toBeDefined();
  }, 120_000);

  it('tags a selection in bulk from the keyboard', async () => {
    // Text notes: not the PDF tagged above, whose verdict the export test checks.
    await page.evaluate(() => (location.hash = '#/documents?kind=text'));
    await page.waitForFunction(() => location.hash === '#/documents');
    await page.waitForSelector('.vrow[data-id]');
    await page.locator('.vrows').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await page.locator('.bulkbar').getByText('3 selected').waitFor();
    const ids = await page.locator('.vrow.selected').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')!));
    expect(ids).toHaveLength(3);
    await shot(page, '16-documents-selection');
    await page.keyboard.press('t');
    await page.locator('input[name="tag"]').fill('bulk-batch');
    await page.keyboard.press('Enter');
    await page.locator('.vrow.selected .tag', { hasText: 'bulk-batch' }).first().waitFor();
    const tagged = await api<{ total: number; rows: { id: string }[] }>(srv, 'search.query', { tags: ['bulk-batch'] });
    expect(tagged.rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    await page.keyboard.press('v');
    await page.getByRole('dialog').waitFor();
    await shot(page, '17-verdict-dialog');
    await page.keyboard.press('2'); // suspect
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const suspects = await api<{ rows: { id: string }[] }>(srv, 'search.query', { verdicts: ['suspect'] });
    expect(suspects.rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    await page.keyboard.press('Escape');
    await page.locator('.bulkbar').getByText('selected').waitFor({ state: 'detached' });
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await shot(page, '18-shortcuts');
    await page.keyboard.press('Escape');
  }, 120_000);

  it('exports a report of a tag as CSV and JSON, with redaction candidates listed', async () => {
    await page.evaluate(() => (location.hash = '#/export'));
    await page.getByRole('heading', { name: 'Export a report' }).waitFor();
    await page.locator('label.scope', { hasText: 'A tag' }).locator('input[type="radio"]').check();
    await page.getByLabel('Tag', { exact: true }).selectOption('e2e-forged');
    await expect.poll(() => page.getByTestId('export-count').textContent()).toBe('1 document in this report');
    await page.getByRole('radio', { name: 'CSV' }).click();
    await page.getByTestId('redaction').or(page.getByText('Nothing found')).first().waitFor();
    await shot(page, '19-export');

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = readFileSync((await csvDownload.path())!, 'utf8');
    expect(csvDownload.suggestedFilename()).toMatch(/\.csv$/);
    const lines = csv
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r?\n/);
    const header = lines[0].split(',');
    const col = (name: string) => header.indexOf(name);
    const anachronismRow = lines.find((l) => l.includes('software.anachronism'));
    expect(anachronismRow, csv.slice(0, 400)).toBeDefined();
    const cells = anachronismRow!.split(',');
    expect(cells[col('verdict')]).toBe('fake');
    expect(cells[col('tags')]).toContain('e2e-forged');

    await page.getByRole('radio', { name: 'JSON' }).click();
    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
    const report = JSON.parse(readFileSync((await jsonDownload.path())!, 'utf8')) as {
      tool: string;
      documents: { verdict: string; tags: string[]; note: string; flags: { check: string }[] }[];
    };
    expect(report.tool).toBe('verity');
    expect(report.documents).toHaveLength(1);
    expect(report.documents[0].verdict).toBe('fake');
    expect(report.documents[0].tags).toContain('e2e-forged');
    expect(report.documents[0].note).toContain('Word 2019');
    expect(report.documents[0].flags.map((f) => f.check)).toContain('software.anachronism');
    await page.getByTestId('export-done').waitFor();
  }, 120_000);
});
