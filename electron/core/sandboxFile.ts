// A sandbox started on its own (`npm run sandbox -- --data DIR`) writes DIR/sandbox.json; the
// web preview (`--sandbox DIR/sandbox.json`) and `npm start` (the same flag, or ROLLCALL_SANDBOX)
// use it instead of starting one in this process, so a person can drive scenarios from the
// sandbox's stdin while using the app. The file is read once, at start, and checked here: a
// missing or half-written file says so in one sentence instead of failing at the first sign-in.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { SandboxInfo } from '../../sandbox/src/index';

const account = z.object({
  phone: z.string().min(1),
  code: z.string().min(1),
  password: z.string().nullable(),
});

const port = z.number().int().min(1).max(65_535);
const dcId = z.number().int().positive();

// Loose objects: a newer sandbox may add fields.
const sandboxInfoSchema = z.looseObject({
  host: z.string().min(1),
  port,
  dcId,
  dcs: z.array(z.looseObject({ id: dcId, host: z.string().min(1), port })).min(1),
  fingerprint: z.string().min(1),
  publicKeyPem: z.string().includes('PUBLIC KEY'),
  demo: z.looseObject(account.shape),
  accounts: z.array(z.looseObject({ ...account.shape, name: z.string(), userId: z.string(), homeDc: dcId })).min(1),
});

/** The environment variable `npm start` and the preview read when no `--sandbox` flag is given. */
export const SANDBOX_ENV = 'ROLLCALL_SANDBOX';

/** Reads and checks a sandbox.json; throws an Error whose message a person can act on. */
export function readSandboxFile(path: string): SandboxInfo {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder (name the sandbox.json inside it)' : `it can't be read (${code ?? 'error'})`;
    throw new Error(`No sandbox at ${file}: ${why}. Start one with "npm run sandbox -- --data DIR" and pass DIR/sandbox.json.`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON: pass the sandbox.json that "npm run sandbox" wrote.`, { cause: error });
  }
  const parsed = sandboxInfoSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : 'the file';
    throw new Error(`${file} is not a sandbox.json "npm run sandbox" wrote (${where}: ${issue.message}).`);
  }
  return parsed.data as SandboxInfo;
}

/** The sandbox a host was asked to use: the flag's path first, else $ROLLCALL_SANDBOX; undefined for neither. */
export function externalSandbox(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): SandboxInfo | undefined {
  const path = flag || env[SANDBOX_ENV];
  return path ? readSandboxFile(path) : undefined;
}

/**
 * Where the app keeps its data while it uses a sandbox started on its own: a folder of its own per
 * sandbox (told apart by its key), so a session made with the embedded sandbox or another one is
 * never offered to this one, whose keys it doesn't know.
 */
export function externalSandboxDataDir(baseDir: string, info: SandboxInfo): string {
  return `${baseDir}-sandbox-${info.fingerprint.replace(/\W/g, '').slice(0, 16)}`;
}
