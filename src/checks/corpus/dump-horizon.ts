// 'dates.after-dump': documents dated after the dump's own latest activity.
//
// A leak is taken at some moment; its mail stops there. A document that claims to have been written
// or saved after the last message of the dump was added afterwards, or its dates are false. The
// horizon is learned from the emails' Date headers (a per-day histogram, bounded by the number of
// days), and ctx.now bounds it from above.

import { DAY_MS, ZONELESS_SLACK_MS, days, instantOf, isPlaceholder, iso } from '../document/claimed-dates.js';
import type { CorpusCheck } from '../types.js';

/** Emails needed before the dump's horizon means anything. */
export const MIN_EMAILS = 50;
/** Share of emails that must lie at or before the robust horizon (one forged future email cannot move it). */
const HORIZON_QUANTILE = 0.995;

export const afterDump: CorpusCheck = {
  scope: 'corpus',
  id: 'dates.after-dump',
  version: 1,
  title: "Dated after the dump's latest activity",
  detects: 'Documents whose creation or modification date lies after the last email of the dump (the moment the leak was taken).',
  whyForgersLeaveIt:
    "Fakes mixed into a dump after it was stolen are made later; a forger who forgets to back-date one field leaves a date after the dump's own end.",
  innocentCauses: [
    'Dumps assembled from several sources at different times (documents collected after the mailbox).',
    'Wrong clocks; dates without a time zone.',
    'A mailbox that stops earlier than the file shares in the same dump.',
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
    let seen = 0;
    let horizonDay = 0;
    for (const day of [...perDay.keys()].sort((a, b) => a - b)) {
      seen += perDay.get(day)!;
      horizonDay = day;
      if (seen >= emails * HORIZON_QUANTILE) break;
    }
    const horizon = (horizonDay + 1) * DAY_MS; // end of that day
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
      yield {
        documentId: d.id,
        finding: {
          severity: afterAll && gap > 30 * DAY_MS ? 'medium' : 'low',
          message: `The document's ${worst.role} date (${worst.source}) is ${days(gap)} days after the dump's mail ends${afterAll ? ', later than every email in it' : ''}.`,
          evidence: {
            date: worst.raw,
            utc: iso(worst.ms),
            source: worst.source,
            dumpHorizon: iso(horizon),
            latestEmail: iso(latest),
            emailsCounted: emails,
            quantile: HORIZON_QUANTILE,
          },
        },
      };
    }
  },
};
