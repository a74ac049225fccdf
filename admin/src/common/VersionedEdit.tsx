import { Alert, Button } from '@mui/material';
import { createContext, type ReactNode, type RefObject, useContext, useRef } from 'react';
import { Edit, type EditProps, type RaRecord, useRecordContext } from 'react-admin';
import { useFormContext, useFormState } from 'react-hook-form';
import { RecordTitle } from './titles.tsx';

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
  // Changed fields, not `isDirty`: a reset that keeps the edits still clears `isDirty`.
  const { dirtyFields } = useFormState();
  const { reset } = useFormContext();
  const isDirty = Object.keys(dirtyFields).length > 0;
  if (!opened) return null;
  if (!isDirty || opened.current === undefined) opened.current = record?.version;
  if (!isDirty || record?.version === undefined || record.version === opened.current) return null;
  const loadTheirs = () => {
    opened.current = record.version;
    reset(record);
  };
  return (
    <Alert
      severity="warning"
      sx={{ mb: 2, width: '100%' }}
      data-testid="changed-elsewhere"
      action={
        <Button color="inherit" size="small" onClick={loadTheirs}>
          Load their version
        </Button>
      }
    >
      Someone else saved this record while you were editing it (now version {record.version}). Saving your
      edits would be refused so their change is not lost: note what you changed, load their version, and apply
      it again.
    </Alert>
  );
}

/**
 * For every edit form (`<SimpleForm resetOptions={keepEdits}>`): when live updates refetch the record
 * being edited, the fields the admin changed keep their values instead of being reset, and the rest
 * show the newer data. Together with VersionGuard, nobody's change is lost silently.
 */
export const keepEdits = { keepDirtyValues: true, keepDirty: true } as const;

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
      <Edit
        mutationMode="pessimistic"
        redirect="show"
        title={<RecordTitle />}
        transform={pinVersion}
        {...props}
      >
        {children}
      </Edit>
    </OpenedVersion.Provider>
  );
}
