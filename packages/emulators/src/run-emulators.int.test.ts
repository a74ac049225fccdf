import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TelegramControlClient } from './telegram/index.ts';

const PACKAGE_ROOT = fileURLToPath(new URL('../', import.meta.url));

describe('npm run emulators', () => {
  it('starts everything with a demo world, prints the URLs and stops on SIGTERM', async () => {
    const cli = spawnCli(['--telegram-port', '0', '--discord-port', '0', '--sandbox-port', '0']);
    try {
      const printed = await readUntil(cli, /members .*\n/);
      const grab = (pattern: RegExp) => {
        const match = printed.match(pattern);
        if (!match?.[1]) throw new Error(`${pattern} not in:\n${printed}`);
        return match[1];
      };
      const sandboxUrl = grab(/Sandbox page\s+(http\S+)/);
      const telegramUrl = grab(/Telegram Bot API\s+(http\S+)/);
      const discordApiUrl = grab(/Discord API\s+(http\S+)/);
      expect(printed).toMatch(/gateway\s+ws:\/\/127\.0\.0\.1:\d+\/gateway/);
      const botToken = grab(/bot token\s+(\d+:\S+)/);

      expect((await fetch(sandboxUrl)).status).toBe(200);
      const [telegramControlUrl, discordControlUrl] = [...printed.matchAll(/control API\s+(http\S+)/g)].map(
        (match) => match[1],
      );
      expect(await (await fetch(new URL('config.json', sandboxUrl))).json()).toEqual({
        telegramControlUrl,
        discordControlUrl,
        links: [],
      });
      const me = await (await fetch(`${telegramUrl}/bot${botToken}/getMe`)).json();
      expect(me).toMatchObject({ ok: true, result: { username: 'emulator_bot' } });
      expect(await (await fetch(`${discordApiUrl}/v10/gateway`)).json()).toHaveProperty('url');
      const users = (await new TelegramControlClient(telegramUrl).world()).users;
      expect(users.map((user) => user.first_name)).toEqual(['Ana', 'Ben', 'Вера']);
      expect(users.map((user) => user.language_code)).toEqual(['en', 'en', 'ru']);
    } finally {
      cli.kill('SIGTERM');
    }
    expect(await exitCode(cli)).toBe(0);
  });

  it('prints the usage and exits 2 on a bad argument', async () => {
    const cli = spawnCli(['--telegram-port', 'eighty']);
    let stderr = '';
    cli.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    expect(await exitCode(cli)).toBe(2);
    expect(stderr).toContain('--telegram-port must be a port 0-65535, got "eighty"');
    expect(stderr).toContain('Usage: npm run emulators');
  });
});

function spawnCli(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', 'src/run-emulators.ts', ...args], {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
}

function readUntil(
  child: ChildProcessWithoutNullStreams,
  pattern: RegExp,
  timeoutMs = 20_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`No ${pattern} within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Exited with ${code} before printing ${pattern}:\n${output}`));
    });
  });
}

function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
