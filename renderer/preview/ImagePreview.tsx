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

type Box = { x: number; y: number; w: number; h: number };

/** A region boxed by the thumbnail check: in image pixels and in thumbnail pixels, as stored. */
export interface ThumbnailRegion {
  box: Box;
  thumbnailBox?: Box;
}

/**
 * A box over a picture of `width` × `height` stored pixels, in percent of the picture as shown: the
 * browser turns JPEGs by their EXIF orientation, so the box turns with them (3, 6, 8; mirrored ones are not drawn).
 */
function RegionBox({ box, width, height, orientation = 1 }: { box: Box; width: number; height: number; orientation?: number }) {
  const { x, y, w, h } = box;
  const shown: Record<number, [number, number, number, number, number, number]> = {
    1: [x, y, w, h, width, height],
    3: [width - x - w, height - y - h, w, h, width, height],
    6: [height - y - h, x, h, w, height, width],
    8: [y, width - x - w, h, w, height, width],
  };
  const r = shown[orientation];
  if (!r || !width || !height) return null;
  const [left, top, bw, bh, sw, sh] = r;
  const pc = (v: number, of: number) => `${((100 * v) / of).toFixed(2)}%`;
  return (
    <span
      className="region-box"
      data-testid="region-box"
      title="The region that differs from the thumbnail"
      style={{ left: pc(left, sw), top: pc(top, sh), width: pc(bw, sw), height: pc(bh, sh) }}
    />
  );
}

export function ImagePreview({ id, facts, region }: { id: string; facts: ImageFacts | undefined; region?: ThumbnailRegion }) {
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
          <span className="img-frame">
            <img src={urls.image} alt="The document image" />
            {region && facts?.width && facts.height && (
              <RegionBox box={region.box} width={facts.width} height={facts.height} orientation={facts.orientation} />
            )}
          </span>
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
          <span className="img-frame">
            <img src={urls.thumb} alt="The EXIF thumbnail" data-testid="exif-thumb" />
            {region?.thumbnailBox && t?.width && t.height && <RegionBox box={region.thumbnailBox} width={t.width} height={t.height} />}
          </span>
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
