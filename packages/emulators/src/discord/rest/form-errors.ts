import type { z } from 'zod';
import { addFormError, DiscordApiError, discordErrors, type FormErrorTree } from '../errors.ts';

/** Discord's 50035 leaf for one zod issue (codes as Discord names them). */
function leafFor(issue: z.core.$ZodIssue): { code: string; message: string } {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return { code: 'BASE_TYPE_REQUIRED', message: 'This field is required' };
      if (issue.expected === 'number' || issue.expected === 'int') {
        return { code: 'NUMBER_TYPE_COERCE', message: `Value "${String(issue.input)}" is not int.` };
      }
      if (issue.expected === 'boolean') {
        return { code: 'BASE_TYPE_BAD_TYPE', message: `Must be either true or false.` };
      }
      if (issue.expected === 'array') return { code: 'BASE_TYPE_BAD_TYPE', message: 'Must be an array.' };
      if (issue.expected === 'object') {
        return { code: 'MODEL_TYPE_CONVERT', message: 'Only dictionaries may be used in a ModelType' };
      }
      return { code: 'BASE_TYPE_BAD_TYPE', message: `Must be a ${issue.expected}.` };
    case 'too_big':
      return issue.origin === 'number'
        ? { code: 'NUMBER_TYPE_MAX', message: `int value should be less than or equal to ${issue.maximum}.` }
        : { code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${issue.maximum} or fewer in length.` };
    case 'too_small':
      return issue.origin === 'number'
        ? {
            code: 'NUMBER_TYPE_MIN',
            message: `int value should be greater than or equal to ${issue.minimum}.`,
          }
        : { code: 'BASE_TYPE_MIN_LENGTH', message: `Must be ${issue.minimum} or more in length.` };
    case 'invalid_value':
      return {
        code: 'BASE_TYPE_CHOICES',
        message: `Value must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}.`,
      };
    case 'custom': {
      const code =
        typeof issue.params?.discordCode === 'string' ? issue.params.discordCode : 'BASE_TYPE_BAD_TYPE';
      return { code, message: issue.message };
    }
    default:
      return { code: 'BASE_TYPE_BAD_TYPE', message: issue.message };
  }
}

export function formErrorsFromZod(error: z.ZodError): FormErrorTree {
  const tree: FormErrorTree = {};
  for (const issue of error.issues) {
    const { code, message } = leafFor(issue);
    addFormError(
      tree,
      issue.path.map((key) => (typeof key === 'symbol' ? String(key.description) : key)),
      code,
      message,
    );
  }
  return tree;
}

/** Parses a request body or query with zod; failures become 50035 Invalid Form Body. */
export function parseForm<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw discordErrors.invalidFormBody(formErrorsFromZod(result.error));
}

export function isFormError(error: unknown): error is DiscordApiError {
  return error instanceof DiscordApiError && error.code === 50035;
}
