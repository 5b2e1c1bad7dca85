// The demo-dump generator: deterministic, writes only where it is told, and its ground truth matches
// what is on disk — including real DKIM signatures that verify (genuine mail) or break (altered mail).

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import jpeg from 'jpeg-js';
import exifr from 'exifr';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { generateDump } from '../../../src/demo/generate.js';
import { writeDemo } from '../../../src/demo/write-demo.js';
import type { GroundTruth, TruthTarget } from '../../../src/demo/truth.js';

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of listFiles(dir))
    out[f] = createHash('sha256')
      .update(readFileSync(join(dir, f)))
      .digest('hex');
  return out;
}

function zipMembers(data: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(data, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e2, stream) => {
          if (e2 || !stream) return reject(e2);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.readEntry();
    });
  });
}

/** The bytes a target's path and member chain lead to. */
async function open(root: string, t: { path: string; members?: string[] }): Promise<Buffer> {
  let data = readFileSync(join(root, t.path));
  for (const m of t.members ?? []) {
    const members = await zipMembers(data);
    const next = members.get(m);
    if (!next) throw new Error(`${t.path}: no member ${m}`);
    data = next;
  }
  return data;
}

/** Messages of an .eml or an mboxrd file. */
function messagesOf(data: Buffer, isMbox: boolean): Buffer[] {
  if (!isMbox) return [data];
  return data
    .toString('latin1')
    .split(/(?:^|\r?\n)From [^\r\n]*\r?\n/)
    .filter((m) => m.trim())
    .map((m) => Buffer.from(m.replace(/^>(>*From )/gm, '$1'), 'latin1'));
}

function messageId(raw: Buffer): string {
  return /^Message-I[dD]:\s*<([^>]+)>/m.exec(raw.toString('latin1'))![1];
}

async function findMessage(root: string, t: TruthTarget): Promise<Buffer> {
  const data = await open(root, t);
  const last = t.members?.length ? t.members[t.members.length - 1] : t.path;
  const found = messagesOf(data, last.endsWith('.mbox')).filter((m) => messageId(m) === t.messageId);
  expect(found, `${t.reportPath} holds ${t.messageId}`).toHaveLength(1);
  return found[0];
}

/** Every message in the dump with where it is (reportPath). */
async function allMessages(root: string): Promise<{ where: string; raw: Buffer }[]> {
  const out: { where: string; raw: Buffer }[] = [];
  const fromZip = async (data: Buffer, where: string) => {
    for (const [name, d] of await zipMembers(data)) {
      if (name.endsWith('.zip')) await fromZip(d, `${where}!${name}`);
      else if (name.endsWith('.mbox')) for (const raw of messagesOf(d, true)) out.push({ where: `${where}!${name}`, raw });
    }
  };
  for (const f of listFiles(root)) {
    const data = readFileSync(join(root, f));
    if (f.endsWith('.eml') || f.endsWith('.mbox')) for (const raw of messagesOf(data, f.endsWith('.mbox'))) out.push({ where: f, raw });
    else if (f.endsWith('.zip')) await fromZip(data, f);
  }
  return out;
}

function coreXml(docx: Buffer): Promise<string> {
  return zipMembers(docx).then((m) => m.get('docProps/core.xml')!.toString('utf8'));
}

let base: string;
let truthA: GroundTruth;
let truthB: GroundTruth;
let truthC: GroundTruth;
let secondsC = 0;

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'verity-demo-'));
  truthA = await generateDump(join(base, 'a'), { seed: 11, scale: 0.3 });
  truthB = await generateDump(join(base, 'b'), { seed: 11, scale: 0.3 });
  const t0 = performance.now();
  truthC = await generateDump(join(base, 'c'), { seed: 12, scale: 1, keyFile: join(base, 'c.keys.txt') });
  secondsC = (performance.now() - t0) / 1000;
});

afterAll(() => {
  if (base) rmSync(base, { recursive: true, force: true });
});

