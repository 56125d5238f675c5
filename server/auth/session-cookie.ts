export const SESSION_COOKIE = 'shinsa_session';
