// One tesseract.js worker with everything local: worker script and WASM core from node_modules,
// language data from @tesseract.js-data/<lang>; no CDN, no cache written (docs/ocr.md).

import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createWorker, OEM, PSM, type RecognizeResult, type Worker } from 'tesseract.js';
import { OCR_DPI } from './render.js';
import type { OcrEngine, OcrOptions } from './types.js';

export const DEFAULT_OCR_LANGS: readonly string[] = ['eng', 'fra'];

/** The LSTM-only integer models (the data tesseract.js itself uses for its default engine mode). */
const DATA_FOLDER = '4.0.0_best_int';

const require = createRequire(import.meta.url);

/** The gzipped traineddata of a language, or an Error naming the package to install. */
function languageDataFile(lang: string): string {
  if (!/^[a-z]{3}(_[a-z]+)?$/i.test(lang))
    throw new Error(`OCR language '${lang}' is not a tesseract language code (e.g. eng, fra, chi_sim)`);
  const pkg = `@tesseract.js-data/${lang}`;
  let folder: string;
  try {
    folder = dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    throw new Error(`OCR language data for '${lang}' is missing: install the npm package ${pkg} (nothing is downloaded at run time)`);
  }
  const file = join(folder, DATA_FOLDER, `${lang}.traineddata.gz`);
  if (!existsSync(file)) throw new Error(`OCR language data for '${lang}' is missing: ${file} not found in the npm package ${pkg}`);
  return file;
}

function tesseractVersion(): string {
  return (require('tesseract.js/package.json') as { version: string }).version;
}

/**
 * Start one tesseract worker for `opts.langs`. tesseract.js reads every language from one folder,
 * so a private temporary folder links to each package's file while the worker loads them, and is
 * removed at once. Rejects (never hangs) when a language cannot be loaded.
 */
export async function createOcrEngine(opts: OcrOptions = { langs: [...DEFAULT_OCR_LANGS] }): Promise<OcrEngine> {
  const langs = opts.langs.length > 0 ? [...new Set(opts.langs)] : [...DEFAULT_OCR_LANGS];
  const files = langs.map((l) => languageDataFile(l));
  const langDir = mkdtempSync(join(tmpdir(), 'verity-ocr-lang-'));
  let failure: ((e: Error) => void) | undefined;
  const failed = new Promise<never>((_, reject) => {
    failure = reject;
  });
  let worker: Worker | undefined;
  try {
    langs.forEach((l, i) => symlinkSync(files[i], join(langDir, `${l}.traineddata.gz`)));
    // tesseract.js resolves a failed job through errorHandler; without one it throws in its message
    // handler (an uncaught exception), and a failed language load never settles createWorker.
    const created = createWorker(langs.join('+'), OEM.LSTM_ONLY, {
      langPath: langDir,
      cacheMethod: 'none',
      gzip: true,
      errorHandler: (e: unknown) => failure?.(new Error(`tesseract.js: ${String(e)}`)),
    });
    worker = await Promise.race([created, failed]);
  } catch (e) {
    void worker?.terminate();
    throw new Error(`OCR engine could not start for ${langs.join('+')}: ${(e as Error).message ?? String(e)}`, { cause: e });
  } finally {
    rmSync(langDir, { recursive: true, force: true });
  }
  const w = worker;
  failure = undefined;
  // Pages arrive at about 300 dpi (PDF pages rendered so, pictures scaled to 1,800+ px wide); saying so
  // spares tesseract its guess and its 'Estimating resolution' line on stderr for every page.
  await w.setParameters({ tessedit_pageseg_mode: PSM.AUTO, user_defined_dpi: String(OCR_DPI) });
  let closed = false;
  return {
    version: tesseractVersion(),
    langs: langs.join('+'),
    async recognize(image: Uint8Array, signal?: AbortSignal) {
      if (closed) throw new Error('OCR engine is closed');
      signal?.throwIfAborted();
      const job = w.recognize(Buffer.from(image.buffer, image.byteOffset, image.byteLength));
      if (!signal) return read(await job);
      // tesseract cannot stop a page half-way: an abort ends the worker (a pathological page can take minutes)
      let onAbort = (): void => undefined;
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () => {
          closed = true;
          void w.terminate();
          reject(signal.reason ?? new Error('aborted'));
        };
        signal.addEventListener('abort', onAbort, { once: true });
      });
      try {
        return read(await Promise.race([job, aborted]));
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await w.terminate();
    },
  };
}

function read(r: RecognizeResult): { text: string; confidence: number } {
  return { text: r.data.text, confidence: r.data.confidence ?? 0 };
}
