// The BrowserWindow options of Verity's window, the app's CSP and origin. SECURITY: the renderer
// shows content from hostile dumps; relax nothing without reading docs/electron.md.
import type { BrowserWindowConstructorOptions } from 'electron';

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: 'Verity',
    backgroundColor: '#0f1115',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true, // checklist 3: the preload's world is apart from the page's
      sandbox: true, // checklist 4: the renderer is an OS-sandboxed process
      nodeIntegration: false, // checklist 2
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true, // checklist 6
      allowRunningInsecureContent: false, // checklist 8
      experimentalFeatures: false, // checklist 9
      enableBlinkFeatures: undefined, // checklist 10
      webviewTag: false, // checklist 12
      navigateOnDragDrop: false,
      spellcheck: false, // no dictionary download, nothing of the dump leaves the machine
      safeDialogs: true,
      disableDialogs: false,
    },
  };
}

/** The Content-Security-Policy of the app's own pages (checklist 7). */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The app is served from this origin; IPC from any other frame is refused. */
export const APP_ORIGIN = 'verity://app';

/** May a web contents at this URL talk to the engine? Only the app's own top frame. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}
