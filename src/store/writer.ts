// The single writer of a case during ingest: documents, content, findings and failures, idempotent by
// document id so a resumed scan ends with the rows of an uninterrupted one (docs/store.md).

import type { Db } from './db.js';
import type { DocumentRecord, ExtractedContent } from '../model/ingest.js';
import type { Finding, FailureEntry } from '../model/document.js';
import { SEVERITY_RANK } from './severity.js';
import { bodyWithOcr, caseHasOcrText, removeOrphanOcr } from './ocr.js';

export class CaseWriter {
  private readonly s;
  /** Re-extracted content keeps its OCR text in its full-text row; looked at only when the case
   *  holds OCR text, so a case without OCR pays nothing more per document. */
  private readonly keepOcr: boolean;

  constructor(private readonly db: Db) {
    this.keepOcr = caseHasOcrText(db);
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      contentId: p('SELECT rowid FROM content WHERE sha256 = ?').pluck(),
      // Asked once per document by the workers: prepared once, not per call.
      contentVersion: p('SELECT extractor, extractor_version AS v FROM content WHERE sha256 = ?'),
      insertContent: p(`INSERT INTO content (sha256, kind, mime, size, extractor, extractor_version, title, date, person, facts, text_chars)
        VALUES (@sha256, @kind, @mime, @size, @extractor, @extractorVersion, @title, @date, @person, @facts, @textChars)
        ON CONFLICT(sha256) DO UPDATE SET kind=excluded.kind, mime=excluded.mime, size=excluded.size, extractor=excluded.extractor,
          extractor_version=excluded.extractor_version, title=excluded.title, date=excluded.date, person=excluded.person,
          facts=excluded.facts, text_chars=excluded.text_chars
        RETURNING rowid`).pluck(),
      delContentMeta: p('DELETE FROM content_metadata WHERE content_id = ?'),
      insContentMeta: p('INSERT INTO content_metadata (content_id, seq, source, key, value) VALUES (?, ?, ?, ?, ?)'),
      delContentFindings: p('DELETE FROM content_findings WHERE content_id = ?'),
      insContentFinding: p('INSERT INTO content_findings (content_id, check_id, severity, message, evidence) VALUES (?, ?, ?, ?, ?)'),
      delFts: p('DELETE FROM content_fts WHERE rowid = ?'),
      insFts: p('INSERT INTO content_fts (rowid, title, body) VALUES (?, ?, ?)'),
      upsertEmail: p(`INSERT OR REPLACE INTO emails (content_id, message_id, in_reply_to, refs, subject, from_addr, from_name, date_utc)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      contentRow: p('SELECT rowid, kind, mime, title, date, person FROM content WHERE sha256 = ?'),
      docRowid: p('SELECT rowid FROM documents WHERE id = ?').pluck(),
      insertDoc:
        p(`INSERT INTO documents (id, parent_id, root_path, path, name, locator, depth, top_index, sha256, content_id, kind, mime, size, date, person, title, scan_id)
        VALUES (@id, @parentId, @rootPath, @path, @name, @locator, @depth, @topIndex, @sha256, @contentId, @kind, @mime, @size, @date, @person, @title, @scanId)
        ON CONFLICT(id) DO UPDATE SET parent_id=excluded.parent_id, root_path=excluded.root_path, path=excluded.path, name=excluded.name,
          locator=excluded.locator, depth=excluded.depth, top_index=excluded.top_index, sha256=excluded.sha256, content_id=excluded.content_id,
          kind=excluded.kind, mime=excluded.mime, size=excluded.size, date=excluded.date, person=excluded.person, title=excluded.title,
          scan_id=excluded.scan_id
        RETURNING rowid`).pluck(),
      delOccMeta: p('DELETE FROM occurrence_metadata WHERE doc_rowid = ?'),
      insOccMeta: p('INSERT INTO occurrence_metadata (doc_rowid, seq, source, key, value) VALUES (?, ?, ?, ?, ?)'),
      delDocFindings: p("DELETE FROM findings WHERE doc_rowid = ? AND origin != 'corpus'"),
      copyContentFindings: p(`INSERT INTO findings (doc_rowid, origin, check_id, severity, severity_rank, message, evidence)
        SELECT ?, 'content', check_id, severity, CASE severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2 ELSE 3 END, message, evidence
        FROM content_findings WHERE content_id = ?`),
      insFinding: p(
        'INSERT INTO findings (doc_rowid, origin, check_id, severity, severity_rank, message, evidence) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      insFailure: p(`INSERT INTO failures (doc_id, path, stage, code, message, at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT(path, stage, code) DO UPDATE SET doc_id=excluded.doc_id, message=excluded.message, at=excluded.at`),
    };
  }

  /** Content already extracted with this extractor version? (then the worker skips extraction). */
  hasContent(sha256: string, extractor: string | null, version: number): boolean {
    const row = this.s.contentVersion.get(sha256) as { extractor: string | null; v: number } | undefined;
    return !!row && row.extractor === extractor && row.v === version;
  }

  /** Does any content row exist for this hash (whatever extracted it)? */
  hasAnyContent(sha256: string): boolean {
    return this.s.contentId.get(sha256) !== undefined;
  }

  recordFailure(f: FailureEntry): void {
    this.s.insFailure.run(f.documentId, f.path, f.stage, f.code, f.message.slice(0, 2000), f.at);
  }

  private writeContent(c: ExtractedContent): number {
    const id = this.s.insertContent.get({
      sha256: c.sha256,
      kind: c.kind,
      mime: c.mime,
      size: c.size,
      extractor: c.extractor,
      extractorVersion: c.extractorVersion,
      title: c.title,
      date: c.date,
      person: c.person,
      facts: JSON.stringify(c.facts ?? {}),
      textChars: c.text.length,
    }) as number;
    this.s.delContentMeta.run(id);
    c.metadata.forEach((m, i) => this.s.insContentMeta.run(id, i, m.source, m.key, m.value));
    this.s.delContentFindings.run(id);
    for (const f of c.findings) this.s.insContentFinding.run(id, f.check, f.severity, f.message, JSON.stringify(f.evidence ?? {}));
    this.s.delFts.run(id);
    this.s.insFts.run(id, c.title ?? '', this.keepOcr ? bodyWithOcr(this.db, id, c.text) : c.text);
    const e = c.facts?.email;
    if (e) {
      this.s.upsertEmail.run(
        id,
        e.messageId ?? null,
        e.inReplyTo ?? null,
        e.references.join(' '),
        e.subject ?? null,
        e.from?.address?.toLowerCase() ?? null,
        e.from?.name ?? null,
        e.dateUtc ?? null,
      );
    }
    return id;
  }

  /** Write one document (and its content when extracted now). */
  writeDocument(rec: DocumentRecord, scanId: number): void {
    let contentId: number | null;
    let kind: string, mime: string, title: string | null, date: string | null, person: string | null;
    if (rec.content) {
      contentId = this.writeContent(rec.content);
      ({ kind, mime, title, date, person } = rec.content);
    } else {
      const row = this.s.contentRow.get(rec.sha256) as
        { rowid: number; kind: string; mime: string; title: string | null; date: string | null; person: string | null } | undefined;
      if (!row) throw new Error(`document ${rec.id} (${rec.path}) refers to content ${rec.sha256} that was never extracted`);
      contentId = row.rowid;
      ({ kind, mime, title, date, person } = row);
    }
    const rowid = this.s.insertDoc.get({
      id: rec.id,
      parentId: rec.parentId,
      rootPath: rec.rootPath,
      path: rec.path,
      name: rec.name,
      locator: JSON.stringify(rec.locator),
      depth: rec.depth,
      topIndex: rec.topIndex,
      sha256: rec.sha256,
      contentId,
      kind,
      mime,
      size: rec.size,
      date,
      person,
      title,
      scanId,
    }) as number;
    this.s.delOccMeta.run(rowid);
    rec.occurrence.forEach((m, i) => this.s.insOccMeta.run(rowid, i, m.source, m.key, m.value));
    this.s.delDocFindings.run(rowid);
    this.s.copyContentFindings.run(rowid, contentId);
    for (const f of rec.occurrenceFindings) this.insertFinding(rowid, 'occurrence', f);
  }

  insertFinding(docRowid: number, origin: 'occurrence' | 'corpus' | 'content', f: Finding): void {
    this.s.insFinding.run(docRowid, origin, f.check, f.severity, SEVERITY_RANK[f.severity], f.message, JSON.stringify(f.evidence ?? {}));
  }

  docRowid(id: string): number | undefined {
    return this.s.docRowid.get(id) as number | undefined;
  }

  /** Run these writes in one transaction: all of them reach the case, or none. */
  commit<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}

/**
 * Delete content (and its text) no document points to any more: left by removed files and by
 * files whose content changed. Two passes over the whole content table (seconds on a big case),
 * so the scan runs it in its analysis thread, not on the engine's thread.
 */
export function removeOrphanContent(db: Db): void {
  db.transaction(() => {
    db.exec('DELETE FROM content WHERE rowid NOT IN (SELECT content_id FROM documents WHERE content_id IS NOT NULL)');
    db.exec('DELETE FROM content_fts WHERE rowid NOT IN (SELECT rowid FROM content)');
    removeOrphanOcr(db);
  })();
}
