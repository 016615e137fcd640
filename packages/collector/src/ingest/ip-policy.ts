/** What the collector keeps of a client IP (DESIGN.md §5: never the raw address by default). */

export type IpMode = 'none' | 'truncated' | 'hashed';

/** IPv4 keeps the first 3 octets (/24), IPv6 the first 3 groups (/48). */
export function truncateIp(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/i.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0`;
  if (ip.includes(':')) {
    const groups = ip.split('::')[0]!.split(':').filter(Boolean).slice(0, 3);
    while (groups.length < 3) groups.push('0');
    return `${groups.join(':')}::`;
  }
  return '';
}

/** HMAC-SHA256(salt, ip) as hex, so equal IPs can be counted without being stored. */
export async function hashIp(ip: string, salt: string): Promise<string> {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', enc.encode(salt), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const sig = new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode(ip)));
  return Array.from(sig, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The form of `ip` to store under `mode`, or undefined when nothing is kept. */
export async function storedIp(ip: string | undefined, mode: IpMode, salt: string): Promise<string | undefined> {
  if (!ip || mode === 'none') return undefined;
  if (mode === 'truncated') return truncateIp(ip) || undefined;
  return hashIp(ip, salt);
}
