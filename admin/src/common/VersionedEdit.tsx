import { Alert, Button } from '@mui/material';
import { createContext, type ReactNode, type RefObject, useContext, useEffect, useRef } from 'react';
import { Edit, type EditProps, type RaRecord, useRecordContext, useTranslate } from 'react-admin';
import { useFormContext, useFormState, useWatch } from 'react-hook-form';
import { RecordTitle } from './titles.tsx';

const OpenedVersion = createContext<RefObject<number | undefined> | null>(null);

/** The paths of react-hook-form's `dirtyFields` (nested objects and arrays of `true`). */
function dirtyPaths(dirty: unknown, prefix = ''): string[] {
  if (dirty === true) return [prefix];
  if (typeof dirty !== 'object' || dirty === null) return [];
  return Object.entries(dirty).flatMap(([key, value]) =>
    dirtyPaths(value, prefix ? `${prefix}.${key}` : key),
  );
}

function valueAt(source: unknown, path: string): unknown {
  let current = source;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Keeps the version the admin started editing from, and warns when the record changed meanwhile.
 * Live updates refetch an open record; without this the form would silently adopt the new version
 * and a save would overwrite the other person's change. While nothing the admin typed differs from
 * the record it follows the record (nothing to lose); once it does, it keeps the old version, so the
 * API refuses the save (409) and the banner explains why.
 */
export function VersionGuard() {
  const translate = useTranslate();
  const opened = useContext(OpenedVersion);
  const record = useRecordContext<RaRecord & { version?: number }>();
  const { dirtyFields } = useFormState();
  const values = useWatch();
  const { reset } = useFormContext();
  // What the admin changed and the record does not say: `isDirty` alone is not enough, since a reset
  // that keeps edits keeps it set even after the edits were saved.
  const edited =
    record !== undefined &&
    dirtyPaths(dirtyFields).some((path) => !same(valueAt(values, path), valueAt(record, path)));
  const leftoverDirty = !edited && Object.keys(dirtyFields).length > 0;
  useEffect(() => {
    // Saved (or someone saved the same thing): clear the stale dirty marks so Save greys out again.
    if (leftoverDirty && record) reset(record);
  }, [leftoverDirty, record, reset]);
  if (!opened) return null;
  if (!edited || opened.current === undefined) opened.current = record?.version;
  if (!edited || record?.version === undefined || record.version === opened.current) return null;
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
          {translate('tandem.common.loadTheirVersion')}
        </Button>
      }
    >
      {translate('tandem.common.changedElsewhere', { version: record.version })}
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
