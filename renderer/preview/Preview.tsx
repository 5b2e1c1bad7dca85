// Chooses the preview for a document's kind. Every preview is inert: no script from the dump runs,
// nothing is fetched from outside the app.
import type { DocumentDetail } from '../api/types.js';
import { href } from '../app/router.js';
import { EmailPreview } from './EmailPreview.js';
import { PdfPreview } from './PdfPreview.js';
import { ImagePreview, type ThumbnailRegion } from './ImagePreview.js';
import { KindTag, Empty } from '../components/ui.js';

/** The region an 'image.thumbnail' finding boxed (image and thumbnail pixels), to draw over both pictures. */
function regionOf(doc: DocumentDetail): ThumbnailRegion | undefined {
  const ev = doc.findings.find((f) => f.check === 'image.thumbnail' && f.evidence && 'box' in f.evidence)?.evidence;
  return ev ? ({ box: ev.box, thumbnailBox: ev.thumbnailBox } as ThumbnailRegion) : undefined;
}

export function Preview({ doc }: { doc: DocumentDetail }) {
  const kind = doc.row.kind;
  if (kind === 'email' && doc.facts.email) return <EmailPreview doc={doc} email={doc.facts.email} />;
  if (kind === 'pdf') return <PdfPreview id={doc.row.id} />;
  if (kind === 'image') return <ImagePreview id={doc.row.id} facts={doc.facts.image} region={regionOf(doc)} />;
  if (kind === 'archive')
    return (
      <div className="archive-preview">
        <p className="muted">
          {doc.children.length} document{doc.children.length === 1 ? '' : 's'} inside
          {doc.facts.archive?.skipped.length ? ` · ${doc.facts.archive.skipped.length} skipped` : ''}
          {doc.facts.archive?.encryptedMembers ? ` · ${doc.facts.archive.encryptedMembers} encrypted` : ''}
        </p>
        <ul className="plain">
          {doc.children.map((c) => (
            <li key={c.id}>
              <KindTag kind={c.kind} /> <a href={href.doc(c.id)}>{c.name}</a>
            </li>
          ))}
        </ul>
        {doc.facts.archive?.skipped.map((s, i) => (
          <div key={i} className="small warn">
            skipped {s.name}: {s.reason}
          </div>
        ))}
      </div>
    );
  if (!doc.textPreview) return <Empty title="No text to show">Verity extracted no text from this document.</Empty>;
  return (
    <div className="text-preview">
      <div className="body-bar">
        <span className="muted">
          Extracted text{kind === 'office' && doc.facts.office ? ` · ${doc.facts.office.subtype ?? doc.facts.office.format}` : ''}
        </span>
      </div>
      <pre className="email-text">{doc.textPreview}</pre>
    </div>
  );
}
