// First: configures zod before the contract's schemas are built.
import '../../shared/zodWithoutEval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { I18nProvider } from './i18n/I18nProvider';
import { ErrorBoundary, installRendererErrorReporting } from './features/shell/errorReporting';
import './styles.css';

installRendererErrorReporting();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <ErrorBoundary>
        <App />
      </ErrorBoundary>
    </I18nProvider>
  </StrictMode>,
);
