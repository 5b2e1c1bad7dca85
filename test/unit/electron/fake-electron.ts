// A recording stand-in for the 'electron' module: what main.ts and preload.ts call on it, in order,
// with the handlers they install, so a test can drive those handlers as Electron would.
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => void;

/** A web contents: its events, its window-open handler and its top frame. */
export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
  readonly mainFrame: { url: string };
  readonly sent: unknown[][] = [];

  constructor(url: string) {
    super();
    this.mainFrame = { url };
  }

  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = handler;
  }

  send(...args: unknown[]): void {
    this.sent.push(args);
  }
}

/** An Electron event for will-navigate and its kind: the URL in its details, and preventDefault. */
export function navigationEvent(url: string): { url: string; prevented: boolean; preventDefault(): void } {
  return {
    url,
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

/** The engine's utility process: answers 'open' and 'call' messages the way src/api/host.ts does. */
class FakeUtilityProcess extends EventEmitter {
  readonly posted: Record<string, unknown>[] = [];

  postMessage(msg: Record<string, unknown>): void {
    this.posted.push(msg);
    const reply =
      msg.type === 'open'
        ? { type: 'opened', id: msg.id }
        : { type: 'result', id: msg.id, result: { ok: true, value: { method: msg.method, input: msg.input } } };
    setImmediate(() => this.emit('message', reply));
  }

  kill(): void {
    this.emit('exit', 0);
  }
}

export interface FakeElectronOptions {
  /** What app.getAppPath() answers: the folder holding dist/. */
  appPath: string;
  /** What app.getPath('userData') answers. */
  userData: string;
}

export function createFakeElectron({ appPath, userData }: FakeElectronOptions) {
  /** Every call that matters to the hardening, in the order it happened. */
  const calls: string[] = [];
  const appEvents = new EventEmitter();
  const windows: FakeBrowserWindow[] = [];
  const ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const forks: { entry: string; options: { env?: Record<string, string | undefined> }; child: FakeUtilityProcess }[] = [];
  const session = {
    permissionRequest: null as null | ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void),
    permissionCheck: null as null | ((...args: unknown[]) => boolean),
    devicePermission: null as null | ((...args: unknown[]) => boolean),
    beforeRequest: null as null | ((details: { url: string }, callback: (response: { cancel: boolean }) => void) => void),
  };
  const protocols = {
    privileged: [] as unknown[],
    handlers: new Map<string, (request: Request) => Promise<Response>>(),
  };
  const exposed = new Map<string, unknown>();
  const rendererListeners = new Map<string, Set<Listener>>();
  const invoked: unknown[][] = [];

  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents('verity://app/index.html');
    readonly options: Record<string, unknown>;
    loadedUrl: string | null = null;
    title = '';

    constructor(options: Record<string, unknown>) {
      super();
      calls.push('new BrowserWindow');
      this.options = options;
      windows.push(this);
      appEvents.emit('web-contents-created', {}, this.webContents);
    }

    loadURL(url: string): Promise<void> {
      calls.push('loadURL');
      this.loadedUrl = url;
      return Promise.resolve();
    }

    setTitle(title: string): void {
      this.title = title;
    }

    show(): void {}
    isMinimized(): boolean {
      return false;
    }
    restore(): void {}
    focus(): void {}
  }

  const module = {
    app: {
      isPackaged: false,
      enableSandbox: () => calls.push('app.enableSandbox'),
      requestSingleInstanceLock: () => true,
      quit: () => calls.push('app.quit'),
      whenReady: () => {
        calls.push('app.whenReady');
        return Promise.resolve();
      },
      on: (event: string, listener: Listener) => {
        calls.push(`app.on ${event}`);
        appEvents.on(event, listener);
      },
      getAppPath: () => appPath,
      getPath: (name: string) => {
        if (name !== 'userData') throw new Error(`the fake app knows no path ${name}`);
        return userData;
      },
    },
    BrowserWindow: FakeBrowserWindow,
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: typeof session.permissionRequest) => {
          calls.push('session.setPermissionRequestHandler');
          session.permissionRequest = h;
        },
        setPermissionCheckHandler: (h: typeof session.permissionCheck) => {
          calls.push('session.setPermissionCheckHandler');
          session.permissionCheck = h;
        },
        setDevicePermissionHandler: (h: typeof session.devicePermission) => {
          calls.push('session.setDevicePermissionHandler');
          session.devicePermission = h;
        },
        webRequest: {
          onBeforeRequest: (h: typeof session.beforeRequest) => {
            calls.push('session.webRequest.onBeforeRequest');
            session.beforeRequest = h;
          },
        },
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        calls.push('protocol.registerSchemesAsPrivileged');
        protocols.privileged.push(...schemes);
      },
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
        calls.push(`protocol.handle ${scheme}`);
        protocols.handlers.set(scheme, handler);
      },
    },
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
        calls.push(`ipcMain.handle ${channel}`);
        ipcHandlers.set(channel, handler);
      },
    },
    dialog: {
      showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
      showSaveDialog: () => Promise.resolve({ canceled: true }),
    },
    Menu: {
      buildFromTemplate: (template: unknown[]) => ({ template }),
      setApplicationMenu: () => calls.push('Menu.setApplicationMenu'),
    },
    utilityProcess: {
      fork: (entry: string, _args: string[], options: { env?: Record<string, string | undefined> }) => {
        calls.push('utilityProcess.fork');
        const child = new FakeUtilityProcess();
        forks.push({ entry, options, child });
        return child;
      },
    },
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api),
    },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        invoked.push(args);
        return Promise.resolve(null);
      },
      on: (channel: string, listener: Listener) => {
        if (!rendererListeners.has(channel)) rendererListeners.set(channel, new Set());
        rendererListeners.get(channel)!.add(listener);
      },
      removeListener: (channel: string, listener: Listener) => rendererListeners.get(channel)?.delete(listener),
    },
  };

  return {
    module,
    calls,
    appEvents,
    windows,
    ipcHandlers,
    forks,
    session,
    protocols,
    exposed,
    rendererListeners,
    invoked,
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
