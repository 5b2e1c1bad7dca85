// Document identity and display paths, both derived from the locator chain alone, so the same
// document gets the same id in every scan (the analyst's tags and verdicts hang on it).

import { createHash } from 'node:crypto';
import type { Locator, LocatorSegment } from '../model/document.js';

export function documentId(locator: Locator): string {
  return createHash('sha256').update(JSON.stringify(locator)).digest('hex').slice(0, 32);
}

function segmentLabel(s: LocatorSegment): string {
  switch (s.type) {
    case 'file':
      return s.path;
    case 'member':
      return s.name;
    case 'mbox':
      return `message-${s.index + 1}`;
    case 'attachment':
      return s.name || `attachment-${s.index + 1}`;
    case 'item':
      return s.name || `item-${s.index + 1}`;
  }
}

/** 'mail/archive.zip!inner/box.mbox!message-3!report.pdf' */
export function displayPath(locator: Locator): string {
  return locator.map(segmentLabel).join('!');
}

export function segmentName(s: LocatorSegment): string {
  const label = segmentLabel(s);
  const slash = label.lastIndexOf('/');
  return slash >= 0 && slash < label.length - 1 ? label.slice(slash + 1) : label;
}
