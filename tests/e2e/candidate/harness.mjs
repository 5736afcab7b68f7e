// Shared set-up of the journey files: one throwaway backend and one browser per file, fresh phones
// (contexts) per journey, a screenshot where a journey failed, and the small UI helpers journeys share.
import { after, before, test } from 'node:test'
import { launch, phoneContext, shot, watchErrors } from './browser.mjs'
import { latestCode, startServer } from './server.mjs'

export const env = { server: null, browser: null }
const pages = []

/** Starts the backend and the browser before the file's journeys; stops both after them. */
export function useBackendAndBrowser() {
  before(async () => {
    env.server = await startServer()
    console.log(`# backend: ${env.server.mode} at ${env.server.base}`)
    env.browser = await launch()
  })
  after(async () => {
    await env.browser?.close()
    await env.server?.stop()
  })
}

/** A fresh phone (own localStorage) with a page that records script errors. */
export async function openPhone() {
  const context = await phoneContext(env.browser, env.server.base)
  const page = await context.newPage()
  const errors = watchErrors(page)
  pages.push(page)
  return { context, page, errors }
}

/** Runs a journey; on failure keeps a screenshot of where it stopped (FAILED-<name>.png). */
export function journey(name, fn) {
  test(name, async (t) => {
    try {
      await fn(t)
    } catch (e) {
      const page = pages[pages.length - 1]
      if (page && !page.isClosed()) await shot(page, `FAILED-${name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`).catch(() => {})
      throw e
    }
  })
}

/** Presses "get code", then types the code the server put in the outbox. */
export async function enterCode(page, phone, purpose, codeInput) {
  const since = new Date(Date.now() - 1000)
  await page.getByTestId('send-code').click()
  const code = await latestCode(env.server, phone, purpose, since)
  await page.fill(codeInput, code)
  return code
}

export async function loginWith(page, account, password) {
  await page.fill('#login-account', account)
  await page.fill('#login-password', password)
  await page.getByTestId('login-submit').click()
}

export const atPath = (path) => (url) => url.pathname === path

/** A screenshot once any toast has gone (so it does not cover the page). */
export async function cleanShot(page, name) {
  await page.locator('.van-toast').waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {})
  await shot(page, name)
}

/** Visible buttons lower than a 44 px tap target (their texts). */
export const smallTargets = (page) =>
  page.locator('button:visible').evaluateAll((els) =>
    els.filter((e) => e.getBoundingClientRect().height < 44).map((e) => e.textContent.trim() || e.getAttribute('aria-label')),
  )
