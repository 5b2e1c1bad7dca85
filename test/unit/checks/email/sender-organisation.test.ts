// The organisation's level of the sender model on small inputs: zones a short history cannot tell
// apart told apart by colleagues, the organisation's rate of novel values (the judged message left
// out), when it backs a medium finding and when not, the zones where colleagues live, and the owner
// of a mailbox exported as one mbox per person.

import { describe, expect, it } from 'vitest';
import { Habit, SenderModel } from '../../../../src/checks/email/sender/model.js';
import { featuresOf } from '../../../../src/checks/email/sender/features.js';
import { leaveOneOut, orgBacking } from '../../../../src/checks/email/sender/novelty.js';
import {
  emptyOrg,
  homeZonesOf,
  orgNoveltyRate,
  orgZonesWithOffset,
  type OrgProfile,
} from '../../../../src/checks/email/sender/organisation.js';
import { CANDIDATE_ZONES, zoneOffsetAt } from '../../../../src/checks/email/sender/zone.js';
import { CLIENTS, localInstant, makeOrg, message, type Person } from './sender-fixtures.js';

/** Per-zone hits of offsets written in a zone at the given instants. */
function hitsOf(zone: string, instants: number[]): Int32Array {
  const hits = new Int32Array(CANDIDATE_ZONES.length);
  for (const t of instants)
    for (let z = 0; z < CANDIDATE_ZONES.length; z++) if (zoneOffsetAt(CANDIDATE_ZONES[z], t) === zoneOffsetAt(zone, t)) hits[z]++;
  return hits;
}

const winter = [0, 1, 2, 3, 4, 5].map((i) => Date.UTC(2023, 0, 9 + 7 * i, 10));
const year = [0, 2, 4, 6, 8, 10].map((m) => Date.UTC(2023, m, 12, 10));

function orgWith(key: string, zone: string, instants: number[], senders: number, messages: number, novel = 0): OrgProfile {
  const org = emptyOrg(key);
  org.zoneHits = hitsOf(zone, instants);
  org.zoneSamples = instants.length;
  org.homeZones.set(zone, senders);
  org.senders = senders;
  org.messages = messages;
  org.novel = { client: novel, messageId: novel, offset: novel };
  return org;
}

describe("the organisation's zones", () => {
  it('tells apart the zones a winter-only history fits alike, by the colleagues’ offsets through the year', () => {
    const own = homeZonesOf(hitsOf('Europe/Paris', winter), winter.length, undefined);
    // +0100 all winter: Paris, Lagos (no DST) and the others of that offset fit equally.
    expect(own.zones).toContain('Europe/Paris');
    expect(own.zones).toContain('Africa/Lagos');
    const org = orgWith('example.fr', 'Europe/Paris', [...year, ...year, ...year], 8, 120);
    expect(homeZonesOf(hitsOf('Europe/Paris', winter), winter.length, org).zones).toEqual(['Europe/Paris']);
  });

  it("names the colleagues' zones that had an offset on a date, leaving out +0000 all year (servers, UTC writers)", () => {
    const org = orgWith('example.com', 'America/New_York', year, 3, 60);
    org.homeZones.set('UTC', 2);
    org.homeZones.set('Europe/Paris', 4);
    const january = Date.UTC(2024, 0, 15, 12);
    expect(orgZonesWithOffset(org, january, -300)).toEqual(['America/New_York']);
    expect(orgZonesWithOffset(org, january, 60)).toEqual(['Europe/Paris']);
    expect(orgZonesWithOffset(org, january, 0)).toEqual([]);
    expect(orgZonesWithOffset(org, Date.UTC(2024, 6, 15, 12), 60)).toEqual([]);
  });
});

describe("the organisation's rate of novel values", () => {
  it('is Good-Turing over its messages, with the judged message left out', () => {
    const org = orgWith('example.fr', 'Europe/Paris', year, 10, 199, 3);
    expect(orgNoveltyRate(org, 'client')).toBeCloseTo(4 / 200);
    expect(orgNoveltyRate(org, 'client', true)).toBeCloseTo(3 / 199);
  });

  it('backs a medium finding on a short history when novelties are rare and nobody else uses the value', () => {
    const quiet = orgWith('example.fr', 'Europe/Paris', year, 15, 300, 3);
    const h = new Habit();
    for (let i = 0; i < 9; i++) h.add(1);
    h.add(2);
    const v = leaveOneOut(h, 2);
    const own = { others: v.others, singletons: v.singletons, habitShare: v.recurrentShare };
    const backed = orgBacking('client', own, quiet, 0);
    expect(backed.backs).toBe(true);
    expect(backed.chance).toBeCloseTo((0 + 10 * (3 / 300)) / (9 + 10));
    // A colleague uses it; novelties are common; the history is too short; no organisation.
    expect(orgBacking('client', own, quiet, 40).backs).toBe(false);
    expect(orgBacking('client', own, orgWith('example.fr', 'Europe/Paris', year, 15, 300, 40), 0).backs).toBe(false);
    expect(orgBacking('client', { ...own, others: 4 }, quiet, 0).backs).toBe(false);
    expect(orgBacking('client', own, undefined, 0).backs).toBe(false);
    // A sender who already used other values once: their own record outweighs the organisation's.
    expect(orgBacking('client', { others: 9, singletons: 2, habitShare: 7 / 9 }, quiet, 0).backs).toBe(false);
  });

  it('counts a sender with two clients used in turn as having a habit', () => {
    const h = new Habit();
    for (let i = 0; i < 7; i++) h.add(1);
    for (let i = 0; i < 4; i++) h.add(2);
    h.add(3);
    const v = leaveOneOut(h, 3);
    expect(v.topShare).toBeCloseTo(7 / 11);
    expect(v.recurrentShare).toBe(1);
  });
});

describe('mailboxes exported as one mbox per person', () => {
  it("finds each file's owner, so that hop-less copies of their own messages are sent copies", async () => {
    const people: Person[] = ['ana', 'ben', 'chloe'].map((login) => ({
      login,
      name: login,
      zone: 'Europe/Paris',
      client: CLIENTS.thunderbird,
      layout: 'single' as const,
    }));
    const org = await makeOrg('example.fr', people);
    const docs = [];
    let seed = 0;
    for (const [i, p] of people.entries())
      for (let k = 0; k < 6; k++) {
        const to = people[(i + 1 + (k % 2)) % 3];
        const t = localInstant('Europe/Paris', 2024, k, 10 + i, 11);
        docs.push(await message(org, p, to, t, { seed: ++seed, storage: { kind: 'sent', owner: p, layout: 'single' } }));
        docs.push(await message(org, p, to, t, { seed, storage: { kind: 'received', owner: to, layout: 'single' } }));
      }
    const model = new SenderModel();
    for (const d of docs) model.learn(d);
    model.finish();
    expect(model.organisationDomains()).toEqual(['example.fr']);
    const kinds = docs.map((d) => {
      const placed = model.place(d, featuresOf(d.facts.email!, d.facts.email!.from!.address));
      return `${d.path.replace(/!message-\d+$/, '')} ${d.facts.email!.received.length ? 'hops' : 'no hops'} ${placed.kind}`;
    });
    expect(new Set(kinds)).toEqual(
      new Set(['ana', 'ben', 'chloe'].flatMap((n) => [`export/${n}.mbox no hops sent`, `export/${n}.mbox hops received`])),
    );
  });
});
