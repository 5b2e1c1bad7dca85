// Writes a bench world to disk as a leaked dump: each leaked mailbox in the form its owner's software
// exports (Thunderbird mbox files with X-Mozilla-Status lines, Apple Mail's "INBOX.mbox/mbox", a
// Google Takeout mbox with X-GM-THRID and X-Gmail-Labels, Outlook-style .eml folders, a Roundcube
// zip of .eml files), the loose files and zip archives, and returns where every item went: the report
// paths the truth file names ('Mail/x/Inbox.mbox!message-7', 'Archives/a.zip!dir/file.docx').

import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Prng } from '../../demo/prng.js';
import { asctime, DAY, offsetAt, wall } from './clock.js';
import type { Folder, MailCopy, Person } from './mail-model.js';
import { slug } from './names.js';
import { dosTime, zipParts } from './office.js';
import type { ExportStyle } from './org.js';
import { msgFromMime } from './msg-writer.js';
import { tgz, type TarEntry } from './tar-gz.js';
import { langOf } from './text.js';
import type { Label, World } from './world.js';

export interface Placed {
  path: string;
  messageId?: string;
  label?: Label;
}

const FOLDER_NAMES: Record<ExportStyle, Record<Folder, string>> = {
  'tb-mbox': { Inbox: 'Inbox.mbox', Sent: 'Sent.mbox', Archive: 'Archives.mbox' },
  'apple-mbox': { Inbox: 'INBOX.mbox/mbox', Sent: 'Sent Messages.mbox/mbox', Archive: 'Archive.mbox/mbox' },
  'takeout-mbox': { Inbox: '', Sent: '', Archive: '' },
  'eml-folders': { Inbox: 'Inbox', Sent: 'Sent Items', Archive: 'Archive' },
  'eml-zip': { Inbox: 'INBOX', Sent: 'Sent', Archive: 'Archive' },
  'msg-folders': { Inbox: 'Inbox', Sent: 'Sent Items', Archive: 'Archive' },
  'zimbra-tgz': { Inbox: 'Inbox', Sent: 'Sent', Archive: 'Archive' },
};

/** Outlook's folder names in the mailbox language (what a user's drag-and-drop export keeps). */
const OUTLOOK_FOLDERS: Record<string, Record<Folder, string>> = {
  de: { Inbox: 'Posteingang', Sent: 'Gesendete Elemente', Archive: 'Archiv' },
  pt: { Inbox: 'Caixa de Entrada', Sent: 'Itens Enviados', Archive: 'Arquivo Morto' },
  ja: { Inbox: '受信トレイ', Sent: '送信済みアイテム', Archive: 'アーカイブ' },
  en: { Inbox: 'Inbox', Sent: 'Sent Items', Archive: 'Archive' },
};

/** Windows Explorer's name for a mail dragged out of Outlook or downloaded from the web: the subject,
 *  ':' dropped and other forbidden characters replaced, " (2)" for a second one. */
