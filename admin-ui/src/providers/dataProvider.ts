import simpleRestProvider from 'ra-data-simple-rest';
import { fetchUtils, type DataProvider } from 'react-admin';

const httpClient = (url: string, options: fetchUtils.Options = {}) =>
  fetchUtils.fetchJson(url, { ...options, credentials: 'same-origin' });

const rest = simpleRestProvider('/api', httpClient);

/**
 * The server honours react-admin's REST contract under /api; the session cookie goes along.
 * An import is created by uploading files, so its `create` sends multipart form data.
 */
export const dataProvider: DataProvider = {
  ...rest,
  async create(resource, params) {
    if (resource !== 'imports') return rest.create(resource, params);
    const form = new FormData();
    form.append('roundId', String(params.data.roundId ?? ''));
    const files = (params.data.files ?? []) as { rawFile?: File }[];
    for (const file of files)
      if (file.rawFile) form.append('files', file.rawFile, file.rawFile.name);
    const { json } = await httpClient('/api/imports', { method: 'POST', body: form });
    return { data: json };
  },
};
