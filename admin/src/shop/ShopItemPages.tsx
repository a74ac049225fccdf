import { Create, useTranslate } from 'react-admin';
import { VersionedEdit } from '../common/VersionedEdit.tsx';
import { itemBody } from './item-body.ts';
import { ShopItemForm } from './ShopItemForm.tsx';
import { ShopTitle } from './ShopTitle.tsx';

export function ShopItemCreate() {
  const translate = useTranslate();
  return (
    <Create redirect="list" title={translate('tandem.shop.newItem')} transform={itemBody}>
      <ShopItemForm />
    </Create>
  );
}

export function ShopItemEdit() {
  return (
    <VersionedEdit redirect="list" transform={itemBody} title={<ShopTitle singular="tandem.shop.item" />}>
      <ShopItemForm edit />
    </VersionedEdit>
  );
}
