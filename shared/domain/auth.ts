import { z } from 'zod';
import { IpcErrorSchema } from '../errors/schema';
import { LOCALES, PSEUDO_LOCALE } from '../i18n/locales';
import { Person } from './people';

export const Target = z.enum(['sandbox', 'telegram']);
export type Target = z.infer<typeof Target>;

/**
 * Where sign-in stands. One state machine in the main process; the renderer only renders it.
 * `error` is the last step's failure, shown next to the field it concerns.
 */
export const AuthState = z.discriminatedUnion('step', [
  z.strictObject({ step: z.literal('signedOut'), target: Target, error: IpcErrorSchema.nullable() }),
  z.strictObject({ step: z.literal('connecting'), target: Target }),
  z.strictObject({
    step: z.literal('code'),
    target: Target,
    phone: z.string(),
    /** How Telegram sent the code: to the Telegram app, by SMS, by call, ... */
    deliveredVia: z.enum(['app', 'sms', 'call', 'other']),
    codeLength: z.number().int().positive().nullable(),
    error: IpcErrorSchema.nullable(),
  }),
  z.strictObject({
    step: z.literal('password'),
    target: Target,
    hint: z.string().nullable(),
    error: IpcErrorSchema.nullable(),
  }),
  z.strictObject({
    step: z.literal('qr'),
    target: Target,
    /** tg://login?token=... : render it as a QR code. */
    url: z.string(),
    expiresAt: z.number(),
    error: IpcErrorSchema.nullable(),
  }),
  z.strictObject({
    step: z.literal('signedIn'),
    target: Target,
    me: Person,
    /**
     * Set when the session at rest is weaker than it should be: no real OS secret storage, one
     * Rollcall does not know, or another than the one the session was saved with.
     */
    storageWarning: z.enum(['basicText', 'unavailable', 'unknownBackend', 'backendChanged']).nullable(),
  }),
]);
export type AuthState = z.infer<typeof AuthState>;

/** A language Rollcall ships (Settings › Language). */
export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;
/** The window's language, which may also be the pseudo-locale a browser or OS set to en-XA gets. */
export const UiLocale = z.enum([...LOCALES, PSEUDO_LOCALE]);
export type UiLocale = z.infer<typeof UiLocale>;

export const Settings = z.strictObject({
  apiId: z.number().int().positive().nullable(),
  /** Whether an api_hash is stored; the hash itself never leaves the main process. */
  apiHashSet: z.boolean(),
  credentialsSource: z.enum(['environment', 'settings', 'none']),
  /** Invites per request (Telegram allows at most 10). */
  batchSize: z.number().int().min(1).max(10),
  /** Requests in flight at once (pacing). */
  inFlight: z.number().int().min(1).max(4),
  /** Invitations per hour per account, at most (pacing). */
  perHourCeiling: z.number().int().min(10).max(1000),
  /** Whether a packaged Rollcall looks for updates (at start and daily). */
  checkForUpdates: z.boolean(),
  /** The organiser's language; null follows the OS (or the browser's languages). */
  language: Locale.nullable(),
});

/** The pacing settings, as the renderer sends them (settingsSetPacing). */
export const Pacing = Settings.pick({ batchSize: true, inFlight: true, perHourCeiling: true });
export type Pacing = z.infer<typeof Pacing>;
export type Settings = z.infer<typeof Settings>;
