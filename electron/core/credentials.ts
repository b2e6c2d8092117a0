// Telegram API credentials (api_id/api_hash from my.telegram.org). They stay in the main
// process: only whether they are set, and where from, ever reaches the renderer.

export interface TelegramCredentials {
  apiId: number;
  apiHash: string;
  source: 'environment' | 'settings';
}

const API_HASH = /^[0-9a-f]{32}$/i;

/** Reads TELEGRAM_API_ID / TELEGRAM_API_HASH; null when absent or malformed. */
export function readTelegramCredentials(
  env: Readonly<Record<string, string | undefined>>,
): TelegramCredentials | null {
  const apiId = Number(env.TELEGRAM_API_ID);
  const apiHash = env.TELEGRAM_API_HASH ?? '';
  if (!Number.isSafeInteger(apiId) || apiId <= 0 || !API_HASH.test(apiHash)) return null;
  return { apiId, apiHash, source: 'environment' };
}
