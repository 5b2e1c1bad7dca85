import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from '../../../src/api/session.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'verity-session-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('Session', () => {
  it('answers no-case-open until a case is opened, then serves it and remembers it', async () => {
    const s = new Session({ transport: 'ipc', allowOpen: true });
    expect(await s.dispatch('case.summary', {})).toMatchObject({ ok: false, error: { code: 'no-case-open' } });
    expect(await s.dispatch('nope.nope', {})).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const caseFile = join(tmp(), 'new.verity');
    const seen: string[] = [];
    s.events.subscribe((e) => seen.push(e.topic));
    const opened = await s.dispatch('session.open', { caseFile });
    expect(opened).toMatchObject({ ok: true, value: { caseFile, dumpRoot: null, transport: 'ipc' } });
    expect(seen).toEqual(['case.changed']);
    expect(await s.dispatch('case.summary', {})).toMatchObject({ ok: true, value: { documents: 0, caseFile } });
    // Without a dump folder, scanning is refused with a clear code.
    expect(await s.dispatch('scan.start', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const info = await s.dispatch('session.info', {});
    expect(info.ok && (info.value as { recent: { caseFile: string }[] }).recent.map((r) => r.caseFile)).toEqual([caseFile]);
    await s.dispose();
  });

  it('refuses to open a case by path when the transport does not allow it', async () => {
    const s = new Session({ transport: 'http', allowOpen: false });
    const r = await s.dispatch('session.open', { caseFile: join(tmp(), 'x.verity') });
    expect(r).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await s.dispatch('session.open', { caseFile: 'a\u0000b' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    await s.dispose();
  });

  it('reports a file that is not a case as invalid input, not a crash', async () => {
    const s = new Session({ transport: 'ipc', allowOpen: true });
    const r = await s.dispatch('session.open', { caseFile: join(tmp(), 'missing-dir', 'sub', 'x.verity') });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    await s.dispose();
  });
});
