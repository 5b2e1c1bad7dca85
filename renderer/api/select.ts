// Chooses the transport: Electron's preload bridge when present, else loopback HTTP.
import { adoptTokenFromUrl, createHttpTransport } from './http-transport.js';
import { createIpcTransport, type VerityBridge } from './ipc-transport.js';
import type { Transport } from './transport.js';

export function selectTransport(): Transport {
  const bridge = (window as unknown as { verity?: VerityBridge }).verity;
  if (bridge && typeof bridge.invoke === 'function') return createIpcTransport(bridge);
  return createHttpTransport(adoptTokenFromUrl());
}
