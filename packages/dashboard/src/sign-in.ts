/**
 * Secret-key sign-in: a key given in the `#key=` fragment (never sent to the server, removed from the address bar
 * and history at once) or typed into the form is kept in sessionStorage only, and checked against the API.
 */
import { api, forgetKey, readKey, storeKey } from './api.js';
import { byId } from './dom.js';
import type { ProjectAnswer } from './types/overview.js';

/** Moves a `#key=` fragment into sessionStorage; the rest of the fragment (a view's address) stays. */
export function takeKeyFromFragment(): void {
  const params = new URLSearchParams(location.hash.slice(1));
  const key = params.get('key');
  if (!key) return;
  storeKey(key);
  history.replaceState(null, '', location.pathname + location.search);
}

/** The project the stored key opens; throws the API's error (401 unknown key, 403 a write key) otherwise. */
export const checkKey = (): Promise<ProjectAnswer> => api<ProjectAnswer>('/v1/admin/project');

export const hasKey = (): boolean => Boolean(readKey());

/** Shows the form (with a reason, if any) and resolves once a key was submitted. */
export function askForKey(reason?: string): Promise<void> {
  forgetKey();
  const form = byId<HTMLFormElement>('key-form');
  const input = byId<HTMLInputElement>('key');
  byId('app').hidden = true;
  byId('sign-out').hidden = true;
  form.hidden = false;
  const error = byId('error');
  error.textContent = reason ?? '';
  error.hidden = !reason;
  input.value = '';
  input.focus();
  return new Promise((resolve) => {
    form.onsubmit = (e) => {
      e.preventDefault();
      const key = input.value.trim();
      if (!key) return;
      storeKey(key);
      form.hidden = true;
      error.hidden = true;
      resolve();
    };
  });
}
