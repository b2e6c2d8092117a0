// Testing Library's render inside the app's i18n provider (English, as the tests' names are), so a
// component that says anything can be rendered alone. Import render from here, not the library.
import { render as renderInDom, type RenderOptions } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import type { UiLocale } from '../../../shared/i18n/locales';
import { I18nProvider } from '../i18n/I18nProvider';

export function render(ui: ReactElement, options: RenderOptions & { locale?: UiLocale } = {}) {
  const { locale = 'en', ...rest } = options;
  const wrapper = ({ children }: { children: ReactNode }) => <I18nProvider chosen={locale}>{children}</I18nProvider>;
  return renderInDom(ui, { wrapper, ...rest });
}
