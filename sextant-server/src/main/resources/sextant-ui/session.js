// Who is signed in (GET /api/v1/auth/whoami) and what they may do. Views offer a change only when
// the caller's role, or their grant on that one resource, allows it; the server checks every
// request again whatever the UI shows.

import * as api from './api.js';
import {signOut, token} from './auth.js';
import {h, replace} from './dom.js';

export const EXPERIMENT = 'experiment';
export const MODEL = 'registered-model';
export const DEPLOYMENT = 'deployment';
const LEVELS = ['NO_PERMISSIONS', 'READ', 'EDIT', 'MANAGE'];

let cached = null;

/** The caller as the server sees them: {name, role, domain?, permissions, grants}. Asked once per token. */
export function whoami() {
  const current = token();
  if (!cached || cached.token !== current) {
    const entry = {token: current, promise: api.get('/api/v1/auth/whoami')};
    entry.promise.catch(() => {
      if (cached === entry) cached = null;
    });
    cached = entry;
  }
  return cached.promise;
}

/** The caller with questions about what they may do. */
export async function caller() {
  return new Caller(await whoami());
}

class Caller {
  constructor(me) {
    this.name = me.name;
    this.role = me.role;
    this.domain = me.domain || '';
    this.permissions = me.permissions || {};
    this.grants = me.grants || [];
  }

  get admin() {
    return this.role === 'admin';
  }

  /** Whether the role, or a grant on this resource, gives at least `needed` (READ, EDIT or MANAGE). */
  may(kind, resourceId, needed) {
    const grant = this.grants.find(item => item.kind === kind && item.resource_id === String(resourceId));
    const held = Math.max(level(this.permissions[kind]), level(grant?.permission));
    return held >= level(needed);
  }

  /** One line for read-only notices: "victor (viewer)". */
  describe() {
    return `${this.name} (${this.role}${this.domain ? `, ${this.domain}` : ''})`;
  }
}

function level(permission) {
  return Math.max(0, LEVELS.indexOf(permission || 'NO_PERMISSIONS'));
}

/** The header: who is signed in, a sign-out button while a token is stored, the admin-only links. */
export async function renderSession() {
  const session = document.getElementById('session');
  const adminLinks = document.querySelectorAll('#nav-links [data-admin]');
  let me = null;
  try {
    me = await caller();
  } catch {
    // Not signed in yet: the sign-in dialog is open, and this runs again once a token is given.
  }
  adminLinks.forEach(link => { link.hidden = !me?.admin; });
  replace(session,
    me ? h('span', {class: 'who', id: 'session-user', title: 'Signed in as'}, me.describe()) : null,
    token() ? h('button', {type: 'button', onclick: () => {
      signOut();
      location.reload();
    }}, 'Sign out') : null);
}

window.addEventListener('sextant:session', () => renderSession());
