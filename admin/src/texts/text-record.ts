/** A text the bots send, as `GET /api/texts/:key` answers it (src/texts/list-texts.ts). */
export interface TextRecord {
  id: string;
  area: string;
  placeholders: { name: string; kind: 'number' | 'text'; about: string }[];
  edited: boolean;
  translations: Record<string, LanguageText>;
}

export interface LanguageText {
  shipped: string;
  edited: string | null;
  current: string;
  /** 0 while the language has no edit. */
  version: number;
  updatedAt: string | null;
}

/** `POST /api/texts/:key/preview`: the sample wording, or why it would be refused. */
export interface TextPreview {
  text: string | null;
  problems: string[];
  /** The problems by code and values: `tandem.texts.problem.<code>` says each in the panel's language. */
  problemCodes?: { code: string; params: Record<string, string | number> }[];
  examples: { count: number; text: string }[];
}

/** The languages the bots speak, in the order the editors show them. */
export const textLanguages = ['en', 'ru'] as const;
export const languageNames: Record<string, string> = { en: 'English', ru: 'Русский' };
