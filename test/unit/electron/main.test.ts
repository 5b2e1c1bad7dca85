// The real electron/main.ts, loaded over a recording 'electron': the sandbox comes before any window,
// the window gets the hardened options, the session and every web contents are locked down, the app
// is served with its CSP from dist/renderer only, and IPC answers the app's own top frame only.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_CSP } from '../../../electron/window-options.js';
import { createFakeElectron, FakeWebContents, navigationEvent, type FakeElectron } from './fake-electron.js';

const APP_PAGE = 'verity://app/index.html';

let dir: string;
let electron: FakeElectron;

/** Load electron/main.ts afresh over a new fake, and let its whenReady handler run. */
async function startMain(appPath: string): Promise<FakeElectron> {
  const fake = createFakeElectron({ appPath, userData: join(dir, 'userData') });
  vi.resetModules();
  vi.doMock('electron', () => fake.module);
  await import('../../../electron/main.js');
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
  return fake;
}

function win() {
  return electron.windows[0];
}

/** Call an IPC channel the way Electron would, from the given web contents and frame. */
function ipc(channel: string, sender: unknown, senderFrame: unknown, ...args: unknown[]): unknown {
  const handler = electron.ipcHandlers.get(channel);
  if (!handler) throw new Error(`main.ts registered no handler for ${channel}`);
  return handler({ sender, senderFrame }, ...args);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verity-electron-main-'));
  mkdirSync(join(dir, 'app', 'dist', 'renderer', 'assets'), { recursive: true });
  mkdirSync(join(dir, 'userData'));
  writeFileSync(join(dir, 'app', 'dist', 'renderer', 'index.html'), '<!doctype html><title>Verity</title>');
  writeFileSync(join(dir, 'app', 'dist', 'renderer', 'assets', 'app.js'), 'export {};');
  writeFileSync(join(dir, 'app', 'secret.txt'), 'outside the renderer');
  electron = await startMain(join(dir, 'app'));
});

afterAll(() => {
  vi.doUnmock('electron');
  rmSync(dir, { recursive: true, force: true });
});

