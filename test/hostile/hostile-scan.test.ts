// Hostile dumps: every trap of the issue, generated here. The scan finishes, accounts for every
// input, leaves the dump byte-identical, stops bombs and hangs within limits, opens no connection,
// and survives SIGKILL at random points with a final report equal to an uninterrupted scan's.

import { describe, expect, it, beforeAll } from 'vitest';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, lstatSync, rmSync, readlinkSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { writeHostileDump, writeRaceDump, type HostileInput } from './generate.js';
import { VERITY_BIN, runVerity, spawnVerity } from '../support/cli.js';
import { runScan } from '../../src/ingest/scan.js';

const TRIPWIRE = fileURLToPath(new URL('./network-tripwire.mjs', import.meta.url));

/** Hash of the whole tree: names (raw bytes), modes, link targets and contents. */
function treeHash(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: Buffer) => {
    const names = (readdirSync(d as unknown as string, { encoding: 'buffer' }) as unknown as Buffer[]).sort(Buffer.compare);
    for (const n of names) {
      const p = Buffer.concat([d, Buffer.from('/'), n]);
      const st = lstatSync(p as unknown as string);
      h.update(p).update(String(st.mode)).update(String(st.size)).update(String(st.mtimeMs));
      if (st.isSymbolicLink()) h.update(readlinkSync(p as unknown as string));
      else if (st.isDirectory()) walk(p);
      else if (st.isFile()) {
        const old = st.mode;
        if ((old & 0o444) === 0) chmodSync(p as unknown as string, 0o400);
        h.update(readFileSync(p as unknown as string));
        if ((old & 0o444) === 0) chmodSync(p as unknown as string, old & 0o7777);
      }
    }
  };
  walk(Buffer.from(dir));
  return h.digest('hex');
}

const isRoot = process.getuid?.() === 0;
const canUnshare = isRoot && spawnSync('unshare', ['-n', 'true']).status === 0;

/** Run verity without network (a namespace with no interfaces, when we can make one), as an
 *  unprivileged user when we are root (so an unreadable file really is unreadable), and with the
 *  tripwire that records any connection attempt. */
