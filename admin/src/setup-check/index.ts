/** The setup check's page, a route of its own (not a resource): every admin role may open it. */
export { SetupCheckPage } from './SetupCheckPage.tsx';

export const setupCheckPath = '/setup-check';
