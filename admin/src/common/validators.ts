import { maxLength, minValue, number, regex, required } from 'react-admin';

/** Field rules shared by the forms; the API checks the same and has the last word. */
export const wholeNumber = (value: unknown) =>
  value === null || value === undefined || value === '' || Number.isInteger(Number(value))
    ? undefined
    : 'A whole number, please.';

export const amountRules = [number(), wholeNumber, minValue(0, 'Cannot be negative.')];
export const requiredAmountRules = [required(), ...amountRules];

/** A Discord id (role, channel): a snowflake of 17 to 20 digits. */
export const discordIdRule = regex(
  /^\d{17,20}$/,
  'A Discord id: 17 to 20 digits (Developer Mode → Copy ID).',
);

export const slugRules = [
  required(),
  maxLength(64),
  regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Lowercase letters, digits and dashes only, e.g. how-it-works.'),
];

export const nameRules = (max: number) => [required(), maxLength(max)];
