// Input validation at the API boundary: one strict, size-bounded zod schema per method, typed
// against ApiMethods (docs/api.md, "Validation").

import { z } from 'zod';
import type { ApiMethods, SessionMethods } from '../model/api.js';
import { DOCUMENT_KINDS, SEVERITIES, VERDICTS } from '../model/document.js';

export type ApiSchemas = { [K in keyof ApiMethods]: z.ZodType<ApiMethods[K]['input']> };

const MAX_IDS = 1_000_000;
const MAX_LIST = 1000;

const empty = z.strictObject({});
const docId = z.string().min(1).max(200);
const kind = z.enum(DOCUMENT_KINDS);
const severity = z.enum(SEVERITIES);
const verdict = z.enum(VERDICTS);
const shortText = z.string().min(1).max(500);
const tag = z.string().trim().min(1).max(100);
const isoish = z.string().regex(/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'expected an ISO-8601 date');

/** An instant with its offset (2024-05-01T12:00:00Z, ...+02:00): what a report's generatedAt may be. */
export const isoInstant = z.iso.datetime({ offset: true });

const searchQuery = z.strictObject({
  text: z.string().max(2000).optional(),
  kinds: z.array(kind).max(DOCUMENT_KINDS.length).optional(),
  checks: z.array(shortText).max(MAX_LIST).optional(),
  severities: z.array(severity).max(SEVERITIES.length).optional(),
  tags: z.array(tag).max(MAX_LIST).optional(),
  verdicts: z.array(verdict).max(VERDICTS.length).optional(),
  people: z.array(shortText).max(MAX_LIST).optional(),
  dateFrom: isoish.optional(),
  dateTo: isoish.optional(),
  minScore: z.number().int().min(0).max(100).optional(),
  ids: z.array(docId).max(MAX_IDS).optional(),
  sort: z.enum(['score', 'date', 'path', 'relevance']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  offset: z.number().int().min(0).max(100_000_000).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
});

/** Where DKIM key text came from: a file name or path as given, one line. */
const keySource = z
  .string()
  .min(1)
  .max(4096)
  .refine((s) => !/[\0\r\n]/.test(s), 'a key source is one line');

const reportSelection = z.strictObject({
  tag: tag.optional(),
  verdict: verdict.optional(),
  minScore: z.number().int().min(0).max(100).optional(),
  documents: z.array(docId).max(MAX_IDS).optional(),
  query: searchQuery.optional(),
});

export const API_SCHEMAS: ApiSchemas = {
  'case.summary': empty,
  'scan.start': z.strictObject({
    resume: z.boolean().optional(),
    workers: z.number().int().min(1).max(64).optional(),
    documentTimeoutSeconds: z.number().positive().max(86_400).optional(),
    dkimKeys: z.string().min(1).max(10_000_000).optional(),
    dkimKeysSource: keySource.optional(),
    dkimPublishedKeys: z
      .array(z.strictObject({ spkiSha256: z.string().regex(/^[0-9a-f]{64}$/), source: keySource }))
      .max(1_000_000)
      .optional(),
    ocr: z.boolean().optional(),
    ocrLangs: z
      .array(z.string().regex(/^[a-z]{3}(_[a-z]+)?$/, 'a Tesseract language code such as eng or fra'))
      .min(1)
      .max(8)
      .optional(),
    ocrOnly: z.boolean().optional(),
  }),
  'scan.cancel': empty,
  'scan.status': empty,
  'scan.failures': z.strictObject({
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
    order: z.enum(['recorded', 'path']).optional(),
  }),
  'search.query': searchQuery,
  'search.facets': searchQuery,
  'document.get': z.strictObject({ id: docId }),
  'document.thread': z.strictObject({ id: docId }),
  'document.revisions': z.strictObject({ id: docId }),
  'document.pageImage': z.strictObject({ id: docId, page: z.number().int().min(1).max(100_000) }),
  'document.nearDuplicates': z.strictObject({ id: docId }),
  'overview.timeline': empty,
  'people.profiles': z.strictObject({ limit: z.number().int().min(1).max(1000).optional() }),
  'checks.list': empty,
  'analyst.tag': z
    .strictObject({
      ids: z.array(docId).min(1).max(MAX_IDS),
      add: z.array(tag).max(50).optional(),
      remove: z.array(tag).max(50).optional(),
    })
    .refine((v) => (v.add?.length ?? 0) + (v.remove?.length ?? 0) > 0, 'give tags to add or remove'),
  'analyst.verdict': z.strictObject({ ids: z.array(docId).min(1).max(MAX_IDS), verdict }),
  'analyst.note': z.strictObject({ id: docId, note: z.string().max(100_000) }),
  'analyst.tags': empty,
  'report.redactionCandidates': reportSelection,
  'report.validate': z.strictObject({
    // A truth file lists a dump's documents: bounded like a large report, not like a search.
    truth: z.string().max(64 << 20),
    source: z.string().max(1000).optional(),
    threshold: z.enum(['medium', 'high']).optional(),
    unlistedAsGenuine: z.boolean().optional(),
  }),
  'report.export': z.strictObject({
    format: z.enum(['json', 'csv', 'html']),
    selection: reportSelection,
    redact: z.boolean().optional(),
    metadata: z.boolean().optional(),
    generatedAt: isoInstant.optional(),
  }),
  'dkim.importKeys': z.strictObject({
    text: z.string().min(1).max(10_000_000),
    source: keySource.optional(),
    more: z
      .array(z.strictObject({ text: z.string().min(1).max(10_000_000), source: keySource.optional() }))
      .max(1000)
      .optional(),
  }),
  'dkim.needed': empty,
};

export type SessionSchemas = { [K in keyof SessionMethods]: z.ZodType<SessionMethods[K]['input']> };

const filePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'a path cannot contain NUL');

export const SESSION_SCHEMAS: SessionSchemas = {
  'session.info': empty,
  'session.open': z.strictObject({ caseFile: filePath, dumpRoot: filePath.optional() }),
  'document.content': z.strictObject({ id: docId }),
};
