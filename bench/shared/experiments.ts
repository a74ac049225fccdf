import { createHash } from 'node:crypto';
import { type StatementRewriter, statementLabel } from './statements.ts';

/**
 * What-if experiments: engine changes the bench recommends, emulated on the way to the server (the
 * engine's code is unchanged). They only exist to measure the gain of a recommendation before anyone
 * makes it; the headline figures never use them.
 *
 * - `prepared`: the hot statements as named prepared statements (`{ name, text, values }`), so each
 *   connection parses and plans them once instead of on every call.
 */
export const experimentNames = ['prepared'] as const;
export type Experiment = (typeof experimentNames)[number];

export function parseExperiments(value: string | undefined): Experiment[] {
  if (!value) return [];
  return value.split(',').map((name) => {
    if (!(experimentNames as readonly string[]).includes(name))
      throw new Error(`--what-if takes ${experimentNames.join(', ')}`);
    return name as Experiment;
  });
}

/** Names the engine's hot statements (record and economy processing) so the server prepares them once. */
export function rewriterFor(experiments: readonly Experiment[]): StatementRewriter | undefined {
  if (!experiments.includes('prepared')) return undefined;
  const names = new Map<string, string>();
  return (text, args) => {
    const label = statementLabel(text);
    if (!label.startsWith('record:') && !label.startsWith('process:')) return args;
    const first = args[0];
    if (typeof first !== 'string' && (first as { name?: string }).name) return args;
    const callback = typeof args.at(-1) === 'function' ? [args.at(-1)] : [];
    const config =
      typeof first === 'string'
        ? { text, values: Array.isArray(args[1]) ? args[1] : undefined }
        : { ...(first as object) };
    let name = names.get(text);
    if (!name) {
      name = `bench_${createHash('sha1').update(text).digest('hex').slice(0, 12)}`;
      names.set(text, name);
    }
    return [{ ...config, name }, ...callback];
  };
}

/** The opposite of `prepared`: sends the engine's named statements unnamed (parsed and planned on every call). */
export const unprepared: StatementRewriter = (_text, args) => {
  const first = args[0];
  if (typeof first === 'string' || !(first as { name?: string }).name) return args;
  const { name: _name, ...rest } = first as { name: string };
  return [rest, ...args.slice(1)];
};
