#!/usr/bin/python3
"""Record Debian dkimpy's (python3-dkim) verdict for every DKIM signature of the .eml messages and
top-level mbox messages of the generated demo dump (seed 2017, scale 1: deterministic bytes), into
test/fixtures/expected/dkimpy-demo.json. test/integration/demo-dkim.test.ts regenerates the same
dump and asserts Verity's verdicts agree.

The keys come from the demo's key file parsed by Verity's own parser (src/checks/dkim-keys.ts), as
in record-dkimpy.py, so no live DNS is queried. Mbox messages are split at "From " lines that follow
a blank line (the generator escapes body lines as >From). Run from the repository root after
`npm run build:engine`:  /usr/bin/python3 scripts/record-dkimpy-demo.py
"""
import glob, json, os, re, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import importlib
rec = importlib.import_module('record-dkimpy')

REPO = rec.REPO
OUT = os.path.join(REPO, 'test', 'fixtures', 'expected', 'dkimpy-demo.json')
SEED = 2017


def messages_of(path):
    data = open(path, 'rb').read()
    if not path.endswith('.mbox'):
        return [(-1, data)]
    parts = re.split(rb'(?:^|\n)From [^\n]*\n', data)
    return [(i, p) for i, p in enumerate(x for x in parts if x.strip())]


def main():
    work = tempfile.mkdtemp(prefix='verity-dkimpy-demo-')
    dump = os.path.join(work, 'dump')
    keys = os.path.join(work, 'keys.txt')
    subprocess.run(['node', os.path.join(REPO, 'bin', 'verity.js'), 'demo', dump, '--seed', str(SEED), '--keys', keys], check=True, capture_output=True)
    table = rec.key_tables([keys])[keys]
    out = []
    files = sorted(glob.glob(os.path.join(dump, '**', '*.eml'), recursive=True) + glob.glob(os.path.join(dump, '**', '*.mbox'), recursive=True))
    for path in files:
        for index, raw in messages_of(path):
            head = raw.replace(b'\r\n', b'\n').split(b'\n\n', 1)[0]
            count = len(re.findall(rb'(?im)^dkim-signature[ \t]*:', head))
            if count == 0:
                continue
            sigs = []
            for i in range(count):
                v, reason = rec.verdict(raw, i, table)
                sigs.append({'index': i, 'verdict': v, 'reason': reason})
            out.append({'path': os.path.relpath(path, dump), 'message': index, 'signatures': sigs})
    version = subprocess.run(['dpkg-query', '-W', '-f=${Version}', 'python3-dkim'], capture_output=True, text=True).stdout
    with open(OUT, 'w') as f:
        json.dump({'tool': 'dkimpy (Debian python3-dkim)', 'toolVersion': version, 'recordedAt': int(time.time()), 'seed': SEED, 'messages': out}, f, indent=1)
        f.write('\n')
    print('recorded %d signatures in %d messages -> %s' % (sum(len(m['signatures']) for m in out), len(out), OUT))


if __name__ == '__main__':
    main()
