// The adversarial bench's generator, checked on a small dump of the Google-hosted organisation
// (New York and Chicago): byte-identical for one seed, every truth item present in the dump, every
// family planted at least three times with a lookalike, real DKIM signatures that verify with the
// key file (and fail where a forger edited the body), Date offsets that follow each zone's DST,
// and spliced photos whose thumbnail differs from the picture in the spliced region only.

import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import exifr from 'exifr';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { offsetAt } from '../../../src/bench/detection/clock.js';
import { generateDump, type GeneratedDump } from '../../../src/bench/detection/generate.js';
import { decode, thumbnailOf } from '../../../src/bench/detection/photos.js';

const FAMILIES = [
  'email-date-offset',
  'email-message-id-syntax',
  'email-client',
  'email-missing-signature',
  'email-quote-altered',
  'email-body-altered',
  'email-date-vs-received',
  'email-duplicate-message-id',
  'attachment-after-email',
  'photo-splice-old-thumbnail',
  'photo-resaved-by-editor',
  'office-foreign-editor',
  'office-backdated-burst',
  'pdf-text-edited-update',
  'pdf-info-xmp-mismatch',
  'software-anachronism',
  'font-anachronism',
  'near-duplicate-doctored',
];

const SMALL = { staffCount: 12, threads: 40, looseDocuments: 30, photos: 14 };

let dir: string;
let a: GeneratedDump;
let b: GeneratedDump;

function listFiles(root: string): string[] {
  return readdirSync(root).flatMap((n) => {
    const p = join(root, n);
    return statSync(p).isDirectory() ? listFiles(p) : [p];
  });
}

function fingerprint(g: GeneratedDump): string[] {
  const out = listFiles(g.dumpDir).map((p) => `${relative(g.dumpDir, p)} ${createHash('sha256').update(readFileSync(p)).digest('hex')}`);
  out.push(
    `truth ${createHash('sha256').update(readFileSync(g.truthFile)).digest('hex')}`,
    `keys ${createHash('sha256').update(readFileSync(g.keysFile)).digest('hex')}`,
  );
  return out.sort();
}

function zipMember(zip: Buffer, name: string): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, z) => {
      if (err || !z) return reject(err);
      z.on('entry', (e: yauzl.Entry) => {
        if (e.fileName !== name) return z.readEntry();
        z.openReadStream(e, (err2, s) => {
          if (err2 || !s) return reject(err2);
          const chunks: Buffer[] = [];
          s.on('data', (c: Buffer) => chunks.push(c));
          s.on('end', () => resolve(Buffer.concat(chunks)));
        });
      });
      z.on('end', () => resolve(null));
      z.readEntry();
    });
  });
}

/** The bytes of a truth item: a file, a zip member, or the n-th message of an mbox. */
async function item(g: GeneratedDump, path: string): Promise<Buffer | null> {
  const [file, ...rest] = path.split('!');
  let data: Buffer = readFileSync(join(g.dumpDir, file));
  for (const part of rest) {
    const m = /^message-(\d+)$/.exec(part);
    if (m) {
      const messages = data
        .toString('latin1')
        .split(/(?:^|\r\n)(?=From [^\r\n]*\r\n)/)
        .filter((s) => s.startsWith('From '));
      const msg = messages[Number(m[1]) - 1];
      if (msg === undefined) return null;
      data = Buffer.from(msg.slice(msg.indexOf('\r\n') + 2), 'latin1');
    } else {
      const member = await zipMember(data, part);
      if (!member) return null;
      data = member;
    }
  }
  return data;
}

