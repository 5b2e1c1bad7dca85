// Deterministic zip packages (OOXML files and the dump's archives) written with yazl.

import yazl from 'yazl';
import { localParts, zoneOffsetMinutes } from './time.js';

export interface ZipEntry {
  name: string;
  data: Buffer;
  /** Instant of the member's last modification; written as a Paris wall-clock DOS time. */
  epochMs: number;
  compress?: boolean;
}

/** A Date whose *local* fields (what yazl writes into the DOS time) are the Paris wall clock, whatever
 * the zone of the process: DOS times carry no zone, and the dump must not depend on the machine's TZ. */
function dosDate(epochMs: number): Date {
  const l = localParts(epochMs, zoneOffsetMinutes('Europe/Paris', epochMs));
  return new Date(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
}

export function zipBuffer(entries: ZipEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) {
    // forceDosTimestamp: no extended (UTC) timestamp field, as Windows' and Office's zippers write.
    zip.addBuffer(e.data, e.name, { mtime: dosDate(e.epochMs), mode: 0o100644, compress: e.compress ?? true, forceDosTimestamp: true });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
