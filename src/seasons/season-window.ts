/** How a season repeats: see the SeasonRecurrence enum in prisma/schema.prisma. */
export type SeasonRecurrence = 'none' | 'weekly' | 'monthly';

export interface SeasonWindow {
  startsAt: Date;
  endsAt: Date;
}

/**
 * The window that follows a recurring season: it starts where the last one ended and lasts a week,
 * or a calendar month (UTC: a month ending on the 31st is followed by one ending on the last day of
 * the next month, never by a skipped month). A `none` season has no next window.
 */
export function nextSeasonWindow(recurrence: SeasonRecurrence, endsAt: Date): SeasonWindow | null {
  if (recurrence === 'none') return null;
  const startsAt = new Date(endsAt);
  if (recurrence === 'weekly') return { startsAt, endsAt: new Date(endsAt.getTime() + 7 * 86_400_000) };
  return { startsAt, endsAt: addUtcMonth(endsAt) };
}

function addUtcMonth(date: Date): Date {
  const next = new Date(date);
  const day = date.getUTCDate();
  next.setUTCDate(1);
  next.setUTCMonth(next.getUTCMonth() + 1);
  const lastDay = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
  next.setUTCDate(Math.min(day, lastDay));
  return next;
}
