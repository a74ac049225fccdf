import { apiUrl, postJson } from '../api/http.ts';

/** The formats the API imports and exports (src/import-export). */
export const importFormats = ['mee6', 'csv', 'tandem'] as const;
export type ImportFormat = (typeof importFormats)[number];
export const exportFormats = ['csv', 'tandem'] as const;
export type ExportFormat = (typeof exportFormats)[number];
export const importModes = ['add', 'replace'] as const;
export type ImportMode = (typeof importModes)[number];

/** The largest file the API takes (its `maxImportFileBytes`): refused here before it is sent. */
export const maxImportFileBytes = 20 * 1024 * 1024;

/** One row of the file as the import saw it (the API's RowOutcome). */
export interface ImportRowOutcome {
  where: string;
  status: 'imported' | 'already_imported' | 'unchanged' | 'refused';
  playerId?: string;
  discordId?: string;
  telegramId?: string;
  username?: string;
  playerName?: string;
  created?: boolean;
  newIdentities?: Array<'discord' | 'telegram'>;
  reason?: string;
  xp?: { before: number; after: number };
  coins?: { before: number; after: number };
}

/** The API's answer to `POST /api/xp-import`: counts and totals of the whole file, the first rows. */
export interface ImportAnswer {
  dryRun: boolean;
  counts: Record<ImportRowOutcome['status'], number>;
  totals: { newPlayers: number; newIdentities: number; xp: number; coins: number };
  changes: ImportRowOutcome[];
  refused: ImportRowOutcome[];
}

export interface ImportRequest {
  format: ImportFormat;
  mode: ImportMode;
  fileName: string;
  text: string;
  dryRun: boolean;
}

export function importXpFile(request: ImportRequest): Promise<ImportAnswer> {
  return postJson<ImportAnswer>('/xp-import', request);
}

/** A plain link: the browser downloads the streamed file itself, with the session cookie. */
export function exportUrl(format: ExportFormat): string {
  return `${apiUrl}/xp-export?format=${format}`;
}
