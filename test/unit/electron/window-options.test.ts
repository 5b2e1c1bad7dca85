// The app's CSP and origin check; the window options main.ts passes are checked in main.test.ts.
import { describe, expect, it } from 'vitest';
import { APP_CSP, isAppUrl } from '../../../electron/window-options.js';

describe('Electron app policy', () => {
  it('has a strict CSP: no inline or remote script, no plugins, no framing', () => {
    expect(APP_CSP).toContain("script-src 'self'");
    expect(APP_CSP).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(APP_CSP).toContain("object-src 'none'");
    expect(APP_CSP).toContain("frame-ancestors 'none'");
    expect(APP_CSP).not.toMatch(/https?:/);
  });
  it('accepts only the app origin', () => {
    expect(isAppUrl('verity://app/index.html')).toBe(true);
    expect(isAppUrl('https://evil.example/')).toBe(false);
    expect(isAppUrl('verity://app.evil/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
