import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { htmlExtractor } from '../../../../src/extract/text/html.js';
import { MIME } from '../../../../src/extract/mime.js';
import { BufferSource } from '../../../../src/extract/common/byte-source.js';
import type { ExtractOutput } from '../../../../src/extract/types.js';
import { DEFAULT_LIMITS } from '../../../../src/ingest/limits.js';

async function run(bytes: Uint8Array, limits = DEFAULT_LIMITS): Promise<ExtractOutput> {
  const source = new BufferSource(bytes);
  return htmlExtractor.extract(
    { source, name: 'page.html', mime: MIME.html, sha256: '', size: bytes.length, depth: 0 },
    { limits, signal: new AbortController().signal, warn: () => {} },
  );
}

const PAGE = `<!DOCTYPE html>
<html><head>
<meta charset="windows-1252">
<title>Quarterly  report &amp; outlook</title>
<meta name="author" content="Jane Doe">
<meta name="generator" content="Microsoft Word 15 (filtered)">
<meta name="dcterms.created" content="2016-03-01T09:30:00+01:00">
<style>body { color: red } .secret { display: none }</style>
<script>var tracking = "should never appear"; fetch("https://tracker.example/p.gif");</script>
<link rel="stylesheet" href="https://cdn.example/x.css">
</head>
<body><h1>Résumé</h1><p>Caf&eacute; prices rose 5&nbsp;% &mdash; see <a href="https://example.org/x">the note</a>.</p>
<img src="https://tracker.example/pixel.gif" alt=""><noscript>enable scripts</noscript>
<div>Second&nbsp;line</div></body></html>`;

describe('html extractor', () => {
  it('extracts visible text, title, author, generator and dates; skips script and style', async () => {
    const out = await run(iconv.encode(PAGE, 'windows-1252'));
    expect(out.title).toBe('Quarterly report & outlook');
    // The one HTML-to-text path is html-to-text, called as mailparser calls it for mail: headings in
    // capitals, a link's address after its text (searchable: analysts look for domains).
    expect(out.text).toContain('RÉSUMÉ');
    expect(out.text).toContain('Café prices rose 5\u00a0% — see the note [https://example.org/x].');
    expect(out.text).toContain('Second\u00a0line');
    expect(out.text).not.toMatch(/tracking|color: red|should never appear/);
    expect(out.facts!.charset).toBe('windows-1252');
    expect(out.facts!.people).toEqual([{ role: 'author', name: 'Jane Doe', source: 'html:author' }]);
    expect(out.facts!.software).toEqual([{ role: 'creator', value: 'Microsoft Word 15 (filtered)', source: 'html:generator' }]);
    expect(out.facts!.dates).toEqual([
      {
        role: 'created',
        source: 'html:dcterms.created',
        raw: '2016-03-01T09:30:00+01:00',
        utc: '2016-03-01T08:30:00.000Z',
        offsetMinutes: 60,
      },
    ]);
    expect(out.metadata).toContainEqual({ source: 'html', key: 'generator', value: 'Microsoft Word 15 (filtered)' });
  });

  it('prefers valid UTF-8 bytes over a wrong <meta charset>', async () => {
    const out = await run(Buffer.from('<html><head><meta charset="iso-8859-1"></head><body>Zoë’s naïve café</body></html>'));
    expect(out.facts!.charset).toBe('UTF-8');
    expect(out.text).toBe('Zoë’s naïve café');
  });

  it('uses the http-equiv Content-Type charset for legacy bytes', async () => {
    const html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r"></head><body>Привет, мир</body></html>';
    const out = await run(iconv.encode(html, 'koi8-r'));
    expect(out.facts!.charset).toBe('koi8-r');
    expect(out.text).toBe('Привет, мир');
  });

  it('caps the text of a huge page and returns promptly', async () => {
    const big = '<html><body>' + '<p>lorem ipsum dolor sit amet</p>'.repeat(200_000) + '</body></html>';
    const t0 = Date.now();
    const out = await run(Buffer.from(big), { ...DEFAULT_LIMITS, maxTextChars: 5000 });
    expect(out.text!.length).toBeLessThanOrEqual(5000);
    expect(out.text!.startsWith('lorem ipsum')).toBe(true);
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('refuses unclosed, deeply nested markup quickly and says why, keeping the title', async () => {
    // htmlparser2's Parser (under html-to-text) needs ~25 s for 100k unclosed tags (quadratic): such
    // markup is refused by a linear depth test first, as mailparser refuses it in mail.
    const t0 = Date.now();
    const warnings: string[] = [];
    const html = '<html><head><title>Deep</title></head><body>' + '<div><span>'.repeat(100_000) + 'deep text<script>never closed';
    const bytes = Buffer.from(html);
    const out = await htmlExtractor.extract(
      { source: new BufferSource(bytes), name: 'deep.html', mime: MIME.html, sha256: '', size: bytes.length, depth: 0 },
      { limits: DEFAULT_LIMITS, signal: new AbortController().signal, warn: (_code, message) => warnings.push(message) },
    );
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(out.title).toBe('Deep');
    expect(out.text).not.toContain('never closed');
    expect(warnings.join('\n')).toMatch(/nested deeper than 1000 levels/);
  });

  it('gives an HTML file the same text mail gets for the same HTML (one path)', async () => {
    const body =
      '<h2>Ordre du jour</h2><p>Budget <b>2017</b> : voir <a href="https://exemple.fr/b">le tableau</a></p><ul><li>un</li><li>deux</li></ul>';
    const file = await run(Buffer.from(`<html><body>${body}</body></html>`));
    const mail = Buffer.from(
      `From: a@exemple.fr\r\nTo: b@exemple.fr\r\nSubject: x\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body>${body}</body></html>`,
    );
    const { simpleParser } = await import('mailparser');
    const parsed = await simpleParser(mail);
    expect(file.text).toBe(parsed.text);
  });
});
