// Every error code the app can show. The catalogue (catalogue.ts) gives each one its words;
// nothing else in the app invents error text.
export const ERROR_CODES = [
  // The IPC boundary itself.
  'INVALID_REQUEST',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN_SENDER',
  'INTERNAL',
  'BACKEND_UNREACHABLE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
