import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import {
  FMTID_DOC_SUMMARY,
  FMTID_SUMMARY,
  FMTID_USER_DEFINED,
  filetimeToIso,
  parsePropertySetStream,
  readGuid,
  valueToString,
} from '../../../../src/extract/ole/property-sets.js';

// Property set streams written byte by byte here, following [MS-OLEPS], so each case is exact.

function guidBytes(g: string): Buffer {
  const h = g.replace(/-/g, '');
  const le = (s: string) => Buffer.from(s, 'hex').reverse();
  return Buffer.concat([le(h.slice(0, 8)), le(h.slice(8, 12)), le(h.slice(12, 16)), Buffer.from(h.slice(16), 'hex')]);
}
function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}
function pad(b: Buffer): Buffer {
  return Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]);
}
const typed = (vt: number, body: Buffer) => Buffer.concat([u32(vt), body]);
const i2 = (n: number) => typed(0x02, Buffer.from([n & 0xff, (n >> 8) & 0xff, 0, 0]));
const i4 = (n: number) => typed(0x03, u32(n));
const lpstr = (bytes: Buffer) => typed(0x1e, Buffer.concat([u32(bytes.length), pad(bytes)]));
const lpwstr = (s: string) => typed(0x1f, Buffer.concat([u32(s.length + 1), pad(Buffer.from(`${s}\0`, 'utf16le'))]));
function filetime(iso: string): Buffer {
  const ticks = (BigInt(Date.parse(iso)) + 11_644_473_600_000n) * 10_000n;
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(ticks);
  return typed(0x40, b);
}

function set(props: [number, Buffer][]): Buffer {
  const headerLen = 8 + props.length * 8;
  let offset = headerLen;
  const index: Buffer[] = [];
  for (const [id, v] of props) {
    index.push(u32(id), u32(offset));
    offset += v.length;
  }
  return Buffer.concat([u32(offset), u32(props.length), ...index, ...props.map(([, v]) => v)]);
}

function stream(sets: [string, Buffer][]): Buffer {
  const header = Buffer.concat([Buffer.from([0xfe, 0xff, 0, 0]), u32(0x00020006), Buffer.alloc(16), u32(sets.length)]);
  let offset = header.length + sets.length * 20;
  const index: Buffer[] = [];
  for (const [fmtid, body] of sets) {
    index.push(guidBytes(fmtid), u32(offset));
    offset += body.length;
  }
  return Buffer.concat([header, ...index, ...sets.map(([, b]) => b)]);
}

describe('OLE property set parser', () => {
  it('reads GUIDs in registry form', () => {
    expect(readGuid(guidBytes(FMTID_SUMMARY), 0)).toBe(FMTID_SUMMARY);
  });

  it('decodes 8-bit strings with the set code page, wide strings as UTF-16, FILETIMEs as instants', () => {
    const s = stream([
      [
        FMTID_SUMMARY,
        set([
          [1, i2(1252)],
          [2, lpstr(Buffer.concat([iconv.encode('Résumé – Q3', 'cp1252'), Buffer.from([0])]))],
          [4, lpwstr('Zoë Ångström')],
          [12, filetime('2011-09-02T10:11:00Z')],
          [14, i4(38)],
        ]),
      ],
    ]);
    const r = parsePropertySetStream(s);
    expect(r.error).toBeUndefined();
    expect(r.sets[0].codePage).toBe(1252);
    const byName = Object.fromEntries(r.sets[0].properties.map((p) => [p.name, valueToString(p.value)]));
    expect(byName).toEqual({ Title: 'Résumé – Q3', Author: 'Zoë Ångström', CreateTime: '2011-09-02T10:11:00Z', PageCount: '38' });
  });

  it('reads a code page written as a negative 16-bit value (65001 = UTF-8)', () => {
    const s = stream([
      [
        FMTID_SUMMARY,
        set([
          [1, i2(65001)],
          [2, lpstr(Buffer.from('Ünïcode\0', 'utf8'))],
        ]),
      ],
    ]);
    const r = parsePropertySetStream(s);
    expect(r.sets[0].codePage).toBe(65001);
    expect(valueToString(r.sets[0].properties[0].value)).toBe('Ünïcode');
  });

  it('reads packed string vectors (as Office writes TitlesOfParts) and variant vectors', () => {
    const titles = typed(0x101e, Buffer.concat([u32(2), u32(7), Buffer.from('Feuil1\0'), u32(7), Buffer.from('Feuil2\0')]));
    const heading = typed(0x100c, Buffer.concat([u32(2), u32(0x1e), u32(7), Buffer.from('Sheets\0'), u32(0x03), u32(2)]));
    const r = parsePropertySetStream(
      stream([
        [
          FMTID_DOC_SUMMARY,
          set([
            [1, i2(1252)],
            [13, pad(titles)],
            [12, pad(heading)],
          ]),
        ],
      ]),
    );
    expect(r.error).toBeUndefined();
    expect(r.sets[0].properties.map((p) => [p.name, valueToString(p.value)])).toEqual([
      ['TitlesOfParts', 'Feuil1; Feuil2'],
      ['HeadingPairs', 'Sheets; 2'],
    ]);
  });

  it('names user-defined properties from the dictionary', () => {
    const dict = Buffer.concat([u32(2), u32(2), u32(7), Buffer.from('Client\0'), u32(3), u32(6), Buffer.from('Draft\0')]);
    const custom = set([
      [0, pad(dict)],
      [1, i2(1252)],
      [2, lpstr(Buffer.from('ACME\0'))],
      [3, typed(0x0b, Buffer.from([0xff, 0xff, 0, 0]))],
    ]);
    const r = parsePropertySetStream(
      stream([
        [FMTID_DOC_SUMMARY, set([[1, i2(1252)]])],
        [FMTID_USER_DEFINED, custom],
      ]),
    );
    expect(r.sets[1].fmtid).toBe(FMTID_USER_DEFINED);
    expect(r.sets[1].properties.map((p) => [p.name, valueToString(p.value)])).toEqual([
      ['Client', 'ACME'],
      ['Draft', 'true'],
    ]);
  });

  it('stops at a lie and keeps what was read: a string longer than its stream', () => {
    const good = set([
      [1, i2(1252)],
      [2, lpstr(Buffer.from('ok\0'))],
    ]);
    const liar = Buffer.concat([u32(0x1e), u32(0x7fff0000), Buffer.from('short')]);
    const s = stream([
      [FMTID_SUMMARY, good],
      [FMTID_DOC_SUMMARY, set([[14, liar]])],
    ]);
    const r = parsePropertySetStream(s);
    expect(r.sets).toHaveLength(1);
    expect(valueToString(r.sets[0].properties[0].value)).toBe('ok');
    expect(r.error).toMatch(/string of 2147418112 bytes/);
  });

  it('refuses a stream that is not a property set, without throwing', () => {
    expect(parsePropertySetStream(Buffer.alloc(48)).error).toMatch(/byte order mark 0x0/);
    expect(parsePropertySetStream(Buffer.from([0xfe, 0xff])).error).toMatch(/past the end/);
    const hugeCount = Buffer.concat([u32(16), u32(1e6)]);
    expect(parsePropertySetStream(stream([[FMTID_SUMMARY, hugeCount]])).error).toMatch(/1000000 properties/);
  });

  it('treats a zero FILETIME as no date', () => {
    expect(filetimeToIso(0n)).toBeNull();
    expect(filetimeToIso(116444736000000000n)).toBe('1970-01-01T00:00:00Z');
  });
});
