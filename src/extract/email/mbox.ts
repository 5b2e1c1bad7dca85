// mbox mailboxes: a container whose children are the messages, each a range of the parent's bytes;
// the "From " envelope is occurrence metadata (it belongs to the mailbox, not to the message).

import type { MetadataEntry } from '../../model/document.js';
import type { ArchiveFacts } from '../../model/facts-archive.js';
import { MIME } from '../mime.js';
import { RangeSource } from '../common/byte-source.js';
import { splitMbox } from './mbox-split.js';
import {
  ExtractError,
  type ByteSource,
  type ChildDocument,
  type ExtractContext,
  type ExtractInput,
  type ExtractOutput,
  type Extractor,
} from '../types.js';

/**
 * Mailboxes up to this size are counted in a first pass so facts.archive.members is exact up
 * front (the output is returned before the children are consumed). Larger ones are not read
 * twice; their count is the number of children the ingest records.
 */
const MBOX_PREPASS_BYTES = 64 << 20;

/** The source's chunks, stopping between two of them once the signal fires (one message can be gigabytes). */
async function* chunks(source: ByteSource, signal: AbortSignal, stopped: () => ExtractError): AsyncGenerator<Uint8Array> {
  for await (const c of source.chunks()) {
    if (signal.aborted) throw stopped();
    yield c;
  }
}

async function countMessages(input: ExtractInput, signal: AbortSignal, partial: ExtractOutput): Promise<number> {
  const stopped = () => new ExtractError('timeout', `${input.name}: stopped while counting its messages`, partial);
  let n = 0;
  for await (const m of splitMbox(chunks(input.source, signal, stopped))) {
    if (signal.aborted) throw stopped();
    if (m.length > 0) n++;
  }
  return n;
}

async function* messages(input: ExtractInput, ctx: ExtractContext): AsyncGenerator<ChildDocument> {
  const { source } = input;
  let yielded = 0;
  const stopped = () => new ExtractError('timeout', `${input.name}: stopped after ${yielded} messages`);
  for await (const m of splitMbox(chunks(source, ctx.signal, stopped))) {
    if (ctx.signal.aborted) throw stopped();
    if (m.length === 0) continue;
    if (yielded >= ctx.limits.maxMembers) {
      ctx.warn(
        'limit-exceeded',
        `${input.name}: more than ${ctx.limits.maxMembers} messages; the rest (from byte ${m.offset}) are not listed`,
      );
      return;
    }
    const metadata: MetadataEntry[] = [{ source: 'mbox', key: 'envelope', value: m.envelope }];
    if (m.quotedFromLines > 0) {
      // The mbox writer prefixed '>' to body lines starting with "From ": the bytes differ from
      // the message as sent, which matters to a DKIM body-hash check.
      metadata.push({ source: 'mbox', key: 'quoted-from-lines', value: String(m.quotedFromLines) });
    }
    yield {
      segment: { type: 'mbox', index: m.index, offset: m.offset, length: m.length },
      name: `message-${m.index + 1}.eml`,
      mime: MIME.eml,
      source: new RangeSource(source, m.offset, m.length, ctx.limits.maxWholeFileBytes),
      metadata,
    };
    yielded++;
  }
}

async function extractMbox(input: ExtractInput, ctx: ExtractContext): Promise<ExtractOutput> {
  const out: ExtractOutput = { kind: 'archive', metadata: [], children: messages(input, ctx) };
  const firstLine = Buffer.from(await input.source.read(0, 1024))
    .toString('latin1')
    .split(/\r?\n/)[0];
  if (firstLine.startsWith('From ')) out.metadata.push({ source: 'mbox', key: 'first-envelope', value: firstLine });
  if (input.source.size <= MBOX_PREPASS_BYTES) {
    const archive: ArchiveFacts = {
      format: 'mbox',
      members: await countMessages(input, ctx.signal, { kind: 'archive', metadata: out.metadata }),
      encryptedMembers: 0,
      skipped: [],
    };
    out.facts = { archive };
  }
  return out;
}

export const mboxExtractor: Extractor = {
  id: 'email.mbox',
  version: 1,
  kind: 'archive',
  container: true,
  mimes: [MIME.mbox],
  extract: extractMbox,
};
