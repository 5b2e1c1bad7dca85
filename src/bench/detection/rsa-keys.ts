// Deterministic RSA key pairs for the bench's DKIM signers. node:crypto cannot generate a key from a
// seed, and the bench dump must be byte-identical for one seed, so primes are drawn from the seeded
// Prng (a Fermat test then 16 Miller-Rabin rounds) and the key is imported through JWK. Test keys for fictional domains.

import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { Prng } from '../../demo/prng.js';

const SMALL_PRIMES: bigint[] = (() => {
  const out: bigint[] = [];
  for (let n = 3; out.length < 1500; n += 2) if (out.every((p) => n % Number(p) !== 0)) out.push(BigInt(n));
  return out;
})();

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let r = 1n;
  let b = base % mod;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % mod;
    b = (b * b) % mod;
    e >>= 1n;
  }
  return r;
}

function randomBits(prng: Prng, bits: number): bigint {
  return BigInt(`0x${prng.hex(bits / 4)}`);
}

const SIEVE_PRODUCT = SMALL_PRIMES.reduce((a, b) => a * b, 1n);

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

function isProbablePrime(n: bigint, prng: Prng): boolean {
  // One gcd against the product of 1,500 small primes rejects most candidates at once.
  if (gcd(n, SIEVE_PRODUCT) !== 1n) return false;
  if (modPow(2n, n - 1n, n) !== 1n) return false;
  let d = n - 1n;
  let s = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    s++;
  }
  for (let i = 0; i < 16; i++) {
    const a = 2n + (randomBits(prng, 64) % (n - 4n));
    let x = modPow(a, d, n);
    if (x === 1n || x === n - 1n) continue;
    let composite = true;
    for (let r = 1; r < s; r++) {
      x = (x * x) % n;
      if (x === n - 1n) {
        composite = false;
        break;
      }
    }
    if (composite) return false;
  }
  return true;
}

function prime(prng: Prng, bits: number, e: bigint): bigint {
  for (;;) {
    // top two bits set so that p*q has exactly 2*bits bits; odd.
    const n = randomBits(prng, bits) | (3n << BigInt(bits - 2)) | 1n;
    if ((n - 1n) % e === 0n) continue;
    if (isProbablePrime(n, prng)) return n;
  }
}

function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [a % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return ((oldS % m) + m) % m;
}

function b64url(n: bigint): string {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return Buffer.from(hex, 'hex').toString('base64url');
}

export interface RsaKeyPair {
  privateKeyPem: string;
  /** base64 SubjectPublicKeyInfo, the p= value of a DKIM key record. */
  publicKeyBase64: string;
  publicKey: KeyObject;
}

export function deterministicRsaKey(prng: Prng, bits = 2048): RsaKeyPair {
  const e = 65537n;
  let p: bigint, q: bigint;
  do {
    p = prime(prng, bits / 2, e);
    q = prime(prng, bits / 2, e);
  } while (p === q);
  if (p < q) [p, q] = [q, p];
  const n = p * q;
  const phi = (p - 1n) * (q - 1n);
  const d = modInverse(e, phi);
  const jwk = {
    kty: 'RSA',
    n: b64url(n),
    e: b64url(e),
    d: b64url(d),
    p: b64url(p),
    q: b64url(q),
    dp: b64url(d % (p - 1n)),
    dq: b64url(d % (q - 1n)),
    qi: b64url(modInverse(q, p)),
  };
  const key = createPrivateKey({ key: jwk, format: 'jwk' });
  const publicKey = createPublicKey(key);
  return {
    privateKeyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyBase64: (publicKey.export({ type: 'spki', format: 'der' }) as Buffer).toString('base64'),
    publicKey,
  };
}

/** A zone-file line as `verity scan --dkim-keys` reads it. */
export function dkimZoneLine(selector: string, domain: string, publicKeyBase64: string): string {
  return `${selector}._domainkey.${domain} TXT "v=DKIM1; k=rsa; p=${publicKeyBase64}"`;
}
