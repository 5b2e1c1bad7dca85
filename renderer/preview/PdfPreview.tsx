// PDF pages drawn to canvases by pdf.js (bundled worker), with scripting and eval off: a PDF's
// JavaScript never runs and no font or image is fetched from outside the app.
import { useEffect, useRef, useState } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useClient } from '../api/context.js';
import { fetchContent } from './content.js';
import { ErrorNote, Loading } from '../components/ui.js';
import { bytes } from '../components/format.js';

// Standard fonts and decoders ship inside the app; pdf.js asks for them by file name.
const FONT_URLS = import.meta.glob('../../node_modules/pdfjs-dist/standard_fonts/*.{pfb,ttf}', {
  query: '?url',
  import: 'default',
  eager: true,
}) as Record<string, string>;
const WASM_URLS = import.meta.glob('../../node_modules/pdfjs-dist/wasm/*.wasm', {
  query: '?url',
  import: 'default',
  eager: true,
}) as Record<string, string>;

class BundledDataFactory {
  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const table = kind === 'wasmUrl' ? WASM_URLS : FONT_URLS;
    const url = Object.entries(table).find(([k]) => k.endsWith(`/${filename}`))?.[1];
    if (!url) throw new Error(`no bundled ${kind} file ${filename}`);
    return new Uint8Array(await (await fetch(url)).arrayBuffer());
  }
}

const MAX_PAGES = 30;

export function PdfPreview({ id }: { id: string }) {
  const client = useClient();
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [info, setInfo] = useState<{ size: number; truncated: boolean } | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [scale, setScale] = useState(1.1);

  useEffect(() => {
    const controller = new AbortController();
    let loaded: PDFDocumentProxy | null = null;
    (async () => {
      try {
        const content = await fetchContent(client, id, controller.signal);
        setInfo({ size: content.size, truncated: content.truncated });
        const pdfjs = await import('pdfjs-dist');
        pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
        const task = pdfjs.getDocument({
          data: content.bytes,
          isEvalSupported: false,
          enableScripting: false,
          useWorkerFetch: false,
          BinaryDataFactory: BundledDataFactory,
          stopAtErrors: false,
        } as Parameters<typeof pdfjs.getDocument>[0]);
        loaded = await task.promise;
        if (controller.signal.aborted) {
          void loaded.destroy();
          return;
        }
        setDoc(loaded);
      } catch (e) {
        if (!controller.signal.aborted) setError(e as Error);
      }
    })();
    return () => {
      controller.abort();
      void loaded?.destroy();
    };
  }, [client, id]);

  if (error) return <ErrorNote error={error} />;
  if (!doc) return <Loading label="Rendering the PDF" />;
  const pages = Math.min(doc.numPages, MAX_PAGES);
  return (
    <div className="pdf-preview">
      <div className="body-bar">
        <span className="muted">
          {doc.numPages} page{doc.numPages === 1 ? '' : 's'}
          {doc.numPages > MAX_PAGES ? ` (first ${MAX_PAGES} shown)` : ''} · {info ? bytes(info.size) : ''}
          {info?.truncated ? ' · truncated for preview' : ''} · scripts disabled
        </span>
        <span className="push" />
        <button type="button" className="btn small" onClick={() => setScale((s) => Math.max(0.5, s - 0.2))} aria-label="Zoom out">
          −
        </button>
        <span className="small">{Math.round(scale * 100)}%</span>
        <button type="button" className="btn small" onClick={() => setScale((s) => Math.min(3, s + 0.2))} aria-label="Zoom in">
          +
        </button>
      </div>
      <div className="pdf-pages" data-testid="pdf-pages">
        {Array.from({ length: pages }, (_, i) => (
          <PdfPage key={i} doc={doc} number={i + 1} scale={scale} />
        ))}
      </div>
    </div>
  );
}

function PdfPage({ doc, number, scale }: { doc: PDFDocumentProxy; number: number; scale: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    let task: { cancel(): void; promise: Promise<void> } | null = null;
    (async () => {
      try {
        const page = await doc.getPage(number);
        if (cancelled || !canvas.current) return;
        const ratio = window.devicePixelRatio || 1;
        const viewport = page.getViewport({ scale: scale * ratio });
        const c = canvas.current;
        c.width = Math.floor(viewport.width);
        c.height = Math.floor(viewport.height);
        c.style.width = `${Math.floor(viewport.width / ratio)}px`;
        c.style.height = `${Math.floor(viewport.height / ratio)}px`;
        task = page.render({ canvas: c, canvasContext: c.getContext('2d')!, viewport });
        await task.promise;
      } catch (e) {
        if (!cancelled && (e as Error).name !== 'RenderingCancelledException') setError((e as Error).message);
      }
    })();
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, number, scale]);
  return (
    <figure className="pdf-page">
      {error ? (
        <div className="error-note">
          Page {number} cannot be drawn: {error}
        </div>
      ) : (
        <canvas ref={canvas} aria-label={`Page ${number}`} />
      )}
      <figcaption>Page {number}</figcaption>
    </figure>
  );
}
