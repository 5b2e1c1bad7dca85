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

/** A PNG from base64 as an object URL (revoked by the caller). */
function pngUrl(base64: string): string {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: 'image/png' }));
}

function PdfPageImage({ id, page }: { id: string; page: number }) {
  const client = useClient();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    let made: string | null = null;
    client.call('document.pageImage', { id, page }, controller.signal).then(
      (drawn) => {
        if (controller.signal.aborted) return;
        made = pngUrl(drawn.base64);
        setUrl(made);
      },
      (e: Error) => !controller.signal.aborted && setError(e),
    );
    return () => {
      controller.abort();
      if (made) URL.revokeObjectURL(made);
    };
  }, [client, id, page]);
  if (error) return <ErrorNote error={error} />;
  if (!url) return <Loading label={`Drawing page ${page}`} />;
  return (
    <img className="ocr-page-image" src={url} alt={`Page ${page} as drawn from the PDF`} data-testid="ocr-page-image" data-page={page} />
  );
}

function ImageFile({ id }: { id: string }) {
  const client = useClient();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    let made: string | null = null;
    fetchContent(client, id, controller.signal).then(
      (c) => {
        made = URL.createObjectURL(new Blob([c.bytes as BlobPart], { type: c.mime.split(';')[0].trim() }));
        setUrl(made);
      },
      (e: Error) => !controller.signal.aborted && setError(e),
    );
    return () => {
      controller.abort();
      if (made) URL.revokeObjectURL(made);
    };
  }, [client, id]);
  if (error) return <ErrorNote error={error} />;
  if (!url) return <Loading label="Loading the picture" />;
  return <img className="ocr-page-image" src={url} alt="The picture the text was read from" data-testid="ocr-page-image" />;
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
