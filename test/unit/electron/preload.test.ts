// The real electron/preload.ts over a recording 'electron': one object, three functions, and the
// channel names never come from the renderer.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createFakeElectron, type FakeElectron } from './fake-electron.js';

interface Bridge {
  invoke(method: unknown, input: unknown): Promise<unknown>;
  on(topic: string, callback: (payload: unknown) => void): () => void;
  shell(action: string, arg?: unknown): Promise<unknown>;
}

let electron: FakeElectron;
let bridge: Bridge;

beforeAll(async () => {
  electron = createFakeElectron({ appPath: '/nowhere', userData: '/nowhere' });
  vi.resetModules();
  vi.doMock('electron', () => electron.module);
  await import('../../../electron/preload.js');
  bridge = electron.exposed.get('verity') as Bridge;
});

describe('electron/preload.ts', () => {
  it('exposes one object, window.verity, with invoke, on and shell only', () => {
    expect([...electron.exposed.keys()]).toEqual(['verity']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on', 'shell']);
  });

  it('sends calls and shell actions on fixed channels, the method name always as a string', async () => {
    await bridge.invoke('case.summary', { a: 1 });
    await bridge.invoke({ toString: () => 'search.query' }, null);
    await bridge.shell('pickDump');
    await bridge.shell('pickSaveFile', 'report.html');
    expect(electron.invoked).toEqual([
      ['verity:invoke', 'case.summary', { a: 1 }],
      ['verity:invoke', 'search.query', null],
      ['verity:shell', 'pickDump', undefined],
      ['verity:shell', 'pickSaveFile', 'report.html'],
    ]);
  });

  it('delivers the events of one topic to its listener, until it unsubscribes', () => {
    const heard: unknown[] = [];
    const off = bridge.on('scan.progress', (p) => heard.push(p));
    const listeners = [...(electron.rendererListeners.get('verity:event') ?? [])] as ((e: unknown, t: string, p: unknown) => void)[];
    expect(listeners).toHaveLength(1);
    listeners[0]({}, 'scan.progress', { n: 1 });
    listeners[0]({}, 'case.changed', { n: 2 });
    expect(heard).toEqual([{ n: 1 }]);
    off();
    expect(electron.rendererListeners.get('verity:event')?.size).toBe(0);
  });
});
