// Registration content kept in the app: the org list (until there is an API) matches its source, and every
// material kind and status the server may send has words in both languages.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { POINTS, SITES, pointsOf } from '@/content/orgs'
import { messages } from '@/i18n'

const repo = resolve(__dirname, '../../..')

describe('content/orgs.json', () => {
  it('has the 18 exam sites of tests/fixtures/henan-exam-sites.csv (regenerate with scripts/gen-orgs.mjs)', () => {
    const rows = readFileSync(resolve(repo, 'tests/fixtures/henan-exam-sites.csv'), 'utf8').trim().split('\n').slice(1)
    const sites = rows.map((r) => r.split(',')).filter((c) => c[0] === 'site').map((c) => ({ code: c[1], name: c[2] }))
    expect(SITES).toEqual(sites)
    expect(SITES).toHaveLength(18)
  })

  it('has the registration points seed-demo creates, under their sites', () => {
    const seed = readFileSync(resolve(repo, 'backend/app/src/seed.rs'), 'utf8')
    const points = [...seed.matchAll(/\("(\d{8})", "([^"]+)", "(\d{6})"\)/g)].map((m) => ({ code: m[1], name: m[2], site: m[3] }))
    expect(POINTS).toEqual(points)
    expect(pointsOf('410100').map((p) => p.code)).toEqual(['41010501', '41010502', '41010503'])
    expect(pointsOf('410200')).toEqual([])
  })
})

describe('registration words', () => {
  it('names every material kind of backend/core/src/registration/materials.rs in both languages', () => {
    const src = readFileSync(resolve(repo, 'backend/core/src/registration/materials.rs'), 'utf8')
    const block = /MATERIAL_KINDS: &\[&str\] = &\[([\s\S]*?)\];/.exec(src)?.[1] ?? ''
    const kinds = [...block.matchAll(/"([a-z_]+)"/g)].map((m) => m[1] ?? '')
    expect(kinds.length).toBeGreaterThan(15)
    for (const locale of ['zh-CN', 'en-US'] as const) {
      const known = Object.keys(messages[locale].reg.materials)
      expect(kinds.filter((k) => !known.includes(k)), locale).toEqual([])
    }
  })

  it('has field labels for every section.field the wizard can report', () => {
    const zh = messages['zh-CN'].reg.fields
    const en = messages['en-US'].reg.fields
    expect(Object.keys(zh)).toEqual(Object.keys(en))
    for (const section of Object.keys(zh) as (keyof typeof zh)[]) expect(Object.keys(zh[section])).toEqual(Object.keys(en[section]))
  })
})
