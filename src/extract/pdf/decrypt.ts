// PDF Standard security handler with the EMPTY password only (as user and as owner), for the
// structure reader (docs/extract.md, PDF structure).

import { createDecipheriv, createHash, createCipheriv } from 'node:crypto';
import { int, isDict, isString, name, type PdfDict, type PdfValue } from './syntax.js';

type Method = 'none' | 'rc4' | 'aes128' | 'aes256';

export interface PdfDecryptor {
  /** Which empty password unlocked the file. */
  keyFrom: 'empty-user-password' | 'empty-owner-password';
  encryptMetadata: boolean;
  decryptString(data: Uint8Array, num: number, gen: number): Uint8Array;
  decryptStream(data: Uint8Array, num: number, gen: number): Uint8Array;
}

const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

const md5 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** RC4 (ARCFOUR); OpenSSL 3 keeps it in the legacy provider, so it is written out here. */
function rc4(key: Uint8Array, data: Uint8Array): Buffer {
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i] + key[i % key.length]) & 0xff;
    [s[i], s[j]] = [s[j], s[i]];
  }
  const out = Buffer.alloc(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]) & 0xff;
    [s[i], s[j]] = [s[j], s[i]];
    out[k] = data[k] ^ s[(s[i] + s[j]) & 0xff];
  }
  return out;
}

function aesDecrypt(key: Uint8Array, data: Uint8Array): Buffer {
  if (data.length < 16) return Buffer.alloc(0);
  const iv = data.subarray(0, 16);
  const body = data.subarray(16, 16 + Math.floor((data.length - 16) / 16) * 16);
  const algo = key.length === 32 ? 'aes-256-cbc' : 'aes-128-cbc';
  try {
    const d = createDecipheriv(algo, key, iv);
    return Buffer.concat([d.update(body), d.final()]);
  } catch {
    // bad padding (truncated or damaged data): keep the bytes without removing padding
    const d = createDecipheriv(algo, key, iv);
    d.setAutoPadding(false);
    return Buffer.concat([d.update(body), d.final()]);
  }
}

function bytesOf(v: PdfValue | undefined): Buffer | undefined {
  return isString(v) ? Buffer.from(v.bytes) : undefined;
}

/** Method of a crypt filter named by /StmF or /StrF (V4+). */
function cryptFilterMethod(enc: PdfDict, which: 'StmF' | 'StrF'): Method {
  const f = name(enc.map.get(which)) ?? 'Identity';
  if (f === 'Identity') return 'none';
  const cf = enc.map.get('CF');
  const d = isDict(cf) ? cf.map.get(f) : undefined;
  const cfm = isDict(d) ? name(d.map.get('CFM')) : undefined;
  if (cfm === 'AESV2') return 'aes128';
  if (cfm === 'AESV3') return 'aes256';
  if (cfm === 'V2') return 'rc4';
  return 'none';
}

/**
 * A decryptor for the file, or a reason it cannot be built (another handler, a real password).
 * `id0` is the first element of the trailer /ID.
 */
