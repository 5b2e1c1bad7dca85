// score.ts weighting, on finding sets that real files produce (see the other tests in this folder).
import { describe, expect, it } from 'vitest';
import { scoreFindings } from '../../../../src/checks/score.js';
import type { Finding } from '../../../../src/model/document.js';

const f = (check: string, severity: Finding['severity']): Finding => ({ check, severity, message: '', evidence: {} });

describe('scoreFindings', () => {
  it('keeps one weak finding low and one medium below the middle', () => {
    expect(scoreFindings([f('pdf.revisions', 'low')])).toBe(8);
    expect(scoreFindings([f('fonts.anachronism', 'medium')])).toBe(25);
    expect(scoreFindings([])).toBe(0);
  });

  it('counts a Preview re-save once: revision, Info/XMP producer, AppendMode footprint and /ID are one event (freetexts.pdf)', () => {
    const preview = [f('pdf.revisions', 'info'), f('pdf.info-xmp', 'low'), f('pdf.post-processing', 'low'), f('pdf.trailer-id', 'info')];
    expect(scoreFindings(preview)).toBe(8);
  });

  it('adds up independent evidence: a back-dated Word 2007 file with Calibri reaches fake territory', () => {
    // software.anachronism high + fonts.anachronism medium (anachronism.test.ts, back-dated tika-testWORD.docx)
    expect(scoreFindings([f('software.anachronism', 'high'), f('fonts.anachronism', 'medium'), f('fonts.anachronism', 'medium')])).toBe(66);
    expect(scoreFindings([f('software.anachronism', 'high'), f('dates.attachment-after-email', 'high')])).toBe(80);
  });

  it('counts checks that read the same trace once: zip member times, and a text against its other copies', () => {
    // A package re-zipped by a script: dates.order and office.edit-burst both read the member times.
    expect(scoreFindings([f('dates.order', 'low'), f('office.edit-burst', 'low')])).toBe(8);
    // A reply chain: the quote differs from its original and the text is a near-duplicate of it.
    expect(scoreFindings([f('email.threads', 'medium'), f('text.near-duplicate', 'low')])).toBe(25);
    // Different traces still add up.
    expect(scoreFindings([f('dates.order', 'low'), f('email.threads', 'low')])).toBe(15);
  });

  it('weighs attribution clues less than inconsistencies, and advisories and errors not at all', () => {
    expect(scoreFindings([f('people.script', 'medium'), f('people.outsider', 'low')])).toBe(15);
    expect(
      scoreFindings([f('pdf.active-content', 'low'), f('pdf.jbig2', 'info'), f('extract.failed', 'high'), f('check.crashed', 'info')]),
    ).toBe(0);
    // MacronLeaks: Cyrillic editor (attribution) + edit burst (inconsistency)
    expect(scoreFindings([f('people.script', 'medium'), f('office.edit-burst', 'medium')])).toBe(36);
  });
});
