// Rendering scan progress for a person (a live bar on a terminal, plain lines otherwise) or for
// a machine (--json-progress: one JSON object per line).

import type { ScanProgress } from '../model/api.js';

function mb(n: number): string {
  return n >= 1e9 ? `${(n / 1e9).toFixed(2)} GB` : `${(n / 1e6).toFixed(1)} MB`;
}

function eta(s: number | null): string {
  if (s === null) return '--:--';
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h ? `${h}h${String(m).padStart(2, '0')}m` : `${m}:${String(sec).padStart(2, '0')}`;
}

/** The OCR stage: documents looked at, pages recognised, pages per second and its own ETA. */
function ocrPart(p: ScanProgress): string {
  const o = p.ocr;
  if (!o) return '';
  const failed = o.documents.failed ? ` (${o.documents.failed} failed)` : '';
  return ` · OCR ${o.langs} docs ${o.documents.done}/${o.documents.total}${failed} pages ${o.pages.done}/${o.pages.planned} · ${o.pagesPerSecond.toFixed(2)} pages/s · ETA ${eta(o.etaSeconds)}`;
}

function progressLine(p: ScanProgress): string {
  const d = p.documents;
  return `${p.state} files ${p.files.done}/${p.files.discovered}${p.walkComplete ? '' : '+'} · ${mb(p.bytes.done)}/${mb(p.bytes.discovered)} · ${mb(p.rate)}/s · ETA ${eta(p.etaSeconds)} · docs found ${d.discovered} extracted ${d.extracted} indexed ${d.indexed} analysed ${d.analysed} · errors ${p.errors}${ocrPart(p)}`;
}

export interface ProgressView {
  update(p: ScanProgress): void;
  /** The scan's result, shown once at the end. */
  end(p: ScanProgress): void;
}

export function createProgressView(mode: 'tty' | 'plain' | 'json', out: NodeJS.WriteStream = process.stderr): ProgressView {
  let lastPlain = 0;
  if (mode === 'json') {
    return {
      update: (p) => process.stdout.write(`${JSON.stringify({ type: 'progress', ...p })}\n`),
      end: (p) => process.stdout.write(`${JSON.stringify({ type: 'done', ...p })}\n`),
    };
  }
  if (mode === 'plain') {
    return {
      update: (p) => {
        if (Date.now() - lastPlain < 5000) return;
        lastPlain = Date.now();
        out.write(`${progressLine(p)}\n`);
      },
      end: (p) => out.write(`${progressLine(p)}\n`),
    };
  }
  return {
    update: (p) => {
      const width = Math.max(20, Math.min(40, (out.columns ?? 100) - 90));
      // Bytes of finished files against bytes found: never 100% while files are queued or the walk
      // goes on. During OCR, the documents OCR has looked at against those it will.
      const o = p.state === 'ocr' ? p.ocr : undefined;
      const frac = o
        ? o.documents.total > 0
          ? o.documents.done / o.documents.total
          : 1
        : p.bytes.discovered > 0
          ? Math.min(1, p.bytes.done / p.bytes.discovered) * (p.walkComplete ? 1 : 0.99)
          : 0;
      const filled = Math.round(frac * width);
      const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}%`;
      const line = `${bar} ${progressLine(p)}`;
      out.write(`\r\x1b[2K${line.slice(0, (out.columns ?? 200) - 1)}`);
    },
    end: (p) => out.write(`\r\x1b[2K${progressLine(p)}\n`),
  };
}
