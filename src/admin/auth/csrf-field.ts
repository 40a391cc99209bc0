import { html } from 'hono/html';

/** The hidden field every form of the admin UI carries; `verifyCsrf` checks it on every POST. */
export const csrfField = (token: string) => html`<input type="hidden" name="_csrf" value="${token}" />`;