describe('generateDump: determinism and confinement', () => {
  it('gives byte-identical dumps and truths for the same seed and options', () => {
    const a = hashTree(join(base, 'a'));
    expect(Object.keys(a).length).toBeGreaterThan(50);
    expect(hashTree(join(base, 'b'))).toEqual(a);
    expect(JSON.stringify(truthB)).toBe(JSON.stringify(truthA));
  });

  it('gives a different dump for another seed', () => {
    const a = hashTree(join(base, 'a'));
    const c = hashTree(join(base, 'c'));
    const shared = Object.keys(a).filter((k) => c[k] !== undefined && c[k] !== a[k]);
    expect(shared.length).toBeGreaterThan(5);
  });

  it('writes nothing outside the dump directories except the requested key file', () => {
    expect(readdirSync(base).sort()).toEqual(['a', 'b', 'c', 'c.keys.txt']);
    expect(readFileSync(join(base, 'c.keys.txt'), 'utf8')).toBe(truthC.dkim.keyFileText);
  });

  it('reports the files and bytes actually written', () => {
    const files = listFiles(join(base, 'c'));
    expect(truthC.files).toBe(files.length);
    expect(truthC.bytes).toBe(files.reduce((s, f) => s + statSync(join(base, 'c', f)).size, 0));
  });

  it('grows with scale and runs in seconds at scale 1', () => {
    expect(truthC.counts.documents).toBeGreaterThan(250);
    expect(truthC.counts.documents).toBeGreaterThan(truthA.counts.documents * 1.8);
    expect(truthC.bytes).toBeGreaterThan(truthA.bytes * 1.5);
    // Generous: the test machine is shared; an idle 2-core machine needs a few seconds.
    expect(secondsC).toBeLessThan(90);
  });
});

