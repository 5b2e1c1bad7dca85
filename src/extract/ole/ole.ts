// Legacy Office files in OLE storage (doc, xls, ppt, encrypted OOXML): property sets, storage
// times, Current User, encryption, macros, embedded objects; no text (no binary-format parser).

import CFB from 'cfb';
import type { MetadataEntry } from '../../model/document.js';
import type { ClaimedDate, PersonClaim, SoftwareClaim } from '../../model/facts.js';
import { MIME } from '../mime.js';
import { BufferSource, toBuffer } from '../common/byte-source.js';
import { claimDate, parseIsoDate } from '../../shared/dates.js';
import { embeddedObjects } from './embedded.js';
import {
  FMTID_DOC_SUMMARY,
  FMTID_SUMMARY,
  FMTID_USER_DEFINED,
  parsePropertySetStream,
  valueToString,
  type OleProperty,
} from './property-sets.js';
import iconv from 'iconv-lite';
import { codePageEncoding } from '../common/charset.js';
import { officeFacts } from '../office/office-facts.js';
import { ExtractError, type ChildDocument, type ExtractContext, type ExtractInput, type ExtractOutput, type Extractor } from '../types.js';

type Cfb = ReturnType<typeof CFB.read>;
type CfbEntry = Cfb['FileIndex'][number];

/** A stream or storage directly under the root, by name (case-insensitive, as the format compares). */
function rootEntry(cfb: Cfb, name: string): CfbEntry | undefined {
  const root = cfb.FullPaths[0] ?? '';
  const want = (root + name).toLowerCase();
  const i = cfb.FullPaths.findIndex((p) => p.toLowerCase() === want || p.toLowerCase() === `${want}/`);
  return i >= 0 ? cfb.FileIndex[i] : undefined;
}

function contentOf(e: CfbEntry | undefined): Buffer | null {
  if (!e || !e.content) return null;
  return Buffer.isBuffer(e.content) ? e.content : Buffer.from(e.content as ArrayLike<number> as number[]);
}

/** Word FIB (MS-DOC 2.5.2): wIdent 0xA5EC (Word 97+) or 0xA5DC (Word 6/95); flags at 0x0A. */
function wordFib(stream: Buffer | null): { version: string; encrypted: boolean; obfuscated: boolean; nFib: number } | null {
  if (!stream || stream.length < 0x0c) return null;
  const ident = stream.readUInt16LE(0);
  if (ident !== 0xa5ec && ident !== 0xa5dc) return null;
  const flags = stream.readUInt16LE(0x0a);
  return {
    version: ident === 0xa5ec ? 'Word 97+' : 'Word 6/95',
    nFib: stream.readUInt16LE(2),
    encrypted: (flags & 0x0100) !== 0,
    obfuscated: (flags & 0x8000) !== 0,
  };
}

/** Excel: a FILEPASS record (0x002F) right after the first BOF means the workbook is encrypted. */
function excelFilepass(stream: Buffer | null): 'xor' | 'rc4' | 'unknown' | null {
  if (!stream) return null;
  let pos = 0;
  for (let n = 0; n < 8 && pos + 4 <= stream.length; n++) {
    const type = stream.readUInt16LE(pos);
    const len = stream.readUInt16LE(pos + 2);
    if (type === 0x002f) {
      if (len >= 2 && pos + 6 <= stream.length) return stream.readUInt16LE(pos + 4) === 0 ? 'xor' : 'rc4';
      return 'unknown';
    }
    if (type === 0x000a) break; // EOF of the globals substream
    pos += 4 + len;
  }
  return null;
}

