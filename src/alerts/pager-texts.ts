import { formatUtc } from '../core/text-format.ts';
import type { ConditionKind } from './read-conditions.ts';

export type PageKind = 'opened' | 'resolved';

/** A page as the notifications queue carries it: a text by key, to one admin's DM, in their language. */
export interface PageJob {
  platform: 'telegram' | 'discord';
  platformUserId: string;
  language?: string;
  message: { key: string; params?: Record<string, string | number> };
}

/** A page, named by its text (`pager.opened.<condition>`) and written in the admin's language when sent. */
export function pageMessage(
  kind: PageKind,
  incident: { started_at: Date; resolved_at: Date | null; details: Record<string, unknown> },
  now: number,
): { key: string; params: Record<string, string | number> } {
  const { kind: condition, ...rest } = incident.details as { kind?: ConditionKind };
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(rest)) {
    if (typeof value === 'number' || typeof value === 'string') params[name] = value;
  }
  params.time = formatUtc(incident.started_at);
  if (kind === 'resolved') {
    const end = incident.resolved_at?.getTime() ?? now;
    params.minutes = Math.max(1, Math.round((end - incident.started_at.getTime()) / 60_000));
  }
  return { key: `pager.${kind}.${condition ?? 'failedEvents'}`, params };
}
