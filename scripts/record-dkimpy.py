#!/usr/bin/python3
"""Record Debian dkimpy's (python3-dkim) verdict for every DKIM signature of the corpus messages
whose keys were captured, into test/fixtures/expected/dkimpy.json.

The keys come from the SAME key table Verity uses: the key files are parsed by
src/checks/dkim-keys.ts (dumped through tsx), and dkimpy's dnsfunc is fed from that table, so
no live DNS is ever queried. Run from the repository root:  /usr/bin/python3 scripts/record-dkimpy.py

Verdict vocabulary (per signature, same as Verity's DKIM check):
  pass     dkimpy verify() returned True
  fail     signature or body hash does not verify (False, or ValidationError 'body hash mismatch')
  nokey    no key record for the selector (dkimpy logs 'missing public key' and returns False)
  invalid  any other DKIMException (malformed signature, unusable or weak key, expired x=)
"""
import glob, json, logging, os, re, subprocess, time

import dkim

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.environ.get('VERITY_CORPUS', os.path.join(REPO, '..', 'shared', 'corpus'))
OUT = os.path.join(REPO, 'test', 'fixtures', 'expected', 'dkimpy.json')

# (folder under email/dkim, key file, message glob)
SETS = [
    ('mail-dkim', 'FAKE_DNS.dat', '*.txt'),
    ('mailauth-rfc8463', 'dns.json', '*.eml'),
    ('authentication-milter', 'zonefile', '*.eml'),
]

DUMP_KEYS = r"""
import { readFileSync } from 'node:fs';
import { parseDkimKeyFile } from './src/checks/dkim-keys.ts';
const out = {};
for (const f of process.argv.slice(2)) out[f] = Object.fromEntries(parseDkimKeyFile(readFileSync(f, 'utf8')).keys);
process.stdout.write(JSON.stringify(out));
"""


class Collect(logging.Handler):
    def __init__(self):
        super().__init__()
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def key_tables(paths):
    script = os.path.join(REPO, '.record-dkimpy-keys.mts')
    with open(script, 'w') as f:
        f.write(DUMP_KEYS)
    try:
        out = subprocess.run(['npx', 'tsx', script, *paths], cwd=REPO, check=True, capture_output=True)
    finally:
        os.unlink(script)
    return json.loads(out.stdout)


def verdict(message, idx, table):
    def dnsfunc(name, timeout=5):
        key = name.decode('ascii', 'replace').rstrip('.').lower()
        value = table.get(key)
        return None if value is None else value.encode('latin-1', 'replace')

    collect = Collect()
    logger = logging.getLogger('dkimpy-record-%d' % id(collect))
    logger.setLevel(logging.DEBUG)
    logger.addHandler(collect)
    logger.propagate = False
    try:
        d = dkim.DKIM(message, logger=logger, minkey=1024)
        ok = d.verify(idx=idx, dnsfunc=dnsfunc)
    except dkim.DKIMException as e:
        reason = str(e)
        return ('fail' if reason.startswith('body hash mismatch') else 'invalid'), reason
    errors = [m for m in collect.messages if not m.startswith(('sig:', 'bh:', 'signed for', 'DKIM-Signature valid'))]
    key_errors = [m for m in errors if 'public key' in m or 'KeyFormatError' in m or 'bad version' in m or 'unknown' in m or 'DnsTimeout' in m]
    if ok:
        return 'pass', ''
    if any(m.startswith('missing public key') for m in key_errors):
        return 'nokey', key_errors[0]
    if key_errors:
        return 'invalid', key_errors[0]
    return 'fail', 'signature did not verify'


def main():
    key_files = {name: os.path.join(CORPUS, 'email', 'dkim', name, kf) for name, kf, _ in SETS}
    tables = key_tables(list(key_files.values()))
    now = int(time.time())
    messages = []
    for name, kf, pattern in SETS:
        table = tables[key_files[name]]
        for path in sorted(glob.glob(os.path.join(CORPUS, 'email', 'dkim', name, pattern))):
            with open(path, 'rb') as f:
                raw = f.read()
            head = raw.replace(b'\r\n', b'\n').split(b'\n\n', 1)[0]
            count = len(re.findall(rb'(?im)^dkim-signature[ \t]*:', head))
            if count == 0:
                continue
            sigs = []
            for i in range(count):
                v, reason = verdict(raw, i, table)
                sigs.append({'index': i, 'verdict': v, 'reason': reason})
            messages.append({'path': os.path.relpath(path, CORPUS), 'keyFile': os.path.relpath(key_files[name], CORPUS), 'signatures': sigs})
    version = subprocess.run(['dpkg-query', '-W', '-f=${Version}', 'python3-dkim'], capture_output=True, text=True).stdout
    out = {
        'tool': 'dkimpy (Debian python3-dkim)',
        'toolVersion': version,
        'recordedAt': now,
        'note': 'x= expiry is judged against recordedAt; verify with ctx.now = recordedAt',
        'messages': messages,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, 'w') as f:
        json.dump(out, f, indent=1)
        f.write('\n')
    n = sum(len(m['signatures']) for m in messages)
    print('recorded %d signatures in %d messages -> %s' % (n, len(messages), OUT))


if __name__ == '__main__':
    main()
