// DOCX and XLSX packages as Word, Excel and LibreOffice write them: the part list, docProps/core.xml
// (creator, lastModifiedBy, revision, created/modified) and docProps/app.xml (Application, AppVersion,
// TotalTime, Company), Word's rsids (one per editing session) and the zip member times (Word and
// Excel write 1980-01-01 00:00; LibreOffice writes the local wall-clock time of the save).
// Forms checked against real packages: LibreOffice 7 app.xml "<Template></Template><TotalTime>0</TotalTime>
// <Application>LibreOffice/7.2.5.2$Windows_X86_64 LibreOffice_project/…</Application><AppVersion>15.0000
// </AppVersion>…"; Word "<Application>Microsoft Office Word</Application>…<AppVersion>16.0000</AppVersion>";
// Excel "<Application>Microsoft Excel</Application>…<AppVersion>16.0300</AppVersion>".

import { createHash } from 'node:crypto';
import yazl from 'yazl';
import { xmlEscape } from '../../demo/ooxml.js';
import { offsetAt, wall } from './clock.js';

export type OfficeApp =
  | { family: 'word'; version: '14' | '15' | '16'; mac?: boolean }
  | { family: 'excel'; version: '14' | '15' | '16'; mac?: boolean }
  | { family: 'libreoffice'; version: string; platform: 'Windows_X86_64' | 'Linux_X86_64' | 'MacOSX_X86_64' };

export interface OfficeSpec {
  kind: 'docx' | 'xlsx';
  app: OfficeApp;
  title: string;
  creator: string;
  lastModifiedBy: string;
  /** Saves so far (Word and LibreOffice write it; Excel does not). */
  revision: number;
  created: number;
  modified: number;
  lastPrinted?: number;
  /** Minutes of editing (app.xml TotalTime). */
  totalTime: number;
  company?: string;
  language: string;
  paragraphs: string[];
  rows?: (string | number)[][];
  fonts: string[];
  /** Word: 8-hex-digit session ids, the first is the document's root. */
  rsids: string[];
  /** Zone of the machine that saved (LibreOffice's zip member times are its wall clock). */
  zone: string;
  /** When the package was really written, if not at `modified` (a backdated save). */
  savedAt?: number;
  /** Zip member times chosen by the tool that rewrote the package (7-Zip writes the edit time). */
  memberTime?: Date;
}

const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';

function w3c(at: number, seconds: boolean): string {
  const iso = new Date(at).toISOString();
  return seconds ? `${iso.slice(0, 19)}Z` : `${iso.slice(0, 16)}:00Z`;
}

/** The LibreOffice build hash is part of its Application string; stable per version here. */
function loBuild(version: string): string {
  return createHash('sha1').update(`libreoffice-${version}`).digest('hex');
}

function applicationName(app: OfficeApp): { application: string; appVersion: string } {
  if (app.family === 'word')
    return { application: app.mac ? 'Microsoft Macintosh Word' : 'Microsoft Office Word', appVersion: `${app.version}.0000` };
  if (app.family === 'excel')
    return { application: app.mac ? 'Microsoft Macintosh Excel' : 'Microsoft Excel', appVersion: `${app.version}.0300` };
  return { application: `LibreOffice/${app.version}$${app.platform} LibreOffice_project/${loBuild(app.version)}`, appVersion: '15.0000' };
}

function core(s: OfficeSpec): string {
  const ns =
    'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
  const created = `<dcterms:created xsi:type="dcterms:W3CDTF">${w3c(s.created, s.app.family !== 'word')}</dcterms:created>`;
  const modified = `<dcterms:modified xsi:type="dcterms:W3CDTF">${w3c(s.modified, s.app.family !== 'word')}</dcterms:modified>`;
  const printed = s.lastPrinted ? `<cp:lastPrinted>${w3c(s.lastPrinted, s.app.family !== 'word')}</cp:lastPrinted>` : '';
  if (s.app.family === 'libreoffice') {
    return `${DECL}<cp:coreProperties ${ns}>${created}<dc:creator>${xmlEscape(s.creator)}</dc:creator><dc:description></dc:description><dc:language>${s.language}</dc:language><cp:lastModifiedBy>${xmlEscape(s.lastModifiedBy)}</cp:lastModifiedBy>${printed}${modified}<cp:revision>${s.revision}</cp:revision><dc:subject></dc:subject><dc:title>${xmlEscape(s.title)}</dc:title></cp:coreProperties>`;
  }
  if (s.app.family === 'excel') {
    return `${DECL}<cp:coreProperties ${ns}><dc:title>${xmlEscape(s.title)}</dc:title><dc:creator>${xmlEscape(s.creator)}</dc:creator><cp:lastModifiedBy>${xmlEscape(s.lastModifiedBy)}</cp:lastModifiedBy>${printed}${created}${modified}</cp:coreProperties>`;
  }
  return `${DECL}<cp:coreProperties ${ns}><dc:title>${xmlEscape(s.title)}</dc:title><dc:subject></dc:subject><dc:creator>${xmlEscape(s.creator)}</dc:creator><cp:keywords></cp:keywords><dc:description></dc:description><cp:lastModifiedBy>${xmlEscape(s.lastModifiedBy)}</cp:lastModifiedBy><cp:revision>${s.revision}</cp:revision>${printed}${created}${modified}</cp:coreProperties>`;
}

