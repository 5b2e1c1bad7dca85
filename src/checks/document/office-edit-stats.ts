// 'office.edit-stats': editing counters that the document's own dates cannot accommodate.

import type { DocumentCheck, FindingDraft } from '../types.js';
import { claimedDates, iso } from './claimed-dates.js';

/** 0xFFFFFFFF and the like: a counter that wrapped or was never set, not a measurement. */
const COUNTER_SENTINEL = 2 ** 31 - 1;
const DAY_MINUTES = 1440;
/** Editing minutes a single session may show and still be "no editing" (a save within minutes). */
const SINGLE_SESSION_IDLE_MINUTES = 10;

/** ISO 8601 duration (ODF meta:editing-duration, 'P1DT2H3M4S') in minutes. */
export function durationMinutes(d: string | undefined): number | undefined {
  const m = d
    ?.trim()
    .match(
      /^-?P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/,
    );
  if (!m) return undefined;
  const [, y, mo, dd, h, mi, s] = m.map((x) => (x === undefined ? 0 : Number(x)));
  return y * 525_600 + mo * 43_200 + dd * 1440 + h * 60 + mi + s / 60;
}

export function editStatsFindings(doc: Parameters<DocumentCheck['run']>[0]): FindingDraft[] {
  const office = doc.facts.office;
  if (!office) return [];
  const out: FindingDraft[] = [];
  const rawTotal = office.app.TotalTime ?? office.app.TotalEditTime;
  const total =
    office.totalEditMinutes ??
    (rawTotal !== undefined && /^\d+$/.test(rawTotal.trim()) ? Number(rawTotal) : undefined) ??
    durationMinutes(office.editingDuration);
  const revision = office.revision ?? (office.core['cp:revision'] !== undefined ? Number(office.core['cp:revision']) : undefined);
  const cycles = office.editingCycles;

  // Created -> modified span from the same metadata block (core.xml, meta.xml or OLE summary).
  const created = claimedDates(doc, ['created']).sort((a, b) => a.instant.ms - b.instant.ms)[0];
  const modified = claimedDates(doc, ['modified']).sort((a, b) => b.instant.ms - a.instant.ms)[0];
  const spanMin = created && modified ? (modified.instant.ms - created.instant.ms) / 60_000 : undefined;

  if (total !== undefined && total >= COUNTER_SENTINEL) {
    out.push({
      severity: 'info',
      message: `The total editing time counter holds ${total}, an overflowed or unset value, not a measurement.`,
      evidence: { totalEditMinutes: total, raw: rawTotal },
    });
  } else if (total !== undefined && spanMin !== undefined && spanMin >= 0) {
    const excess = total - spanMin;
    // Word counts editing time per session; a document can only have been edited while it existed.
    if (excess > 60) {
      out.push({
        severity: 'low',
        message: `The document records ${Math.round(total)} minutes of editing, but only ${Math.round(spanMin)} minutes lie between its creation and last save.`,
        evidence: {
          totalEditMinutes: total,
          created: { source: created!.source, raw: created!.raw, utc: iso(created!.instant.ms) },
          modified: { source: modified!.source, raw: modified!.raw, utc: iso(modified!.instant.ms) },
          spanMinutes: Math.round(spanMin),
          excessMinutes: Math.round(excess),
          revision,
        },
      });
    }
  }
  if (
    revision !== undefined &&
    Number.isFinite(revision) &&
    revision >= 50 &&
    total !== undefined &&
    total < COUNTER_SENTINEL &&
    total <= revision / 25
  ) {
    out.push({
      severity: 'low',
      message: `${revision} saves recorded against only ${Math.round(total)} minutes of editing.`,
      evidence: { revision, totalEditMinutes: total },
    });
  }
  // Word increments the revision number once per save: more than two saves a minute, sustained over
  // twenty saves, does not fit the created -> modified span (a reset creation date, a rewritten counter).
  if (
    revision !== undefined &&
    Number.isFinite(revision) &&
    revision >= 20 &&
    spanMin !== undefined &&
    spanMin >= 0 &&
    spanMin < revision / 2
  ) {
    out.push({
      severity: 'low',
      message: `${revision} saves recorded in the ${Math.round(spanMin)} minutes between the document's creation and its last save.`,
      evidence: {
        revision,
        spanMinutes: Math.round(spanMin),
        created: { source: created!.source, raw: created!.raw },
        modified: { source: modified!.source, raw: modified!.raw },
      },
    });
  }
  // One save is one editing session: Word increments cp:revision on every save (LibreOffice its
  // editing cycles) and adds the minutes the document was open to the editing time. A document saved
  // once, with no editing time, was created and saved in the same few minutes: a span of days between
  // its creation and that save is a counter the application did not write (dates or counters set by
  // hand or by a script).
  const saves = revision ?? cycles;
  if (
    saves !== undefined &&
    saves <= 1 &&
    total !== undefined &&
    total < COUNTER_SENTINEL &&
    total <= SINGLE_SESSION_IDLE_MINUTES &&
    spanMin !== undefined &&
    spanMin >= DAY_MINUTES
  ) {
    out.push({
      severity: 'low',
      message: `Saved ${saves === 0 ? 'never' : 'once'} with ${Math.round(total)} minutes of editing, yet last saved ${Math.round(spanMin / DAY_MINUTES)} days after it was created: not a counter an office application writes.`,
      evidence: {
        kind: 'single-save-spans-days',
        revision: revision,
        editingCycles: cycles,
        totalEditMinutes: total,
        spanDays: Math.round((spanMin / DAY_MINUTES) * 10) / 10,
        created: { source: created!.source, raw: created!.raw },
        modified: { source: modified!.source, raw: modified!.raw },
        application: office.app.Application ?? office.core['meta:generator'],
      },
    });
  }
  if (cycles !== undefined && cycles >= 200) {
    const mins = durationMinutes(office.editingDuration);
    if (mins !== undefined && mins < cycles / 10) {
      out.push({
        severity: 'low',
        message: `${cycles} editing cycles recorded against ${Math.round(mins)} minutes of editing.`,
        evidence: { editingCycles: cycles, editingDuration: office.editingDuration },
      });
    }
  }
  return out;
}

export const officeEditStats: DocumentCheck = {
  scope: 'document',
  id: 'office.edit-stats',
  version: 3,
  title: 'Implausible editing counters',
  detects:
    "Total editing time longer than the time between the document's creation and its last save, more saves than that span allows, a single save with no editing time days after creation, save counts or ODF editing cycles out of proportion to the editing time, and counters holding overflow values.",
  whyForgersLeaveIt:
    'A forger who resets the creation date (or builds a "new" file from an old one) keeps the counters the application accumulated, which then no longer fit the dates.',
  innocentCauses: [
    'Templates and "new from existing" copies carry the counters of the file they came from.',
    'Converters write zero or fixed counters; some writers overflow the counter (4294967295).',
    'Autosave increments revisions without editing time (and, with AutoSave to OneDrive, many saves in a short span).',
    "Documents generated by scripts or mail-merge tools from a template (python-docx, docx4j, Open XML SDK) keep the template's revision and editing time while their dates are set by the script.",
    'A document left open, unsaved and idle for days before its first save (editing time counts active minutes in some versions).',
  ],
  kinds: ['office'],
  run: editStatsFindings,
};
