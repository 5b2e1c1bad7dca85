// Session-wide hardening (Electron security checklist items 5, 13, 14): deny every permission,
// block navigation and new windows, and refuse any request that would leave the machine.
// SECURITY: a dump can hold tracking pixels and scripts; Verity never fetches remote content.

import { app, session, shell, type Session, type WebContents } from 'electron';
import { isAppUrl } from './window-options.js';

export function hardenSession(ses: Session = session.defaultSession): void {
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // Only the app's own scheme and in-memory data may load; http(s), ws, file and ftp never do.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const ok = /^(verity|devtools|data|blob):/.test(details.url);
    callback({ cancel: !ok });
  });
}

export function hardenContents(): void {
  app.on('web-contents-created', (_e, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/** Links the analyst clicks in the UI chrome (never in dump content) may open in the system browser. */
export function openExternalSafely(url: string): void {
  if (/^https:\/\//.test(url)) void shell.openExternal(url);
}
