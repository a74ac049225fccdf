/**
 * What makes an admin password acceptable, shared by the API (which enforces it), the settings
 * (which refuse a first admin's ADMIN_PASSWORD that breaks the rules needing no dictionary) and the
 * panel (which imports this file to say why a password is refused while it is typed). Pure apart from
 * loading the strength estimator's dictionaries, which the panel fetches only when a password form
 * opens: they are most of the estimator's weight.
 */

export const minPasswordLength = 12;
/** Longer gains nothing, and the strength estimate slows down with length. */
export const maxPasswordLength = 200;
/**
 * zxcvbn's score (0-4) a password needs: 3 is "safely unguessable" (about 10^8 guesses or more),
 * which refuses common passwords, keyboard walks, dictionary words with digits stuck on, and the like.
 */
export const minStrengthScore = 3;

export interface StrengthEstimate {
  score: number;
  /** Why it is weak, when the estimator can tell (e.g. "This is similar to a commonly used password."). */
  warning: string | null;
  suggestions: string[];
}

/** Estimates how hard a password is to guess, knowing words of the account (its username). */
export type StrengthEstimator = (password: string, accountWords: string[]) => StrengthEstimate;

/**
 * The first rule a password breaks, as a sentence to show next to the field; null when it passes.
 * Without an estimator (still loading in the panel) only the rules that need none are checked.
 */
export function passwordProblem(
  password: string,
  username: string,
  estimate?: StrengthEstimator,
): string | null {
  if (password.trim() === '') return 'Use letters, digits or symbols, not only spaces.';
  if ([...password].length < minPasswordLength) return `Use at least ${minPasswordLength} characters.`;
  if ([...password].length > maxPasswordLength) return `Use at most ${maxPasswordLength} characters.`;
  const name = username.trim().toLowerCase();
  if (name && password.toLowerCase().includes(name)) return 'Leave your username out of the password.';
  if (!estimate) return null;
  const strength = estimate(password, name ? [name] : []);
  if (strength.score >= minStrengthScore) return null;
  const why = strength.warning ?? 'It would be found quickly by trying likely passwords.';
  const advice = strength.suggestions[0] ?? 'Add a few more words or characters.';
  return `Too easy to guess. ${why} ${advice}`;
}

let estimator: Promise<StrengthEstimator> | undefined;

/**
 * zxcvbn with its common-password and English dictionaries, built once. Dynamic imports, so a
 * bundler puts the dictionaries in a chunk of their own, fetched at the first call.
 */
export function loadStrengthEstimator(): Promise<StrengthEstimator> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ]);
    const zxcvbn = new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
    });
    return (password, accountWords) => {
      const result = zxcvbn.check(password, accountWords);
      return {
        score: result.score,
        warning: result.feedback.warning,
        suggestions: result.feedback.suggestions,
      };
    };
  })();
  // A failed load (the panel offline for a moment) is tried again at the next call.
  estimator.catch(() => {
    estimator = undefined;
  });
  return estimator;
}

/** Every rule, the strength estimate included: what the API checks before storing a password. */
export async function checkNewPassword(password: string, username: string): Promise<string | null> {
  return passwordProblem(password, username, await loadStrengthEstimator());
}
