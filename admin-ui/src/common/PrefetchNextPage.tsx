import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useListContext, useResourceContext } from 'react-admin';

/**
 * Fetches the list's next page ahead, under the key react-admin's list will ask for (see
 * useListController: `[resource, 'getList', {pagination, sort, filter, meta}]`), so that
 * 「次のページ」 shows it at once; the list still refetches it in the background when shown.
 * Placed inside a list without a `meta` query option or a permanent `filter`.
 */
export function PrefetchNextPage() {
  const { page, perPage, sort, filterValues, total, isFetching, isPending } = useListContext();
  const resource = useResourceContext();
  const dataProvider = useDataProvider();
  const next = page + 1;
  const pagination = { page: next, perPage };
  useQuery({
    queryKey: [resource, 'getList', { pagination, sort, filter: filterValues, meta: undefined }],
    queryFn: ({ signal }) =>
      dataProvider
        .getList(resource!, { pagination, sort, filter: filterValues, signal })
        .then(({ data, total, pageInfo, meta }) => ({ data, total, pageInfo, meta })),
    // Once the page shown is there: the next one must not slow it down.
    enabled: !!resource && !isPending && !isFetching && total != null && page * perPage < total,
    staleTime: 30_000,
    retry: false,
  });
  return null;
}
