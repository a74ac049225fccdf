import type { ContentCache } from '../content/content-cache.ts';
import type { Services } from '../runtime/services.ts';

/** What the admin API works with: a process's services, plus the bots' content cache when it shares one. */
export interface AdminApiDeps extends Services {
  content?: ContentCache;
}
