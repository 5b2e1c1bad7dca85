// Real OOXML packages (DOCX, XLSX) for the demo dump: content types, relationships, core and app
// properties, a font table and the text, zipped with the part names and member dates Word, Excel and
// LibreOffice write. The metadata fields are the ones the forensic checks read.

import { zipBuffer } from './zip.js';

type OfficeApp = 'word2016' | 'excel2016' | 'libreoffice' | { application: string; appVersion?: string };

export interface OfficeMeta {
  title: string;
  creator: string;
  lastModifiedBy: string;
  revision: number;
  /** Instants (written as UTC, as Office does). */
  created: number;
  modified: number;
  app: OfficeApp;
  company?: string;
  totalTimeMinutes: number;
  /** Fonts declared in the font table (DOCX) or styles (XLSX), first = body font. */
  fonts: string[];
}

const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';

export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function w3cdtf(epochMs: number, seconds: boolean): string {
  const iso = new Date(epochMs).toISOString();
  return seconds ? `${iso.slice(0, 19)}Z` : `${iso.slice(0, 16)}:00Z`;
}

function appName(app: OfficeApp, kind: 'docx' | 'xlsx'): { application: string; appVersion?: string } {
  if (app === 'word2016') return { application: 'Microsoft Office Word', appVersion: '16.0000' };
  if (app === 'excel2016') return { application: 'Microsoft Excel', appVersion: '16.0300' };
  if (app === 'libreoffice') {
    return {
      application: 'LibreOffice/5.2.3.3$Windows_X86_64 LibreOffice_project/d54a8868f08a7b39642414cf2c8ef2f228f780cf',
      appVersion: kind === 'docx' ? '15.0000' : '15.0300',
    };
  }
  return app;
}

function coreXml(m: OfficeMeta, seconds: boolean): string {
  return `${XML_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${xmlEscape(m.title)}</dc:title><dc:creator>${xmlEscape(m.creator)}</dc:creator><cp:lastModifiedBy>${xmlEscape(m.lastModifiedBy)}</cp:lastModifiedBy><cp:revision>${m.revision}</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">${w3cdtf(m.created, seconds)}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${w3cdtf(m.modified, seconds)}</dcterms:modified></cp:coreProperties>`;
}

function appXml(m: OfficeMeta, kind: 'docx' | 'xlsx', words: number, chars: number): string {
  const a = appName(m.app, kind);
  const version = a.appVersion ? `<AppVersion>${a.appVersion}</AppVersion>` : '';
  const company = `<Company>${xmlEscape(m.company ?? '')}</Company>`;
  const body =
    kind === 'docx'
      ? `<Template>Normal.dotm</Template><TotalTime>${m.totalTimeMinutes}</TotalTime><Pages>${Math.max(1, Math.ceil(words / 450))}</Pages><Words>${words}</Words><Characters>${chars}</Characters><Application>${xmlEscape(a.application)}</Application><DocSecurity>0</DocSecurity><Lines>${Math.ceil(chars / 80)}</Lines><Paragraphs>${Math.ceil(words / 60)}</Paragraphs><ScaleCrop>false</ScaleCrop>${company}<LinksUpToDate>false</LinksUpToDate><CharactersWithSpaces>${chars + words}</CharactersWithSpaces><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>${version}`
      : `<Application>${xmlEscape(a.application)}</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Feuilles de calcul</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="1" baseType="lpstr"><vt:lpstr>Feuil1</vt:lpstr></vt:vector></TitlesOfParts>${company}<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>${version}`;
  return `${XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${body}</Properties>`;
}

const RELS_ROOT = (main: string) =>
  `${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${main}"/></Relationships>`;

const FONT_INFO: Record<string, string> = {
  Calibri: '<w:panose1 w:val="020F0502020204030204"/><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/>',
  'Calibri Light': '<w:panose1 w:val="020F0302020204030204"/><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/>',
  Cambria: '<w:panose1 w:val="02040503050406030204"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/>',
  'Times New Roman': '<w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/>',
  Arial: '<w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/>',
  'Liberation Serif': '<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/>',
};

