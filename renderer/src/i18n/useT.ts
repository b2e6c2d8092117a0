// `t(key, values)` for plain text; for rich text (a <strong> inside a sentence) use react-intl's
// <FormattedMessage id values={{ b: (chunks) => <strong>{chunks}</strong> }} /> with the key.
import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import type { MessageKey } from '../../../shared/i18n/catalogues';
import type { MessageValues } from '../../../shared/i18n/translate';

export type T = (key: MessageKey, values?: MessageValues) => string;

export function useT(): T {
  const intl = useIntl();
  return useCallback<T>((key, values) => intl.formatMessage({ id: key }, values), [intl]);
}
