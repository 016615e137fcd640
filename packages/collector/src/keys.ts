/** Project keys: `wk_` (public write key) and `sk_` (secret key) followed by 24 random bytes, base64url. */

export function generateKey(kind: 'write' | 'secret'): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  const b64 = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${kind === 'write' ? 'wk' : 'sk'}_${b64}`;
}

export function generateProjectId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `prj_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
