import { defineConfig } from 'vitest/config';

// Unit and integration tests (Node). Browser tests live in e2e/ and run under Playwright.
export default defineConfig({
  test: {
    include: ['{shared,platform,electron,sandbox,renderer,test}/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
