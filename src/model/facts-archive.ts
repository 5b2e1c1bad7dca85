// Facts about an archive container.

export interface ArchiveFacts {
  format: 'zip' | 'mbox' | 'pst' | 'msg' | 'other';
  members: number;
  encryptedMembers: number;
  /** Members skipped by a limit or because their name is unsafe. */
  skipped: { name: string; reason: string }[];
  totalUncompressed?: number;
  comment?: string;
  /** Directory entries (not counted in `members`: they are not documents). */
  directories?: number;
  /** Entry count declared by the end-of-central-directory record (may differ from what was listed). */
  declaredEntries?: number;
  /** Bytes by which the central directory lies after the offset its end record gives (data
   *  prepended by a self-extractor, or inserted into the archive after it was written). */
  directoryShift?: number;
  /** Members whose names are unsafe as paths (absolute, '..'): recorded, never extracted. */
  unsafeNames?: string[];
  /** Members that are symbolic links (never followed), with their targets. */
  symlinks?: { name: string; target: string }[];
}
