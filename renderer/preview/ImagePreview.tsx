// An image beside its EXIF thumbnail, read from the image's own bytes in the browser (exifr), never
// fetched: a thumbnail the editor forgot to regenerate shows the picture before it was altered.
import { useEffect, useState } from 'react';
import { thumbnail } from 'exifr';
import { useClient } from '../api/context.js';
import { fetchContent } from './content.js';
import type { ImageFacts } from '../api/types.js';
import { ErrorNote, Loading } from '../components/ui.js';
import { bytes } from '../components/format.js';

const INERT = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/bmp', 'image/avif']);

export function ImagePreview({ id, facts }: { id: string; facts: ImageFacts | undefined }) {
  const client = useClient();
  const [urls, setUrls] = useState<{ image: string | null; thumb: string | null; mime: string; size: number } | null>(null);
  const [error, setError] = useState<Error | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const made: string[] = [];
    (async () => {
      try {
        const c = await fetchContent(client, id, controller.signal);
        const mime = c.mime.split(';')[0].trim().toLowerCase();
        // SVG and unknown types are never handed to an <img>: only raster formats a browser decodes inertly.
        const image = INERT.has(mime) ? URL.createObjectURL(new Blob([c.bytes as BlobPart], { type: mime })) : null;
        if (image) made.push(image);
        let thumb: string | null = null;
        try {
          const t = await thumbnail(c.bytes);
          if (t && t.length) {
            thumb = URL.createObjectURL(new Blob([t as BlobPart], { type: 'image/jpeg' }));
            made.push(thumb);
          }
        } catch {
          thumb = null;
        }
        if (!controller.signal.aborted) setUrls({ image, thumb, mime, size: c.size });
      } catch (e) {
        if (!controller.signal.aborted) setError(e as Error);
      }
    })();
    return () => {
      controller.abort();
      made.forEach((u) => URL.revokeObjectURL(u));
    };
  }, [client, id]);

  if (error) return <ErrorNote error={error} />;
  if (!urls) return <Loading label="Loading the image" />;
  const t = facts?.thumbnail;
  return (
    <div className="image-preview">
      <figure className="img-main">
        {urls.image ? (
          <img src={urls.image} alt="The document image" />
        ) : (
          <div className="muted">This image type ({urls.mime}) is not displayed.</div>
        )}
        <figcaption>
          Image · {facts?.width && facts.height ? `${facts.width}×${facts.height} · ` : ''}
          {bytes(urls.size)}
        </figcaption>
      </figure>
      <figure className="img-thumb">
        {urls.thumb ? (
          <img src={urls.thumb} alt="The EXIF thumbnail" data-testid="exif-thumb" />
        ) : (
          <div className="thumb-none">{t?.present ? 'thumbnail present, not decodable here' : 'no EXIF thumbnail'}</div>
        )}
        <figcaption>EXIF thumbnail</figcaption>
        {t && (
          <table className="kv small">
            <tbody>
              <tr>
                <th>Size</th>
                <td>
                  {bytes(t.size)}
                  {t.width && t.height ? ` · ${t.width}×${t.height}` : ''}
                </td>
              </tr>
              {t.sha256 && (
                <tr>
                  <th>SHA-256</th>
                  <td className="mono break">{t.sha256}</td>
                </tr>
              )}
              <tr>
                <th>Difference</th>
                <td>
                  {t.differenceFromImage != null
                    ? `${t.differenceFromImage.toFixed(1)} / 255 mean (${t.comparison ?? 'stretch'})`
                    : (t.comparisonSkipped ?? 'not computed')}
                </td>
              </tr>
            </tbody>
          </table>
        )}
      </figure>
    </div>
  );
}
