import { SearchInput, type SearchInputProps, useTranslate } from 'react-admin';

/** react-admin's search box, with its placeholder a message key like every other label. */
export function SearchField({ placeholder, ...props }: SearchInputProps) {
  const translate = useTranslate();
  return (
    <SearchInput
      {...props}
      placeholder={placeholder ? translate(placeholder, { _: placeholder }) : undefined}
    />
  );
}
