import { EditButton, TopToolbar } from 'react-admin';

/** A read-only page's actions: Edit, for those allowed to (react-admin hides it for the others). */
export function ShowActions() {
  return (
    <TopToolbar>
      <EditButton variant="contained" />
    </TopToolbar>
  );
}
