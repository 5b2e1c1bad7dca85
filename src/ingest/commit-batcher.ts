// The scan's writes, queued and committed in batches, one transaction each: a killed scan leaves
// whole batches only, and the file states in them say where to resume (docs/ingest.md).

import type { StageClock } from './stage-clock.js';

/** Documents per batch. */
const BATCH_DOCS = 400;
/** A batch is also committed once it holds this much text: indexing text is the costly part of a
 *  commit, and a commit holds the engine's thread (queries from the app wait behind it). */
const BATCH_TEXT_CHARS = 2_000_000;
/** ...and at least this often. */
const BATCH_MS = 250;

type Op = () => void;

export class CommitBatcher {
  private ops: Op[] = [];
  private docs = 0;
  private text = 0;
  private timer: NodeJS.Timeout | null = null;

  /**
   * `commit` runs a batch in one transaction; `clock` times it (stage 'commit'); `afterFlush` runs
   * after each commit (what waited for the writer to catch up).
   */
  constructor(
    private readonly commit: (writes: () => void) => void,
    private readonly clock: StageClock,
    private readonly afterFlush: () => void,
  ) {}

  /** Documents queued and not yet committed: the writer's backlog. */
  get pendingDocuments(): number {
    return this.docs;
  }

  /** Queue a write that is not a document's (file states, failures). */
  push(op: Op): void {
    this.ops.push(op);
  }

  /** Queue a document's write, holding `textChars` of text to index; commits a full batch. */
  pushDocument(op: Op, textChars: number): void {
    this.ops.push(op);
    this.docs++;
    this.text += textChars;
    if (this.docs >= BATCH_DOCS || this.text >= BATCH_TEXT_CHARS) this.flush();
  }

  /** Commit what is queued every BATCH_MS until stop(). */
  start(): void {
    this.timer = setInterval(() => this.flush(), BATCH_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Commit what is queued now. */
  flush(): void {
    if (this.ops.length === 0) return;
    const ops = this.ops;
    this.ops = [];
    this.docs = 0;
    this.text = 0;
    this.clock.time('commit', () =>
      this.commit(() => {
        for (const op of ops) op();
      }),
    );
    this.afterFlush();
  }
}
