// 'dates.after-dump': documents dated after the dump's own latest activity.
//
// A leak is taken at some moment; its mail stops there. A document that claims to have been written
// or saved after the last message of the dump was added afterwards, or its dates are false. The
// horizon is learned from the emails' Date headers (a per-day histogram, bounded by the number of
// days), and ctx.now bounds it from above. How sharp the horizon is depends on how live the mail
// was: the longest silence the mail kept before its end is the uncertainty of the end (see
// docs/checks-documents.md).

import { DAY_MS, ZONELESS_SLACK_MS, days, instantOf, isPlaceholder, iso } from '../document/claimed-dates.js';
import type { CorpusCheck } from '../types.js';

/** Emails needed before the dump's horizon means anything. */
const MIN_EMAILS = 50;
/** Share of emails that must lie at or before the robust horizon (one forged future email cannot move it). */
const HORIZON_QUANTILE = 0.995;
/** Where the dump's active period starts (old outliers, a forwarded 1990s message, do not count). */
const START_QUANTILE = 0.05;
/** A document this far after the end is late whatever the mail's rhythm (holidays last weeks). */
const MIN_LATE_MS = 30 * DAY_MS;

/**
 * Where the mail ends and how sure that end is. The robust end is the day by which 99.5 % of the
 * mail was written; the longest silence between two mail days in the active period measures how
 * long the mailbox could stay quiet, so the mail after the robust end that continues that rhythm
 * (each next day within one such silence) still belongs to the dump, and a forged far-future
 * message (further away than any silence) does not.
 */
function mailEnd(perDay: ReadonlyMap<number, number>, emails: number): { endDay: number; silenceDays: number } {
  const active = [...perDay.keys()].sort((a, b) => a - b);
  let seen = 0;
  let startDay = active[0];
  let robust = active[active.length - 1];
  let startFound = false;
  for (const day of active) {
    seen += perDay.get(day)!;
    if (!startFound && seen >= emails * START_QUANTILE) {
      startDay = day;
      startFound = true;
    }
    if (seen >= emails * HORIZON_QUANTILE) {
      robust = day;
      break;
    }
  }
  let silence = 1;
  for (let i = 1; i < active.length && active[i] <= robust; i++)
    if (active[i - 1] >= startDay) silence = Math.max(silence, active[i] - active[i - 1]);
  let end = robust;
  for (const day of active) if (day > end && day - end <= silence) end = day;
  return { endDay: end, silenceDays: silence };
}

export const afterDump: CorpusCheck = {
  scope: 'corpus',
  id: 'dates.after-dump',
  version: 2,
  title: "Dated after the dump's latest activity",
  detects: 'Documents whose creation or modification date lies after the last email of the dump (the moment the leak was taken).',
  whyForgersLeaveIt:
    "Fakes mixed into a dump after it was stolen are made later; a forger who forgets to back-date one field leaves a date after the dump's own end.",
  innocentCauses: [
    'Dumps assembled from several sources at different times (documents collected after the mailbox).',
    'Wrong clocks; dates without a time zone.',
    'A mailbox that stops earlier than the file shares in the same dump.',
    'A collection of unrelated files spanning decades, whose sparse mail has no single end (silences of months or years).',
  ],
  kinds: ['email', 'pdf', 'office', 'image'],
  *run(docs, ctx) {
    const perDay = new Map<number, number>();
    let emails = 0;
    let latest = -Infinity;
    const now = ctx.now.getTime();
    for (const d of docs()) {
      if (d.kind !== 'email' || !d.facts.email?.dateUtc) continue;
      const ms = Date.parse(d.facts.email.dateUtc);
      if (!Number.isFinite(ms) || ms > now || isPlaceholder(ms)) continue;
      emails++;
      const day = Math.floor(ms / DAY_MS);
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
      latest = Math.max(latest, ms);
    }
    if (emails < MIN_EMAILS) return;
    const { endDay, silenceDays } = mailEnd(perDay, emails);
    const horizon = (endDay + 1) * DAY_MS; // end of that day
    const silence = silenceDays * DAY_MS;
    for (const d of docs()) {
      if (d.kind === 'email') continue;
      let worst: { role: string; source: string; raw: string; ms: number } | undefined;
      for (const c of d.facts.dates ?? []) {
        if (!['created', 'modified', 'original', 'digitized'].includes(c.role)) continue;
        const i = instantOf(c);
        if (!i || isPlaceholder(i.ms) || i.ms > now) continue; // future dates belong to dates.order
        const slack = i.zoned ? DAY_MS : DAY_MS + ZONELESS_SLACK_MS;
        if (i.ms > horizon + slack && (!worst || i.ms > worst.ms)) worst = { role: c.role, source: c.source, raw: c.raw, ms: i.ms };
      }
      if (!worst) continue;
      const afterAll = worst.ms > latest + DAY_MS;
      const gap = worst.ms - horizon;
      // Medium when no mail rhythm of this dump explains the gap: later than every email, by more
      // than a month and by more than the longest silence the mail ever kept.
      const late = afterAll && gap > Math.max(MIN_LATE_MS, silence);
      yield {
        documentId: d.id,
        finding: {
          severity: late ? 'medium' : 'low',
          message: `The document's ${worst.role} date (${worst.source}) is ${days(gap)} days after the dump's mail ends${afterAll ? ', later than every email in it' : ''}${
            late ? '' : `; the mail kept silences of up to ${silenceDays} days, so its end is not sharp enough to say more`
          }.`,
          evidence: {
            date: worst.raw,
            utc: iso(worst.ms),
            source: worst.source,
            dumpHorizon: iso(horizon),
            latestEmail: iso(latest),
            emailsCounted: emails,
            quantile: HORIZON_QUANTILE,
            longestSilenceDays: silenceDays,
          },
        },
      };
    }
  },
};
