import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WorkerPool, type WorkerSlot } from '../../../src/ingest/pool.js';
import { DEFAULT_LIMITS } from '../../../src/ingest/limits.js';
import type { FileTask, FromWorker } from '../../../src/ingest/messages.js';
import { wordJaccard } from '../../../src/bench/word-agreement.js';
import { corpusMissing, corpusPath } from '../../support/corpus.js';

const PDF = 'pdf/tika/testPDF.pdf';

describe.skipIf(corpusMissing())('a worker whose PDFium trapped', () => {
  it('keeps the document (pdf.js reads it), then is replaced by a fresh worker between files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verity-recycle-'));
    const files = ['trap-first.pdf', 'second.pdf'].map((rel) => {
      const abs = join(dir, rel);
      copyFileSync(corpusPath(PDF), abs);
      const st = statSync(abs);
      return { abs, rel, size: st.size, mtimeMs: st.mtimeMs, skip: 0 } satisfies FileTask;
    });
    const texts = new Map<string, string>();
    const recycled: string[] = [];
    const threads: number[] = [];
    let pool!: WorkerPool;
    let next = 0;
    let give!: (slot: WorkerSlot) => void;
    const done = new Promise<void>((resolve, reject) => {
      give = (slot) => {
        if (next === files.length) return resolve();
        threads.push(slot.worker.threadId);
        pool.assign(slot, files[next++]!);
      };
      pool = new WorkerPool(
        1,
        { limits: DEFAULT_LIMITS, dkimKeys: [], nowIso: new Date().toISOString() },
        {
          onMessage(slot, msg: FromWorker) {
            if (msg.t === 'has') slot.send({ t: 'has', req: msg.req, yes: false });
            else if (msg.t === 'doc' && msg.rec.content) texts.set(msg.rec.name, msg.rec.content.text);
            else if (msg.t === 'file-failed') reject(new Error(msg.message));
            else if (msg.t === 'file-done') {
              slot.task = null;
              const idle = pool.idle();
              if (idle) give(idle);
              else if (!slot.retiring) reject(new Error('no idle worker after a file'));
            }
          },
          onDeath: (_slot, _task, reason, detail) => reject(new Error(`worker died: ${reason} ${detail}`)),
          onRecycled(slot, reason) {
            recycled.push(reason);
            give(pool.slots[slot.index]!);
          },
        },
        fileURLToPath(new URL('./pdfium-trap-worker.ts', import.meta.url)),
      );
    });
    try {
      await pool.start();
      give(pool.idle()!);
      await done;
      expect(recycled).toHaveLength(1);
      expect(recycled[0]).toMatch(/^trap on .*trap-first\.pdf: .*out of bounds/);
      expect(pool.recycled).toBe(1);
      // The trapped document still has its text (pdf.js), and the next file went to a new thread.
      expect(texts.get('trap-first.pdf')).toContain('Apache Tika');
      // (pdf.js read the first, PDFium the second: the same words, spaced and broken differently)
      expect(texts.get('second.pdf')).not.toBe(texts.get('trap-first.pdf'));
      expect(wordJaccard(texts.get('second.pdf')!, texts.get('trap-first.pdf')!)).toBeGreaterThan(0.9);
      expect(new Set(threads).size).toBe(2);
    } finally {
      await pool.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
