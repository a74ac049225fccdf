import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import { UnknownBanError } from '../actions/bans.ts';
import { InvalidInvocationError } from '../actions/invalid-invocation-error.ts';
import { AlreadyMemberError, BannedUserError } from '../actions/membership.ts';
import { UnknownEmojiError } from '../actions/reactions.ts';
import { NotAVoiceChannelError } from '../actions/voice.ts';
import { isUnknownEntityError } from '../world/unknown-entity-error.ts';

/** A control request, unpacked. */
export interface ControlInput {
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
}

export interface ControlResult {
  status?: number;
  body?: unknown;
}

/** A control API request the emulator refuses, answered `{error, issues?}` with this status. */
export class ControlError extends Error {
  override name = 'ControlError';
  constructor(
    readonly status: number,
    message: string,
    readonly issues?: Array<{ path: string; message: string }>,
  ) {
    super(message);
  }

  static fromZod(error: z.ZodError): ControlError {
    const issues = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    const summary = issues
      .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
      .join('; ');
    return new ControlError(400, `Invalid request: ${summary}`, issues);
  }
}

export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw ControlError.fromZod(result.error);
  return result.data;
}

export function requireParam(input: ControlInput, name: string): string {
  const value = input.params[name];
  if (value === undefined) throw new ControlError(404, `Missing ${name}`);
  return value;
}

function toControlError(error: unknown): ControlError {
  if (error instanceof ControlError) return error;
  if (isUnknownEntityError(error)) return new ControlError(404, `No ${error.kind} with id ${error.id}`);
  if (error instanceof AlreadyMemberError) return new ControlError(409, error.message);
  if (error instanceof BannedUserError) return new ControlError(403, error.message);
  if (error instanceof UnknownBanError) return new ControlError(404, error.message);
  if (error instanceof UnknownEmojiError)
    return new ControlError(400, `${error.message}: use a unicode emoji (custom emojis are not modelled)`);
  if (error instanceof InvalidInvocationError || error instanceof NotAVoiceChannelError) {
    return new ControlError(422, error.message);
  }
  if (error instanceof Error) return new ControlError(400, error.message);
  return new ControlError(500, String(error));
}

export function sendControlError(res: Response, error: unknown): void {
  const controlError = toControlError(error);
  if (res.headersSent) return;
  res.status(controlError.status).json({
    error: controlError.message,
    ...(controlError.issues ? { issues: controlError.issues } : {}),
  });
}

export type ControlHandler = (input: ControlInput) => ControlResult | Promise<ControlResult>;

/** Mounts a control endpoint: JSON in, JSON out, errors as `{error}`. */
export function controlRoute(
  router: Router,
  method: 'get' | 'post' | 'put' | 'patch' | 'delete',
  path: string,
  handler: ControlHandler,
): void {
  router[method](path, async (req: Request, res: Response) => {
    try {
      const query = Object.fromEntries(
        Object.entries(req.query).flatMap(([key, value]) =>
          typeof value === 'string' ? [[key, value]] : [],
        ),
      );
      const result = await handler({ params: req.params as Record<string, string>, query, body: req.body });
      const status = result.status ?? 200;
      if (result.body === undefined) res.status(status === 200 ? 204 : status).end();
      else res.status(status).json(result.body);
    } catch (error) {
      sendControlError(res, error);
    }
  });
}
