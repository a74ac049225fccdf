import { type QueryClient, useQuery } from '@tanstack/react-query';
import { errorMessage, fetchApi } from '../api/http.ts';
import type { GuildDirectory } from './guild-directory.ts';

/**
 * The query key of the Discord server's directory. The live layer invalidates it when the bot hears
 * a role or channel change (the `discord_guild` change, see live/affected-queries.ts).
 */
export const guildDirectoryQueryKey = ['discord-guild'] as const;

const readDirectory = async (refresh = false) =>
  (await fetchApi(`/discord/guild${refresh ? '?refresh=1' : ''}`)).json as GuildDirectory;

/**
 * Reads the server again past the API's cache, after the panel itself changed it (created roles):
 * the names of what it just made show at once, not when the cache ends.
 */
export async function refreshGuildDirectory(queryClient: QueryClient): Promise<void> {
  queryClient.setQueryData(guildDirectoryQueryKey, await readDirectory(true));
}

/** What the pickers and fields know of the Discord server right now. */
export interface GuildDirectoryState {
  /** The directory as the API answered it (also when not ready: it says why). */
  directory?: GuildDirectory;
  /** The roles and channels can be offered by name. */
  ready: boolean;
  /** Still loading the first answer. */
  loading: boolean;
  /**
   * Why the ids must be typed by hand: the directory's status (`not-configured`, `unreachable`) or
   * `failed` when the API itself could not be asked; `reason` is the sentence that says more.
   */
  notReady?: { status: 'not-configured' | 'unreachable' | 'failed'; reason: string };
}

/**
 * The Discord server's roles and channels, read once for every picker and field of the page. The
 * API caches its read from Discord (a minute at most) and announces changes, so the panel keeps
 * its copy until a live change or a new page asks again.
 */
export function useGuildDirectory(): GuildDirectoryState {
  const query = useQuery({
    queryKey: guildDirectoryQueryKey,
    queryFn: () => readDirectory(),
    staleTime: 30_000,
    retry: 1,
    // Discord unreachable is often brief (a rate limit, a restart): the API remembers a failed read
    // for a few seconds, so ask again after that and the pickers come back by themselves.
    refetchInterval: (query) => (query.state.data?.status === 'unreachable' ? 6_000 : false),
  });
  const directory = query.data;
  if (query.isPending) return { loading: true, ready: false };
  if (!directory) {
    return {
      loading: false,
      ready: false,
      notReady: { status: 'failed', reason: errorMessage(query.error) },
    };
  }
  if (directory.status === 'ready') return { directory, loading: false, ready: true };
  return {
    directory,
    loading: false,
    ready: false,
    notReady: { status: directory.status, reason: directory.reason ?? '' },
  };
}
