// Electron main: window, protocol, dialogs, menu, recent cases, and the relay between the renderer
// (IPC) and the engine (utility process). Thin on purpose: all work is in src/ (docs/electron.md).
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, type IpcMainInvokeEvent, type MenuItemConstructorOptions } from 'electron';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { APP_CSP, APP_ORIGIN, isAppUrl, windowOptions } from './window-options.js';
import { hardenContents, hardenSession } from './security.js';
import { EngineProcess } from './engine.js';

// Everything the shell loads is built under the app's root (the folder of package.json).
const ROOT = app.getAppPath();
const RENDERER_DIR = join(ROOT, 'dist', 'renderer');
const PRELOAD = join(ROOT, 'dist', 'electron', 'preload.cjs');
const ENGINE_ENTRY = join(ROOT, 'dist', 'api', 'host.js');
const ELECTRON_SQLITE = join(ROOT, '.native', 'electron', 'better_sqlite3.node');

const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
};

// SECURITY: every renderer is sandboxed, before any window exists.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([{ scheme: 'verity', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let win: BrowserWindow | null = null;
let engine: EngineProcess;

function recentFile(): string {
  return join(app.getPath('userData'), 'recent-cases.json');
}

interface RecentCase {
  caseFile: string;
  dumpRoot: string | null;
  openedAt: string;
}

function readRecent(): RecentCase[] {
  try {
    return (JSON.parse(readFileSync(recentFile(), 'utf8')) as RecentCase[]).filter((r) => existsSync(r.caseFile)).slice(0, 10);
  } catch {
    return [];
  }
}

function remember(caseFile: string, dumpRoot: string | null): void {
  const list = [{ caseFile, dumpRoot, openedAt: new Date().toISOString() }, ...readRecent().filter((r) => r.caseFile !== caseFile)].slice(
    0,
    10,
  );
  writeFileSync(recentFile(), JSON.stringify(list, null, 2));
}

/** Serve the built renderer from verity://app/ with the app's CSP; nothing outside dist/renderer. */
async function serveApp(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
  const file = normalize(join(RENDERER_DIR, rel));
  if (!file.startsWith(RENDERER_DIR + sep)) return new Response('not found', { status: 404 });
  try {
    const body = await readFile(file);
    return new Response(body, {
      headers: {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': APP_CSP,
        'x-content-type-options': 'nosniff',
      },
    });
  } catch {
    return new Response('not found', { status: 404 });
  }
}

function senderOk(e: IpcMainInvokeEvent): boolean {
  // SECURITY: only the app's own top frame may call the engine.
  return !!e.senderFrame && e.senderFrame === e.sender.mainFrame && isAppUrl(e.senderFrame.url) && e.sender === win?.webContents;
}

async function openCase(caseFile: string, dumpRoot: string | null): Promise<void> {
  await engine.open(caseFile, dumpRoot);
  remember(caseFile, dumpRoot);
  win?.setTitle(`Verity — ${caseFile}`);
}

async function shellAction(action: string, arg: unknown): Promise<unknown> {
  if (!win) return null;
  switch (action) {
    case 'pickDump': {
      const r = await dialog.showOpenDialog(win, { title: 'Choose the dump folder (opened read-only)', properties: ['openDirectory'] });
      return r.canceled ? null : r.filePaths[0];
    }
    case 'pickCase': {
      const r = await dialog.showSaveDialog(win, {
        title: 'Case file',
        defaultPath: 'case.verity',
        filters: [{ name: 'Verity case', extensions: ['verity'] }],
      });
      return r.canceled ? null : r.filePath;
    }
    case 'pickSaveFile': {
      const name = typeof arg === 'string' ? arg : 'report';
      const r = await dialog.showSaveDialog(win, { title: 'Save report', defaultPath: name });
      return r.canceled ? null : r.filePath;
    }
    case 'recentCases':
      return readRecent();
    case 'openCase': {
      const a = arg as { caseFile?: unknown; dumpRoot?: unknown };
      if (typeof a?.caseFile !== 'string') throw new Error('openCase needs a case file');
      await openCase(a.caseFile, typeof a.dumpRoot === 'string' ? a.dumpRoot : null);
      return true;
    }
    default:
      throw new Error(`unknown shell action ${action}`);
  }
}

function buildMenu(): void {
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        { label: 'New Case…', accelerator: 'CmdOrCtrl+N', click: () => win?.webContents.send('verity:event', 'menu', 'new-case') },
        { label: 'Open Case…', accelerator: 'CmdOrCtrl+O', click: () => win?.webContents.send('verity:event', 'menu', 'open-case') },
        { label: 'Export Report…', accelerator: 'CmdOrCtrl+E', click: () => win?.webContents.send('verity:event', 'menu', 'export') },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { label: 'Overview', accelerator: 'CmdOrCtrl+1', click: () => win?.webContents.send('verity:event', 'menu', 'overview') },
        { label: 'Documents', accelerator: 'CmdOrCtrl+2', click: () => win?.webContents.send('verity:event', 'menu', 'documents') },
        { label: 'People', accelerator: 'CmdOrCtrl+3', click: () => win?.webContents.send('verity:event', 'menu', 'people') },
        { type: 'separator' },
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function createWindow(): void {
  win = new BrowserWindow(windowOptions(PRELOAD));
  win.once('ready-to-show', () => win?.show());
  win.on('closed', () => {
    win = null;
  });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.whenReady().then(() => {
    hardenSession();
    hardenContents();
    protocol.handle('verity', serveApp);
    engine = new EngineProcess(
      ENGINE_ENTRY,
      existsSync(ELECTRON_SQLITE) ? { VERITY_SQLITE_BINDING: ELECTRON_SQLITE } : {},
      (topic, payload) => {
        win?.webContents.send('verity:event', topic, payload);
      },
    );
    ipcMain.handle('verity:invoke', (e, method: unknown, input: unknown) => {
      if (!senderOk(e)) return { ok: false, error: { code: 'unauthorized', message: 'not the app frame' } };
      if (typeof method !== 'string' || !/^[a-z]+\.[a-zA-Z]+$/.test(method))
        return { ok: false, error: { code: 'invalid-input', message: 'bad method name' } };
      return engine.call(method, input);
    });
    ipcMain.handle('verity:shell', (e, action: unknown, arg: unknown) => {
      if (!senderOk(e)) throw new Error('not the app frame');
      return shellAction(String(action), arg);
    });
    buildMenu();
    createWindow();
    const [caseArg] = process.argv.slice(app.isPackaged ? 1 : 2).filter((a) => a.endsWith('.verity'));
    if (caseArg) void openCase(caseArg, null);
  });
  app.on('window-all-closed', () => {
    engine?.kill();
    app.quit();
  });
}
