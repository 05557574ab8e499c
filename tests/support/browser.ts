import { existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { describe } from 'vitest'

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Where screenshots and other browser artifacts go (git-ignored). */
export const artifactsDir = path.resolve('test-artifacts')

export const hasChromium = existsSync(executablePath)

/**
 * `describe` for browser tests: runs them in Debian's Chromium, skips them with a visible notice
 * where it is not installed, and fails under CI=true rather than skipping.
 */
export function describeInBrowser(name: string, body: () => void) {
  if (!hasChromium && process.env.CI !== 'true') {
    console.warn(
      `\n  ⚠ Browser tests "${name}" skipped: no Chromium at ${executablePath}.` +
        `\n    Install it with: apt-get install chromium (or set CHROMIUM_PATH).\n`,
    )
    describe.skip(name, body)
    return
  }
  describe(name, body)
}

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(artifactsDir, { recursive: true })
  return chromium.launch({
    executablePath,
    headless: true,
    // the machine has no network beyond the registries: keep Chromium from calling home
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  })
}
