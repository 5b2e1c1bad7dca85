// The OCR engine works offline: in a child process whose network calls all throw (main thread and
// worker threads), it recognises text; with language data missing it fails at once, naming the package.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOcrEngine } from '../../../src/extract/ocr/engine.js';
import { renderPicture } from './pictures.js';

const HERE = import.meta.dirname;

function runChild(langs: string): {
  out: { ok: boolean; text?: string; error?: string; langs?: string; version?: string };
  stderr: string;
  ms: number;
} {
  const t0 = Date.now();
  const r = spawnSync(
    process.execPath,
    ['--require', join(HERE, 'block-network.cjs'), '--import', 'tsx', join(HERE, 'ocr-child.mjs'), langs],
    {
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  return { out: JSON.parse(r.stdout || '{}') as never, stderr: r.stderr, ms: Date.now() - t0 };
}

describe('OCR engine offline', () => {
  it('recognises French and English with every network call blocked, in the worker thread too', () => {
    const { out, stderr } = runChild('eng+fra');
    // the blocker was armed in the main thread and in tesseract's worker thread
    expect(stderr).toMatch(/network-blocked thread=0/);
    expect(stderr).toMatch(/network-blocked thread=[1-9]/);
    expect(out.ok).toBe(true);
    expect(out.langs).toBe('eng+fra');
    expect(out.version).toMatch(/^7\./);
    expect(out.text).toMatch(/Kowalski/);
    expect(out.text).toMatch(/4821/);
    expect(out.text).toMatch(/Réunion/);
  });

  it('fails loudly, without hanging, when a language has no data package', () => {
    const { out, ms } = runChild('eng+deu');
    expect(out.ok).toBe(false);
    expect(out.error).toContain('@tesseract.js-data/deu');
    expect(out.error).toMatch(/missing/);
    expect(ms).toBeLessThan(60_000);
  });

  it('refuses a language code that is not one', () => {
    const { out } = runChild('../../etc');
    expect(out.ok).toBe(false);
    expect(out.error).toMatch(/not a tesseract language code/);
  });
});

describe('OCR engine abort', () => {
  it('an aborted page rejects at once and closes the engine (tesseract cannot stop mid-page)', async () => {
    // a noisy page tesseract needs many seconds for
    const page = await renderPicture({ lines: ['Rapport annuel'], width: 2480, height: 3508, fontPx: 40, noise: 60, seed: 9 });
    const engine = await createOcrEngine({ langs: ['eng'] });
    const t0 = Date.now();
    await expect(engine.recognize(page, AbortSignal.timeout(500))).rejects.toThrow(/abort|timeout/i);
    expect(Date.now() - t0).toBeLessThan(5000);
    await expect(engine.recognize(page)).rejects.toThrow(/closed/);
    await engine.close();
  });
});