export function standardDecryptor(enc: PdfDict, id0: Uint8Array | undefined): PdfDecryptor | { error: string } {
  if (name(enc.map.get('Filter')) !== 'Standard')
    return { error: `security handler /${name(enc.map.get('Filter')) ?? '?'} is not the standard one` };
  const v = int(enc.map.get('V')) ?? 0;
  const r = int(enc.map.get('R')) ?? 0;
  const o = bytesOf(enc.map.get('O'));
  const u = bytesOf(enc.map.get('U'));
  const p = int(enc.map.get('P')) ?? 0;
  const encryptMetadata = enc.map.get('EncryptMetadata') !== false;
  if (!o || !u) return { error: 'encryption dictionary lacks /O or /U' };

  let stm: Method;
  let str: Method;
  if (v === 1 || v === 2) stm = str = 'rc4';
  else if (v === 4 || v === 5) {
    stm = cryptFilterMethod(enc, 'StmF');
    str = cryptFilterMethod(enc, 'StrF');
  } else return { error: `encryption version V${v} is not supported` };

  let key: Buffer | undefined;
  let keyFrom: PdfDecryptor['keyFrom'] = 'empty-user-password';
  if (r >= 5) {
    const empty = Buffer.alloc(0);
    const hash =
      r === 6 ? hash2B : (pw: Buffer, salt: Buffer, udata: Buffer) => createHash('sha256').update(pw).update(salt).update(udata).digest();
    const ue = bytesOf(enc.map.get('UE'));
    const oe = bytesOf(enc.map.get('OE'));
    if (u.length >= 48 && ue && hash(empty, u.subarray(32, 40), empty).equals(u.subarray(0, 32))) {
      key = aes256NoIv(hash(empty, u.subarray(40, 48), empty), ue);
    } else if (o.length >= 48 && oe && hash(empty, o.subarray(32, 40), u.subarray(0, 48)).equals(o.subarray(0, 32))) {
      key = aes256NoIv(hash(empty, o.subarray(40, 48), u.subarray(0, 48)), oe);
      keyFrom = 'empty-owner-password';
    }
  } else {
    const keyLen = keyLength(enc, v);
    const tryUser = (userPad: Buffer): Buffer | undefined => {
      const k = computeKey(userPad, o, p, id0 ?? new Uint8Array(0), r, keyLen, encryptMetadata);
      return checkUserKey(k, u, r, id0 ?? new Uint8Array(0)) ? k : undefined;
    };
    key = tryUser(PAD);
    if (!key) {
      // Algorithm 7: the owner password (here empty) decrypts /O into the user password.
      let h = md5(PAD);
      if (r >= 3) for (let i = 0; i < 50; i++) h = md5(h.subarray(0, keyLen));
      const ok = h.subarray(0, r === 2 ? 5 : keyLen);
      let user: Buffer = Buffer.from(o.subarray(0, 32));
      if (r === 2) user = rc4(ok, user);
      else for (let i = 19; i >= 0; i--) user = rc4(Buffer.from(ok.map((b) => b ^ i)), user);
      key = tryUser(user);
      if (key) keyFrom = 'empty-owner-password';
    }
  }
  if (!key) return { error: 'a password is needed (neither the user nor the owner password is empty)' };

  // Acrobat extends a V4 key shorter than 16 bytes with zeros before deriving object keys
  // (undocumented; pdf.js does the same since its issue 19484).
  const fileKey = v === 4 && key.length < 16 ? Buffer.concat([key, Buffer.alloc(16 - key.length)]) : key;
  const objectKey = (num: number, gen: number, aes: boolean): Buffer => {
    const extra = Buffer.from([num & 0xff, (num >> 8) & 0xff, (num >> 16) & 0xff, gen & 0xff, (gen >> 8) & 0xff]);
    const h = md5(fileKey, extra, aes ? Buffer.from('sAlT', 'latin1') : Buffer.alloc(0));
    return h.subarray(0, Math.min(fileKey.length + 5, 16));
  };
  const run = (m: Method, data: Uint8Array, num: number, gen: number): Uint8Array => {
    switch (m) {
      case 'none':
        return data;
      case 'rc4':
        return rc4(objectKey(num, gen, false), data);
      case 'aes128':
        return aesDecrypt(objectKey(num, gen, true), data);
      case 'aes256':
        return aesDecrypt(fileKey, data);
    }
  };
  return {
    keyFrom,
    encryptMetadata,
    decryptString: (data, num, gen) => run(str, data, num, gen),
    decryptStream: (data, num, gen) => run(stm, data, num, gen),
  };
}

