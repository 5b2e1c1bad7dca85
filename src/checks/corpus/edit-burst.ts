// 'office.edit-burst': Office files re-saved or rewritten together in one short session although
// their own dates say otherwise. Three shapes of one forger's habit (docs/checks-documents.md):
// - the MacronLeaks "xls_cedric" burst: files created months apart, all last saved within minutes by
//   one account (spreadsheets re-saved in a 4-minute window on 27 Mar 2017);
// - a re-save session at an hour the organisation never works (a Sunday night, the clock set back);
// - packages whose parts were put back by a zip tool or a script in one session (zip member times),
//   days or years after the saves their core.xml claims; packages that name Microsoft Office yet
//   carry another writer's clock on every part, rewritten minutes apart; parts written after the
//   archive carrying the package recorded it.

import { DAY_MS, ZONELESS_SLACK_MS, instantOf, isPlaceholder, packageStamps } from '../document/claimed-dates.js';
import type { CorpusCheck, CorpusDocument, FindingDraft } from '../types.js';
import { memberTime } from './containment-dates.js';
import { normName } from './people-names.js';

/** Saves this close together belong to one burst. */
const BURST_WINDOW_MS = 10 * 60_000;
/** A burst needs this many files... */
const BURST_MIN_FILES = 4;
/** ...whose creation dates spread over at least this long (else it is one working session). */
const BURST_MIN_CREATED_SPREAD_MS = 30 * DAY_MS;
/** An off-hours session: this many files re-saved, each created at least a day before. */
const OFF_HOURS_MIN_FILES = 3;
/** Share of the organisation's activity (mail sent, files saved) in the session's hour of the week,
 *  the hour before and the hour after (daylight-saving time moves UTC hours by one), below which
 *  the hour is one the organisation does not work... */
const OFF_HOURS_MAX_SHARE = 0.01;
/** ...measured over at least this many dated events. */
const OFF_HOURS_MIN_EVENTS = 200;
/** Package parts put back within this window belong to one session. */
const PACKAGE_SESSION_MS = 2 * 3_600_000;
/** Packages with parts put back by another tool in one session, for a medium finding. */
const PACKAGE_SESSION_MIN_FILES = 3;
/** Packages that name Microsoft Office (which stamps 1980-01-01) but whose every part carries one
 *  clock time, rewritten in one session: this many for a medium finding... */
const NOT_OFFICE_SESSION_MIN_FILES = 2;
/** ...at the pace of a person working file by file (a script or converter writes a file a second)... */
const HUMAN_PACE_MS = 30_000;
/** ...in a dump holding at least this many other packages that name Microsoft Office... */
const NOT_OFFICE_MIN_SUPPORT = 10;
/** ...of which at most this share was rewritten by a tool the same way (else it is the organisation's routine). */
const NOT_OFFICE_MAX_ROUTINE = 0.1;
/** Parts written this long after the archive that carries the package recorded it (two zoneless clocks). */
const AFTER_ARCHIVE_MS = DAY_MS + 2 * ZONELESS_SLACK_MS;

interface Save {
  id: string;
  modified: number;
  created: number | null;
  account: string;
  accountKey: string;
  raw: { modified: string; created?: string };
  /** Newest zip member time of the package, when it is a clock (not 1980 or WPS's constant). */
  parts?: { ms: number; raw: string; mixed: boolean };
  /** Latest date the document claims for itself. */
  latestClaim: number;
  /** The package names Microsoft Office as its writer and has member times (Office stamps 1980-01-01). */
  claimsOffice: boolean;
  /** Member time the carrying archive recorded for this file, when it is a clock. */
  archived?: { ms: number; raw: string };
}

function firstInstant(doc: CorpusDocument, role: string): { ms: number; raw: string } | undefined {
  for (const d of doc.facts.dates ?? []) {
    if (d.role !== role) continue;
    const i = instantOf(d);
    if (i && !isPlaceholder(i.ms)) return { ms: i.ms, raw: d.raw };
  }
  return undefined;
}

/** The account that last saved an Office document, and the application, as grouping keys. */
function saver(doc: CorpusDocument): { account: string; application: string } | undefined {
  const account =
    doc.facts.people?.find((p) => p.role === 'last-modified-by')?.name ??
    doc.facts.office?.core['cp:lastModifiedBy'] ??
    doc.facts.office?.app.LastAuthor;
  if (!account?.trim()) return undefined;
  const app = doc.facts.software?.find((s) => s.role === 'application');
  const application = app
    ? `${app.value}${app.version ? ` ${app.version}` : ''}`
    : `${doc.facts.office?.app.Application ?? ''} ${doc.facts.office?.app.AppVersion ?? ''}`.trim();
  return { account, application };
}