describe('electron/main.ts', () => {
  it('sandboxes every renderer before the app is ready and before any window exists', () => {
    const sandbox = electron.calls.indexOf('app.enableSandbox');
    expect(sandbox).toBeGreaterThanOrEqual(0);
    expect(sandbox).toBeLessThan(electron.calls.indexOf('app.whenReady'));
    expect(sandbox).toBeLessThan(electron.calls.indexOf('new BrowserWindow'));
  });

  it('hardens the session and every web contents before the window is created and loaded', () => {
    const window = electron.calls.indexOf('new BrowserWindow');
    for (const call of [
      'session.setPermissionRequestHandler',
      'session.setPermissionCheckHandler',
      'session.setDevicePermissionHandler',
      'session.webRequest.onBeforeRequest',
      'app.on web-contents-created',
      'protocol.handle verity',
      'ipcMain.handle verity:invoke',
      'ipcMain.handle verity:shell',
    ]) {
      expect(electron.calls.indexOf(call), call).toBeGreaterThanOrEqual(0);
      expect(electron.calls.indexOf(call), call).toBeLessThan(window);
    }
    expect(electron.calls.indexOf('loadURL')).toBeGreaterThan(window);
  });

  it('creates the window with an isolated, sandboxed renderer without Node.js, and the built preload', () => {
    expect(electron.windows).toHaveLength(1);
    const wp = win().options.webPreferences as Record<string, unknown>;
    expect(wp.contextIsolation).toBe(true);
    expect(wp.sandbox).toBe(true);
    expect(wp.nodeIntegration).toBe(false);
    expect(wp.nodeIntegrationInWorker).toBe(false);
    expect(wp.nodeIntegrationInSubFrames).toBe(false);
    expect(wp.webSecurity).toBe(true);
    expect(wp.allowRunningInsecureContent).toBe(false);
    expect(wp.experimentalFeatures).toBe(false);
    expect(wp.enableBlinkFeatures).toBeUndefined();
    expect(wp.webviewTag).toBe(false);
    expect(wp.navigateOnDragDrop).toBe(false);
    expect(wp.spellcheck).toBe(false);
    expect(wp.preload).toBe(join(dir, 'app', 'dist', 'electron', 'preload.cjs'));
    expect(win().options.show).toBe(false);
    expect(win().loadedUrl).toBe(APP_PAGE);
  });

  it('registers the app scheme as standard and secure, and nothing else as privileged', () => {
    expect(electron.protocols.privileged).toEqual([
      { scheme: 'verity', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('denies every permission request and check, devices included', () => {
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen'])
      electron.session.permissionRequest!({}, permission, (granted) => answers.push(granted));
    expect(answers).toEqual([false, false, false, false, false]);
    expect(electron.session.permissionCheck!({}, 'media', 'verity://app', {})).toBe(false);
    expect(electron.session.devicePermission!({ deviceType: 'usb', origin: 'verity://app' })).toBe(false);
  });

  it('lets only the app origin and in-memory content load: no web, no file, no other host of the scheme', () => {
    const cancelled = (url: string) => {
      let answer: boolean | undefined;
      electron.session.beforeRequest!({ url }, (r) => (answer = r.cancel));
      return answer;
    };
    for (const url of [
      APP_PAGE,
      'verity://app/assets/app.js',
      'data:image/png;base64,AAAA',
      'blob:verity://app/1234',
      'devtools://devtools/x',
    ])
      expect(cancelled(url), url).toBe(false);
    for (const url of [
      'https://tracker.example/pixel.gif',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'ws://127.0.0.1:9/',
      'ftp://example.org/x',
      'verity://evil/index.html',
    ])
      expect(cancelled(url), url).toBe(true);
  });

  it('serves the built renderer with the CSP, and nothing outside dist/renderer', async () => {
    const serve = electron.protocols.handlers.get('verity')!;
    const page = await serve(new Request(APP_PAGE));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(page.headers.get('content-type')).toBe('text/html');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Verity</title>');
    expect((await serve(new Request('verity://app/'))).headers.get('content-security-policy')).toBe(APP_CSP);
    expect((await serve(new Request('verity://app/assets/app.js'))).headers.get('content-type')).toBe('text/javascript');
    for (const escape of ['verity://app/%2e%2e%2f%2e%2e%2fsecret.txt', 'verity://app/..%2f..%2fsecret.txt', 'verity://app/missing.js']) {
      const res = await serve(new Request(escape));
      expect(res.status, escape).toBe(404);
      expect(await res.text()).not.toContain('outside the renderer');
    }
  });

  it('keeps every web contents in the app: no navigation or redirect away, no new window, no webview', () => {
    const contents = new FakeWebContents('about:blank');
    electron.appEvents.emit('web-contents-created', {}, contents);
    for (const c of [contents, win().webContents]) {
      for (const event of ['will-navigate', 'will-redirect']) {
        const away = navigationEvent('https://evil.example/');
        c.emit(event, away);
        expect(away.prevented, event).toBe(true);
        const file = navigationEvent('file:///etc/passwd');
        c.emit(event, file);
        expect(file.prevented, event).toBe(true);
        const inside = navigationEvent('verity://app/index.html#/documents');
        c.emit(event, inside);
        expect(inside.prevented, event).toBe(false);
      }
      const webview = navigationEvent('verity://app/index.html');
      c.emit('will-attach-webview', webview, {}, {});
      expect(webview.prevented).toBe(true);
      expect(c.windowOpenHandler?.({ url: 'verity://app/index.html' })).toEqual({ action: 'deny' });
      expect(c.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    }
  });

  it("answers IPC from the app's own top frame only", async () => {
    const contents = win().webContents;
    const unauthorized = { ok: false, error: { code: 'unauthorized', message: 'not the app frame' } };
    // A sub-frame of the app, a top frame navigated elsewhere, another web contents, no frame.
    expect(await ipc('verity:invoke', contents, { url: APP_PAGE }, 'case.summary', {})).toEqual(unauthorized);
    const other = new FakeWebContents(APP_PAGE);
    expect(await ipc('verity:invoke', other, other.mainFrame, 'case.summary', {})).toEqual(unauthorized);
    expect(await ipc('verity:invoke', contents, null, 'case.summary', {})).toEqual(unauthorized);
    contents.mainFrame.url = 'https://evil.example/';
    expect(await ipc('verity:invoke', contents, contents.mainFrame, 'case.summary', {})).toEqual(unauthorized);
    contents.mainFrame.url = APP_PAGE;
    await expect(async () => ipc('verity:shell', other, other.mainFrame, 'recentCases')).rejects.toThrow('not the app frame');
    expect(electron.forks).toHaveLength(0);

    // The app's top frame: a well-formed method reaches the engine, a malformed one does not.
    expect(await ipc('verity:invoke', contents, contents.mainFrame, 'case.summary;rm', {})).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await ipc('verity:invoke', contents, contents.mainFrame, 'case.summary', { a: 1 })).toEqual({
      ok: true,
      value: { method: 'case.summary', input: { a: 1 } },
    });
  });

  it('runs the engine in a utility process from dist/api/host.js, with the Electron build of SQLite when there is one', async () => {
    const app = win().webContents;
    await ipc('verity:invoke', app, app.mainFrame, 'case.summary', {});
    expect(electron.forks).toHaveLength(1);
    expect(electron.forks[0].entry).toBe(join(dir, 'app', 'dist', 'api', 'host.js'));
    expect(electron.forks[0].options.env?.VERITY_SQLITE_BINDING).toBeUndefined();

    const root = join(dir, 'app-with-native');
    mkdirSync(join(root, '.native', 'electron'), { recursive: true });
    writeFileSync(join(root, '.native', 'electron', 'better_sqlite3.node'), '');
    const withNative = await startMain(root);
    const contents = withNative.windows[0].webContents;
    await withNative.ipcHandlers.get('verity:invoke')!({ sender: contents, senderFrame: contents.mainFrame }, 'case.summary', {});
    expect(withNative.forks[0].options.env?.VERITY_SQLITE_BINDING).toBe(join(root, '.native', 'electron', 'better_sqlite3.node'));
  });

  it('opens a case through the shell channel and lists it among the recent cases', async () => {
    const contents = win().webContents;
    const caseFile = join(dir, 'case.verity');
    writeFileSync(caseFile, '');
    expect(await ipc('verity:shell', contents, contents.mainFrame, 'openCase', { caseFile, dumpRoot: '/dump' })).toBe(true);
    expect(electron.forks[0].child.posted.at(-1)).toMatchObject({ type: 'open', caseFile, dumpRoot: '/dump' });
    expect(win().title).toBe(`Verity — ${caseFile}`);
    expect(await ipc('verity:shell', contents, contents.mainFrame, 'recentCases')).toMatchObject([{ caseFile, dumpRoot: '/dump' }]);
    await expect(async () => ipc('verity:shell', contents, contents.mainFrame, 'openCase', {})).rejects.toThrow(
      'openCase needs a case file',
    );
  });
});
