import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { TandemDataProvider } from '../api/data-provider.ts';
import { dashboardQueryKey } from '../live/affected-queries.ts';

/**
 * The dashboard's figures. Live changes invalidate them (see LiveUpdates); the interval only keeps
 * queue depths and the per-minute chart moving when nothing else happens.
 */
export function useDashboard() {
  const dataProvider = useDataProvider<TandemDataProvider>();
  return useQuery({
    queryKey: dashboardQueryKey,
    queryFn: () => dataProvider.getDashboard(),
    refetchInterval: 15_000,
    placeholderData: (previous) => previous,
  });
}
