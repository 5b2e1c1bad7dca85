// Embedded messages of .pst attachments, which pst-extractor 1.12 never returns: java-libpst's way,
// with pst-extractor's own classes (docs/extract.md, Reconstructed messages).

import { createRequire } from 'node:module';
import type pstModule from 'pst-extractor';
import type { PSTAttachment, PSTMessage } from 'pst-extractor';

type PSTFileT = InstanceType<typeof pstModule.PSTFile>;

const requirePst = createRequire(createRequire(import.meta.url).resolve('pst-extractor'));
interface TableItem {
  entryValueType: number;
  isExternalValueReference: boolean;
  data: Buffer;
}
interface DescriptorItem {
  subNodeOffsetIndexIdentifier: number;
}
const { PSTUtil } = requirePst('./PSTUtil.class.js') as {
  PSTUtil: {
    createAppropriatePSTMessageObject(file: PSTFileT, node: null, table: unknown, local: Map<number, DescriptorItem>): PSTMessage;
    convertLittleEndianBytesToLong(data: Buffer, start: number, end: number): { toNumber(): number };
  };
};
const { PSTTableBC } = requirePst('./PSTTableBC.class.js') as { PSTTableBC: new (stream: unknown) => unknown };
const { PSTNodeInputStream } = requirePst('./PSTNodeInputStream.class.js') as {
  PSTNodeInputStream: new (file: PSTFileT, src: Buffer | DescriptorItem) => unknown;
};
const Long = requirePst('long') as { fromNumber(n: number): unknown };

/** PidTagAttachDataObject (0x3701): the embedded message's property table. */
const PID_TAG_ATTACH_DATA_OBJECT = 0x3701;

export function embeddedMessage(att: PSTAttachment): PSTMessage | null {
  const a = att as unknown as {
    pstTableItems: Map<number, TableItem> | null;
    localDescriptorItems: Map<number, DescriptorItem> | null;
    pstFile: PSTFileT & { getPSTDescriptorItems(id: unknown): Map<number, DescriptorItem> };
  };
  // The library getter replaces att.localDescriptorItems as a side effect: keep the original map.
  const original = a.localDescriptorItems;
  try {
    const m = att.embeddedPSTMessage;
    if (m) return m;
  } catch {
    // fall through to the java-libpst way
  }
  a.localDescriptorItems = original;
  const item = a.pstTableItems?.get(PID_TAG_ATTACH_DATA_OBJECT);
  if (!item) return null;
  let local = a.localDescriptorItems ?? new Map<number, DescriptorItem>();
  let stream: unknown = null;
  if (item.entryValueType === 0x0102 && !item.isExternalValueReference) {
    stream = new PSTNodeInputStream(a.pstFile, item.data);
  } else if (item.entryValueType === 0x000d) {
    const nested = local.get(PSTUtil.convertLittleEndianBytesToLong(item.data, 0, 4).toNumber());
    if (!nested) return null;
    stream = new PSTNodeInputStream(a.pstFile, nested);
    if (nested.subNodeOffsetIndexIdentifier > 0)
      local = a.pstFile.getPSTDescriptorItems(Long.fromNumber(nested.subNodeOffsetIndexIdentifier));
  }
  if (!stream) return null;
  return PSTUtil.createAppropriatePSTMessageObject(a.pstFile, null, new PSTTableBC(stream), local);
}
