import simpleRestProvider from 'ra-data-simple-rest';
import { fetchUtils } from 'react-admin';

/** The server honours react-admin's REST contract under /api; the session cookie goes along. */
export const dataProvider = simpleRestProvider('/api', (url, options = {}) =>
  fetchUtils.fetchJson(url, { ...options, credentials: 'same-origin' }),
);