describe('generateDump: ground truth matches the dump', () => {
  it('plants every kind of fake and every kind of lookalike', () => {
    const kinds = new Set(truthC.fakes.map((f) => f.kind));
    expect([...kinds].sort()).toEqual([
      'attachment-after-email',
      'dkim-body-altered',
      'email-date-vs-received',
      'email-duplicate-message-id',
      'email-sender-habit-client',
      'email-thread-quote-altered',
      'font-anachronism',
      'image-edited-thumbnail',
      'near-duplicate-doctored',
      'office-edit-burst',
      'office-foreign-author',
      'pdf-incremental-text-edit',
      'pdf-info-xmp-mismatch',
      'software-anachronism',
    ]);
    expect(new Set(truthC.lookalikes.map((l) => l.kind))).toEqual(
      new Set(['mailing-list-footer', 'pdfa-conversion', 'scanner-producer', 'travelling-sender', 'sent-copy']),
    );
    for (const f of truthC.fakes) expect(f.expectedChecks.length).toBeGreaterThan(0);
  });

  it('points every fake and lookalike at an existing file, member or message', async () => {
    const root = join(base, 'c');
    for (const item of [...truthC.fakes, ...truthC.lookalikes]) {
      const t = item.target;
      if (t.messageId) {
        const raw = await findMessage(root, t);
        if (t.attachment) expect(raw.toString('latin1')).toContain(`filename="${t.attachment}"`);
      } else {
        expect((await open(root, t)).length, t.reportPath).toBeGreaterThan(100);
      }
    }
  });

  it("carries the forger's trace in each planted document", async () => {
    const root = join(base, 'c');
    const byKind = (k: string) => truthC.fakes.filter((f) => f.kind === k);
    const text = async (k: string) => (await findMessage(root, byKind(k)[0].target)).toString('latin1');

    const altered = await text('dkim-body-altered');
    expect(altered).toContain('48 400 euros');
    expect(altered).not.toContain('18 400'); // both the text and the HTML part were edited
    expect((await findMessage(root, byKind('dkim-body-altered')[0].original!)).toString('latin1')).toContain('18 400 euros');
    expect(await text('email-thread-quote-altered')).toContain('> 120 000 euros');
    expect((await findMessage(root, byKind('email-thread-quote-altered')[0].original!)).toString('latin1')).toContain('\n12 000 euros');
    const forged = await text('email-sender-habit-client');
    expect(forged).not.toContain('DKIM-Signature');
    expect(forged).toContain('Thunderbird');

    const pdf = (await open(root, byKind('pdf-incremental-text-edit')[0].target)).toString('latin1');
    expect(pdf.match(/%%EOF/g)).toHaveLength(2);
    expect(pdf).toMatch(/\/Prev \d+/);

    const cyr = await coreXml(await open(root, byKind('office-foreign-author')[0].target));
    expect(cyr).toContain('<cp:lastModifiedBy>Георгий Петровский</cp:lastModifiedBy>');

    const burst = byKind('office-edit-burst');
    expect(burst.length).toBeGreaterThanOrEqual(8);
    const times: number[] = [];
    const created: number[] = [];
    for (const f of burst) {
      const core = await coreXml(await open(root, f.target));
      times.push(Date.parse(/<dcterms:modified[^>]*>([^<]+)</.exec(core)![1]));
      created.push(Date.parse(/<dcterms:created[^>]*>([^<]+)</.exec(core)![1]));
    }
    expect(Math.max(...times) - Math.min(...times)).toBeLessThanOrEqual(3 * 60_000);
    expect(Math.max(...created) - Math.min(...created)).toBeGreaterThan(60 * 86_400_000);

    const font = await open(root, byKind('font-anachronism')[0].target);
    const fontParts = await zipMembers(font);
    expect(fontParts.get('word/fontTable.xml')!.toString()).toContain('w:name="Calibri"');
    expect(fontParts.get('docProps/core.xml')!.toString()).toContain('2004-06-15');

    // Attachment created after its carrying mail: its core.xml dates are later than the Date header.
    const att = byKind('attachment-after-email')[0].target;
    const mail = (await findMessage(root, att)).toString('latin1');
    const sent = Date.parse(/^Date: (.+)$/m.exec(mail)![1]);
    const part = mail.split(`filename="${att.attachment}"`)[1].split('\r\n\r\n')[1].split('\r\n--')[0];
    const attCore = await coreXml(Buffer.from(part.replace(/\s+/g, ''), 'base64'));
    expect(Date.parse(/<dcterms:created[^>]*>([^<]+)</.exec(attCore)![1])).toBeGreaterThan(sent);
  });

  it('keeps the old thumbnail in the edited photo, and a matching one in genuine photos', async () => {
    const root = join(base, 'c');
    const aspect = async (buf: Buffer) => {
      const thumb = await exifr.thumbnail(buf);
      const main = jpeg.decode(buf, { useTArray: true });
      const t = jpeg.decode(Buffer.from(thumb!), { useTArray: true });
      return { main: main.width / main.height, thumb: t.width / t.height };
    };
    const edited = await aspect(await open(root, truthC.fakes.find((f) => f.kind === 'image-edited-thumbnail')!.target));
    expect(Math.abs(edited.main - edited.thumb)).toBeGreaterThan(0.2);
    const genuine = listFiles(root).filter((f) => f.startsWith('photos/') && !f.includes('IMG_0412'));
    expect(genuine.length).toBeGreaterThan(3);
    const g = await aspect(readFileSync(join(root, genuine[0])));
    expect(Math.abs(g.main - g.thumb)).toBeLessThan(0.01);
  });
});

