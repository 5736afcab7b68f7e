// Routing guards, help content, the privacy notice file, the Vant barrel and display preferences.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { applyToDocument, usePreferences } from '@/composables/preferences'
import enHelp from '@/content/help/en-US.json'
import zhHelp from '@/content/help/zh-CN.json'
import { REQUIRED_TOPICS, type HelpContent } from '@/content/help'
import notice from '@/content/privacy-notice.json'
import { guard } from '@/router'
import { routes } from '@/router/routes'

const src = resolve(__dirname, '../../src')

describe('route guards', () => {
  const router = createRouter({ history: createMemoryHistory(), routes })
  const at = (path: string) => router.resolve(path)

  it('sends signed-out visitors of private pages to login, keeping where they wanted to go', () => {
    expect(guard(at('/'), false)).toEqual({ name: 'login', query: {} })
    expect(guard(at('/?x=1'), false)).toEqual({ name: 'login', query: { redirect: '/?x=1' } })
    expect(guard(at('/'), true)).toBeUndefined()
  })

  it('keeps signed-in candidates out of login and sign-up, but not out of help', () => {
    expect(guard(at('/login'), true)).toEqual({ name: 'home' })
    expect(guard(at('/signup'), true)).toEqual({ name: 'home' })
    expect(guard(at('/help'), true)).toBeUndefined()
    expect(guard(at('/help'), false)).toBeUndefined()
    expect(at('/no/such/page').name).toBe('not-found')
  })
})

describe('help content', () => {
  const locales: [string, HelpContent][] = [
    ['zh-CN', zhHelp],
    ['en-US', enHelp],
  ]
  it('has the same exams and every required topic in both languages', () => {
    const shape = (c: HelpContent) => c.exams.map((e) => `${e.id}:${e.topics.map((tp) => tp.id).join(',')}`)
    expect(shape(zhHelp)).toEqual(shape(enHelp))
    expect(zhHelp.exams.map((e) => e.id)).toEqual(['health_tech', 'physician', 'nurse'])
    for (const [, c] of locales) {
      for (const e of c.exams) expect(e.topics.map((tp) => tp.id)).toEqual([...REQUIRED_TOPICS])
      expect(c.faq.length).toBe(zhHelp.faq.length)
    }
  })

  it('has no empty texts', () => {
    for (const [locale, c] of locales) {
      const texts = JSON.stringify(c).match(/"(?:[^"\\]|\\.)*"/g) ?? []
      expect(texts.filter((t) => t === '""'), locale).toEqual([])
    }
  })
})

describe('privacy notice', () => {
  it('keeps version and text together, in both languages', () => {
    expect(notice.version).toMatch(/^\d{4}-\d{2}$/)
    expect(notice['zh-CN'].sections.length).toBe(notice['en-US'].sections.length)
    expect(notice['zh-CN'].sections.length).toBeGreaterThan(3)
  })
})

describe('Vant imports', () => {
  const barrel = readFileSync(join(src, 'ui/vant.ts'), 'utf8')
  const kebab = (s: string) => s.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()

  it('imports the stylesheet of every component it exports', () => {
    const exported = /export \{([^}]*)\} from 'vant'/.exec(barrel)?.[1] ?? ''
    const names = exported.split(',').map((s) => s.trim()).filter(Boolean)
    expect(names.length).toBeGreaterThan(10)
    for (const name of names) {
      const folder = name.startsWith('show') ? kebab(name.replace(/^show(Confirm|Success)?/, '')) : kebab(name)
      if (name === 'Locale') continue
      expect(barrel, name).toContain(`import 'vant/es/${folder}/style/index.mjs'`)
    }
  })

  it('is the only place that imports from vant (except locale packs in main.ts)', () => {
    const offenders: string[] = []
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f)
        if (statSync(p).isDirectory()) walk(p)
        else if (/\.(ts|vue)$/.test(f) && !p.endsWith('ui/vant.ts') && /from 'vant'/.test(readFileSync(p, 'utf8'))) offenders.push(p)
      }
    }
    walk(src)
    expect(offenders).toEqual([])
  })
})

describe('no exotic browser APIs (older WeChat webviews)', () => {
  it('avoids APIs missing from iOS 13 / Chrome 87 era webviews', () => {
    const banned = [/\.at\(/, /structuredClone/, /Object\.hasOwn\(/, /\.replaceAll\(/, /navigator\.share/, /\.findLast\(/, /\?\?=/]
    const hits: string[] = []
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f)
        if (statSync(p).isDirectory()) walk(p)
        else if (/\.(ts|vue)$/.test(f) && !f.endsWith('.d.ts')) {
          const text = readFileSync(p, 'utf8')
          for (const re of banned) if (re.test(text)) hits.push(`${p}: ${re}`)
        }
      }
    }
    walk(src)
    expect(hits).toEqual([])
  })
})

describe('display preferences', () => {
  it('large-text mode and the language are applied to <html> and remembered', async () => {
    const { largeText, locale } = usePreferences()
    largeText.value = true
    locale.value = 'en-US'
    await nextTick()
    applyToDocument()
    expect(document.documentElement.classList.contains('wk-large-text')).toBe(true)
    expect(document.documentElement.lang).toBe('en-US')
    expect(JSON.parse(localStorage.getItem('weikao.candidate.preferences') ?? '{}')).toEqual({ largeText: true, locale: 'en-US' })
    largeText.value = false
    locale.value = 'zh-CN'
    await nextTick()
    expect(document.documentElement.classList.contains('wk-large-text')).toBe(false)
  })
})

describe('loadHelp', () => {
  it('shows the help centre as the region published it', async () => {
    const edited = { ...zhHelp, notice: '2027 年报名时间以考区公告为准。' }
    const { loadHelp } = await import('@/content/help')
    const got = await loadHelp('zh-CN', async () => ({ content: edited, version: 3, edited: true }))
    expect(got.notice).toBe('2027 年报名时间以考区公告为准。')
  })

  it('falls back to the bundled copy when the server cannot be reached', async () => {
    const { loadHelp } = await import('@/content/help')
    const got = await loadHelp('en-US', async () => {
      throw new TypeError('Failed to fetch')
    })
    expect(got.notice).toBe(enHelp.notice)
  })
})
