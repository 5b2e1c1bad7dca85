// 'scan.*': starting, cancelling and following a scan of the dump, and its failure ledger.

import { failurePage } from '../../store/queries/overview.js';
import { failurePageByPath } from '../../store/queries/failures-by-path.js';
import type { ScanSlot } from '../scan-slot.js';
import { requireDump, type CaseContext, type DomainHandlers } from './context.js';

export function scanHandlers(ctx: CaseContext, slot: ScanSlot): DomainHandlers<'scan'> {
  return {
    'scan.start': async ({
      resume,
      workers,
      documentTimeoutSeconds,
      dkimKeys,
      dkimKeysSource,
      dkimPublishedKeys,
      ocr,
      ocrLangs,
      ocrOnly,
    }) => {
      const dumpRoot = requireDump(ctx, 'Scanning');
      const jobId = slot.start(async (signal, onProgress) => {
        const { runScan } = await import('../../ingest/scan.js');
        const threads = workers ?? ctx.scanWorkers;
        return runScan({
          dumpRoot,
          caseFile: ctx.caseFile,
          resume,
          signal,
          onProgress,
          ...(threads ? { workers: threads } : {}),
          ...(documentTimeoutSeconds !== undefined ? { limits: { documentTimeoutMs: documentTimeoutSeconds * 1000 } } : {}),
          ...(dkimKeys ? { dkimKeysText: dkimKeys, dkimKeysSource } : {}),
          ...(dkimPublishedKeys?.length ? { dkimPublishedKeys } : {}),
          ...(ocr !== undefined ? { ocr } : {}),
          ...(ocrLangs ? { ocrLangs } : {}),
          ...(ocrOnly ? { ocrOnly } : {}),
        });
      });
      return { jobId };
    },
    'scan.cancel': async () => ({ cancelled: await slot.cancel() }),
    'scan.status': async () => slot.status,
    'scan.failures': async ({ offset, limit, order }) =>
      (order === 'path' ? failurePageByPath : failurePage)(ctx.connections.reader, offset ?? 0, limit ?? 100),
  };
}
