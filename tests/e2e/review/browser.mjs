// Debian's Chromium driven by playwright-core (no browser download), at the smallest desktop size the console supports.
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { artifacts } from './server.mjs'
import { freshCode } from './totp.mjs'

export const PASSWORD = 'weikao2026'
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true })
}

/** The smallest desktop the console is built for (a common office laptop); every journey runs at it by default. */
export const LAPTOP = { width: 1366, height: 768 }

/** A fresh context and page; `viewport` defaults to the 1366×768 laptop. */
export async function newPage(browser, { viewport = LAPTOP } = {}) {
  const context = await browser.newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  const errors = []
  page.on('pageerror', (e) => errors.push(String(e)))
  return { context, page, errors }
}

export function shot(page, name) {
  return page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true })
}

/** Logs a demo staff member in through the UI: password first, then the TOTP code the server asks for. */
export async function login(page, baseUrl, username, secret) {
  await page.goto(`${baseUrl}/review/`)
  await page.waitForURL(/\/review\/login/)
  await page.getByTestId('username').fill(username)
  await page.getByTestId('password').fill(PASSWORD)
  await page.getByTestId('login-submit').click()
  await page.getByTestId('totp').waitFor()
  await page.getByTestId('totp').fill(await freshCode(username, secret))
  await page.getByTestId('login-submit').click()
  await page.waitForURL((url) => !url.pathname.endsWith('/login'))
}

/** The access token of the console's session (to check the server's state through the API). */
export async function accessToken(page) {
  return page.evaluate(() => JSON.parse(sessionStorage.getItem('weikao.review.session') ?? '{}').tokens?.access_token)
}

export async function waitForCount(locator, count, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs
  let seen = -1
  while (Date.now() < deadline) {
    seen = await locator.count()
    if (seen === count) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`expected ${count} elements, saw ${seen}`)
}
