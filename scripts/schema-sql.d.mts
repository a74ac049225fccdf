export function schemaSql(schemaPath?: string, databaseUrl?: string): string;
