// Answers a worker's "is this content already extracted?": yes when the case holds it with the same
// extractor version, or another worker sent it and it waits in the current batch.

import type { CaseWriter } from '../store/writer.js';
import type { DocumentRecord } from '../model/ingest.js';
import type { FromWorker } from './messages.js';
import type { WorkerSlot } from './pool.js';

/** Documents waiting for the writer beyond which workers are told to wait. */
const WRITER_BACKLOG = 2000;

type Question = Extract<FromWorker, { t: 'has' }>;

export class KnownContent {
  /** Content sent by workers but not yet committed: sha -> extractor@version. */
  private pending = new Map<string, string>();
  private waiting: { slot: WorkerSlot; msg: Question }[] = [];

  /** `backlog`: documents queued for the writer and not yet committed. */
  constructor(
    private readonly writer: CaseWriter,
    private readonly backlog: () => number,
  ) {}

  /** A worker sent this document: its content counts as known until the batch commits. */
  sent(rec: DocumentRecord): void {
    if (rec.content) this.pending.set(rec.sha256, `${rec.content.extractor}@${rec.content.extractorVersion}`);
  }

  /** Answer now, or after the next commit while the writer is behind (backpressure). */
  ask(slot: WorkerSlot, msg: Question): void {
    if (this.backlog() > WRITER_BACKLOG) this.waiting.push({ slot, msg });
    else this.answer(slot, msg);
  }

  /** A batch committed: what was pending is in the case; answer the workers that waited. */
  committed(): void {
    this.pending.clear();
    const waiting = this.waiting;
    this.waiting = [];
    for (const w of waiting) this.answer(w.slot, w.msg);
  }

  private answer(slot: WorkerSlot, msg: Question): void {
    const key = `${msg.extractor}@${msg.version}`;
    const yes = this.pending.get(msg.sha256) === key || this.writer.hasContent(msg.sha256, msg.extractor, msg.version);
    slot.send({ t: 'has', req: msg.req, yes });
  }
}
