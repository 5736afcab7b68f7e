// Shared set-up of the journey files: one throwaway backend and one browser per file, fresh phones
// (contexts) per journey, a screenshot where a journey failed, and the small UI helpers journeys share.
import { after, before, test } from 'node:test'
import { DOCUMENT_PDF } from './api.mjs'
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

/**
 * An ID photo that meets the spec (300×420 JPEG, white background, a grainy head and shoulders over the 10 KiB
 * minimum), drawn by the page's canvas: Node has no JPEG encoder. Without a page: in a throwaway one.
 */
export async function photoJpeg(page) {
  if (!page) {
    const context = await env.browser.newContext()
    try {
      return await photoJpeg(await context.newPage())
    } finally {
      await context.close()
    }
  }
  const base64 = await page.evaluate(() => {
    const [w, h] = [300, 420]
    const canvas = document.createElement('canvas')
    canvas.width = w
    canvas.height = h
    const g = canvas.getContext('2d')
    const img = g.createImageData(w, h)
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const person = (x > w / 4 && x < (w * 3) / 4 && y > h / 8 && y < (h * 3) / 4) || y > (h * 5) / 6
        const v = person ? 40 + Math.floor(Math.random() * 100) : 255
        img.data.set([v, person ? v * 0.8 : v, person ? v * 0.7 : v, 255], (y * w + x) * 4)
      }
    }
    g.putImageData(img, 0, 0)
    return canvas.toDataURL('image/jpeg', 0.92).split(',')[1]
  })
  return Buffer.from(base64, 'base64')
}

/**
 * Uploads `kinds` on the materials page the phone shows (the wizard's step or a returned registration's upload
 * list), one after another as a candidate picks them from the album: `photo` for the photo, a plain PDF for
 * every other kind. Waits until each is stored.
 */
export async function uploadInUi(page, kinds, photo) {
  for (const kind of kinds) {
    const item = page.getByTestId(`material-${kind}`)
    await item.waitFor()
    const file =
      kind === 'photo'
        ? { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: photo }
        : { name: `${kind}.pdf`, mimeType: 'application/pdf', buffer: DOCUMENT_PDF }
    await item.getByTestId('material-choose').setInputFiles(file)
    await item.locator('[data-testid="material-note"][data-note="uploaded"]').waitFor({ timeout: 30_000 })
  }
}
