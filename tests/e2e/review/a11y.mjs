// Accessibility scan of a console screen with axe-core (the package's own engine, injected into the page through
// the DevTools protocol). The journeys fail on serious and critical violations; minor and moderate ones are listed
// in the artefacts folder for reading, not enforced.
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { artifacts } from './server.mjs'

const require = createRequire(import.meta.url)
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

/** Impacts that fail a journey. */
export const FAILING_IMPACTS = ['serious', 'critical']

/** WCAG 2.1 A and AA, plus axe's best practices (landmarks, headings, …). */
const RUN_ONLY = { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }

/** One line per violation: rule, impact, how many nodes and the first selectors. */
export function describeViolations(violations) {
  return violations
    .map((v) => {
      const targets = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')
      return `${v.id} (${v.impact}, ${v.nodes.length}×): ${v.help} — ${targets}`
    })
    .join('\n')
}

/**
 * Runs axe on the whole document (after the page has settled) and returns the violations of a failing impact.
 * Every violation, whatever its impact, is written to `a11y-<name>.json` beside the screenshots.
 */
export async function axeScan(page, name) {
  // let transitions and lazy content finish, so that axe sees what a person sees
  await page.waitForLoadState('networkidle').catch(() => {})
  await page.waitForTimeout(300)
  // a toast fading in or out is half transparent: wait until each one is whole or gone (contrast is judged on
  // what stays on screen)
  await page
    .waitForFunction(() => [...document.querySelectorAll('.el-message')].every((e) => getComputedStyle(e).opacity === '1'), null, {
      timeout: 5_000,
    })
    .catch(() => {})
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE)
  const result = await page.evaluate((runOnly) => window.axe.run(document, { runOnly, resultTypes: ['violations'] }), RUN_ONLY)
  writeFileSync(join(artifacts, `a11y-${name}.json`), JSON.stringify(result.violations, null, 2))
  return result.violations.filter((v) => FAILING_IMPACTS.includes(v.impact))
}

/** Fails (throws) on serious or critical violations, naming them. */
export async function assertAccessible(page, name) {
  const failing = await axeScan(page, name)
  if (failing.length > 0) throw new Error(`axe: ${failing.length} serious/critical violation(s) on ${name}:\n${describeViolations(failing)}`)
}
