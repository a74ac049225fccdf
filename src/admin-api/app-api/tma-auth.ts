import type { RequestHandler } from 'express';
import { type MiniAppPlayer, miniAppPlayer } from '../../mini-app/app-player.ts';
import { InitDataRefusedError, validateInitData } from '../../mini-app/init-data.ts';
import type { AdminApiDeps } from '../deps.ts';

declare module 'express-serve-static-core' {
  interface Request {
    /** The Mini App's player, set by `requireInitData` on /api/app routes. */
    miniAppPlayer?: MiniAppPlayer;
  }
}

/** The Mini App's answer to a refused request: 401 with the reason, in JSON. */
function refuse(res: Parameters<RequestHandler>[1], message: string): void {
  res.setHeader('WWW-Authenticate', 'tma');
  res.status(401).json({ message });
}

/**
 * Every /api/app request carries the Mini App's init data (`Authorization: tma <initData>`), checked
 * against the bot's token as Telegram documents it; nothing else authenticates it (the panel's
 * session cookie is never read here). The init data's user becomes the request's player, created on
 * first contact as the bot would.
 */
export function requireInitData(
  deps: Pick<AdminApiDeps, 'db' | 'texts'>,
  options: { botToken: string | undefined; maxAgeSeconds?: number },
): RequestHandler {
  return async (req, res, next) => {
    if (!options.botToken) {
      res.status(404).json({ message: 'The Mini App is off: this Tandem runs no Telegram bot.' });
      return;
    }
    const header = req.get('authorization') ?? '';
    const match = /^tma\s+(.+)$/i.exec(header.trim());
    if (!match) {
      refuse(res, 'Send the Mini App init data: Authorization: tma <initData>.');
      return;
    }
    try {
      const { user } = validateInitData(match[1]!, options.botToken, {
        maxAgeSeconds: options.maxAgeSeconds,
      });
      req.miniAppPlayer = await miniAppPlayer(deps, user);
    } catch (error) {
      if (error instanceof InitDataRefusedError) {
        refuse(res, error.message);
        return;
      }
      throw error;
    }
    next();
  };
}
