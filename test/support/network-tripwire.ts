// Vitest setup: any socket to a non-loopback address, and any DNS lookup, fails the test.
// The dump is hostile: nothing Verity does may reach the network (DESIGN.md, Safety).
import net from 'node:net';
import dns from 'node:dns';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/;
const origConnect = net.Socket.prototype.connect;

function hostOf(args: unknown[]): string | undefined {
  const a = args[0];
  if (a && typeof a === 'object' && !Array.isArray(a)) {
    const o = a as { host?: string; path?: string };
    if (o.path) return 'unix';
    return o.host ?? 'localhost';
  }
  if (typeof a === 'string' && Number.isNaN(Number(a))) return 'unix';
  return typeof args[1] === 'string' ? args[1] : 'localhost';
}

net.Socket.prototype.connect = function patchedConnect(this: net.Socket, ...args: unknown[]) {
  const host = hostOf(args);
  if (host !== 'unix' && host !== undefined && !LOOPBACK.test(host)) {
    throw new Error(`network tripwire: connection to ${host} attempted`);
  }
  return (origConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

const deny = (name: string) => () => {
  throw new Error(`network tripwire: DNS ${name} attempted`);
};
for (const fn of ['resolve', 'resolve4', 'resolve6', 'resolveTxt', 'resolveMx', 'resolveAny'] as const) {
  (dns as unknown as Record<string, unknown>)[fn] = deny(fn);
  (dns.promises as unknown as Record<string, unknown>)[fn] = deny(fn);
}
