/**
 * What `npm start` prints once everything runs: where to look, and where its data is. Printed
 * once, as one block, after the start-up log lines; never logged (it may hold the first admin's
 * one-time password, which exists nowhere else).
 */
export interface StartFacts {
  /** `http://localhost:<port>` of the admin API. */
  apiBase: string;
  /** Set in sandbox mode: the sandbox page. */
  sandboxUrl?: string | undefined;
  /** Without the sandbox: how each platform is connected, or why it is off. */
  telegram?: string;
  discord?: string;
  firstAdmin?: { username: string; oneTimePassword: string } | undefined;
  /** The Mini App the Telegram bot's menu button opens; unset when it has none (no https PUBLIC_URL). */
  miniAppUrl?: string | undefined;
  /** The database URL with its password hidden. */
  databaseUrl: string;
  /** Set when the database is the embedded PostgreSQL. */
  embeddedPostgres?: { dataDir: string; blockedFolder?: string } | undefined;
  /** The Redis address with its passwords hidden. */
  redisUrl: string;
  privateRedis: boolean;
}

export function startBanner(facts: StartFacts): string {
  const base = facts.apiBase;
  const lines = ['', 'Tandem is running.'];
  if (facts.sandboxUrl) {
    lines.push(
      `  Sandbox      ${facts.sandboxUrl}   (act as a Telegram user and a Discord member)`,
      "               The bots run against Tandem's own Telegram and Discord emulators; set",
      '               TELEGRAM_BOT_TOKEN / DISCORD_BOT_TOKEN to connect the real platforms.',
    );
  } else {
    lines.push(`  Telegram     ${facts.telegram ?? 'off'}`, `  Discord      ${facts.discord ?? 'off'}`);
  }
  lines.push(`  Admin        ${base}/admin/`);
  if (facts.firstAdmin) {
    lines.push(
      `               sign in as "${facts.firstAdmin.username}" with the one-time password ${facts.firstAdmin.oneTimePassword}`,
      '               (you will choose your own at the first sign-in; this is shown only once)',
    );
  }
  lines.push(
    `  Board        ${base}/leaderboard   (the public leaderboard, once made public under Leaderboard)`,
    facts.miniAppUrl
      ? `  Mini App     ${facts.miniAppUrl}   (the Telegram bot's menu button${facts.sandboxUrl ? ': "Open the app" in the sandbox' : ''})`
      : '  Mini App     off (set PUBLIC_URL to the https address players reach Tandem at)',
    `  Queues       ${base}/admin/queues   (Bull Board: inspect and retry jobs)`,
    `  Health       ${base}/healthz  ${base}/readyz  ${base}/metrics`,
    `  PostgreSQL   ${facts.embeddedPostgres ? 'embedded, ' : ''}${facts.databaseUrl}`,
  );
  const data = facts.embeddedPostgres;
  if (data) {
    lines.push(`               data in ${data.dataDir}`);
    if (data.blockedFolder) {
      lines.push(
        `               (the "postgres" user PostgreSQL runs as cannot enter ${data.blockedFolder};`,
        '               DATA_DIR/postgres links there)',
      );
    }
  }
  lines.push(
    `  Redis        ${facts.privateRedis ? 'private, ' : ''}${facts.redisUrl}`,
    '  Stop with Ctrl+C.',
    '',
  );
  return lines.join('\n');
}