/** PowerPoint's "Current User" stream (MS-PPT 2.3.2): the user name of the last save. */
function currentUser(stream: Buffer | null): string | null {
  if (!stream || stream.length < 28) return null;
  const len = stream.readUInt16LE(20);
  if (len === 0 || 28 + len > stream.length) return null;
  const ansi = iconv.decode(stream.subarray(28, 28 + len), 'cp1252');
  // The Unicode name, when present, follows a 4-byte relVersion.
  const u = 28 + len + 4;
  if (u + len * 2 <= stream.length) {
    const uni = stream.subarray(u, u + len * 2).toString('utf16le');
    if (uni.replace(/\0/g, '').length === len) return uni;
  }
  return ansi.replace(/\0+$/, '');
}

/** \u0001CompObj (MS-OLEDS 2.3.8): the user type ("Microsoft Word-Dokument") and the ProgID. */
function compObj(stream: Buffer | null): { userType?: string; progId?: string } {
  if (!stream || stream.length < 32) return {};
  const out: { userType?: string; progId?: string } = {};
  let pos = 28;
  const lpstr = (): string | null => {
    if (pos + 4 > stream.length) return null;
    const n = stream.readUInt32LE(pos);
    pos += 4;
    if (n > 4096 || pos + n > stream.length) return null;
    const s = iconv.decode(stream.subarray(pos, pos + n), 'cp1252').replace(/\0+$/, '');
    pos += n;
    return s;
  };
  const userType = lpstr();
  if (userType) out.userType = userType;
  // Clipboard format: 0 = none, 0xFFFFFFFF / 0xFFFFFFFE = 4-byte id, else a string of that length.
  if (pos + 4 > stream.length) return out;
  const marker = stream.readUInt32LE(pos);
  if (marker === 0xffffffff || marker === 0xfffffffe) pos += 8;
  else if (marker === 0) pos += 4;
  else if (lpstr() === null) return out;
  const progId = lpstr();
  if (progId) out.progId = progId;
  return out;
}

function iso(d: Date | undefined): string | null {
  return d && Number.isFinite(d.getTime()) && d.getTime() > 0 ? d.toISOString().replace('.000Z', 'Z') : null;
}

/** Metadata value of a property: TotalEditTime is a duration FILETIME, written as seconds. */
function propertyValue(p: OleProperty): string | null {
  if (p.name === 'TotalEditTime' && p.value.type === 'filetime') {
    // Seconds, exact: the 100 ns ticks divided out, trailing zeros dropped ('6207', '63863.358').
    const ticks = p.value.ticks;
    const frac = (ticks % 10_000_000n).toString().padStart(7, '0').replace(/0+$/, '');
    return frac ? `${ticks / 10_000_000n}.${frac}` : String(ticks / 10_000_000n);
  }
  // AppVersion (PIDDSI_VERSION) packs major.minor in one VT_I4: 0x000C0000 = 12.0000.
  if (p.name === 'AppVersion' && p.value.type === 'int')
    return `${p.value.value >>> 16}.${String(p.value.value & 0xffff).padStart(4, '0')}`;
  return valueToString(p.value);
}

