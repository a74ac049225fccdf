import { useGetRecordRepresentation, useRecordContext, useResourceContext, useTranslate } from 'react-admin';

/** "Shop item · VIP": a record's title, with the shop's own words for its kind of record. */
export function ShopTitle({ singular }: { singular: string }) {
  const translate = useTranslate();
  const resource = useResourceContext() ?? '';
  const record = useRecordContext();
  const represent = useGetRecordRepresentation(resource);
  return (
    <span>
      {translate(singular)}
      {record ? <> · {represent(record)}</> : null}
    </span>
  );
}
