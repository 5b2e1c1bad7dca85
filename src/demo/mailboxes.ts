// Where the staff's mail ends up in the dump: per-person exports as loose .eml files, as .mbox files,
// as .mbox files inside a zip, and inside a zip inside a zip (an old backup), as leaked mail usually
// arrives. Each delivered copy is recorded so the ground truth can point at it.

import { type DumpWriter } from './dump-writer.js';
import { crlfToLf } from './email.js';
import { asctime } from './time.js';
import { slug } from './text.js';
import { target, type TruthTarget } from './truth.js';

export type Folder = 'Inbox' | 'Sent';

export interface ExportSpec {
  /** 'eml' folder, top-level 'mbox', or an mbox member of a zip (the zip path chain). */
  style: 'eml' | 'mbox' | 'zip-mbox';
  /** For zip-mbox: the zip file on disk and the members leading to the mbox's folder. */
  zipPath?: string;
  innerZip?: string;
  lineEnding: 'lf' | 'crlf';
}

export interface ZipMember {
  members: string[];
  chunks: Buffer[];
  mtime: number;
}

export class Mailboxes {
  private seq = 0;
  /** mbox contents destined for zips, by zip path then member chain. */
  readonly zipMembers = new Map<string, ZipMember>();
  readonly written: { login: string; folder: Folder; target: TruthTarget }[] = [];
  emails = 0;

  constructor(
    private readonly writer: DumpWriter,
    private readonly exports: Record<string, ExportSpec>,
    /** Prefix for this batch's files ('' for the main batch). */
    private readonly prefix: string,
    private readonly zipNames: { exportZip: string; backupZip: string; innerZip: string },
  ) {}

  has(login: string): boolean {
    return login in this.exports;
  }

  /** Stores one copy of a message in a person's export; returns where it went. */
  store(login: string, folder: Folder, raw: Buffer, messageId: string, epochMs: number, sender: string, subject: string): TruthTarget {
    const spec = this.exports[login];
    if (!spec) throw new Error(`no mail export for ${login}`);
    this.emails++;
    let t: TruthTarget;
    if (spec.style === 'eml') {
      const rel = `${this.prefix}mail/eml/${login}/${folder === 'Inbox' ? 'Boite de reception' : 'Elements envoyes'}/${String(++this.seq).padStart(5, '0')}_${slug(subject) || 'sans-objet'}.eml`;
      this.writer.write(rel, raw, epochMs);
      t = target(rel, { messageId });
    } else {
      const body = mboxEntry(raw, sender, epochMs, spec.lineEnding);
      if (spec.style === 'mbox') {
        const rel = `${this.prefix}mail/mbox/${login}/${folder}.mbox`;
        this.writer.append(rel, body, epochMs);
        t = target(rel, { messageId });
      } else {
        const zipPath = spec.innerZip ? this.zipNames.backupZip : this.zipNames.exportZip;
        const members = spec.innerZip ? [this.zipNames.innerZip, `${login}/${folder}.mbox`] : [`export/${login}/${folder}.mbox`];
        const key = `${zipPath}|${members.join('|')}`;
        const m = this.zipMembers.get(key) ?? { members, chunks: [], mtime: 0 };
        m.chunks.push(body);
        m.mtime = Math.max(m.mtime, epochMs);
        this.zipMembers.set(key, m);
        t = target(zipPath, { members, messageId });
      }
    }
    this.written.push({ login, folder, target: t });
    return t;
  }
}

/** One mboxrd entry: 'From ' line, the message with '>From ' quoting, and a blank line. */
function mboxEntry(raw: Buffer, sender: string, epochMs: number, lineEnding: 'lf' | 'crlf'): Buffer {
  const eol = lineEnding === 'lf' ? '\n' : '\r\n';
  const msg = (lineEnding === 'lf' ? crlfToLf(raw) : raw).toString('latin1').replace(/^(>*From )/gm, '>$1');
  return Buffer.from(`From ${sender} ${asctime(epochMs)}${eol}${msg}${msg.endsWith(eol) ? '' : eol}${eol}`, 'latin1');
}

/** Who keeps a Sent folder in the dump (their sent copies carry no transport headers). */
export const SENT_EXPORTS = new Set(['thomas.girard', 'emilie.rousseau']);
