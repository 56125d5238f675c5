import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback } from 'react';

/**
 * Fetches queries again (those of the keys given, else every one shown, as react-admin's
 * refresh does) and resolves once the page shows what came back, so that a change is announced
 * after its result is on screen. react-query hands new data to components on a zero timer and
 * timers run in the order they were set: one more zero timer comes after it.
 */
export function useReload(): (...queryKeys: QueryKey[]) => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(
    async (...queryKeys: QueryKey[]) => {
      await (queryKeys.length === 0
        ? queryClient.invalidateQueries()
        : Promise.all(queryKeys.map((queryKey) => queryClient.invalidateQueries({ queryKey }))));
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
    [queryClient],
  );
}