export async function makeDocx(m: OfficeMeta, heading: string, paragraphs: string[]): Promise<Buffer> {
  const font = m.fonts[0];
  const run = (t: string, bold = false) =>
    `<w:r><w:rPr><w:rFonts w:ascii="${font}" w:hAnsi="${font}"/>${bold ? '<w:b/>' : ''}<w:lang w:val="fr-FR"/></w:rPr><w:t xml:space="preserve">${xmlEscape(t)}</w:t></w:r>`;
  const paras = [
    `<w:p><w:pPr><w:pStyle w:val="Titre1"/></w:pPr>${run(heading, true)}</w:p>`,
    ...paragraphs.map((p) => `<w:p>${run(p)}</w:p>`),
  ];
  const document = `${XML_DECL}<w:document xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paras.join('')}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>`;
  const fontTable = `${XML_DECL}<w:fonts xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${m.fonts.map((f) => `<w:font w:name="${xmlEscape(f)}">${FONT_INFO[f] ?? ''}</w:font>`).join('')}</w:fonts>`;
  const styles = `${XML_DECL}<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:ascii="${font}" w:hAnsi="${font}"/><w:sz w:val="22"/><w:lang w:val="fr-FR"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Titre1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style></w:styles>`;
  const docRels = `${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;
  const types = `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`;
  const text = [heading, ...paragraphs].join(' ');
  const words = text.split(/\s+/).length;
  // Word stamps every member with 1980-01-01 00:00; LibreOffice with the save time. Both are kept.
  const memberTime = m.app === 'libreoffice' ? m.modified : Date.UTC(1980, 0, 1, 0, 0, 0) - 3_600_000;
  return zipBuffer(
    [
      ['[Content_Types].xml', types],
      ['_rels/.rels', RELS_ROOT('word/document.xml')],
      ['word/document.xml', document],
      ['word/_rels/document.xml.rels', docRels],
      ['word/styles.xml', styles],
      ['word/fontTable.xml', fontTable],
      ['docProps/core.xml', coreXml(m, m.app === 'libreoffice')],
      ['docProps/app.xml', appXml(m, 'docx', words, text.length)],
    ].map(([name, data]) => ({ name, data: Buffer.from(data, 'utf8'), epochMs: memberTime })),
  );
}

function colName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export async function makeXlsx(m: OfficeMeta, rows: (string | number)[][]): Promise<Buffer> {
  const sheetRows = rows
    .map(
      (r, ri) =>
        `<row r="${ri + 1}">${r
          .map((v, ci) => {
            const ref = `${colName(ci)}${ri + 1}`;
            return typeof v === 'number'
              ? `<c r="${ref}"><v>${v}</v></c>`
              : `<c r="${ref}" t="inlineStr"><is><t>${xmlEscape(v)}</t></is></c>`;
          })
          .join('')}</row>`,
    )
    .join('');
  const sheet = `${XML_DECL}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>${sheetRows}</sheetData></worksheet>`;
  const workbook = `${XML_DECL}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
  const wbRels = `${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
  const styles = `${XML_DECL}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="${m.fonts.length}">${m.fonts.map((f) => `<font><sz val="11"/><name val="${xmlEscape(f)}"/><family val="2"/></font>`).join('')}</fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`;
  const types = `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`;
  const memberTime = m.app === 'libreoffice' ? m.modified : Date.UTC(1980, 0, 1, 0, 0, 0) - 3_600_000;
  return zipBuffer(
    [
      ['[Content_Types].xml', types],
      ['_rels/.rels', RELS_ROOT('xl/workbook.xml')],
      ['xl/workbook.xml', workbook],
      ['xl/_rels/workbook.xml.rels', wbRels],
      ['xl/styles.xml', styles],
      ['xl/worksheets/sheet1.xml', sheet],
      ['docProps/core.xml', coreXml(m, true)],
      ['docProps/app.xml', appXml(m, 'xlsx', 0, 0)],
    ].map(([name, data]) => ({ name, data: Buffer.from(data, 'utf8'), epochMs: memberTime })),
  );
}
