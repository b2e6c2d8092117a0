// First: configures zod before the contract's schemas are built.
import '../../shared/zodWithoutEval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ChosenLanguage } from './i18n/ChosenLanguage';
import { ErrorBoundary, installRendererErrorReporting } from './features/shell/errorReporting';
import './styles.css';

installRendererErrorReporting();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ChosenLanguage>
      <ErrorBoundary>
        <App />
      </ErrorBoundary>
    </ChosenLanguage>
  </StrictMode>,
);
