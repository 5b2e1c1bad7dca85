// Corpus-check test support: real files through Verity's extractors, as CorpusDocuments.

import { readdirSync } from 'node:fs';
import type { DocumentKind, MetadataEntry } from '../../../../src/model/document.js';
import type { CorpusCheck, CorpusDocument, DocumentFacts } from '../../../../src/checks/types.js';
import type { Extractor } from '../../../../src/extract/types.js';
import { CTX, factsOf } from '../document/harness.js';

export function corpusDoc(id: string, doc: DocumentFacts, extra: Partial<CorpusDocument> = {}): CorpusDocument {
  return { ...doc, id, parentId: null, path: doc.name, occurrence: [] as MetadataEntry[], ...extra };
}

export async function corpusDocsFromDir(
  extractor: Extractor,
  dir: string,
  kind: DocumentKind,
  filter: (name: string) => boolean,
): Promise<CorpusDocument[]> {
  const out: CorpusDocument[] = [];
  for (const name of readdirSync(dir).filter(filter).sort()) {
    try {
      out.push(corpusDoc(name, await factsOf(extractor, `${dir}/${name}`, kind)));
    } catch {
      // encrypted or truncated test files: not part of the population
    }
  }
  return out;
}

export function runCorpus(check: CorpusCheck, docs: readonly CorpusDocument[]) {
  return [...check.run(() => docs.filter((d) => check.kinds.includes(d.kind)), CTX)];
}
