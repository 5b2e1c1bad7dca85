// The document-level forensic checks of PDFs, Office files and images, in report order.

import type { DocumentCheck, OcrCheck } from '../types.js';
import { pdfTextLayerInfo, textLayerFindings } from './pdf-text-layer.js';
import { datesOrder } from './dates-order.js';
import { fontsAnachronism, softwareAnachronism } from './anachronism.js';
import { pdfRevisions } from './pdf-revisions.js';
import { pdfInfoXmp } from './pdf-info-xmp.js';
import { pdfActiveContent, pdfJbig2, pdfPostProcessing, pdfTrailerId, pdfXmpHistory } from './pdf-traces.js';
import { officeEditStats } from './office-edit-stats.js';
import { imageEditor, imageThumbnail } from './image.js';

export const DOCUMENT_FILE_CHECKS: readonly DocumentCheck[] = [
  datesOrder,
  softwareAnachronism,
  fontsAnachronism,
  pdfRevisions,
  pdfInfoXmp,
  pdfXmpHistory,
  pdfTrailerId,
  pdfPostProcessing,
  pdfActiveContent,
  pdfJbig2,
  officeEditStats,
  imageEditor,
  imageThumbnail,
];

/** Checks of a document's OCR, run by the scan's OCR stage. */
export const DOCUMENT_OCR_CHECKS: readonly OcrCheck[] = [{ ...pdfTextLayerInfo, scope: 'ocr', run: textLayerFindings }];