function subjectFileName(subject: string, ext: string, taken: Set<string>): string {
  const base = (
    subject
      .replace(/:/g, '')
      .replace(/[\\/*?"<>|]/g, '_')
      .replace(/\s+/g, ' ')
      .trim() || 'Kein Betreff'
  )
    .slice(0, 80)
    .trim();
  let name = `${base}.${ext}`;
  for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${base} (${k}).${ext}`;
  taken.add(name.toLowerCase());
  return name;
}

/** mboxo escaping, as Thunderbird writes it: a body line starting with "From " gets a '>'. */
function escapeFrom(raw: Buffer): Buffer {
  const s = raw.toString('latin1');
  return /(^|\r?\n)From /.test(s) ? Buffer.from(s.replace(/(^|\r?\n)From /g, '$1>From '), 'latin1') : raw;
}

function mboxEntry(style: ExportStyle, c: MailCopy, owner: Person, prng: Prng, threadStart: (c: MailCopy) => number): Buffer {
  const body = escapeFrom(c.raw);
  let head: string;
  if (style === 'tb-mbox') {
    head = `From - ${asctime(c.at, offsetAt(owner.zone, c.at))}\r\nX-Mozilla-Status: 0001\r\nX-Mozilla-Status2: 00000000\r\nX-Mozilla-Keys:${' '.repeat(81)}\r\n`;
  } else if (style === 'takeout-mbox') {
    const labels =
      c.folder === 'Sent'
        ? 'Sent'
        : c.folder === 'Archive'
          ? 'Archived,Opened'
          : prng.pick(['Inbox,Opened', 'Opened,Inbox', 'Important,Inbox,Opened']);
    const w = wall(c.at, 0);
    const d = new Date(c.at).toUTCString().split(' ');
    // Gmail's message and thread ids: the millisecond time in the top 44 bits (as hex digits 1-11).
    const gmId = (ms: number) => ((BigInt(ms) << 20n) | BigInt(prng.int(0, 0xfffff))).toString();
    head = `From ${gmId(c.at)}@xxx ${d[0].replace(',', '')} ${d[2]} ${String(w.day).padStart(2, '0')} ${d[4]} +0000 ${w.year}\r\nX-GM-THRID: ${gmId(threadStart(c))}\r\nX-Gmail-Labels: ${labels}\r\n`;
  } else {
    const sender = /^From:.*?<([^>]+)>/im.exec(c.raw.toString('latin1'))?.[1] ?? 'MAILER-DAEMON';
    head = `From ${sender} ${asctime(c.at)}\r\n`;
  }
  return Buffer.concat([Buffer.from(head, 'latin1'), body, Buffer.from(body.subarray(-2).toString() === '\r\n' ? '\r\n' : '\r\n\r\n')]);
}

function emlName(c: MailCopy, owner: Person, taken: Set<string>): string {
  const w = wall(c.at, offsetAt(owner.zone, c.at));
  const base = `${w.year}${String(w.month).padStart(2, '0')}${String(w.day).padStart(2, '0')}-${String(w.hour).padStart(2, '0')}${String(w.minute).padStart(2, '0')} ${slug(c.subject, 50) || 'no subject'}`;
  let name = `${base}.eml`;
  for (let k = 2; taken.has(name); k++) name = `${base} (${k}).eml`;
  taken.add(name);
  return name;
}

/** A hold-out mailbox: Outlook .msg files or .eml downloads in localised folders, or a Zimbra .tgz export. */
async function holdoutMailbox(
  world: World,
  owner: Person,
  style: 'msg-folders' | 'eml-folders' | 'zimbra-tgz',
  mine: MailCopy[],
  put: (path: string, data: Buffer, at: number) => void,
  placed: Placed[],
): Promise<void> {
  const who = owner.email.split('@')[0];
  const g = langOf(owner.locale);
  const outlookish = owner.client.startsWith('outlook') || owner.client === 'owa' || owner.client === 'new-outlook';
  const names = style === 'zimbra-tgz' || !outlookish ? FOLDER_NAMES[style] : (OUTLOOK_FOLDERS[g] ?? OUTLOOK_FOLDERS.en);
  const taken = new Map<string, Set<string>>();
  const infra = world.org.infra;
  const exchangeOrg =
    infra.kind === 'm365'
      ? { domain: infra.domain, dn: '/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)' }
      : infra.kind === 'exchange2013'
        ? { domain: infra.domain, dn: '/o=Kitamura/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)' }
        : undefined;
  const lcid: Record<string, number> = { 'de-DE': 1031, 'pt-BR': 1046, 'ja-JP': 1041, 'en-US': 1033, 'en-GB': 2057 };
  const tarEntries: TarEntry[] = [];
  const last = mine.length ? Math.max(...mine.map((c) => c.at)) : world.org.end;
  const w = wall(last + DAY, offsetAt(owner.zone, last + DAY));
  const p2 = (n: number) => String(n).padStart(2, '0');
  const tgzName = `${who}-${w.year}-${p2(w.month)}-${p2(w.day)}-${p2(w.hour)}${p2(w.minute)}${p2(w.second)}.tgz`;
  for (const c of mine) {
    const folder = names[c.folder];
    const set = taken.get(folder) ?? new Set<string>();
    taken.set(folder, set);
    if (style === 'zimbra-tgz') {
      const name = subjectFileName(c.subject, 'eml', set);
      tarEntries.push({ name: `${folder}/${name}`, data: c.raw, mtime: c.at });
      placed.push({
        path: `Mail/${who}/${tgzName}!${tgzName.replace(/\.tgz$/, '.tar')}!${folder}/${name}`,
        messageId: c.messageId,
        label: c.label,
      });
      continue;
    }
    const ext = style === 'msg-folders' ? 'msg' : 'eml';
    const path = `Mailboxes/${who}/${folder}/${subjectFileName(c.subject, ext, set)}`;
    const data =
      style === 'msg-folders'
        ? await msgFromMime(c.raw, {
            transportHeaders: c.kind === 'received' && c.msg?.transportHeaders !== false,
            delivered: c.at,
            created: c.msg?.created,
            modified: c.msg?.modified,
            lcid: lcid[owner.locale] ?? 1033,
            outlookVersion: '16.0',
            exchangeOrg,
            sent: c.kind === 'sent',
          })
        : c.raw;
    put(path, data, c.at);
    placed.push({ path, messageId: c.messageId, label: c.label });
  }
  if (style === 'zimbra-tgz') put(`Mail/${who}/${tgzName}`, tgz(tarEntries), 0);
}

/** Lays out the world under `dir` and returns every placed item. */
export async function writeDump(world: World, dir: string): Promise<Placed[]> {
  const placed: Placed[] = [];
  const prng = world.prng.fork(900);
  const files = new Map<string, Buffer>();
  const zips = new Map<string, { name: string; data: Buffer; at: number }[]>();
  const put = (path: string, data: Buffer, at: number) => {
    const bang = path.indexOf('!');
    if (bang < 0) files.set(path, data);
    else {
      const archive = path.slice(0, bang);
      zips.set(archive, [...(zips.get(archive) ?? []), { name: path.slice(bang + 1), data, at }]);
    }
  };

  // The first message of a conversation (Gmail's thread id carries its time).
  const byId = new Map(world.records.map((r) => [r.letter.messageId, r]));
  const threadStart = (c: MailCopy): number => {
    const r = byId.get(c.messageId);
    const root = r?.letter.references[0] ?? r?.letter.inReplyTo;
    return (root && byId.get(root)?.letter.date) || r?.letter.date || c.at;
  };
  for (const { person: owner, style } of world.org.leaked) {
    const mine = world.copies.filter((c) => c.owner === owner).sort((a, b) => a.at - b.at);
    const who = owner.email.split('@')[0];
    if (world.org.params.holdout && (style === 'msg-folders' || style === 'eml-folders' || style === 'zimbra-tgz')) {
      await holdoutMailbox(world, owner, style, mine, put, placed);
      continue;
    }
    if (style === 'tb-mbox' || style === 'apple-mbox' || style === 'takeout-mbox') {
      const base = style === 'takeout-mbox' ? `Takeout/${owner.name}/Mail` : `Mail/${style === 'apple-mbox' ? owner.name : who}`;
      const groups = new Map<string, MailCopy[]>();
      for (const c of mine) {
        const file =
          style === 'takeout-mbox' ? `${base}/All mail Including Spam and Trash.mbox` : `${base}/${FOLDER_NAMES[style][c.folder]}`;
        groups.set(file, [...(groups.get(file) ?? []), c]);
      }
      for (const [file, list] of groups) {
        put(file, Buffer.concat(list.map((c) => mboxEntry(style, c, owner, prng, threadStart))), 0);
        list.forEach((c, k) => placed.push({ path: `${file}!message-${k + 1}`, messageId: c.messageId, label: c.label }));
      }
    } else {
      const taken = new Set<string>();
      for (const c of mine) {
        const name = emlName(c, owner, taken);
        const path =
          style === 'eml-zip'
            ? `Archives/${who}-mailbox.zip!${who}/${FOLDER_NAMES[style][c.folder]}/${name}`
            : `Mailboxes/${who}/${FOLDER_NAMES[style][c.folder]}/${name}`;
        put(path, c.raw, c.at);
        placed.push({ path, messageId: c.messageId, label: c.label });
      }
    }
  }

  for (const f of world.files) {
    put(f.path, f.data, f.at);
    placed.push({ path: f.path, label: f.label });
  }

  for (const [archive, members] of zips) {
    const latest = Math.max(...members.map((m) => m.at));
    files.set(
      archive,
      await zipParts(
        members.map((m) => [m.name, m.data]),
        dosTime(latest, world.org.params.sites[0].zone),
      ),
    );
  }

  for (const [path, data] of files) {
    const full = join(dir, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, data);
  }
  return placed;
}
