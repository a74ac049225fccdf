import { maxLength, minValue, number, regex, required } from 'react-admin';

/** Field rules shared by the forms; the API checks the same and has the last word. */
export const wholeNumber = (value: unknown) =>
  value === null || value === undefined || value === '' || Number.isInteger(Number(value))
    ? undefined
    : 'tandem.validation.whole';

export const amountRules = [number(), wholeNumber, minValue(0, 'tandem.validation.notNegative')];
export const requiredAmountRules = [required(), ...amountRules];

/** A Discord id (role, channel): a snowflake of 17 to 20 digits. */
export const discordIdRule = regex(/^\d{17,20}$/, 'tandem.validation.discordId');

export const slugRules = [
  required(),
  maxLength(64),
  regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'tandem.validation.slug'),
];

export const nameRules = (max: number) => [required(), maxLength(max)];
