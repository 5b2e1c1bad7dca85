// Writes one set of DKIM keys in each shape --dkim-keys reads, as the real tools write them, so that
// agreement tests can load the same keys from every shape: a key archive's JSON, dig's answer section
// (character-strings of at most 255 bytes, escapes as dig prints them, some keys behind a CNAME), the
// lines the fetch line of `verity dkim needed` writes from `dig +short`, a folder of
// opendkim-genkey `.txt` files, a folder of dkimpy dknewkey `.dns` files, and (with the private keys)
// an opendkim KeyTable with its SigningTable.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type KeyFormat = 'archive-json' | 'dig-answer' | 'fetch-line' | 'opendkim-genkey' | 'dknewkey' | 'opendkim-keytable';

/** A TXT record in DNS presentation, as dig prints it: 255-byte character-strings, `"` and `\` escaped, other bytes \DDD. */
function presentation(record: string): string {
  const bytes = Buffer.from(record, 'latin1');
  const chunks: string[] = [];
  for (let i = 0; i < bytes.length || i === 0; i += 255) {
    let s = '';
    for (const b of bytes.subarray(i, i + 255)) {
      const c = String.fromCharCode(b);
      s += c === '"' || c === '\\' ? `\\${c}` : b < 0x20 || b > 0x7e ? `\\${String(b).padStart(3, '0')}` : c;
    }
    chunks.push(`"${s}"`);
  }
  return chunks.join(' ');
}

const split = (name: string): [string, string] => {
  const at = name.indexOf('._domainkey.');
  return [name.slice(0, at), name.slice(at + '._domainkey.'.length)];
};

/** opendkim-genkey's TXT file for one key (opendkim-genkey.in: the record in 250-character strings inside parentheses). */
function genkeyText(selector: string, domain: string, record: string): string {
  const parts = record.match(/.{1,250}/gs) ?? [''];
  return `${selector}._domainkey\tIN\tTXT\t( ${parts.map((p) => `"${p}"`).join('\n\t  ')} )  ; ----- DKIM key ${selector} for ${domain}\n`;
}

/**
 * Writes `keys` (name -> record) in one format under `dir`; returns the path to give --dkim-keys and
 * how many keys the format could hold (a bare `.dns` file cannot name a key its file name cannot spell).
 */
export function writeKeys(
  dir: string,
  format: KeyFormat,
  keys: ReadonlyMap<string, string>,
  privateKeys?: ReadonlyMap<string, string>,
): { path: string; written: number } {
  mkdirSync(dir, { recursive: true });
  // Keys only: policy records (_adsp._domainkey...) are not keys, and no format brings them in.
  const entries = [...keys].filter(([name]) => /^[^_.][^]*?\._domainkey\.[^.]/.test(name));
  switch (format) {
    case 'archive-json': {
      const path = join(dir, 'archive.json');
      // Dates are optional: every other entry carries them.
      const rows = entries.map(([name, value], i) => {
        const [selector, domain] = split(name);
        return { domain, selector, value, ...(i % 2 ? { firstSeenAt: '2004-01-01T00:00:00Z', lastSeenAt: '2030-01-01T00:00:00Z' } : {}) };
      });
      writeFileSync(path, JSON.stringify(rows, null, 1));
      return { path, written: rows.length };
    }
    case 'dig-answer': {
      const path = join(dir, 'dig.txt');
      const lines = ['', '; <<>> DiG 9.18.28-1~deb12u2-Debian <<>> +noall +answer TXT', ';; global options: +cmd'];
      entries.forEach(([name, record], i) => {
        lines.push(`;; ANSWER SECTION:`);
        if (i % 3 === 2) {
          // As SendGrid's: s1._domainkey.example.com CNAME s1.domainkey.u123.wl.sendgrid.net.
          const target = `${name.replace('._domainkey.', '.domainkey.')}.wl.provider.example.`;
          lines.push(`${name}.\t3600\tIN\tCNAME\t${target}`, `${target}\t300\tIN\tTXT\t${presentation(record)}`);
        } else lines.push(`${name}.\t3600\tIN\tTXT\t${presentation(record)}`);
        lines.push('', ';; Query time: 23 msec');
      });
      writeFileSync(path, lines.join('\n'));
      return { path, written: entries.length };
    }
    case 'fetch-line': {
      const path = join(dir, 'dkim-keys.txt');
      writeFileSync(path, entries.map(([name, record]) => `${name} TXT ${presentation(record)}\n`).join(''));
      return { path, written: entries.length };
    }
    case 'opendkim-genkey': {
      const folder = join(dir, 'genkey');
      mkdirSync(folder, { recursive: true });
      entries.forEach(([name, record], i) => {
        const [selector, domain] = split(name);
        mkdirSync(join(folder, String(i)), { recursive: true });
        writeFileSync(join(folder, String(i), `${selector}.txt`), genkeyText(selector, domain, record));
      });
      return { path: folder, written: entries.length };
    }
    case 'dknewkey': {
      const folder = join(dir, 'dknewkey');
      mkdirSync(folder, { recursive: true });
      let written = 0;
      for (const [name, record] of entries) {
        // dknewkey writes a well-formed tag list ending in p=; FAKE_DNS.dat's broken records (an empty
        // one, a bare "t;" tag) are not something it writes, nor a name a file name cannot spell.
        const wellFormed = record.split(';').every((t) => !t.trim() || /^\s*[a-z][a-z0-9_]*\s*=/i.test(t)) && /p\s*=/.test(record);
        if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name) || !wellFormed) continue;
        writeFileSync(join(folder, `${name}.dns`), record);
        written++;
      }
      return { path: folder, written };
    }
    case 'opendkim-keytable': {
      if (!privateKeys) throw new Error('a KeyTable needs the private keys');
      const folder = join(dir, 'opendkim');
      mkdirSync(join(folder, 'keys'), { recursive: true });
      const table: string[] = ['# KeyTable (opendkim.conf(5)): keyname domain:selector:keypath'];
      const signing: string[] = ['# SigningTable: who signs with which key'];
      for (const [name, pem] of privateKeys) {
        const [selector, domain] = split(name);
        writeFileSync(join(folder, 'keys', `${selector}.${domain}.private`), pem);
        // As written on the signing host (absolute path there): read here from keys/ beside the table.
        table.push(`${name} ${domain}:${selector}:/etc/opendkim/keys/${selector}.${domain}.private`);
        signing.push(`*@${domain} ${name}`);
      }
      writeFileSync(join(folder, 'KeyTable'), `${table.join('\n')}\n`);
      writeFileSync(join(folder, 'SigningTable'), `${signing.join('\n')}\n`);
      return { path: join(folder, 'KeyTable'), written: privateKeys.size };
    }
  }
}
