// Running Verity's real extractors on corpus files and handing their facts to a check, as the
// ingest does: what the checks see in tests is what they see in a scan.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { DocumentKind, MetadataEntry } from '../../../../src/model/document.js';
import type { Facts } from '../../../../src/model/facts.js';
import type { CheckContext, DocumentCheck, DocumentFacts, FindingDraft } from '../../../../src/checks/types.js';
import type { Extractor } from '../../../../src/extract/types.js';
import { run } from '../../../support/extract-harness.js';

/** The analysis time used by the tests (a fixed instant, never the wall clock). */
const NOW = new Date('2026-11-23T12:00:00Z');
export const CTX: CheckContext = { dkimKeys: new Map(), now: NOW };

export async function factsOf(extractor: Extractor, path: string, kind: DocumentKind): Promise<DocumentFacts> {
  const bytes = readFileSync(path);
  const r = await run(extractor, bytes, basename(path), { maxChildren: 0 });
  if (!r.output) throw new Error(`${path}: ${r.error?.message ?? 'no output'}`);
  return docFrom(kind, basename(path), r.output.facts ?? {}, r.output.metadata, r.output.kind ?? kind, bytes.byteLength, r.output.text);
}

export function docFrom(
  kind: DocumentKind,
  name: string,
  facts: Facts,
  metadata: MetadataEntry[] = [],
  outKind: DocumentKind = kind,
  size = 0,
  text?: string,
): DocumentFacts {
  return { kind: outKind, mime: '', name, size, sha256: '', metadata, facts, text };
}

export async function runCheck(check: DocumentCheck, doc: DocumentFacts, ctx: CheckContext = CTX): Promise<FindingDraft[]> {
  return check.run(doc, ctx);
}