/** The cipher and key size a Standard-handler encryption dictionary declares ('RC4' 40, 'AES-128'...). */
export function describeEncryption(enc: PdfDict): { method: string; keyBits: number } {
  const v = int(enc.map.get('V')) ?? 0;
  if (v === 5) return { method: cryptFilterMethod(enc, 'StmF') === 'none' ? 'Identity' : 'AES-256', keyBits: 256 };
  const keyBits = keyLength(enc, v) * 8;
  if (v === 4) {
    const m = cryptFilterMethod(enc, 'StmF');
    return {
      method: m === 'aes128' ? 'AES-128' : m === 'aes256' ? 'AES-256' : m === 'rc4' ? 'RC4' : 'Identity',
      keyBits: m === 'aes128' ? 128 : keyBits,
    };
  }
  return { method: 'RC4', keyBits };
}

/** Key length in bytes: 5 for V1, /Length bits for V2, the crypt filter's /Length for V4 (as pdf.js reads it). */
function keyLength(enc: PdfDict, v: number): number {
  if (v === 1) return 5;
  let bits = int(enc.map.get('Length')) ?? 40;
  if (v === 4) {
    const cf = enc.map.get('CF');
    const f = isDict(cf) ? cf.map.get(name(enc.map.get('StmF')) ?? '') : undefined;
    bits = (isDict(f) ? int(f.map.get('Length')) : undefined) ?? 128;
    if (bits < 40) bits *= 8; // some writers give bytes
  }
  return Math.max(5, Math.min(16, Math.floor(bits / 8)));
}

/** Algorithm 2: the file key from a (padded) user password. */
function computeKey(userPad: Buffer, o: Buffer, p: number, id0: Uint8Array, r: number, n: number, encryptMetadata: boolean): Buffer {
  const pb = Buffer.alloc(4);
  pb.writeInt32LE(p | 0);
  const parts: Uint8Array[] = [Buffer.concat([userPad, PAD]).subarray(0, 32), o.subarray(0, 32), pb, id0];
  if (r >= 4 && !encryptMetadata) parts.push(Buffer.from([0xff, 0xff, 0xff, 0xff]));
  let h = md5(...parts);
  if (r >= 3) for (let i = 0; i < 50; i++) h = md5(h.subarray(0, n));
  return h.subarray(0, n);
}

/** Algorithms 4 and 5: does this key decrypt /U to the expected value? */
function checkUserKey(key: Buffer, u: Buffer, r: number, id0: Uint8Array): boolean {
  if (r === 2) return rc4(key, PAD).equals(u.subarray(0, 32));
  let x = rc4(key, md5(PAD, id0));
  for (let i = 1; i <= 19; i++) x = rc4(Buffer.from(key.map((b) => b ^ i)), x);
  return x.subarray(0, 16).equals(u.subarray(0, 16));
}

function aes256NoIv(key: Buffer, data: Buffer): Buffer {
  const d = createDecipheriv('aes-256-cbc', key, Buffer.alloc(16));
  d.setAutoPadding(false);
  return Buffer.concat([d.update(data.subarray(0, 32)), d.final()]);
}

/** ISO 32000-2 Algorithm 2.B (R6 password hash). */
function hash2B(pw: Buffer, salt: Buffer, udata: Buffer): Buffer {
  let k: Buffer = createHash('sha256').update(pw).update(salt).update(udata).digest();
  for (let round = 0; ; round++) {
    const k1 = Buffer.concat(Array.from({ length: 64 }, () => Buffer.concat([pw, k, udata])));
    const c = createCipheriv('aes-128-cbc', k.subarray(0, 16), k.subarray(16, 32));
    c.setAutoPadding(false);
    const e = Buffer.concat([c.update(k1), c.final()]);
    let sum = 0;
    for (let i = 0; i < 16; i++) sum += e[i];
    const algo = ['sha256', 'sha384', 'sha512'][sum % 3];
    k = createHash(algo).update(e).digest();
    if (round >= 63 && e[e.length - 1] <= round - 31) break;
    if (round > 1000) break; // cannot happen with real hashes; a bound all the same
  }
  return k.subarray(0, 32);
}
