import { useGetRecordRepresentation, useRecordContext, useResourceContext, useTranslate } from 'react-admin';

/** One record of a resource, named for people: `resources.<name>.name` in the singular. */
export function useSingularOf(): (resource: string) => string {
  const translate = useTranslate();
  return (resource) => translate(`resources.${resource}.name`, { smart_count: 1, _: resource });
}

/** "Scenario · How it works": the app bar title of a record's page. */
export function RecordTitle() {
  const resource = useResourceContext() ?? '';
  const record = useRecordContext();
  const represent = useGetRecordRepresentation(resource);
  const singularOf = useSingularOf();
  return (
    <span>
      {singularOf(resource)}
      {record ? <> · {represent(record)}</> : null}
    </span>
  );
}

/** "New scenario". */
export function CreateTitle() {
  const resource = useResourceContext() ?? '';
  const translate = useTranslate();
  const singularOf = useSingularOf();
  return (
    <span>{translate('tandem.common.newRecord', { name: singularOf(resource).toLocaleLowerCase() })}</span>
  );
}
