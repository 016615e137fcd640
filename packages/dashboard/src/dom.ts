/** DOM helpers: every piece of user data enters the page as a text node, never as markup. */

type Child = Node | string | number | null | undefined | false;
type Props = Record<string, string | number | boolean | ((e: Event) => void) | undefined>;

/** Creates an element; `on*` props become listeners, `data-*`/`aria-*`/`role` attributes, the rest properties. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') node.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key.startsWith('data-') || key.startsWith('aria-') || key === 'role' || key === 'for' || key === 'scope') node.setAttribute(key, String(value));
    else (node as unknown as Record<string, unknown>)[key] = value;
  }
  append(node, children);
  return node;
}

/** Appends children; strings and numbers as text nodes. */
export function append(node: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export const byId = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

/** A titled panel of a view. */
export const panel = (title: string, ...children: Child[]): HTMLElement => el('section', { className: 'panel' }, el('h2', {}, title), ...children);

/** What a view shows while its model has not been computed (or its API is not there yet). */
export const notComputed = (what: string, detail?: string): HTMLElement =>
  el('p', { className: 'empty', 'data-state': 'not-computed' }, `${what}: not computed yet.`, detail ? ` ${detail}` : '');
