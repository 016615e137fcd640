/** Weak ETag over what a status answer depends on (not `asOf`), so an unchanged answer revalidates as 304. */
export function etagFor(parts: ReadonlyArray<string | number>): string {
  const s = parts.join('\u0000');
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return `W/"${(h1 >>> 0).toString(36)}${(h2 >>> 0).toString(36)}"`;
}

/** True when `If-None-Match` lists `etag` (or `*`). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch === etag) return true;
  const strip = (t: string) => t.trim().replace(/^W\//, '');
  const want = strip(etag);
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || strip(t) === want);
}
