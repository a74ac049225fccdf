import { fileURLToPath } from 'node:url';

/**
 * The Mini App's page: plain HTML, CSS and a script, no build step and nothing vendored. It reads its
 * init data from the URL fragment (`#tgWebAppData=`), where Telegram puts it when it opens the app.
 */
export const miniAppPageDir = fileURLToPath(new URL('./page/', import.meta.url));