function runIsolated(args: string[], log: string): { code: number; stdout: string; stderr: string } {
  const node = [process.execPath, '--import', TRIPWIRE, VERITY_BIN, ...args];
  const cmd = isRoot
    ? [...(canUnshare ? ['unshare', '-n'] : []), 'setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...node]
    : node;
  const r = spawnSync(cmd[0], cmd.slice(1), {
    encoding: 'utf8',
    env: { ...process.env, VERITY_TRIPWIRE_LOG: log },
    timeout: 900_000,
    maxBuffer: 256 << 20,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('hostile dump', () => {
  let dir: string;
  let dump: string;
  let inputs: HostileInput[];
  let before: string;
  let caseFile: string;
  let scan: { code: number; stdout: string; stderr: string };
  const log = () => join(dir, 'network.log');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'verity-hostile-'));
    chmodSync(dir, 0o777);
    dump = join(dir, 'dump');
    inputs = await writeHostileDump(dump);
    spawnSync('chmod', ['-R', 'a+rX', join(dump, 'archives'), join(dump, 'pdf'), join(dump, 'mail'), join(dump, 'images')]);
    chmodSync(dump, 0o755);
    chmodSync(join(dump, 'fs'), 0o755);
    before = treeHash(dump);
    caseFile = join(dir, 'hostile.verity');
    const t0 = Date.now();
    scan = runIsolated(['scan', dump, '--case', caseFile, '--json-progress', '--timeout', '60'], log());
    process.stdout.write(`hostile scan: ${((Date.now() - t0) / 1000).toFixed(1)} s, exit ${scan.code}\n`);
    return () => rmSync(dir, { recursive: true, force: true });
  });

  it('finishes without a crash and opens no network connection', () => {
    expect(scan.code, scan.stderr.slice(-3000)).toBe(0);
    expect(existsSync(log()) ? readFileSync(log(), 'utf8') : '').toBe('');
  });

  it('accounts for every input: a document, or an error finding on one', () => {
    const db = new Database(caseFile, { readonly: true });
    const docs = db.prepare('SELECT path FROM documents WHERE depth = 0').pluck().all() as string[];
    const missing = inputs.filter((i) => !docs.includes(i.path)).map((i) => i.path);
    expect(missing).toEqual([]);
    const results: Record<string, string[]> = {};
    for (const i of inputs) {
      const f = db
        .prepare(
          `SELECT DISTINCT x.check_id FROM documents d JOIN findings x ON x.doc_rowid = d.rowid WHERE d.path = ? OR d.path LIKE ? ORDER BY 1`,
        )
        .pluck()
        .all(i.path, `${i.path}!%`) as string[];
      results[`${i.klass}: ${i.what}`] = f;
    }
    process.stdout.write(`${JSON.stringify(results, null, 1)}\n`);
    const finding = (path: string, re: RegExp) =>
      (
        db
          .prepare(
            `SELECT x.check_id || ' ' || x.message FROM documents d JOIN findings x ON x.doc_rowid = d.rowid WHERE d.path = ? OR d.path LIKE ?`,
          )
          .pluck()
          .all(path, `${path}!%`) as string[]
      ).some((m) => re.test(m));
    expect(finding('fs/outside-link', /not-followed/)).toBe(true);
    expect(finding('fs/loop/up', /not-followed/)).toBe(true);
    if (isRoot) expect(finding('fs/unreadable.txt', /unreadable/)).toBe(true);
    expect(finding('archives/bomb-ratio.zip', /limit|ratio/i)).toBe(true);
    expect(finding('archives/encrypted.zip', /encrypted/)).toBe(true);
    expect(finding('archives/truncated.zip', /truncated|corrupt/)).toBe(true);
    expect(finding('pdf/active-content.pdf', /active-content|javascript|launch/i)).toBe(true);
    // The ten-deep zip is expanded to the bottom.
    expect(docs.length).toBeGreaterThan(0);
    const bottom = db
      .prepare("SELECT count(*) FROM documents WHERE path LIKE 'archives/nested-10.zip!%bottom.txt'")
      .pluck()
      .get() as number;
    expect(bottom).toBe(1);
    // Path traversal never escapes: no document path and no file outside the dump was made.
    expect(existsSync('/etc/evil.txt')).toBe(false);
    db.close();
  });

  it('leaves the dump byte-identical', () => {
    expect(treeHash(dump)).toBe(before);
  });

  it('reports and serves nothing over the network either', () => {
    const r = runIsolated(['report', '--case', caseFile, '--format', 'json', '-o', join(dir, 'r.json')], log());
    expect(r.code, r.stderr).toBe(0);
    const h = runIsolated(['report', '--case', caseFile, '--format', 'html', '-o', join(dir, 'r.html')], log());
    expect(h.code, h.stderr).toBe(0);
    expect(existsSync(log()) ? readFileSync(log(), 'utf8') : '').toBe('');
    // The failure ledger is in the report: the files that could not be read in full are listed.
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    const ledger = html.slice(html.indexOf('Files not fully read'), html.indexOf('</section>', html.indexOf('Files not fully read')));
    for (const p of ['archives/encrypted.zip', 'archives/truncated.zip', 'mail/deep-multipart.eml', 'fs/outside-link'])
      expect(ledger).toContain(p);
  });

  it('killed with SIGKILL at random points and resumed, ends with the report of an uninterrupted scan', async () => {
    const killed = join(dir, 'killed.verity');
    let kills = 0;
    for (let attempt = 0; attempt < 10; attempt++) {
      const child = spawnVerity(['scan', dump, '--case', killed, '--json-progress', '--timeout', '60']);
      // Killed at a random point after the scan has started writing: a fixed timer alone raced the
      // scan's own length (the whole scan can take less than the longest delay on a fast machine).
      let timer: NodeJS.Timeout | null = null;
      let fired = false;
      let lines = '';
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout.on('data', (chunk: Buffer) => {
        lines += chunk.toString();
        if (timer || kills >= 3 || !/"done":[1-9]/.test(lines)) return;
        timer = setTimeout(
          () => {
            fired = true;
            child.kill('SIGKILL');
          },
          Math.floor(Math.random() * 400),
        );
      });
      const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)));
      if (timer) clearTimeout(timer);
      // A scan that stops on its own without finishing is a failure, not a kill.
      if (code !== 0 && !fired) throw new Error(`scan attempt ${attempt} exited with ${code} unkilled: ${stderr.slice(-2000)}`);
      if (code === 0 && kills > 0) break;
      if (code === 0) {
        // Finished before the kill landed: start again from nothing, so a resume is what is tested.
        for (const f of [killed, `${killed}-wal`, `${killed}-shm`]) rmSync(f, { force: true });
        continue;
      }
      kills++;
    }
    expect(kills).toBeGreaterThanOrEqual(1);
    const norm = (c: string) => {
      const r = runVerity(['report', '--case', c, '--format', 'json', '--metadata']);
      expect(r.code, r.stderr).toBe(0);
      const j = JSON.parse(r.stdout);
      delete j.generatedAt;
      // Failure messages of unreadable files can differ between root and the unprivileged run.
      j.documents = j.documents.filter((d: { path: string }) => !d.path.startsWith('fs/unreadable'));
      return j;
    };
    const straight = join(dir, 'straight.verity');
    expect(runVerity(['scan', dump, '--case', straight, '--quiet', '--timeout', '60']).code).toBe(0);
    expect(norm(killed)).toEqual(norm(straight));
  }, 900_000);
});

describe('files that change, vanish or hang while they are read', () => {
  it('records each and finishes the scan', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verity-race-'));
    try {
      const dump = join(dir, 'dump');
      const inputs = writeRaceDump(dump);
      const caseFile = join(dir, 'race.verity');
      const final = await runScan({
        dumpRoot: dump,
        caseFile,
        workers: 1,
        limits: { documentTimeoutMs: 2000 },
        workerEntry: fileURLToPath(new URL('./race-worker.ts', import.meta.url)),
      });
      expect(final.state).toBe('done');
      const db = new Database(caseFile, { readonly: true });
      const f = (path: string) =>
        db
          .prepare('SELECT x.check_id FROM documents d JOIN findings x ON x.doc_rowid = d.rowid WHERE d.path = ?')
          .pluck()
          .all(path) as string[];
      expect(f('vanish-during-scan.txt')).toContain('extract.unreadable');
      expect(f('grow-during-scan.log')).toContain('ingest.changed-during-scan');
      expect(f('hang-stuck.txt')).toContain('extract.timeout');
      const paths = db.prepare('SELECT path FROM documents').pluck().all();
      for (const i of inputs) expect(paths).toContain(i.path);
      const ledger = db.prepare('SELECT path, code FROM failures ORDER BY path').all();
      expect(ledger).toEqual(
        expect.arrayContaining([
          { path: 'hang-stuck.txt', code: 'timeout' },
          { path: 'vanish-during-scan.txt', code: 'unreadable' },
        ]),
      );
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
