// The layering rules of ARCHITECTURE.md are enforced by lint; these prove the rules bite.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function importErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return result!.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.message);
}

describe('layering lint', () => {
  it('fails a renderer → electron import', async () => {
    const errors = await importErrors(
      'renderer/src/Leak.tsx',
      "import { createCore } from '../../electron/core/core';\nexport const leak = createCore;\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/window\.rollcall/);
  });

  it.each([
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';"],
    ['renderer/src/x.ts', "import { TelegramClient } from 'telegram';"],
    ['renderer/src/x.ts', "import { readFile } from 'node:fs/promises';"],
    ['renderer/src/x.ts', "import { startSandbox } from '../../sandbox/src/index';"],
    ['shared/x.ts', "import { useState } from 'react';"],
    ['shared/x.ts', "import { createCore } from '../electron/core/core';"],
    ['shared/x.ts', "import { App } from '../renderer/src/App';"],
    ['electron/core/x.ts', "import { app } from 'electron';"],
    ['electron/core/x.ts', "import { App } from '../../renderer/src/App';"],
    ['electron/core/x.ts', "import { Api } from 'telegram';"],
    ['sandbox/src/x.ts', "import { createCore } from '../../electron/core/core';"],
    ['platform/x.ts', "import { createCore } from '../electron/core/core';"],
    ['platform/x.ts', "import { startSandbox } from '../sandbox/src/index';"],
    ['platform/x.ts', "import { AppError } from '../shared/ipc/result';"],
    ['renderer/src/x.ts', "import { writeFileAtomic } from '../../platform/atomicWrite';"],
    ['shared/x.ts', "import { writeFileAtomic } from '../platform/atomicWrite';"],
  ])('fails %s: %s', async (file, source) => {
    expect(await importErrors(file, `${source}\nexport {};\n`)).toHaveLength(1);
  });

  it.each([
    ['renderer/src/x.ts', "import { ERROR_CATALOGUE } from '../../shared/errors/catalogue';"],
    ['electron/core/x.ts', "import { AppError } from '../../shared/ipc/result';"],
    ['electron/main/x.ts', "import { app } from 'electron';"],
    ['electron/telegram/x.ts', "import { Api } from 'telegram';"],
    ['electron/core/x.ts', "import { writeFileAtomic } from '../../platform/atomicWrite';"],
    ['sandbox/src/x.ts', "import { writeFileAtomic } from '../../platform/atomicWrite';"],
    ['platform/x.ts', "import { open } from 'node:fs/promises';"],
  ])('allows %s: %s', async (file, source) => {
    expect(await importErrors(file, `${source}\nexport {};\n`)).toEqual([]);
  });
});
