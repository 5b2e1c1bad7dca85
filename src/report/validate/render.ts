// Text and JSON renderings of a validation result: the recall table by family, the false-positive
// rates, then every missed forgery and every false positive with the findings that were (or were not)
// there, and the truth entries that matched nothing.

import type { Rate, ValidationResult } from '../../model/validation.js';

function pct(r: Rate, digits = 1): string {
  return r.rate === null ? '—' : `${(r.rate * 100).toFixed(digits)} %`;
}

function ratio(r: Rate): string {
  return r.rate === null ? '—' : r.rate.toFixed(2);
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function who(o: { path?: string; messageId?: string }): string {
  return [o.path, o.messageId ? `<${o.messageId}>` : ''].filter(Boolean).join(' ');
}

export function renderValidationText(r: ValidationResult): string {
  const out: string[] = [];
  out.push(
    `Validation of ${r.report.documents} documents (${r.report.root || 'report'}) against ${r.truth.entries} truth entries; a detection is a finding of severity ${r.threshold} or higher.`,
  );
  out.push('');
  out.push(`Forged items found: ${r.recall.count} of ${r.recall.total} (recall ${ratio(r.recall)})`);
  const fams = Object.entries(r.recallByFamily);
  if (fams.length) {
    const w = Math.max(6, ...fams.map(([f]) => f.length)) + 2;
    out.push(`  ${pad('family', w)}found  planted  recall`);
    for (const [f, v] of fams) out.push(`  ${pad(f, w)}${pad(String(v.count), 7)}${pad(String(v.total), 9)}${ratio(v)}`);
  }
  out.push('');
  out.push(
    `Genuine items flagged: ${r.falsePositives.count} of ${r.falsePositives.total} (false-positive rate ${pct(r.falsePositives, 2)})${r.unlistedAsGenuine ? `; listed genuine items only: ${r.falsePositivesListed.count} of ${r.falsePositivesListed.total}` : ''}`,
  );
  const looks = Object.entries(r.lookalikesByFamily);
  if (looks.length) {
    out.push(`Innocent lookalikes flagged: ${r.lookalikes.count} of ${r.lookalikes.total} (${pct(r.lookalikes)})`);
    const w = Math.max(6, ...looks.map(([f]) => f.length)) + 2;
    out.push(`  ${pad('family', w)}flagged  total`);
    for (const [f, v] of looks) out.push(`  ${pad(f, w)}${pad(String(v.count), 9)}${v.total}`);
  }
  if (r.missed.length) {
    out.push('', `Missed forged items (${r.missed.length}):`);
    for (const m of r.missed) {
      out.push(`  - ${who(m)}${m.family ? ` [${m.family}]` : ''} (truth line ${m.line})`);
      if (!m.documents.length) out.push('      no finding at all');
      for (const d of m.documents)
        for (const f of d.flags) out.push(`      ${f.severity} ${f.check}: ${f.message}${d.path !== m.path ? ` (${d.path})` : ''}`);
    }
  }
  if (r.falseItems.length) {
    out.push('', `False positives (${r.falseItems.length}):`);
    for (const m of r.falseItems) {
      out.push(`  - ${who(m)}${m.family ? ` [lookalike of ${m.family}]` : ''}${m.line ? ` (truth line ${m.line})` : ' (unlisted)'}`);
      for (const d of m.documents)
        for (const f of d.flags) out.push(`      ${f.severity} ${f.check}: ${f.message}${d.path !== m.path ? ` (${d.path})` : ''}`);
    }
  }
  if (r.unmatched.length) {
    out.push('', `Truth entries that match no document (${r.unmatched.length}):`);
    for (const u of r.unmatched) out.push(`  - line ${u.line}: ${who(u)} (${u.label}): ${u.reason}`);
  }
  if (r.notes.length) out.push('', ...r.notes.map((n) => `Note: ${n}`));
  return `${out.join('\n')}\n`;
}

export function renderValidationJson(r: ValidationResult): string {
  return `${JSON.stringify({ tool: 'verity validate', ...r }, null, 2)}\n`;
}
