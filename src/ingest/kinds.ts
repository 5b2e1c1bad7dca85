// The document kind of a sniffed type when no extractor claims it (the file is still a document).
import type { DocumentKind } from '../model/document.js';

export function kindForMime(mime: string): DocumentKind {
  if (mime === 'message/rfc822' || mime === 'application/vnd.ms-outlook') return 'email';
  if (mime === 'application/pdf') return 'pdf';
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('text/') || mime === 'application/xml') return 'text';
  if (/zip|tar|gzip|7z|mbox|pst/.test(mime)) return 'archive';
  if (/officedocument|opendocument|msword|ms-excel|ms-powerpoint|rtf|ole-storage|ooxml/.test(mime)) return 'office';
  return 'other';
}
