// Session and web-contents hardening: no permission, no request leaving the app, no navigation,
// no new window, no webview. Why each one: docs/electron.md.
import { app, session, type Session, type WebContents } from 'electron';
import { isAppUrl } from './window-options.js';

/** Besides the app's own origin, only in-memory content and the developer tools may load. */
const IN_MEMORY = /^(data|blob|devtools):/;

export function hardenSession(ses: Session = session.defaultSession): void {
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !(isAppUrl(details.url) || IN_MEMORY.test(details.url)) });
  });
}

export function hardenContents(): void {
  app.on('web-contents-created', (_e, contents: WebContents) => {
    contents.on('will-navigate', (event) => {
      if (!isAppUrl(event.url)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      if (!isAppUrl(event.url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
