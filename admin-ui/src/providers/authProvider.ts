import type { AuthProvider } from 'react-admin';

interface Me {
  id: number;
  login: string;
  displayName: string;
  role: 'admin' | 'secretariat' | 'reviewer';
  mustChangePassword: boolean;
}

let me: Me | null = null;

/** After a password change: ask the server again who is logged in. */
export function forgetIdentity(): void {
  me = null;
}

const MASTERS = ['societies', 'meetings', 'facilities'];

async function fetchMe(): Promise<Me | null> {
  const response = await fetch('/api/auth/me', { credentials: 'same-origin' });
  if (!response.ok) return null;
  return (await response.json()) as Me;
}

/** Sessions live in an http-only cookie; the console only asks the server who is logged in. */
export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    const response = await fetch('/api/auth/login', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login: username, password }),
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { message?: string | string[] };
      const message = Array.isArray(body.message) ? body.message.join(' / ') : body.message;
      throw new Error(message ?? 'ra.auth.sign_in_error');
    }
    me = (await response.json()) as Me;
    // An account made by an admin chooses its own password before anything else.
    return me.mustChangePassword ? { redirectTo: '/password' } : undefined;
  },
  async logout() {
    me = null;
    await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' });
  },
  async checkAuth() {
    me = me ?? (await fetchMe());
    if (!me) throw new Error('ログインしてください');
  },
  async checkError(error: { status?: number }) {
    if (error.status === 403 && me?.mustChangePassword) {
      throw { redirectTo: '/password', logoutUser: false, message: 'shinsa.account.must_change' };
    }
    if (error.status === 401) {
      me = null;
      throw new Error('ログインの有効期限が切れました。もう一度ログインしてください');
    }
  },
  async getIdentity() {
    me = me ?? (await fetchMe());
    if (!me) throw new Error('ログインしてください');
    return { id: me.id, fullName: `${me.displayName}(${me.login})`, login: me.login };
  },
  async getPermissions() {
    me = me ?? (await fetchMe());
    return me?.role;
  },
  /** Mirrors the server's role matrix so people are not offered what they may not do. */
  async canAccess({ resource, action }: { resource?: string; action: string }) {
    me = me ?? (await fetchMe());
    if (!me) return false;
    if (me.role === 'admin') return true;
    const reads = action === 'list' || action === 'show';
    if (resource === 'rounds' || MASTERS.includes(resource ?? '')) return reads;
    // Everyone opens dossiers; the server gives a reviewer only those assigned to them.
    if (resource === 'dossiers') return reads;
    // The secretariat assigns reviewers (and takes dossiers back); only admins override.
    if (resource === 'assignments') {
      return me.role === 'secretariat' && (reads || action === 'create' || action === 'delete');
    }
    if (resource === 'reviewers') return me.role === 'secretariat' && reads;
    // The secretariat runs imports and follows what waits unmatched.
    if (resource === 'imports') return me.role === 'secretariat' && (reads || action === 'create');
    if (resource === 'unmatched-records') return me.role === 'secretariat' && reads;
    if (resource === 'deficiency-notices' || resource === 'mailing-lists') {
      return me.role === 'secretariat' && reads;
    }
    if (resource === 'payments') return me.role === 'secretariat' && (reads || action === 'create');
    // The secretariat records tracking numbers and returned mail.
    if (resource === 'dispatches') return me.role === 'secretariat' && (reads || action === 'edit');
    // The secretariat registers envelopes and their scans.
    if (resource === 'envelopes') {
      return me.role === 'secretariat' && (reads || action === 'create' || action === 'edit');
    }
    return false;
  },
};
