// Programming libraries and command-line tools that rewrite an existing PDF's Info dictionary and
// stamp their own name in /Producer while leaving the XMP packet alone (pdf.info-xmp reads them).

interface PdfLibraryRow {
  /** The library as the analyst knows it. */
  name: string;
  /** The Producer it writes by default. */
  producer: RegExp;
  source: string;
}

const ROWS: readonly PdfLibraryRow[] = [
  {
    name: 'PyPDF2',
    producer: /^PyPDF2\b/i,
    source: 'py-pdf/pypdf, PyPDF2/_writer.py (PdfWriter.__init__ sets /Producer "PyPDF2"; 1.x pdf.py likewise)',
  },
  { name: 'pypdf', producer: /^pypdf\b/i, source: 'py-pdf/pypdf, pypdf/_writer.py (PdfWriter.__init__ sets /Producer "pypdf")' },
  { name: 'PyPDF4', producer: /^PyPDF4\b/i, source: 'claird/PyPDF4, pypdf/pdf.py (PdfFileWriter sets /Producer "PyPDF4")' },
  {
    name: 'pyPdf',
    producer: /^Python PDF Library\b/i,
    source: 'mstamy2/pyPdf, pyPdf/pdf.py (PdfFileWriter: /Producer "Python PDF Library - http://pybrary.net/pyPdf/")',
  },
  {
    name: 'pdf-lib',
    producer: /^pdf-lib\b/i,
    source:
      'Hopding/pdf-lib, src/api/PDFDocument.ts (updateInfoDict on load/create: Producer "pdf-lib (https://github.com/Hopding/pdf-lib)")',
  },
  {
    name: 'pdftk',
    producer: /\bpdftk\b|^itext-paulo-/i,
    source:
      'pdftk 2.02 writes "itext-paulo-155 (itextpdf.sf.net-lowagie.com)", pdftk-java "pdftk-java <version>" (gitlab.com/pdftk-java/pdftk)',
  },
  {
    name: 'iText',
    producer: /\biText(?:Sharp)?\b/i,
    source:
      'itext/itextpdf, com/itextpdf/text/Version.java (Producer "iText® 5.x ©..."; "; modified using iText" appended to an existing one)',
  },
  {
    name: 'PDFsharp',
    producer: /^PDFsharp\b/i,
    source: 'empira/PDFsharp, PdfDocument.cs (Producer "PDFsharp <version> (www.pdfsharp.com)")',
  },
  {
    name: 'HexaPDF',
    producer: /^HexaPDF\b/i,
    source: 'gettalong/hexapdf, lib/hexapdf/document.rb (Producer "HexaPDF version <x>" on write)',
  },
];

/** The library a Producer string names, or undefined. */
export function pdfLibraryOf(producer: string | undefined): { name: string; source: string } | undefined {
  if (!producer) return undefined;
  const row = ROWS.find((r) => r.producer.test(producer.trim()));
  return row ? { name: row.name, source: row.source } : undefined;
}