function counts(paragraphs: string[]) {
  const text = paragraphs.join(' ');
  const words = text.split(/\s+/).filter(Boolean).length;
  const chars = text.replace(/\s/g, '').length;
  return {
    words,
    chars,
    withSpaces: text.length,
    pages: Math.max(1, Math.ceil(words / 420)),
    lines: Math.ceil(text.length / 85),
    paras: paragraphs.length,
  };
}

function app(s: OfficeSpec): string {
  const { application, appVersion } = applicationName(s.app);
  const ns =
    'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"';
  const c = counts(s.paragraphs);
  if (s.app.family === 'libreoffice') {
    const docStats =
      s.kind === 'docx'
        ? `<Pages>${c.pages}</Pages><Words>${c.words}</Words><Characters>${c.chars}</Characters><CharactersWithSpaces>${c.withSpaces}</CharactersWithSpaces><Paragraphs>${c.paras}</Paragraphs>`
        : '';
    return `${DECL}<Properties ${ns}><Template></Template><TotalTime>${s.totalTime}</TotalTime><Application>${xmlEscape(application)}</Application><AppVersion>${appVersion}</AppVersion>${docStats}</Properties>`;
  }
  const company = `<Company>${xmlEscape(s.company ?? '')}</Company>`;
  if (s.app.family === 'excel') {
    return `${DECL}<Properties ${ns}><Application>${application}</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="1" baseType="lpstr"><vt:lpstr>Sheet1</vt:lpstr></vt:vector></TitlesOfParts>${company}<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>${appVersion}</AppVersion></Properties>`;
  }
  return `${DECL}<Properties ${ns}><Template>Normal.dotm</Template><TotalTime>${s.totalTime}</TotalTime><Pages>${c.pages}</Pages><Words>${c.words}</Words><Characters>${c.chars}</Characters><Application>${application}</Application><DocSecurity>0</DocSecurity><Lines>${c.lines}</Lines><Paragraphs>${c.paras}</Paragraphs><ScaleCrop>false</ScaleCrop>${company}<LinksUpToDate>false</LinksUpToDate><CharactersWithSpaces>${c.withSpaces}</CharactersWithSpaces><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>${appVersion}</AppVersion></Properties>`;
}

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

function rootRels(main: string): string {
  return `${DECL}<Relationships xmlns="${PKG}"><Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId2" Type="${PKG}/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId1" Type="${REL}/officeDocument" Target="${main}"/></Relationships>`;
}

const W =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function documentXml(s: OfficeSpec): string {
  const word = s.app.family === 'word';
  const root = s.rsids[0] ?? '00000000';
  const paras = s.paragraphs
    .map((p, i) => {
      const rsid = s.rsids[Math.min(s.rsids.length - 1, Math.floor((i * s.rsids.length) / Math.max(1, s.paragraphs.length)))] ?? root;
      const attrs = word ? ` w:rsidR="${rsid}" w:rsidRDefault="${rsid}"` : '';
      const style = i === 0 ? '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>' : '';
      return `<w:p${attrs}>${style}<w:r${word ? ` w:rsidRPr="${rsid}"` : ''}><w:t xml:space="preserve">${xmlEscape(p)}</w:t></w:r></w:p>`;
    })
    .join('');
  const sect = `<w:sectPr${word ? ` w:rsidR="${root}"` : ''}><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>`;
  return `${DECL}<w:document ${W}><w:body>${paras}${sect}</w:body></w:document>`;
}

function settingsXml(s: OfficeSpec): string {
  const rsids =
    s.app.family === 'word'
      ? `<w:rsids><w:rsidRoot w:val="${s.rsids[0]}"/>${[...s.rsids]
          .sort()
          .map((r) => `<w:rsid w:val="${r}"/>`)
          .join('')}</w:rsids>`
      : '';
  const lang = s.language;
  return `${DECL}<w:settings ${W}><w:zoom w:percent="100"/><w:defaultTabStop w:val="708"/><w:characterSpacingControl w:val="doNotCompress"/>${rsids}<w:themeFontLang w:val="${lang}"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`;
}

