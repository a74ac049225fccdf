import { Alert } from '@mui/material';
import { createContext, type ReactNode, type RefObject, useContext, useRef } from 'react';
import { Edit, type EditProps, type RaRecord, useRecordContext } from 'react-admin';
import { useFormState } from 'react-hook-form';

const OpenedVersion = createContext<RefObject<number | undefined> | null>(null);

/**
 * Keeps the version the admin started editing from, and warns when the record changed meanwhile.
 * Live updates refetch an open record; without this the form would silently adopt the new version
 * and a save would overwrite the other person's change. While the form is untouched it follows the
 * record (nothing to lose); once edited it keeps the old version, so the API refuses the save (409).
 */
export function VersionGuard() {
  const opened = useContext(OpenedVersion);
  const record = useRecordContext<RaRecord & { version?: number }>();
  const { isDirty } = useFormState();
  if (!opened) return null;
  if (!isDirty || opened.current === undefined) opened.current = record?.version;
  if (!isDirty || record?.version === undefined || record.version === opened.current) return null;
  return (
    <Alert severity="warning" sx={{ mb: 2, width: '100%' }} data-testid="changed-elsewhere">
      Someone else saved this record while you were editing it (now version {record.version}). Saving will be
      refused so their change is not lost: note your edits, then reload the page.
    </Alert>
  );
}

/**
 * react-admin's Edit for Tandem's versioned records: saves wait for the API (pessimistic), so a
 * conflict (409) or a field error (400) is shown instead of being undone later; the `version` sent is
 * the one the admin opened (see VersionGuard, which the form must contain).
 */
export function VersionedEdit({ children, transform, ...props }: EditProps & { children: ReactNode }) {
  const opened = useRef<number | undefined>(undefined);
  const pinVersion = async (data: RaRecord, options?: { previousData: RaRecord }) => {
    const transformed = transform ? await transform(data, options) : data;
    return opened.current === undefined ? transformed : { ...transformed, version: opened.current };
  };
  return (
    <OpenedVersion.Provider value={opened}>
      <Edit mutationMode="pessimistic" redirect="show" transform={pinVersion} {...props}>
        {children}
      </Edit>
    </OpenedVersion.Provider>
  );
}