describe('generateDump: DKIM signatures verify with the generated keys', () => {
  it('genuine signed mail verifies; altered mail does not; list posts keep a valid list signature', async () => {
    const root = join(base, 'c');
    const records = new Map(truthC.dkim.records.map((r) => [r.name, r.txt]));
    const resolver = async (name: string) => {
      const txt = records.get(name);
      if (!txt) throw Object.assign(new Error(`no key ${name}`), { code: 'ENOTFOUND' });
      return [[txt]];
    };
    const labels = new Map<string, string>();
    for (const x of [...truthC.fakes, ...truthC.lookalikes])
      if (x.target.messageId) labels.set(`${x.target.reportPath}|${x.target.messageId}`, x.kind);

    const tally: Record<string, number> = {};
    for (const { where, raw } of await allMessages(root)) {
      const kind = labels.get(`${where}|${messageId(raw)}`) ?? 'genuine';
      const res = await dkimVerify(raw, { resolver } as unknown as Parameters<typeof dkimVerify>[1]);
      const verdicts = res.results.map((r: { signingDomain?: string; status: { result: string; comment?: string } }) =>
        r.status.result === 'none'
          ? 'unsigned'
          : `${r.signingDomain}:${r.status.result === 'neutral' && /body hash/.test(r.status.comment ?? '') ? 'bh-fail' : r.status.result}`,
      );
      const key = `${kind} ${verdicts.sort().join(',')}`;
      tally[key] = (tally[key] ?? 0) + 1;
    }
    const keys = Object.keys(tally);
    // Genuine mail: the organisation's and the partner's signatures pass; only the town hall is unsigned.
    for (const k of keys.filter((k) => k.startsWith('genuine '))) {
      expect(['genuine campagne-exemple.fr:pass', 'genuine partenaire-exemple.org:pass', 'genuine unsigned']).toContain(k);
    }
    expect(tally['genuine campagne-exemple.fr:pass']).toBeGreaterThan(100);
    expect(tally['travelling-sender campagne-exemple.fr:pass']).toBeGreaterThan(0);
    expect(tally['mailing-list-footer lists.reseau-exemple.org:pass,partenaire-exemple.org:bh-fail']).toBeGreaterThan(0);
    expect(tally['dkim-body-altered campagne-exemple.fr:bh-fail']).toBe(1);
    expect(tally['email-thread-quote-altered campagne-exemple.fr:bh-fail']).toBe(1);
    expect(tally['email-duplicate-message-id campagne-exemple.fr:bh-fail']).toBe(1);
    expect(tally['attachment-after-email campagne-exemple.fr:bh-fail']).toBe(1);
    expect(tally['email-date-vs-received campagne-exemple.fr:fail']).toBe(1);
    expect(tally['email-sender-habit-client unsigned']).toBe(1);
    expect(keys.filter((k) => k.startsWith('sent-copy ')).every((k) => k === 'sent-copy unsigned')).toBe(true);
  });
});

describe('writeDemo', () => {
  it('refuses a non-empty directory unless forced, and keeps the key file outside the dump', async () => {
    const dir = join(base, 'occupied');
    mkdirSync(dir);
    writeFileSync(join(dir, 'mine.txt'), 'not yours');
    const lines: string[] = [];
    await expect(writeDemo(dir, { scale: 0.1, log: (l) => lines.push(l) })).rejects.toThrow(/not empty/);
    expect(readdirSync(dir)).toEqual(['mine.txt']);
    await expect(
      writeDemo(join(base, 'fresh'), { scale: 0.1, keyFile: join(base, 'fresh', 'keys.txt'), log: (l) => lines.push(l) }),
    ).rejects.toThrow(/outside the dump/);
    expect(existsSync(join(base, 'fresh', 'keys.txt'))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(base, 'fresh'), { recursive: true, force: true });
  });

  it('writes the dump and says where the DKIM key file went', async () => {
    const lines: string[] = [];
    const { keyFile, truth } = await writeDemo(join(base, 'demo'), { scale: 0.1, log: (l) => lines.push(l) });
    expect(keyFile).toBe(join(base, 'demo.dkim-keys.txt'));
    expect(readFileSync(keyFile, 'utf8')).toBe(truth.dkim.keyFileText);
    expect(lines.join('\n')).toContain(`DKIM public keys (test-only) written to ${keyFile}`);
    rmSync(join(base, 'demo'), { recursive: true, force: true });
    rmSync(keyFile);
  });
});
