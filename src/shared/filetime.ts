// Windows FILETIME: 100-nanosecond ticks since 1601-01-01 UTC (OLE properties, NTFS zip extra
// fields, Outlook Message-IDs and Thread-Index). One conversion for every reader of it.

/** Milliseconds from the FILETIME epoch (1601-01-01) to the Unix epoch (1970-01-01). */
const EPOCH_OFFSET_MS = 11_644_473_600_000;

/** A FILETIME as Unix milliseconds (sub-millisecond ticks dropped). */
export function filetimeToMs(ticks: bigint): number {
  return Number(ticks / 10_000n) - EPOCH_OFFSET_MS;
}
