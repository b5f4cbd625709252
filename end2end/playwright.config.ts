import { defineConfig } from '@playwright/test';
import * as path from 'node:path';

// The suite drives Debian's Chromium against the release binary, on a fresh
// SQLite database per run. Nothing is downloaded: the browser comes from apt.
const port = Number(process.env.E2E_PORT ?? 3107);
const root = path.resolve(__dirname, '..');
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(root, 'target');
const binary = process.env.REHEARSE_BIN ?? path.join(targetDir, 'release', 'rehearse');
// Set once by the runner and inherited by its workers, so that a test can
// reach the same database (to let time pass for spaced review).
process.env.E2E_RUN_DIR ??= path.join(__dirname, '.e2e', String(process.pid));
const runDir = process.env.E2E_RUN_DIR;

export default defineConfig({
  testDir: './tests',
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-dev-shm-usage',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: {
    command: `mkdir -p "${runDir}" && exec "${binary}" serve`,
    url: `http://127.0.0.1:${port}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      DATABASE_URL: `sqlite://${runDir}/rehearse.db`,
      REHEARSE_ADDR: `127.0.0.1:${port}`,
      REHEARSE_SITE_ROOT: path.join(root, 'target', 'site'),
      REHEARSE_MODEL_DIR: process.env.REHEARSE_MODEL_DIR ?? path.join(root, 'target', 'model'),
      REHEARSE_LOG_LEVEL: 'warn',
      // Every test signs up from the same address.
      REHEARSE_SIGNUP_LIMIT: '100',
    },
  },
});