function resolver(keysFile: string) {
  const records = new Map<string, string>();
  for (const line of readFileSync(keysFile, 'utf8').split('\n')) {
    const m = /^(\S+)\s+TXT\s+"(.*)"$/.exec(line.trim());
    if (m) records.set(m[1].toLowerCase(), m[2]);
  }
  return async (name: string) => {
    const r = records.get(name.toLowerCase());
    if (!r) throw Object.assign(new Error(`no key for ${name}`), { code: 'ENOTFOUND' });
    return [[r]];
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verity-advbench-'));
  a = await generateDump(join(dir, 'a'), 2, { overrides: SMALL });
  b = await generateDump(join(dir, 'b'), 2, { overrides: SMALL });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('detection bench generator', () => {
  it('writes byte-identical dumps, keys and truth for one seed', () => {
    expect(fingerprint(a)).toEqual(fingerprint(b));
    expect(a.counts.items).toBeGreaterThan(150);
  });

  it('plants every family at least three times, with at least one innocent lookalike, all present in the dump', async () => {
    for (const fam of FAMILIES) {
      expect(a.truth.filter((t) => t.label === 'forged' && t.family === fam).length, fam).toBeGreaterThanOrEqual(3);
      expect(a.truth.filter((t) => t.label === 'genuine' && t.family === fam).length, fam).toBeGreaterThanOrEqual(1);
    }
    expect(new Set(a.truth.map((t) => t.family).filter(Boolean))).toEqual(new Set(FAMILIES));
    const paths = new Set<string>();
    for (const t of a.truth) {
      const key = `${t.path}\u0000${t.messageId ?? ''}`;
      expect(paths.has(key), `listed twice: ${t.path}`).toBe(false);
      paths.add(key);
      const bytes = await item(a, t.path!);
      expect(bytes, t.path).not.toBeNull();
      if (t.messageId) expect(bytes!.toString('latin1'), t.path).toContain(`<${t.messageId}>`);
    }
  });

  it("signs internal mail for real: the organisation's signatures verify with the key file, edited bodies fail", async () => {
    const resolve = resolver(a.keysFile);
    let verified = 0;
    for (const t of a.truth.filter((x) => x.messageId && x.label === 'genuine' && !x.family)) {
      const raw = (await item(a, t.path!))!;
      if (!/^DKIM-Signature:[^]*?d=northgatehousing\.org/im.test(raw.toString('latin1').split('\r\n\r\n')[0])) continue;
      const res = await dkimVerify(raw, { resolver: resolve as never, curTime: new Date('2021-06-01') });
      const org = res.results.find((r) => r.signingDomain === 'northgatehousing.org')!;
      expect(org.status.result, t.path).toBe('pass');
      verified++;
    }
    expect(verified).toBeGreaterThan(30);
    const altered = a.truth.filter((x) => x.family === 'email-body-altered' && x.label === 'forged');
    for (const t of altered) {
      const res = await dkimVerify((await item(a, t.path!))!, { resolver: resolve as never, curTime: new Date('2021-06-01') });
      expect(
        res.results.some((r) => r.status.result === 'fail' || r.status.result === 'neutral'),
        t.path,
      ).toBe(true);
      expect(JSON.stringify(res.results), t.path).toMatch(/body hash did not verify/);
    }
  });

  it('writes Date offsets that follow the DST rules of New York and Chicago on each date', async () => {
    let n = 0;
    for (const t of a.truth.filter((x) => x.messageId && x.label === 'genuine' && !x.family)) {
      const raw = (await item(a, t.path!))!.toString('latin1');
      const from = /^From:.*@([\w.-]+)>?\s*$/im.exec(raw.split('\r\n\r\n')[0].replace(/\r\n[ \t]+/g, ' '))?.[1];
      if (from !== 'northgatehousing.org') continue;
      const date = /^Date: (.*)$/im.exec(raw)![1];
      const m = /([+-])(\d\d)(\d\d)\s*$/.exec(date)!;
      const off = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
      const at = Date.parse(date);
      expect([offsetAt('America/New_York', at), offsetAt('America/Chicago', at)], `${t.path}: ${date}`).toContain(off);
      n++;
    }
    expect(n).toBeGreaterThan(50);
  });

  it('changes a spliced photo in one region while its EXIF thumbnail still shows the original there', async () => {
    const spliced = a.notes.filter((x) => x.family === 'photo-splice-old-thumbnail' && x.label === 'forged');
    expect(spliced.length).toBe(3);
    for (const t of spliced) {
      const [rx, ry, rw, rh] = /x=(\d+) y=(\d+) (\d+)x(\d+)/.exec(t.note)!.slice(1).map(Number);
      const jpg = (await item(a, t.path))!;
      const main = decode(jpg);
      const thumb = decode(Buffer.from((await exifr.thumbnail(jpg))!));
      const letterbox = Math.abs(thumb.width / thumb.height - main.width / main.height) > 0.05;
      const now = thumbnailOf(main, [thumb.width, thumb.height], letterbox);
      // where the spliced rectangle falls in the thumbnail
      const sx = thumb.width / main.width;
      const top = letterbox ? Math.floor((thumb.height - Math.round((thumb.width * main.height) / main.width)) / 2) : 0;
      const sy = letterbox ? sx : thumb.height / main.height;
      const region = { x0: rx * sx, y0: top + ry * sy, x1: (rx + rw) * sx, y1: top + (ry + rh) * sy };
      const B = 6;
      const inside: number[] = [];
      const outside: number[] = [];
      for (let by = 0; by + B <= thumb.height; by += B)
        for (let bx = 0; bx + B <= thumb.width; bx += B) {
          let d = 0;
          for (let y = by; y < by + B; y++)
            for (let x = bx; x < bx + B; x++)
              for (let c = 0; c < 3; c++) d += Math.abs(thumb.px[(y * thumb.width + x) * 4 + c] - now.px[(y * thumb.width + x) * 4 + c]);
          d /= B * B * 3;
          if (bx >= region.x0 && bx + B <= region.x1 && by >= region.y0 && by + B <= region.y1) inside.push(d);
          else if (bx + B < region.x0 - B || bx > region.x1 + B || by + B < region.y0 - B || by > region.y1 + B) outside.push(d);
        }
      const mean = (l: number[]) => l.reduce((p, q) => p + q, 0) / l.length;
      expect(inside.length, t.path).toBeGreaterThan(3);
      expect(mean(inside), t.path).toBeGreaterThan(4 * mean(outside));
      expect(Math.max(...outside), t.path).toBeLessThan(Math.max(...inside));
      expect(mean(outside), t.path).toBeLessThan(4);
    }
  });
});