function fontTableXml(s: OfficeSpec): string {
  return `${DECL}<w:fonts ${W}>${s.fonts.map((f) => `<w:font w:name="${xmlEscape(f)}"><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>`).join('')}</w:fonts>`;
}

function stylesXml(s: OfficeSpec): string {
  const f = xmlEscape(s.fonts[0] ?? 'Calibri');
  return `${DECL}<w:styles ${W}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="${f}" w:hAnsi="${f}" w:eastAsia="${f}" w:cs="${f}"/><w:sz w:val="22"/><w:lang w:val="${s.language}"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style></w:styles>`;
}

function cellRef(r: number, c: number): string {
  return `${String.fromCharCode(65 + c)}${r + 1}`;
}

function sheetXml(rows: (string | number)[][], strings: Map<string, number>): string {
  const data = rows
    .map((row, r) => {
      const cells = row
        .map((v, c) => {
          if (typeof v === 'number') return `<c r="${cellRef(r, c)}"><v>${v}</v></c>`;
          let i = strings.get(v);
          if (i === undefined) {
            i = strings.size;
            strings.set(v, i);
          }
          return `<c r="${cellRef(r, c)}" t="s"><v>${i}</v></c>`;
        })
        .join('');
      return `<row r="${r + 1}">${cells}</row>`;
    })
    .join('');
  return `${DECL}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}"><sheetData>${data}</sheetData></worksheet>`;
}

/** Zip member time: Office writes the DOS epoch; LibreOffice its local wall clock at save time. */
function memberDate(s: OfficeSpec): Date {
  if (s.memberTime) return s.memberTime;
  if (s.app.family !== 'libreoffice') return new Date(1980, 0, 1, 0, 0, 0);
  return dosTime(s.savedAt ?? s.modified, s.zone);
}

/** A Date whose local fields are the wall clock of `at` in `zone` (what yazl writes as a DOS time). */
export function dosTime(at: number, zone: string): Date {
  const w = wall(at, offsetAt(zone, at));
  return new Date(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

export function zipParts(parts: [string, string | Buffer][], mtime: Date): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of parts) {
    zip.addBuffer(typeof data === 'string' ? Buffer.from(data, 'utf8') : data, name, { mtime, mode: 0o100644, forceDosTimestamp: true });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

export async function officeFile(s: OfficeSpec): Promise<Buffer> {
  const mtime = memberDate(s);
  if (s.kind === 'docx') {
    const types = `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`;
    const docRels = `${DECL}<Relationships xmlns="${PKG}"><Relationship Id="rId3" Type="${REL}/settings" Target="settings.xml"/><Relationship Id="rId2" Type="${REL}/fontTable" Target="fontTable.xml"/><Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/></Relationships>`;
    const parts: [string, string][] = [
      ['[Content_Types].xml', types],
      ['_rels/.rels', rootRels('word/document.xml')],
      ['word/document.xml', documentXml(s)],
      ['word/_rels/document.xml.rels', docRels],
      ['word/styles.xml', stylesXml(s)],
      ['word/settings.xml', settingsXml(s)],
      ['word/fontTable.xml', fontTableXml(s)],
      ['docProps/core.xml', core(s)],
      ['docProps/app.xml', app(s)],
    ];
    // LibreOffice writes docProps first.
    if (s.app.family === 'libreoffice')
      parts.sort((a, b) => Number(!a[0].startsWith('docProps')) - Number(!b[0].startsWith('docProps')) || 0);
    return zipParts(parts, mtime);
  }
  const strings = new Map<string, number>();
  const sheet = sheetXml(s.rows ?? [[s.title]], strings);
  const sst = `${DECL}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.size}" uniqueCount="${strings.size}">${[...strings.keys()].map((t) => `<si><t xml:space="preserve">${xmlEscape(t)}</t></si>`).join('')}</sst>`;
  const font = xmlEscape(s.fonts[0] ?? 'Calibri');
  const styles = `${DECL}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="${font}"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`;
  const appName = s.app.family === 'libreoffice' ? 'Calc' : 'xl';
  const workbook = `${DECL}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}"><fileVersion appName="${appName}"/><sheets><sheet name="${s.app.family === 'libreoffice' ? 'Sheet1' : 'Sheet1'}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
  const wbRels = `${DECL}<Relationships xmlns="${PKG}"><Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
  const types = `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`;
  return zipParts(
    [
      ['[Content_Types].xml', types],
      ['_rels/.rels', rootRels('xl/workbook.xml')],
      ['xl/workbook.xml', workbook],
      ['xl/_rels/workbook.xml.rels', wbRels],
      ['xl/styles.xml', styles],
      ['xl/sharedStrings.xml', sst],
      ['xl/worksheets/sheet1.xml', sheet],
      ['docProps/core.xml', core(s)],
      ['docProps/app.xml', app(s)],
    ],
    mtime,
  );
}

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
