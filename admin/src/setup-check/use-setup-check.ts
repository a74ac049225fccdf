import { useQuery } from '@tanstack/react-query';
import { fetchApi } from '../api/http.ts';
import type { SetupCheckReport } from './setup-check-report.ts';

/**
 * The server's setup check. Run when the page opens and on "Check again" only: each run asks
 * Discord and Telegram, so it is neither polled nor retried on its own.
 */
export function useSetupCheck() {
  return useQuery({
    queryKey: ['setup-check'],
    queryFn: async () => (await fetchApi('/setup-check')).json as SetupCheckReport,
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    retry: false,
  });
}
