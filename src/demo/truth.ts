// The ground truth of a generated demo dump: every planted fake (where it is, what a forger did, which
// checks should catch it) and every innocent lookalike (which checks it might tempt, and must not
// trip at medium severity or above). Returned by generateDump and optionally saved beside the dump.

import type { TruthRow } from '../model/validation.js';

/** Where a planted item lives. Emails are identified by Message-ID inside the file (an .eml, an .mbox,
 * or an .mbox inside zips); archive members by their member names, outermost archive first. */
export interface TruthTarget {
  /** File on disk, relative to the dump root, '/' separators. */
  path: string;
  /** Zip member names from the outermost archive inward. */
  members?: string[];
  /** Message-ID without angle brackets, for emails (and the email that carries an attachment). */
  messageId?: string;
  /** File name of the attachment, when the item is an email attachment. */
  attachment?: string;
  /** The path as the JSON report writes it for files and archive members: 'a.zip!inner/b.mbox'. */
  reportPath: string;
}

export type FakeKind =
  | 'dkim-body-altered'
  | 'email-date-vs-received'
  | 'email-sender-habit-client'
  | 'email-thread-quote-altered'
  | 'email-duplicate-message-id'
  | 'attachment-after-email'
  | 'pdf-incremental-text-edit'
  | 'pdf-info-xmp-mismatch'
  | 'office-foreign-author'
  | 'office-edit-burst'
  | 'image-edited-thumbnail'
  | 'software-anachronism'
  | 'font-anachronism'
  | 'near-duplicate-doctored';

type LookalikeKind = 'mailing-list-footer' | 'pdfa-conversion' | 'scanner-producer' | 'travelling-sender' | 'sent-copy';

/** Check ids each kind of fake must raise (proposed ids, '<family>.<name>'; the check registry is the
 * authority: keep this table in step with it). */
export const EXPECTED_CHECKS: Record<FakeKind, string[]> = {
  'dkim-body-altered': ['email.dkim.body-hash'],
  'email-date-vs-received': ['email.dkim.signature', 'email.received.date-mismatch'],
  'email-sender-habit-client': ['email.sender.client', 'email.sender.dkim-coverage'],
  'email-thread-quote-altered': ['email.thread.quote-mismatch', 'email.dkim.body-hash'],
  'email-duplicate-message-id': ['email.thread.duplicate-message-id', 'email.dkim.body-hash'],
  'attachment-after-email': ['dates.attachment-after-email'],
  'pdf-incremental-text-edit': ['pdf.revisions'],
  'pdf-info-xmp-mismatch': ['pdf.info-xmp-mismatch'],
  'office-foreign-author': ['people.foreign-script'],
  'office-edit-burst': ['people.edit-burst'],
  'image-edited-thumbnail': ['image.thumbnail-mismatch'],
  'software-anachronism': ['anachronism.software'],
  'font-anachronism': ['anachronism.font'],
  'near-duplicate-doctored': ['corpus.near-duplicate'],
};

export interface PlantedFake {
  id: string;
  kind: FakeKind;
  target: TruthTarget;
  /** Checks that must flag the target (at any severity; the checks' tests decide which). */
  expectedChecks: string[];
  /** Further checks the same trace may reasonably raise too. */
  alsoPlausible: string[];
  /** What the forger did, in one or two sentences. */
  description: string;
  /** The genuine item it was made from, when there is one in the dump. */
  original?: TruthTarget;
}

export interface Lookalike {
  id: string;
  kind: LookalikeKind;
  target: TruthTarget;
  tempts: string[];
  description: string;
}

export interface DkimRecord {
  /** 'selector._domainkey.domain' */
  name: string;
  /** TXT record text: 'v=DKIM1; k=rsa; p=...' */
  txt: string;
}

export interface GroundTruth {
  generator: 'verity-demo';
  version: number;
  seed: number;
  scale: number;
  organisation: { name: string; domain: string; staff: { name: string; email: string; client: string }[] };
  /** Files written in the dump and their total size. */
  files: number;
  bytes: number;
  /** Documents by kind, counted wherever they are (loose file, archive member, mbox message, attachment). */
  counts: Record<string, number>;
  fakes: PlantedFake[];
  lookalikes: Lookalike[];
  dkim: { records: DkimRecord[]; keyFileText: string };
}

/** The ground truth as `verity validate --truth` reads it: each fake forged (its kind as family),
 *  each lookalike genuine (the kind it mimics as family). An email, or an attachment of one, is
 *  named by its file and Message-ID (the item is the message and what it carries). */
export function validationRows(truth: GroundTruth): TruthRow[] {
  const row = (t: TruthTarget, label: TruthRow['label'], family: string): TruthRow =>
    t.messageId ? { path: t.reportPath, messageId: t.messageId, label, family } : { path: t.reportPath, label, family };
  return [...truth.fakes.map((f) => row(f.target, 'forged', f.kind)), ...truth.lookalikes.map((l) => row(l.target, 'genuine', l.kind))];
}

function reportPath(path: string, members?: string[]): string {
  return [path, ...(members ?? [])].join('!');
}

export function target(path: string, extra: Omit<TruthTarget, 'path' | 'reportPath'> = {}): TruthTarget {
  return { path, ...extra, reportPath: reportPath(path, extra.members) };
}
