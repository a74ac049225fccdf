/** The page's address in the panel (a custom route, not a resource). */
export const importExportPath = '/import-export';
export { ImportExportPage } from './ImportExportPage.tsx';
