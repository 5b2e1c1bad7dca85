// The preload: one narrow object for the renderer through contextBridge; channel names stay here.
// Bundled to one CommonJS file (a sandboxed preload can only require 'electron').
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const INVOKE = 'verity:invoke';
const EVENT = 'verity:event';
const SHELL = 'verity:shell';

type ShellAction = 'pickDump' | 'pickCase' | 'pickSaveFile' | 'recentCases' | 'openCase';

contextBridge.exposeInMainWorld('verity', {
  invoke: (method: string, input: unknown) => ipcRenderer.invoke(INVOKE, String(method), input),
  on: (topic: string, callback: (payload: unknown) => void) => {
    const listener = (_e: IpcRendererEvent, t: string, payload: unknown) => {
      if (t === topic) callback(payload);
    };
    ipcRenderer.on(EVENT, listener);
    return () => ipcRenderer.removeListener(EVENT, listener);
  },
  shell: (action: ShellAction, arg?: unknown) => ipcRenderer.invoke(SHELL, action, arg),
});
