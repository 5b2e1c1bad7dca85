// 'office.edit-burst': many files last saved within minutes by one account and one application
// although they were created far apart: the MacronLeaks "xls_cedric" pattern (spreadsheets created in
// May 2016 by a campaign staffer, all re-saved in a 4-minute window on 27 Mar 2017 by one account).

import { instantOf, isPlaceholder } from '../document/claimed-dates.js';
import type { CorpusCheck, CorpusDocument } from '../types.js';
import { normName } from './people-names.js';

/** Saves this close together belong to one burst. */
const BURST_WINDOW_MS = 10 * 60_000;
/** A burst needs this many files... */
const BURST_MIN_FILES = 4;
/** ...whose creation dates spread over at least this long (else it is one working session). */
const BURST_MIN_CREATED_SPREAD_MS = 30 * 86_400_000;

interface Save {
  id: string;
  modified: number;
  created: number | null;
  raw: { modified: string; created?: string };
}

function firstInstant(doc: CorpusDocument, role: string): { ms: number; raw: string } | undefined {
  for (const d of doc.facts.dates ?? []) {
    if (d.role !== role) continue;
    const i = instantOf(d);
    if (i && !isPlaceholder(i.ms)) return { ms: i.ms, raw: d.raw };
  }
  return undefined;
}

/** The account and application that last saved an Office document, as a grouping key. */
function saverKey(doc: CorpusDocument): { key: string; account: string; application: string } | undefined {
  const account =
    doc.facts.people?.find((p) => p.role === 'last-modified-by')?.name ??
    doc.facts.office?.core['cp:lastModifiedBy'] ??
    doc.facts.office?.app.LastAuthor;
  if (!account?.trim()) return undefined;
  const app = doc.facts.software?.find((s) => s.role === 'application');
  const application = app
    ? `${app.value}${app.version ? ` ${app.version}` : ''}`
    : `${doc.facts.office?.app.Application ?? ''} ${doc.facts.office?.app.AppVersion ?? ''}`.trim();
  return { key: `${normName(account)}\u0000${application.toLowerCase()}`, account, application };
}

export const editBurst: CorpusCheck = {
  scope: 'corpus',
  id: 'office.edit-burst',
  version: 1,
  title: 'Edit burst: many old files re-saved together',
  detects:
    'Groups of Office files last saved within minutes of each other by one account and one application, although their creation dates lie weeks or years apart.',
  whyForgersLeaveIt:
    'A forger who doctors a batch of genuine files opens and saves them one after another, so their "last saved" stamps cluster in a few minutes under the forger\'s account, while their creation dates keep the files\' real history (MacronLeaks).',
  innocentCauses: [
    'Bulk "save as" or format conversion of an archive.',
    'Macros or scripts re-saving many files.',
    'Sync clients, antivirus or DLP tools rewriting files.',
  ],
  kinds: ['office'],
  *run(docs) {
    // One small record per dated Office file, grouped by saver: ~100 bytes each.
    const groups = new Map<string, { account: string; application: string; saves: Save[] }>();
    for (const d of docs()) {
      const mod = firstInstant(d, 'modified');
      const who = saverKey(d);
      if (!mod || !who) continue;
      const cr = firstInstant(d, 'created');
      const g = groups.get(who.key) ?? { account: who.account, application: who.application, saves: [] };
      g.saves.push({ id: d.id, modified: mod.ms, created: cr?.ms ?? null, raw: { modified: mod.raw, created: cr?.raw } });
      groups.set(who.key, g);
    }
    for (const g of groups.values()) {
      if (g.saves.length < BURST_MIN_FILES) continue;
      g.saves.sort((a, b) => a.modified - b.modified);
      // Chain saves no more than BURST_WINDOW apart into bursts.
      let start = 0;
      for (let i = 1; i <= g.saves.length; i++) {
        if (i < g.saves.length && g.saves[i].modified - g.saves[i - 1].modified <= BURST_WINDOW_MS) continue;
        const burst = g.saves.slice(start, i);
        start = i;
        if (burst.length < BURST_MIN_FILES) continue;
        const created = burst.map((s) => s.created).filter((c): c is number => c !== null);
        if (created.length < BURST_MIN_FILES) continue;
        const spread = Math.max(...created) - Math.min(...created);
        if (spread < BURST_MIN_CREATED_SPREAD_MS) continue;
        const windowMin = Math.round((burst[burst.length - 1].modified - burst[0].modified) / 60_000);
        const spreadDays = Math.round(spread / 86_400_000);
        for (const s of burst) {
          yield {
            documentId: s.id,
            finding: {
              severity: burst.length >= 2 * BURST_MIN_FILES || spreadDays >= 180 ? 'medium' : 'low',
              message: `One of ${burst.length} files last saved within ${windowMin} minutes by "${g.account}" with ${g.application || 'the same application'}, although they were created ${spreadDays} days apart.`,
              evidence: {
                account: g.account,
                application: g.application,
                files: burst.length,
                windowMinutes: windowMin,
                createdSpreadDays: spreadDays,
                firstSave: new Date(burst[0].modified).toISOString(),
                lastSave: new Date(burst[burst.length - 1].modified).toISOString(),
                earliestCreated: new Date(Math.min(...created)).toISOString(),
                latestCreated: new Date(Math.max(...created)).toISOString(),
                thisFile: { modified: s.raw.modified, created: s.raw.created },
                otherDocuments: burst
                  .filter((x) => x.id !== s.id)
                  .slice(0, 20)
                  .map((x) => x.id),
              },
            },
          };
        }
      }
    }
  },
};
