import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // PGlite starts in 2-4 s on these machines; a whole test file shares one database.
    // Command-line tests start several `asn` processes (2-5 s each under a loaded CI machine).
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
