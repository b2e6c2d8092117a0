import { z } from 'zod';
import { ERROR_CODES } from './codes';

export const ErrorCodeSchema = z.enum(ERROR_CODES);

export const IpcErrorSchema = z.strictObject({
  code: ErrorCodeSchema,
  message: z.string(),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
});