/** The newest member time of an Office package, when it is a clock, and whether the parts differ. */
function partsTime(doc: CorpusDocument): Save['parts'] {
  const p = packageStamps(doc);
  return p && { ms: p.newest.ms, raw: p.raw, mixed: p.mixed };
}

/** An OOXML package that names Microsoft Office as the application that last wrote it. */
function claimsOffice(doc: CorpusDocument): boolean {
  const o = doc.facts.office;
  return o?.format === 'ooxml' && !!o.zipEntryTimes && /^\s*Microsoft/i.test(o.app.Application ?? '');
}

/** Median gap between consecutive instants (sorted). */
function medianGap(times: number[]): number {
  const t = [...times].sort((a, b) => a - b);
  const gaps = t
    .slice(1)
    .map((x, i) => x - t[i])
    .sort((a, b) => a - b);
  return gaps.length ? gaps[Math.floor((gaps.length - 1) / 2)] : 0;
}

/** The member time of the archive that carries the document, when it is a clock (not 1980). */
function archivedAt(doc: CorpusDocument): Save['archived'] {
  const mt = doc.parentId ? memberTime(doc.occurrence ?? []) : undefined;
  return mt && { ms: mt.instant.ms, raw: mt.raw };
}

/** Hour of the week (0 = Sunday 00:00 UTC) of an instant. */
function hourOfWeek(ms: number): number {
  const d = new Date(ms);
  return d.getUTCDay() * 24 + d.getUTCHours();
}

/** Chains of items no more than `window` apart, by `at`, of at least `min` items. */
function sessions<T>(items: T[], at: (x: T) => number, window: number, min: number): T[][] {
  const sorted = [...items].sort((a, b) => at(a) - at(b));
  const out: T[][] = [];
  let start = 0;
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && at(sorted[i]) - at(sorted[i - 1]) <= window) continue;
    if (i - start >= min) out.push(sorted.slice(start, i));
    start = i;
  }
  return out;
}

const iso = (ms: number) => new Date(ms).toISOString();

interface NotOfficeSession {
  files: Save[];
  paceMinutes: number;
  people: number;
  createdSpreadDays: number;
  support: number;
  routine: number;
}

/**
 * The files of a package session that name Microsoft Office but were written whole by another tool,
 * when they look like one person's sitting rather than a batch job or the organisation's routine:
 * several files, written minutes apart, of different people or dates, in a dump whose other Office
 * packages keep Office's own stamps.
 */
