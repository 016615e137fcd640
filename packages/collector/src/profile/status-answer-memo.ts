/**
 * Remembers, per reader, the parts of a GET /v1/status answer that change only with the profile, the project
 * config or the evaluated status: the ETag and the body's bytes up to `asOf`. A repeated read then costs one
 * map lookup and one copy instead of hashing and serialising again (the facts JSON can be ~20 KB).
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
  /** `u:<userId>` or `a:<anonymousId>`: what was asked for. */
  who: string;
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
  anonymousId: string | undefined;
  config: CachedConfig;
  status: StatusResult;
  segments: readonly string[];
}

export interface StatusAnswer {
  etag: string;
  /** The 200 body for this instant. */
  body(asOfMs: number): Uint8Array<ArrayBuffer>;
}

interface Entry extends StatusAnswerInput {
  etag: string;
  head: Uint8Array;
}

export interface StatusAnswerMemo {
  answer(input: StatusAnswerInput): StatusAnswer;
}

const encoder = new TextEncoder();
/** `2026-11-25T12:00:00.000Z"}`: 24 characters of ISO time, then the closing quote and brace. */
const TAIL_BYTES = 26;

const sameSegments = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((s, i) => s === b[i]);

const reusable = (e: Entry, i: StatusAnswerInput): boolean =>
  e.facts === i.facts && e.factsJson === i.factsJson && e.version === i.version && e.profileUserId === i.profileUserId &&
  e.answeredUserId === i.answeredUserId && e.anonymousId === i.anonymousId && e.config === i.config &&
  e.status.status === i.status.status && e.status.reason === i.status.reason && sameSegments(e.segments, i.segments);

function build(i: StatusAnswerInput): Entry {
  const etag = etagFor([i.projectId, i.who, i.version, i.profileUserId, i.config.version, i.status.status, i.status.reason, ...i.segments]);
  const factsJson = i.factsJson ?? JSON.stringify(i.facts);
  const head =
    `{${i.answeredUserId ? `"userId":${JSON.stringify(i.answeredUserId)},` : ''}${i.anonymousId ? `"anonymousId":${JSON.stringify(i.anonymousId)},` : ''}` +
    `"facts":${factsJson},"status":${JSON.stringify({ status: i.status.status, reason: i.status.reason })},"segments":${JSON.stringify(i.segments)},"asOf":"`;
  return { ...i, segments: [...i.segments], etag, head: encoder.encode(head) };
}

function answerOf(e: Entry): StatusAnswer {
  return {
    etag: e.etag,
    body(asOfMs) {
      const iso = new Date(asOfMs).toISOString();
      // Years outside 0000-9999 have a longer ISO form; they never occur, but stay correct if they do.
      if (iso.length !== TAIL_BYTES - 2) return encoder.encode(`${new TextDecoder().decode(e.head)}${iso}"}`);
      const out = new Uint8Array(e.head.length + TAIL_BYTES);
      out.set(e.head);
      encoder.encodeInto(`${iso}"}`, out.subarray(e.head.length));
      return out;
    },
  };
}

/**
 * @param maxBytes budget for the remembered body heads; the oldest entries go first.
 * @default 16_000_000
 */
export function createStatusAnswerMemo(maxBytes = 16_000_000): StatusAnswerMemo {
  const entries = new Map<string, Entry>();
  let bytes = 0;
  return {
    answer(input) {
      const key = `${input.projectId}\u0000${input.who}`;
      const hit = entries.get(key);
      if (hit && reusable(hit, input)) return answerOf(hit);
      const entry = build(input);
      if (hit) {
        bytes -= hit.head.length;
        entries.delete(key);
      }
      if (entry.head.length <= maxBytes) {
        entries.set(key, entry);
        bytes += entry.head.length;
        for (const [oldest, e] of entries) {
          if (bytes <= maxBytes) break;
          bytes -= e.head.length;
          entries.delete(oldest);
        }
      }
      return answerOf(entry);
    },
  };
}
