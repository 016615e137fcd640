/**
 * Remembers, per reader, the parts of a GET /v1/status answer that change only with the profile, the project
 * config or the evaluated status: the ETag and the body's text up to `asOf`. A repeated read then costs one
 * map lookup and one concatenation instead of hashing and serialising again (the facts JSON can be ~20 KB).
 *
 * Truth: the caller evaluates the status and segments on every read (they depend on the time) and passes
 * them in; an entry is reused only when the facts object, facts JSON, profile version, answered user, config
 * and evaluated result are all the same ones, so a reused answer is byte-identical to a fresh one. Facts
 * values are shared and never mutated (core's reducers copy on write), so the same object means the same facts.
 */
import type { StatusResult } from '@waymark/core';
import type { CachedConfig } from './project-config-cache.js';
import { etagFor } from './etag-for.js';

export interface StatusAnswerInput {
  projectId: string;
  /** The user id asked for, if the read was by user id. */
  askedUserId: string | undefined;
  /** The anonymous id asked for (the read is by anonymous id when `askedUserId` is unset). */
  anonymousId: string | undefined;
  /** The profile's facts (the empty facts when there is no profile). */
  facts: unknown;
  /** `JSON.stringify(facts)` when the storage has it; computed otherwise. */
  factsJson: string | undefined;
  /** 0 when there is no profile. */
  version: number;
  /** The profile's user id ('' when none): part of the ETag. */
  profileUserId: string;
  /** The `userId` field of the answer, if any. */
  answeredUserId: string | undefined;
  config: CachedConfig;
  status: StatusResult;
  segments: readonly string[];
  /** The user's population fields (RFM group, P(alive), persona) when computed; compared by identity. */
  population: object | undefined;
}

export interface StatusAnswer {
  readonly etag: string;
  /** The body up to and including the opening quote of `asOf`. */
  readonly head: string;
}

interface Entry extends StatusAnswerInput, StatusAnswer {}

export interface StatusAnswerMemo {
  answer(input: StatusAnswerInput): StatusAnswer;
  /** The 200 body of `answer` at this instant. */
  body(answer: StatusAnswer, asOfMs: number): string;
}

const sameSegments = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((s, i) => s === b[i]);

const reusable = (e: Entry, i: StatusAnswerInput): boolean =>
  e.facts === i.facts && e.factsJson === i.factsJson && e.version === i.version && e.profileUserId === i.profileUserId &&
  e.answeredUserId === i.answeredUserId && e.askedUserId === i.askedUserId && e.anonymousId === i.anonymousId && e.config === i.config &&
  e.status.status === i.status.status && e.status.reason === i.status.reason && sameSegments(e.segments, i.segments) && e.population === i.population;

function build(i: StatusAnswerInput): Entry {
  const who = i.askedUserId ? `u:${i.askedUserId}` : `a:${i.anonymousId}`;
  const population = i.population ? `"population":${JSON.stringify(i.population)},` : '';
  const etag = etagFor([i.projectId, who, i.version, i.profileUserId, i.config.version, i.status.status, i.status.reason, population, ...i.segments]);
  const factsJson = i.factsJson ?? JSON.stringify(i.facts);
  const head =
    `{${i.answeredUserId ? `"userId":${JSON.stringify(i.answeredUserId)},` : ''}${i.anonymousId ? `"anonymousId":${JSON.stringify(i.anonymousId)},` : ''}` +
    `"facts":${factsJson},"status":${JSON.stringify({ status: i.status.status, reason: i.status.reason })},"segments":${JSON.stringify(i.segments)},${population}"asOf":"`;
  // One literal with every field in a fixed order: entries share one shape, so `reusable` reads them through
  // monomorphic property loads (a spread of the input made shapes vary and sent the loads to V8's slow lookup).
  // The head is flattened once here, so each answer appends to one flat string instead of a rope of parts.
  return {
    projectId: i.projectId, askedUserId: i.askedUserId, anonymousId: i.anonymousId, facts: i.facts, factsJson: i.factsJson,
    version: i.version, profileUserId: i.profileUserId, answeredUserId: i.answeredUserId, config: i.config, status: i.status,
    segments: [...i.segments], population: i.population, etag, head: flat(head),
  };
}

/** The same string, flattened: V8 keeps `a + b` as a rope of parts until a character is read. */
const flat = (s: string): string => {
  void s.charCodeAt(0);
  return s;
};

/**
 * @param maxChars budget for the remembered body heads, in UTF-16 code units; when it is exceeded every entry
 * is forgotten at once (they are rebuilt on the next reads). @default 16_000_000
 */
export function createStatusAnswerMemo(maxChars = 16_000_000): StatusAnswerMemo {
  // projectId → readers by user id and by anonymous id: no key is concatenated on a read.
  const projects = new Map<string, { byUser: Map<string, Entry>; byAnonymous: Map<string, Entry> }>();
  let chars = 0;
  // Answers within the same millisecond share one ISO time string.
  let isoMs = NaN;
  let iso = '';
  return {
    answer(input) {
      let readers = projects.get(input.projectId);
      if (!readers) projects.set(input.projectId, (readers = { byUser: new Map(), byAnonymous: new Map() }));
      const map = input.askedUserId ? readers.byUser : readers.byAnonymous;
      const id = input.askedUserId ?? input.anonymousId ?? '';
      const hit = map.get(id);
      if (hit && reusable(hit, input)) return hit;
      const entry = build(input);
      chars += entry.head.length - (hit?.head.length ?? 0);
      map.set(id, entry);
      if (chars > maxChars) {
        projects.clear();
        chars = 0;
      }
      return entry;
    },
    body(answer, asOfMs) {
      if (asOfMs !== isoMs) {
        iso = new Date(asOfMs).toISOString();
        isoMs = asOfMs;
      }
      return `${answer.head}${iso}"}`;
    },
  };
}
