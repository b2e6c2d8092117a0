// @vitest-environment jsdom
import { fake } from '../../testSupport/installFakeBridge';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { englishError } from '../../../../shared/i18n/english';
import { createTranslator } from '../../../../shared/i18n/translate';
import type { AuthState } from '../../../../shared/domain/auth';
import type { IpcError } from '../../../../shared/ipc/result';
import { useStore } from '../../store';
import { appInfo, signedIn, signedOut } from '../../testSupport/fixtures';
import { failResult, okResult } from '../../testSupport/fakeBridge';
import { describedError } from '../../testSupport/describedError';
import { freshStore } from '../../testSupport/freshStore';
import { render } from '../../testSupport/render';
import { SignInScreen } from './SignInScreen';

const codeStep = (error: IpcError | null = null): AuthState => ({
  step: 'code', target: 'telegram', phone: '+44 7700 900123', deliveredVia: 'sms', codeLength: 5, error,
});

const arabic = createTranslator('ar');

beforeEach(() => {
  freshStore();
  fake.answer('appInfo', () => okResult(appInfo()));
});
afterEach(cleanup);

describe('SignInScreen', () => {
  it('item 8: "Explore the sandbox" signs in to the sandbox, saying so meanwhile', async () => {
    useStore.setState({ auth: signedOut });
    const release = fake.hold('authExploreSandbox');
    await act(async () => render(<SignInScreen />));
    fireEvent.click(screen.getByRole('button', { name: 'Explore the sandbox' }));
    expect(screen.getByRole('button', { name: 'Starting the sandbox…' })).toHaveProperty('disabled', true);
    await act(async () => release(okResult(signedIn())));
    expect(fake.sent('authExploreSandbox')).toEqual([{}]);
    expect(useStore.getState().auth?.step).toBe('signedIn');
  });

  it('item 8: a failed start is shown in the catalogue’s words on the welcome screen', async () => {
    useStore.setState({ auth: signedOut });
    fake.answer('authExploreSandbox', () => failResult('SANDBOX_FAILED'));
    await act(async () => render(<SignInScreen />));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Explore the sandbox' })));
    expect(screen.getByRole('alert').textContent).toContain(englishError('SANDBOX_FAILED').title);
  });

  it('item 8: signing in with Telegram asks for the phone number and sends it trimmed', async () => {
    useStore.setState({ auth: signedOut });
    fake.answer('authSelectTarget', () => okResult({ ...signedOut, target: 'telegram' }));
    fake.answer('authSendCode', () => okResult(codeStep()));
    await act(async () => render(<SignInScreen />));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sign in with Telegram' })));
    expect(screen.getByRole('heading', { name: 'Sign in to Telegram' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Send code' })).toHaveProperty('disabled', true);
    fireEvent.change(screen.getByRole('textbox', { name: 'Phone number' }), { target: { value: ' +44 7700 900123 ' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Send code' })));
    expect(fake.sent('authSendCode')).toEqual([{ phone: '+44 7700 900123' }]);
    expect(screen.getByText(/Telegram sent a login code to/).textContent).toBe('Telegram sent a login code to +44 7700 900123 by SMS.');
  });

  it('item 8: a wrong code is tied to the code field; the code is sent as typed, trimmed', async () => {
    useStore.setState({ auth: codeStep({ code: 'PHONE_CODE_INVALID', message: 'try again' }) });
    fake.answer('authSubmitCode', () => okResult(signedIn()));
    render(<SignInScreen />);
    const field = screen.getByRole('textbox', { name: 'Login code' });
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(describedError(field)?.textContent).toContain(englishError('PHONE_CODE_INVALID').title);
    fireEvent.change(field, { target: { value: ' 12345 ' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sign in' })));
    expect(fake.sent('authSubmitCode')).toEqual([{ code: '12345' }]);
  });

  it('item 8: an error that belongs to no field of this step is shown for the whole form', () => {
    useStore.setState({ auth: codeStep({ code: 'PHONE_NUMBER_INVALID', message: '' }) });
    render(<SignInScreen />);
    const field = screen.getByRole('textbox', { name: 'Login code' });
    expect(field.getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByRole('alert').textContent).toContain(englishError('PHONE_NUMBER_INVALID').title);
  });

  it('item 8: the password step shows the hint with the field and sends the password as typed', async () => {
    useStore.setState({ auth: { step: 'password', target: 'telegram', hint: 'first pet', error: null } });
    fake.answer('authSubmitPassword', () => okResult(signedIn()));
    render(<SignInScreen />);
    const field = screen.getByLabelText('Password');
    expect(document.getElementById(field.getAttribute('aria-describedby')!)?.textContent).toBe('Hint: first pet');
    fireEvent.change(field, { target: { value: ' secret ' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sign in' })));
    expect(fake.sent('authSubmitPassword')).toEqual([{ password: ' secret ' }]);
  });

  it('item 8: the QR step shows the code as an image; in the sandbox its phone can scan it', async () => {
    useStore.setState({ auth: { step: 'qr', target: 'sandbox', url: 'tg://login?token=abc', expiresAt: Date.now() + 30_000, error: null } });
    fake.answer('sandboxScanQr', () => okResult(signedIn()));
    render(<SignInScreen />);
    expect(screen.getByRole('img', { name: 'QR code to sign in: scan it with Telegram on your phone' })).toBeTruthy();
    // English's short unit for seconds, as Intl writes it ("30 sec").
    expect(screen.getByText(/^This code is replaced by a fresh one in \d+ sec\.$/)).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Scan it with the sandbox’s phone' })));
    expect(fake.sent('sandboxScanQr')).toEqual([{}]);
  });

  it('item 3: in a right-to-left page the phone number and the login code are still typed left to right', async () => {
    useStore.setState({ auth: signedOut, signInForm: 'sandbox' });
    const { unmount } = render(<SignInScreen />, { locale: 'ar' });
    expect(document.documentElement.dir).toBe('rtl');
    const phone = screen.getByRole('textbox', { name: arabic.t('auth.phone.label') });
    expect(phone.getAttribute('dir')).toBe('ltr');
    unmount();
    useStore.setState({ auth: codeStep() });
    render(<SignInScreen />, { locale: 'ar' });
    expect(screen.getByRole('textbox', { name: arabic.t('auth.code.label') }).getAttribute('dir')).toBe('ltr');
  });

  it('item 8: "Cancel sign-in" cancels the step under way', async () => {
    useStore.setState({ auth: codeStep(), signInForm: 'telegram' });
    fake.answer('authCancel', () => okResult({ ...signedOut, target: 'telegram' }));
    render(<SignInScreen />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Cancel sign-in' })));
    expect(fake.sent('authCancel')).toEqual([{}]);
    expect(screen.getByRole('heading', { name: 'Welcome' })).toBeTruthy();
  });
});
