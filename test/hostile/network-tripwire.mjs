// Loaded with `node --import` into a verity child process: records and refuses any connection to
// a non-loopback address and any DNS query. The log file proves the run made none.
import net from 'node:net';
import dns from 'node:dns';
import { appendFileSync } from 'node:fs';

const LOG = process.env.VERITY_TRIPWIRE_LOG;
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/;
const record = (what) => {
  if (LOG) appendFileSync(LOG, `${what}\n`);
  throw new Error(`network tripwire: ${what}`);
};
const origConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const a = args[0];
  let host = 'localhost';
  if (a && typeof a === 'object' && !Array.isArray(a)) host = a.path ? 'unix' : (a.host ?? 'localhost');
  else if (typeof args[1] === 'string') host = args[1];
  if (host !== 'unix' && !LOOPBACK.test(host)) record(`connect ${host}`);
  return origConnect.apply(this, args);
};
for (const fn of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveTxt', 'resolveMx', 'resolveAny']) {
  const orig = dns[fn];
  dns[fn] = (name, ...rest) => (fn === 'lookup' && LOOPBACK.test(String(name)) ? orig(name, ...rest) : record(`dns ${fn} ${name}`));
}
for (const fn of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveTxt', 'resolveAny']) {
  const orig = dns.promises[fn];
  dns.promises[fn] = (name, ...rest) =>
    fn === 'lookup' && LOOPBACK.test(String(name)) ? orig(name, ...rest) : Promise.reject(record(`dns ${fn} ${name}`));
}
