// Facts about an archive container.

export interface ArchiveFacts {
  format: 'zip' | 'mbox' | 'pst' | 'msg' | 'other';
  members: number;
  encryptedMembers: number;
  /** Members skipped by a limit or because their name is unsafe. */
  skipped: { name: string; reason: string }[];
  totalUncompressed?: number;
  comment?: string;
}
