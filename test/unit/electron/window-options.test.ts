// The Electron window's security options, asserted one by one (Electron security checklist).
import { describe, expect, it } from 'vitest';
import { APP_CSP, isAppUrl, windowOptions } from '../../../electron/window-options.js';

describe('Electron window security', () => {
  const wp = windowOptions('/app/preload.cjs').webPreferences!;
  it('isolates and sandboxes the renderer, with no Node.js in it', () => {
    expect(wp.contextIsolation).toBe(true);
    expect(wp.sandbox).toBe(true);
    expect(wp.nodeIntegration).toBe(false);
    expect(wp.nodeIntegrationInWorker).toBe(false);
    expect(wp.nodeIntegrationInSubFrames).toBe(false);
    expect(wp.webviewTag).toBe(false);
    expect(wp.webSecurity).toBe(true);
    expect(wp.allowRunningInsecureContent).toBe(false);
    expect(wp.experimentalFeatures).toBe(false);
    expect(wp.enableBlinkFeatures).toBeUndefined();
    expect(wp.spellcheck).toBe(false);
    expect(wp.preload).toBe('/app/preload.cjs');
  });
  it('has a strict CSP: no inline or remote script, no plugins, no framing', () => {
    expect(APP_CSP).toContain("script-src 'self'");
    expect(APP_CSP).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(APP_CSP).toContain("object-src 'none'");
    expect(APP_CSP).toContain("frame-ancestors 'none'");
    expect(APP_CSP).not.toMatch(/https?:/);
  });
  it('accepts IPC only from the app origin', () => {
    expect(isAppUrl('verity://app/index.html')).toBe(true);
    expect(isAppUrl('https://evil.example/')).toBe(false);
    expect(isAppUrl('verity://app.evil/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
