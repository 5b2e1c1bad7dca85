// Email HTML made inert for display: three layers, any one enough to stop a pixel or a script
// (DOMPurify, remote references removed and counted, a sandboxed iframe with its own CSP; docs/renderer.md).
import DOMPurify from 'dompurify';

const EMAIL_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

/** A grey box drawn in place of each blocked remote image. */
const BLOCKED_IMG =
  'data:image/svg+xml;base64,' +
  btoa(
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="32"><rect width="120" height="32" fill="#eceff3" stroke="#b8c0cc"/><text x="60" y="20" font-family="sans-serif" font-size="10" text-anchor="middle" fill="#5b6576">remote image blocked</text></svg>',
  );

/** Attributes that make a browser fetch an image: counted as blocked remote images. */
const IMAGE_ATTRS = ['src', 'srcset', 'background', 'poster', 'lowsrc', 'dynsrc'];
/** Other attributes that could reach the network: removed without comment. */
const OTHER_FETCH_ATTRS = ['data', 'xlink:href', 'action', 'formaction', 'ping', 'longdesc'];
const CSS_URL = /url\(\s*(['"]?)(?!data:)[^)]*\1\s*\)/gi;
const CSS_IMPORT = /@import[^;]*;?/gi;

export interface SanitizedEmail {
  html: string;
  remoteBlocked: number;
  /** Links kept as text only: their targets, shown on hover. */
  links: number;
}

/** `cidImages` maps Content-ID to a data: URL for inline images carried by the message itself. */
export function sanitizeEmailHtml(raw: string, cidImages: Map<string, string> = new Map()): SanitizedEmail {
  let remoteBlocked = 0;
  let links = 0;
  const purify = DOMPurify();
  purify.addHook('uponSanitizeElement', (node, data) => {
    // A <style> element may fetch through url() and @import: strip those, keep the rest.
    if (data.tagName === 'style' && node.textContent) {
      const before = node.textContent;
      const after = before.replace(CSS_IMPORT, '').replace(CSS_URL, 'none');
      if (after !== before) {
        remoteBlocked += (before.match(CSS_URL)?.length ?? 0) + (before.match(CSS_IMPORT)?.length ?? 0);
        node.textContent = after;
      }
    }
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element;
    if (!el.getAttribute) return;
    for (const attr of OTHER_FETCH_ATTRS) el.removeAttribute(attr);
    for (const attr of IMAGE_ATTRS) {
      const v = el.getAttribute(attr);
      if (v === null) continue;
      const value = v.trim();
      if (attr === 'src' && /^cid:/i.test(value)) {
        const data = cidImages.get(value.slice(4).replace(/^<|>$/g, ''));
        if (data) {
          el.setAttribute('src', data);
          continue;
        }
      }
      if (/^data:image\//i.test(value) && attr === 'src') continue;
      el.removeAttribute(attr);
      remoteBlocked++;
      if (el.tagName === 'IMG' && attr === 'src') {
        el.setAttribute('src', BLOCKED_IMG);
        el.setAttribute('title', `blocked: ${value.slice(0, 300)}`);
      }
    }
    const style = el.getAttribute('style');
    if (style && CSS_URL.test(style)) {
      CSS_URL.lastIndex = 0;
      remoteBlocked += style.match(CSS_URL)?.length ?? 0;
      el.setAttribute('style', style.replace(CSS_URL, 'none'));
    }
    CSS_URL.lastIndex = 0;
    // Links are shown, never followed: the target moves to a tooltip.
    if (el.tagName === 'A' || el.tagName === 'AREA') {
      const href = el.getAttribute('href');
      if (href !== null) {
        el.removeAttribute('href');
        el.setAttribute('title', `link (not followed): ${href.slice(0, 500)}`);
        el.setAttribute('data-link', '1');
        links++;
      }
      el.removeAttribute('target');
    }
  });
  const html = purify.sanitize(raw, {
    WHOLE_DOCUMENT: false,
    FORBID_TAGS: [
      'form',
      'input',
      'button',
      'select',
      'textarea',
      'iframe',
      'frame',
      'frameset',
      'object',
      'embed',
      'applet',
      'link',
      'meta',
      'base',
      'audio',
      'video',
      'source',
      'track',
      'portal',
    ],
    FORBID_ATTR: ['srcdoc', 'http-equiv'],
    ALLOW_DATA_ATTR: false,
    ADD_TAGS: ['style'],
  }) as string;
  return { html, remoteBlocked, links };
}

/** The iframe's whole document: CSP first, a base style, then the sanitised body. */
export function emailDocument(body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${EMAIL_CSP}"><meta name="referrer" content="no-referrer"><style>body{font:13px/1.45 system-ui,sans-serif;color:#1c2330;margin:12px;word-wrap:break-word}a[data-link]{color:#1f5fbf;text-decoration:underline dotted;cursor:help}img{max-width:100%}</style></head><body>${body}</body></html>`;
}
