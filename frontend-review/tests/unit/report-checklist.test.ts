import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ReportChecklist from '@/components/ReportChecklist.vue'
import { buildI18n } from '@/i18n'
import type { ChecklistItem } from '@/utils/ops-reports'

const items: ChecklistItem[] = [
  {
    item: 'long_transactions',
    level: 'fail',
    detail: '1 transaction open for 3600 s',
    advice: 'end the session holding it',
    evidence: ['pid 4242 idle in transaction 3600 s: UPDATE registrations …', 'pid 4243 active 12 s: SELECT …'],
  },
  { item: 'mail', level: 'warn', detail: 'no SMTP server configured: e-mails stay in the outbox', advice: 'set WEIKAO_SMTP_URL', evidence: [] },
  { item: 'session: 2027 春季', level: 'pass', detail: 'windows in order', advice: 'should not be shown', evidence: [] },
  { item: 'odd', level: 'unknown', detail: '', advice: '', evidence: [] },
]

function mountChecklist(props: Partial<InstanceType<typeof ReportChecklist>['$props']> = {}, locale: 'zh-CN' | 'en-US' = 'zh-CN') {
  const i18n = buildI18n(locale)
  return mount(ReportChecklist, { props: { items, label: '巡检项', failed: 1, warnings: 1, ...props }, global: { plugins: [i18n] }, attachTo: document.body })
}

beforeEach(() => {
  document.body.innerHTML = ''
})

describe('the inspection checklist', () => {
  it('shows the counts and every item in order, named in words', () => {
    const wrapper = mountChecklist()
    expect(wrapper.get('[data-testid="checklist-failed"]').text()).toBe('1')
    expect(wrapper.get('[data-testid="checklist-warnings"]').text()).toBe('1')
    expect(wrapper.get('[data-testid="checklist-total"]').text()).toBe('4')
    expect(wrapper.get('[data-testid="checklist-items"]').attributes('aria-label')).toBe('巡检项')
    const rows = wrapper.findAll('[data-testid="checklist-item"]')
    expect(rows.map((r) => r.attributes('data-level'))).toEqual(['fail', 'warn', 'pass', 'unknown'])
    expect(rows.map((r) => r.get('[data-testid="checklist-name"]').text())).toEqual(['长事务', '邮件发送', '考试：2027 春季', 'Odd'])
    expect(rows[0].attributes('data-item')).toBe('long_transactions')
    expect(rows[0].get('[data-testid="checklist-detail"]').text()).toBe('1 transaction open for 3600 s')
    expect(rows[3].get('[data-testid="checklist-detail"]').text()).toBe('—')
  })

  it('gives each result as a word and a symbol, not colour alone', () => {
    const wrapper = mountChecklist()
    const levels = wrapper.findAll('[data-testid="checklist-level"]')
    expect(levels.map((l) => l.text().replace(/\s+/g, ' '))).toEqual(['✕ 失败', '! 警告', '✓ 通过', '? 未知'])
    for (const level of levels) {
      const icon = level.get('[data-testid="checklist-icon"]')
      expect(icon.attributes('aria-hidden')).toBe('true')
      // the word is there besides the symbol
      expect(level.text().replace(icon.text(), '').trim().length).toBeGreaterThan(0)
    }
  })

  it('shows what to do only for an item that did not pass', () => {
    const wrapper = mountChecklist()
    const rows = wrapper.findAll('[data-testid="checklist-item"]')
    expect(rows[0].get('[data-testid="checklist-advice"]').text()).toBe('处理建议：end the session holding it')
    expect(rows[1].get('[data-testid="checklist-advice"]').text()).toBe('处理建议：set WEIKAO_SMTP_URL')
    expect(rows[2].find('[data-testid="checklist-advice"]').exists()).toBe(false)
    expect(rows[3].find('[data-testid="checklist-advice"]').exists()).toBe(false)
  })

  it('folds the evidence away until asked for, and folds it again', async () => {
    const wrapper = mountChecklist()
    const rows = wrapper.findAll('[data-testid="checklist-item"]')
    expect(rows[1].find('[data-testid="checklist-evidence-toggle"]').exists()).toBe(false)
    const toggle = rows[0].get('[data-testid="checklist-evidence-toggle"]')
    const list = rows[0].get('[data-testid="checklist-evidence"]')
    expect(toggle.text()).toContain('查看依据（2 项）')
    expect(toggle.attributes('aria-expanded')).toBe('false')
    expect(toggle.attributes('aria-controls')).toBe(list.attributes('id'))
    expect(list.isVisible()).toBe(false)
    await toggle.trigger('click')
    expect(toggle.attributes('aria-expanded')).toBe('true')
    expect(toggle.text()).toContain('收起依据')
    expect(list.isVisible()).toBe(true)
    expect(list.findAll('li').map((li) => li.text())).toEqual(items[0].evidence)
    await toggle.trigger('click')
    expect(list.isVisible()).toBe(false)
  })

  it('shows no counts without them, says when there is no item, and speaks English', () => {
    const empty = mountChecklist({ items: [], failed: undefined, warnings: undefined })
    expect(empty.find('[data-testid="checklist-counts"]').exists()).toBe(false)
    expect(empty.get('[data-testid="checklist-empty"]').text()).toBe('报告中没有检查项')
    const en = mountChecklist({}, 'en-US')
    const first = en.get('[data-testid="checklist-item"]')
    expect(first.get('[data-testid="checklist-level"]').text()).toContain('Fail')
    expect(first.get('[data-testid="checklist-name"]').text()).toBe('Long transactions')
    expect(first.get('[data-testid="checklist-advice"]').text()).toBe('What to do: end the session holding it')
    expect(first.get('[data-testid="checklist-evidence-toggle"]').text()).toContain('Show the evidence (2)')
  })
})