function notOfficeSession(session: Save[], officeClaimed: number, officeRewritten: number): NotOfficeSession | undefined {
  const files = session.filter((s) => s.claimsOffice && !s.parts!.mixed);
  if (files.length < NOT_OFFICE_SESSION_MIN_FILES) return undefined;
  const pace = medianGap(files.map((s) => s.parts!.ms));
  if (pace < HUMAN_PACE_MS) return undefined;
  const people = new Set(files.map((s) => normName(s.account)).filter(Boolean)).size;
  const created = files.map((s) => s.created).filter((c): c is number => c !== null);
  const createdSpread = created.length ? Math.max(...created) - Math.min(...created) : 0;
  if (people < 2 && createdSpread < BURST_MIN_CREATED_SPREAD_MS) return undefined;
  const support = officeClaimed - files.length;
  const routine = officeRewritten - files.length;
  if (support < NOT_OFFICE_MIN_SUPPORT || routine > NOT_OFFICE_MAX_ROUTINE * support) return undefined;
  return {
    files: [...files].sort((a, b) => a.parts!.ms - b.parts!.ms),
    paceMinutes: Math.round((pace / 60_000) * 10) / 10,
    people,
    createdSpreadDays: Math.round(createdSpread / DAY_MS),
    support,
    routine,
  };
}
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export const editBurst: CorpusCheck = {
  scope: 'corpus',
  id: 'office.edit-burst',
  version: 3,
  title: 'Edit burst: files re-saved or rewritten together in one session',
  detects:
    "Office files last saved within minutes of each other although they were created weeks or years apart (one account), re-saved together at an hour of the week the organisation's mail and files show it never works (three files, or two under two people's names), whose package parts were put back by another tool in one session days after the saves they claim, packages that name Microsoft Office (which stamps every part 1980-01-01) but were written whole by another tool one after another at a person's pace, and packages whose parts were written after the archive that carries them recorded the file.",
  whyForgersLeaveIt:
    'A forger who doctors a batch of genuine files opens and saves them one after another, so their "last saved" stamps cluster in a few minutes (MacronLeaks), at the hour he works — a Sunday night, with the computer\'s clock set back to the date the files should show; one who edits core.xml in 7-Zip puts each part back with the time of his edit while the parts Word wrote keep 1980-01-01; one who rewrites core.xml with a script re-zips the whole package with his clock while app.xml still names Word, and slips the file back into an archive under its old entry time.',
  innocentCauses: [
    'Bulk "save as" or format conversion of an archive (a conversion rewrites every part with one time: low).',
    'Macros or scripts re-saving many files; sync clients, antivirus or DLP tools rewriting files.',
    'People who work late or at weekends (the hour must be one the organisation shows almost no activity at, over hundreds of mails and saves).',
    'Document-management tools that write a property part on upload.',
    'Scripts that process documents (python-docx, docx4j: app.xml kept, every part stamped with the clock) write a file a second, and an organisation that runs them shows it in its other packages: medium needs a file every 30 s or slower, two people or dates a month apart, and at most 10 % of at least 10 other Office packages rewritten the same way.',
    'Generators filling one template (one creator, one created date) and LibreOffice, pandoc or Google conversions (they name themselves in app.xml) stay low.',
    'Two zoneless clocks (member times of the package and of the archive): 2 x 14 h allowed; a copy tool restoring an old file time after a conversion would also put parts after the archive entry.',
  ],
  kinds: ['office', 'email'],
  reads: ['occurrence'],
  *run(docs) {
    // One small record per dated Office file (~150 bytes) and a 168-cell activity histogram.
    const saves: Save[] = [];
    const activity = new Float64Array(168);
    let events = 0;
    for (const d of docs()) {
      if (d.kind === 'email') {
        const ms = d.facts.email?.dateUtc ? Date.parse(d.facts.email.dateUtc) : NaN;
        if (Number.isFinite(ms)) {
          activity[hourOfWeek(ms)]++;
          events++;
        }
        continue;
      }
      const mod = firstInstant(d, 'modified');
      if (!mod) continue;
      activity[hourOfWeek(mod.ms)]++;
      events++;
      const who = saver(d);
      const cr = firstInstant(d, 'created');
      const claims = (d.facts.dates ?? []).map((x) => instantOf(x)?.ms ?? 0).filter((ms) => !isPlaceholder(ms));
      saves.push({
        id: d.id,
        modified: mod.ms,
        created: cr?.ms ?? null,
        account: who?.account ?? '',
        accountKey: who ? `${normName(who.account)}\u0000${who.application.toLowerCase()}` : '',
        raw: { modified: mod.raw, created: cr?.raw },
        parts: partsTime(d),
        latestClaim: Math.max(mod.ms, ...claims),
        claimsOffice: claimsOffice(d),
        archived: archivedAt(d),
      });
    }
    const flagged = new Map<string, FindingDraft>();
    const keep = (id: string, f: FindingDraft) => {
      const had = flagged.get(id);
      const rank = { info: 0, low: 1, medium: 2, high: 3 } as const;
      if (!had || rank[f.severity] > rank[had.severity]) flagged.set(id, f);
    };

    // 1. One account re-saving files created far apart, within minutes (MacronLeaks).
    const byAccount = new Map<string, Save[]>();
    for (const s of saves) if (s.accountKey) byAccount.set(s.accountKey, [...(byAccount.get(s.accountKey) ?? []), s]);
    for (const group of byAccount.values()) {
      for (const burst of sessions(group, (s) => s.modified, BURST_WINDOW_MS, BURST_MIN_FILES)) {
        const created = burst.map((s) => s.created).filter((c): c is number => c !== null);
        if (created.length < BURST_MIN_FILES) continue;
        const spread = Math.max(...created) - Math.min(...created);
        if (spread < BURST_MIN_CREATED_SPREAD_MS) continue;
        const windowMin = Math.round((burst[burst.length - 1].modified - burst[0].modified) / 60_000);
        const spreadDays = Math.round(spread / DAY_MS);
        for (const s of burst) {
          keep(s.id, {
            severity: burst.length >= 2 * BURST_MIN_FILES || spreadDays >= 180 ? 'medium' : 'low',
            message: `One of ${burst.length} files last saved within ${windowMin} minutes by "${s.account}", although they were created ${spreadDays} days apart.`,
            evidence: {
              kind: 'account-burst',
              account: s.account,
              files: burst.length,
              windowMinutes: windowMin,
              createdSpreadDays: spreadDays,
              firstSave: iso(burst[0].modified),
              lastSave: iso(burst[burst.length - 1].modified),
              earliestCreated: iso(Math.min(...created)),
              latestCreated: iso(Math.max(...created)),
              thisFile: s.raw,
              otherDocuments: burst
                .filter((x) => x.id !== s.id)
                .slice(0, 20)
                .map((x) => x.id),
            },
          });
        }
      }
    }

    // 2. Files re-saved together at an hour of the week the organisation does not work.
    // An older file, or one that claims to have been created after its last save (a date typed in).
    // Copies of one file (an attachment in several mailboxes) are one save: counted once, all flagged.
    const copies = new Map<string, Save[]>();
    for (const s of saves) {
      if (s.created === null || Math.abs(s.modified - s.created) <= DAY_MS) continue;
      const key = `${s.modified}|${s.created}|${s.accountKey}`;
      copies.set(key, [...(copies.get(key) ?? []), s]);
    }
    const copiesOf = (s: Save) => copies.get(`${s.modified}|${s.created}|${s.accountKey}`) ?? [s];
    const resaved = [...copies.values()].map((c) => c[0]);
    for (const burst of sessions(resaved, (s) => s.modified, BURST_WINDOW_MS, 2)) {
      // Two files are enough when they carry two people's names: one person saves both at a dead hour.
      const people = new Set(burst.map((s) => (s.account ? normName(s.account) : '')).filter(Boolean));
      if (burst.length < OFF_HOURS_MIN_FILES && people.size < 2) continue;
      const h = hourOfWeek(burst[0].modified);
      const cells = [h - 1, h, h + 1].map((x) => (x + 168) % 168);
      // The burst's own saves are left out of the organisation's habit.
      const all = burst.flatMap(copiesOf);
      const own = all.filter((s) => cells.includes(hourOfWeek(s.modified))).length;
      const inCells = cells.reduce((n, c) => n + activity[c], 0) - own;
      const support = events - all.length;
      if (support < OFF_HOURS_MIN_EVENTS) continue;
      const share = inCells / support;
      if (share > OFF_HOURS_MAX_SHARE) continue;
      const accounts = [...new Set(burst.map((s) => s.account).filter(Boolean))];
      const windowMin = Math.round((burst[burst.length - 1].modified - burst[0].modified) / 60_000);
      const start = new Date(burst[0].modified);
      for (const s of all) {
        keep(s.id, {
          severity: 'medium',
          message: `One of ${burst.length} older files re-saved within ${windowMin} minutes on a ${WEEKDAYS[start.getUTCDay()]} around ${String(start.getUTCHours()).padStart(2, '0')}:00 UTC, an hour at which the organisation shows ${Math.round(share * 1000) / 10}% of its ${support} dated mails and saves.`,
          evidence: {
            kind: 'off-hours-session',
            files: burst.length,
            windowMinutes: windowMin,
            firstSave: iso(burst[0].modified),
            lastSave: iso(burst[burst.length - 1].modified),
            hourOfWeekUtc: { weekday: WEEKDAYS[start.getUTCDay()], hour: start.getUTCHours() },
            organisationActivity: {
              eventsInThisHourAndNeighbours: inCells,
              events: support,
              share: Math.round(share * 10_000) / 10_000,
              busiestHours: [...activity.keys()]
                .sort((a, b) => activity[b] - activity[a])
                .slice(0, 3)
                .map((c) => ({ weekday: WEEKDAYS[Math.floor(c / 24)], hourUtc: c % 24, count: activity[c] })),
            },
            accounts: accounts.slice(0, 5),
            thisFile: s.raw,
            otherDocuments: burst
              .filter((x) => x.id !== s.id)
              .slice(0, 20)
              .map((x) => x.id),
          },
        });
      }
    }

    // 3a. Parts written after the archive that carries the package recorded it: the file was rewritten
    // and put back into the archive under its old member time (or the member time was set back).
    for (const s of saves) {
      if (!s.parts || !s.archived || s.parts.ms - s.archived.ms <= AFTER_ARCHIVE_MS) continue;
      const afterDays = Math.round((s.parts.ms - s.archived.ms) / DAY_MS);
      keep(s.id, {
        severity: 'medium',
        message: `The package's parts were written on ${s.parts.raw} (zip member times), ${afterDays} days after the archive that carries it recorded the file (${s.archived.raw}), and ${Math.round((s.parts.ms - s.latestClaim) / DAY_MS)} days after the last save it claims: it was rewritten and put back under its old archive entry.`,
        evidence: {
          kind: 'parts-after-archive',
          partsWritten: s.parts.raw,
          archiveMemberTime: s.archived.raw,
          memberTimesZoned: false,
          daysAfterArchive: afterDays,
          thisFile: { ...s.raw, latestClaim: iso(s.latestClaim) },
          innocentCausesConsidered: [
            'zoneless clocks of two machines (2 x 14 h allowed)',
            'a copy or sync tool that restores an old file time after a conversion (the archive then stores that time)',
          ],
        },
      });
    }

    // 3b. Package parts put back in one session, days after the saves the packages claim.
    const late = saves.filter((s) => s.parts && s.parts.ms - s.latestClaim > DAY_MS + ZONELESS_SLACK_MS);
    // The organisation's routine: how many packages that name Microsoft Office were rewritten whole by
    // another tool (one clock time on every part) at all.
    const officeClaimed = saves.filter((s) => s.claimsOffice);
    const officeRewritten = officeClaimed.filter((s) => s.parts && !s.parts.mixed).length;
    for (const session of sessions(late, (s) => s.parts!.ms, PACKAGE_SESSION_MS, 2)) {
      const mixed = session.filter((s) => s.parts!.mixed);
      const windowMin = Math.round((session[session.length - 1].parts!.ms - session[0].parts!.ms) / 60_000);
      const notOffice = notOfficeSession(session, officeClaimed.length, officeRewritten);
      for (const s of session) {
        const lateDays = Math.round((s.parts!.ms - s.latestClaim) / DAY_MS);
        if (notOffice && notOffice.files.includes(s)) {
          keep(s.id, {
            severity: 'medium',
            message: `One of ${notOffice.files.length} files that name Microsoft Office as their writer (which stamps every part 1980-01-01) but whose every part was written by another tool, a file every ${notOffice.paceMinutes} min (median) around ${notOffice.files[0].parts!.raw} (zip member times), ${lateDays} days after the last save this file claims; they carry ${notOffice.people} people's names, and ${notOffice.support - notOffice.routine} of the dump's other ${notOffice.support} Office packages keep Office's stamps.`,
            evidence: {
              kind: 'not-office-session',
              files: notOffice.files.length,
              medianMinutesBetweenFiles: notOffice.paceMinutes,
              memberTimes: {
                first: notOffice.files[0].parts!.raw,
                last: notOffice.files[notOffice.files.length - 1].parts!.raw,
                thisFile: s.parts!.raw,
              },
              memberTimesZoned: false,
              accounts: notOffice.people,
              createdSpreadDays: notOffice.createdSpreadDays,
              otherOfficePackages: { count: notOffice.support, rewrittenByAnotherTool: notOffice.routine },
              thisFile: { ...s.raw, latestClaim: iso(s.latestClaim), daysAfterClaim: lateDays },
              innocentCausesConsidered: [
                'a batch conversion or script (python-docx, a DMS export) writes a file a second, not one every few minutes',
                "a generator fills one template (one creator, one created date); these files carry different people's names or dates",
                'an organisation whose Office files are routinely rewritten by a tool (its other packages would show it)',
              ],
              otherDocuments: notOffice.files
                .filter((x) => x.id !== s.id)
                .slice(0, 20)
                .map((x) => x.id),
            },
          });
          continue;
        }
        keep(s.id, {
          severity: s.parts!.mixed && mixed.length >= PACKAGE_SESSION_MIN_FILES ? 'medium' : 'low',
          message: `One of ${session.length} Office files whose parts were written within ${windowMin} minutes of one another (zip member times around ${session[0].parts!.raw}), ${lateDays} days after the last save this file claims${s.parts!.mixed ? '; its other parts keep the stamps of the application that saved it' : ''}.`,
          evidence: {
            kind: 'package-session',
            files: session.length,
            filesWithPartsPutBack: mixed.length,
            windowMinutes: windowMin,
            memberTimes: { first: session[0].parts!.raw, last: session[session.length - 1].parts!.raw, thisFile: s.parts!.raw },
            memberTimesZoned: false,
            thisFile: { ...s.raw, latestClaim: iso(s.latestClaim), partsPutBack: s.parts!.mixed, daysAfterClaim: lateDays },
            otherDocuments: session
              .filter((x) => x.id !== s.id)
              .slice(0, 20)
              .map((x) => x.id),
          },
        });
      }
    }

    for (const [documentId, finding] of flagged) yield { documentId, finding };
  },
};
