import { DeleteButton, SaveButton, Toolbar } from 'react-admin';

/** Save, and delete behind a confirmation (sent with the version, so a stale delete is refused). */
export function EditToolbar({ deletable = true }: { deletable?: boolean }) {
  return (
    <Toolbar sx={{ display: 'flex', justifyContent: 'space-between' }}>
      <SaveButton />
      {deletable ? <DeleteButton mutationMode="pessimistic" /> : null}
    </Toolbar>
  );
}