export const oleExtractor: Extractor = {
  id: 'office.ole',
  version: 1,
  kind: 'office',
  container: true,
  mimes: [MIME.doc, MIME.xls, MIME.ppt, MIME.ole],

  async extract(input: ExtractInput, ctx: ExtractContext): Promise<ExtractOutput> {
    const bytes = await toBuffer(input.source);
    let cfb: Cfb;
    try {
      cfb = CFB.read(bytes, { type: 'buffer' });
    } catch (err) {
      throw new ExtractError('corrupt', `${input.name}: not a readable OLE compound file (${(err as Error).message})`);
    }

    const metadata: MetadataEntry[] = [];
    const office = officeFacts('ole');
    const root = cfb.FileIndex[0];
    if (root?.clsid && !/^0+$/.test(root.clsid)) metadata.push({ source: 'ole', key: 'root.clsid', value: root.clsid });
    // The root storage's times are set by the writing library (often zero); when set they are a
    // timestamp outside the document's own properties.
    const rootM = iso(root?.mt);
    const rootC = iso(root?.ct);
    if (rootC) metadata.push({ source: 'ole', key: 'root.ctime', value: rootC });
    if (rootM) metadata.push({ source: 'ole', key: 'root.mtime', value: rootM });
    const comp = compObj(contentOf(rootEntry(cfb, '\u0001CompObj')));
    if (comp.userType) metadata.push({ source: 'ole', key: 'CompObjUserType', value: comp.userType });
    if (comp.progId) metadata.push({ source: 'ole', key: 'ProgID', value: comp.progId });

    // ---- property sets ----
    const codePages: number[] = [];
    for (const [streamName, source, target] of [
      ['\u0005SummaryInformation', 'ole.summary', office.core],
      ['\u0005DocumentSummaryInformation', 'ole.docsummary', office.app],
    ] as const) {
      const stream = contentOf(rootEntry(cfb, streamName));
      if (!stream) continue;
      const parsed = parsePropertySetStream(stream);
      if (parsed.error) ctx.warn('corrupt', `${input.name}: ${streamName.slice(1)}: ${parsed.error}`);
      for (const set of parsed.sets) {
        if (set.codePage !== null) codePages.push(set.codePage);
        const userDefined = set.fmtid === FMTID_USER_DEFINED;
        if (!userDefined && set.fmtid !== FMTID_SUMMARY && set.fmtid !== FMTID_DOC_SUMMARY) continue;
        for (const p of set.properties) {
          const value = propertyValue(p);
          if (value === null) continue;
          if (userDefined) {
            metadata.push({ source: 'ole.custom', key: p.name, value });
            office.custom[p.name] = value;
          } else {
            metadata.push({ source, key: p.name, value });
            target[p.name] = value;
          }
        }
      }
    }
    if (codePages.length) metadata.push({ source: 'ole', key: 'CodePage', value: `${codePages[0]} (${codePageEncoding(codePages[0])})` });

    // ---- what kind of file, encryption, macros ----
    const has = (name: string) => rootEntry(cfb, name) !== undefined;
    let encryption: string | null = null;
    if (has('EncryptionInfo') && has('EncryptedPackage')) {
      office.subtype = 'ooxml-encrypted';
      const info = contentOf(rootEntry(cfb, 'EncryptionInfo'));
      if (info && info.length >= 4) {
        const v = `${info.readUInt16LE(0)}.${info.readUInt16LE(2)}`;
        // MS-OFFCRYPTO 2.3.4: 4.4 = agile (AES, XML descriptor); 3.2 / 4.2 = standard; 2.2-4.3 other.
        metadata.push({ source: 'ole', key: 'EncryptionInfo.version', value: v });
        encryption = `encrypted OOXML package (${v === '4.4' ? 'agile' : 'standard'} encryption, EncryptionInfo ${v})`;
      } else encryption = 'encrypted OOXML package';
    } else if (has('WordDocument')) {
      office.subtype = 'doc';
      const fib = wordFib(contentOf(rootEntry(cfb, 'WordDocument')));
      if (fib) {
        metadata.push({ source: 'ole', key: 'FIB.nFib', value: String(fib.nFib) });
        if (fib.encrypted)
          encryption = fib.obfuscated
            ? `${fib.version} document obfuscated (XOR)`
            : `${fib.version} document encrypted (fEncrypted set in the FIB)`;
      }
    } else if (has('Workbook') || has('Book')) {
      office.subtype = 'xls';
      const fp = excelFilepass(contentOf(rootEntry(cfb, has('Workbook') ? 'Workbook' : 'Book')));
      if (fp)
        encryption = `workbook encrypted (FILEPASS record, ${fp === 'xor' ? 'XOR obfuscation' : fp === 'rc4' ? 'RC4' : 'unknown method'})`;
    } else if (has('PowerPoint Document') || has('PP40')) {
      office.subtype = 'ppt'; // (PP40: PowerPoint 4)
      if (has('EncryptedSummary')) encryption = 'presentation encrypted (EncryptedSummary stream)';
      const user = currentUser(contentOf(rootEntry(cfb, 'Current User')));
      if (user) metadata.push({ source: 'ole', key: 'CurrentUser', value: user });
    }
    if (!encryption && has('\u0006DataSpaces') && (has('\tDRMContent') || has('\u0009DRMContent'))) {
      encryption = 'rights-managed (IRM/DRM): the content is encrypted for its licensed readers';
    }
    office.encrypted = encryption !== null;
    if (encryption) metadata.push({ source: 'ole', key: 'Encryption', value: encryption });
    // VBA lives in Macros/ (Word), _VBA_PROJECT_CUR/ (Excel) or a VBA/ storage with _VBA_PROJECT.
    office.macros = cfb.FullPaths.some((p) => /\/(Macros|_VBA_PROJECT_CUR)\/$/i.test(p) || /\/VBA\/_VBA_PROJECT$/i.test(p));

    // ---- facts ----
    const core = office.core;
    const app = office.app;
    if (/^\d+$/.test(core.RevNumber ?? '')) office.revision = Number(core.RevNumber);
    if (/^\d+(\.\d+)?$/.test(core.TotalEditTime ?? '')) office.totalEditMinutes = Math.floor(Number(core.TotalEditTime) / 60);

    const dates: ClaimedDate[] = [];
    for (const [key, role] of [
      ['CreateTime', 'created'],
      ['LastSaveTime', 'modified'],
      ['LastPrinted', 'printed'],
    ] as const) {
      if (core[key]) dates.push(claimDate(role, `ole.summary:${key}`, core[key], parseIsoDate));
    }
    const people: PersonClaim[] = [];
    const person = (role: string, name: string | undefined, source: string) => {
      if (name?.trim()) people.push({ role, name: name.trim(), source });
    };
    for (const name of (core.Author ?? '').split(';')) person('author', name, 'ole.summary:Author');
    person('last-modified-by', core.LastAuthor, 'ole.summary:LastAuthor');
    person('company', app.Company, 'ole.docsummary:Company');
    person('manager', app.Manager, 'ole.docsummary:Manager');
    const user = metadata.find((m) => m.key === 'CurrentUser')?.value;
    person('current-user', user, 'ole:CurrentUser');

    const software: SoftwareClaim[] = [];
    if (core.AppName?.trim()) {
      const s: SoftwareClaim = { role: 'application', value: core.AppName.trim(), source: 'ole.summary:AppName' };
      if (app.AppVersion) s.version = app.AppVersion;
      software.push(s);
    }

    const output: ExtractOutput = { kind: 'office', metadata, facts: { office, dates, people, software } };
    if (core.Title?.trim()) output.title = core.Title.trim();
    // Searchable text of a legacy binary document is not extracted; its properties are searchable.
    const searchable = ['Title', 'Subject', 'Keywords', 'Comments', 'Category'].map((k) => core[k] ?? app[k]).filter((v) => v?.trim());
    if (searchable.length) output.text = searchable.join('\n').slice(0, ctx.limits.maxTextChars);

    // Embedded objects (packaged files, PDFs, embedded Office documents) as children.
    if (input.depth < ctx.limits.maxDepth && office.subtype !== 'ooxml-encrypted') {
      const children: ChildDocument[] = [];
      for (const o of embeddedObjects(cfb, ctx.limits.maxMemberBytes, ctx.limits.maxMembers)) {
        const child: ChildDocument = {
          segment: { type: 'member', index: o.index, name: o.name },
          name: o.name,
          source: new BufferSource(o.bytes),
          metadata: o.metadata,
        };
        if (o.tooLarge !== undefined)
          child.error = {
            code: 'limit-exceeded',
            message: `${input.name}: embedded object ${o.name} of ${o.tooLarge} bytes is above the member limit`,
          };
        children.push(child);
      }
      if (children.length) output.children = children;
    }
    if (encryption) throw new ExtractError('encrypted', `${input.name}: ${encryption}`, output);
    return output;
  },
};
