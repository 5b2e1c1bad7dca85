// Text recognised by OCR, page by page, each beside the picture it was read from (a PDF page drawn
// by the engine, or the image itself), marked as OCR with its engine, languages and confidence.
import { useEffect, useState } from 'react';
import { useClient } from '../../api/context.js';
import { fetchContent } from '../../preview/content.js';
import type { DocumentKind, OcrPageView } from '../../api/types.js';
import { ErrorNote, Loading } from '../../components/ui.js';

const REASONS: Record<string, string> = {
  'no-text': 'the page has no text of its own',
  'low-text-coverage': 'its text covers almost none of its pictures',
  'invisible-text': 'a searchable scan: invisible text over a picture',
  'text-under-image': 'a searchable scan: text hidden under a picture',
  'document-image': 'the picture looks like a document',
};

/** The base64 of a picture as bytes. */
function fromBase64(base64: string): Uint8Array {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** A picture loaded through the api as an object URL, revoked when it changes or goes. */
function Picture({
  load,
  deps,
  label,
  page,
}: {
  load: (signal: AbortSignal) => Promise<Blob>;
  deps: unknown[];
  label: string;
  page?: number;
}) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    let made: string | null = null;
    load(controller.signal).then(
      (blob) => {
        if (controller.signal.aborted) return;
        made = URL.createObjectURL(blob);
        setUrl(made);
      },
      (e: Error) => !controller.signal.aborted && setError(e),
    );
    return () => {
      controller.abort();
      if (made) URL.revokeObjectURL(made);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `deps` says what the picture is
  }, deps);
  if (error) return <ErrorNote error={error} />;
  if (!url) return <Loading label={`Loading ${label}`} />;
  return <img className="ocr-page-image" src={url} alt={label} data-testid="ocr-page-image" data-page={page} />;
}

function PdfPageImage({ id, page }: { id: string; page: number }) {
  const client = useClient();
  const load = async (signal: AbortSignal) =>
    new Blob([fromBase64((await client.call('document.pageImage', { id, page }, signal)).base64) as BlobPart], { type: 'image/png' });
  return <Picture load={load} deps={[client, id, page]} label={`page ${page} as drawn from the PDF`} page={page} />;
}

function ImageFile({ id }: { id: string }) {
  const client = useClient();
  const load = async (signal: AbortSignal) => {
    const c = await fetchContent(client, id, signal);
    return new Blob([c.bytes as BlobPart], { type: c.mime.split(';')[0].trim() });
  };
  return <Picture load={load} deps={[client, id]} label="the picture the text was read from" />;
}

export function OcrPanel({ id, kind, pages }: { id: string; kind: DocumentKind; pages: OcrPageView[] }) {
  const [page, setPage] = useState(pages[0]?.page ?? 1);
  const p = pages.find((x) => x.page === page) ?? pages[0];
  if (!p) return null;
  return (
    <div className="ocr-panel" data-testid="ocr-panel">
      <p className="small muted">
        <span className="badge ocr-badge">OCR</span> Text recognised by {p.engine} {p.engineVersion} ({p.langs}), not written in the file:
        expect reading errors. Search finds it; checks that read text read it too, and say so in their evidence.
      </p>
      {pages.length > 1 && (
        <div className="seg" role="tablist" aria-label="OCR pages">
          {pages.map((x) => (
            <button
              type="button"
              key={x.page}
              role="tab"
              aria-selected={x.page === p.page}
              className={x.page === p.page ? 'on' : ''}
              onClick={() => setPage(x.page)}
            >
              page {x.page}
            </button>
          ))}
        </div>
      )}
      <div className="small muted">
        Page {p.page} · mean confidence {p.confidence.toFixed(0)}% · OCRed because {REASONS[p.reason] ?? p.reason}
      </div>
      <div className="ocr-side-by-side">
        <figure className="ocr-picture">
          {kind === 'pdf' ? <PdfPageImage key={p.page} id={id} page={p.page} /> : <ImageFile id={id} />}
        </figure>
        <div className="ocr-texts">
          <pre className="email-text ocr-text" data-testid="ocr-text">
            {p.text.trim() || '(no text recognised)'}
          </pre>
          {p.layerText !== null && (
            <>
              <div className="small muted">The file’s own hidden text of this page</div>
              <pre className="email-text">{p.layerText}</pre>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
