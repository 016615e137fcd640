/** Addresses inside the dashboard that views link to. */
export const membersHref = (segment: string): string => `#/members/${encodeURIComponent(segment)}`;
export const userHref = (id: string | undefined): string | undefined => (id ? `#/user/${encodeURIComponent(id)}` : undefined);
