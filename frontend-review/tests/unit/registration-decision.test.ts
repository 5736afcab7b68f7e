import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import RegistrationView from '@/views/RegistrationView.vue'
import { useSessionStore } from '@/stores/session'
import { saveQueueContext } from '@/composables/queue-context'
import type { ReasonView } from '@/api/types'
import { plugins, problem, settle, staff, Stub, testRouter, tokens } from './helpers'

const review = vi.hoisted(() => ({
  getRegistration: vi.fn(),
  revealIdNumber: vi.fn(),
  listRegistrations: vi.fn(),
  listFindings: vi.fn(),
  reverify: vi.fn(),
  listReasons: vi.fn(),
  decide: vi.fn(),
}))
vi.mock('@/api/review', () => review)
const materials = vi.hoisted(() => ({ createMaterialLink: vi.fn(), openMaterialFile: vi.fn() }))
vi.mock('@/api/materials', () => materials)
vi.mock('@/api/supplements', async () => (await import('./helpers')).noSupplementApi())

const A = '1901c8c1-8dd6-44a4-ba9e-b02f3e1ccff5'
const B = '20aa6ca8-3325-431d-93c4-d4b89eae67db'
const M1 = '6a3c8f0e-0f4b-4f7e-9a43-1f6f3f0c9a01'
const M2 = '6a3c8f0e-0f4b-4f7e-9a43-1f6f3f0c9a02'
const M3 = '6a3c8f0e-0f4b-4f7e-9a43-1f6f3f0c9a03'

const reason = (code: string, label: string, target: string, subject: string | null, sort: number, active = true): ReasonView => ({
  code,
  label,
  target,
  subject,
  active,
  sort,
})
const CATALOG = [
  reason('photo_blurred', '照片模糊或不符合规格', 'material', 'photo', 10),
  reason('work_certificate_missing', '缺少单位出具的工作年限证明', 'material', 'work_years_certificate', 40),
  reason('work_unit_mismatch', '工作单位与证明材料不一致', 'field', 'work', 110),
  reason('duplicate_registration', '重复报名', 'general', null, 201),
  reason('old_reason', '已停用的原因', 'general', null, 950, false),
]

const material = (id: string, kind: string, contentType: string, extra: Record<string, unknown> = {}) => ({
  id,
  kind,
  content_type: contentType,
  size_bytes: 204800,
  sha256: 'a'.repeat(64),
  status: 'uploaded',
  reject_reason: null,
  uploaded_at: '2026-11-25T08:00:00Z',
  ...extra,
})

const detail = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  session_id: '239c40d9-13a9-4e36-ae42-3f3fb0075119',
  exam_type: 'health_tech',
  session_name: '2027年度卫生专业技术资格考试（河南考区）',
  status: 'submitted',
  current_level: 'point',
  version: 4,
  candidate_name: '张晓燕',
  id_number_masked: '410105********0245',
  org_id: null,
  submitted_at: '2026-11-25T21:30:46Z',
  form: { identity: { name: '张晓燕' }, work: { unit_name_manual: '郑州大学第一附属医院', work_started_on: '2012-08-01' } },
  materials: [
    material(M2, 'work_years_certificate', 'application/pdf'),
    material(M1, 'photo', 'image/jpeg', { status: 'rejected', reject_reason: '背景不是白色' }),
    material(M3, 'diploma', 'image/png', { status: 'accepted' }),
  ],
  timeline: [
    {
      level: 'point',
      action: 'submit',
      actor_kind: 'candidate',
      comment: null,
      comment_public: false,
      reason_codes: [],
      from_status: 'draft',
      to_status: 'submitted',
      at: '2026-11-20T08:00:00Z',
      returned_fields: [],
      returned_materials: [],
    },
    {
      level: 'point',
      action: 'return',
      actor_kind: 'staff',
      comment: '照片请重新拍摄',
      comment_public: true,
      reason_codes: ['photo_blurred', 'old_reason', 'gone_code'],
      from_status: 'submitted',
      to_status: 'returned',
      at: '2026-11-21T08:00:00Z',
      returned_fields: ['work', 'identity.ethnicity'],
      returned_materials: ['photo'],
    },
    {
      level: 'point',
      action: 'resubmit',
      actor_kind: 'candidate',
      comment: '已核对',
      comment_public: false,
      reason_codes: [],
      from_status: 'returned',
      to_status: 'resubmitted',
      at: '2026-11-22T08:00:00Z',
      returned_fields: [],
      returned_materials: [],
    },
  ],
  ...overrides,
})

async function setup(id: string, who: Partial<ReturnType<typeof staff>> = { review_level: 'point' }) {
  const { pinia, i18n } = plugins()
  const session = useSessionStore(pinia)
  session.setTokens(tokens())
  session.staff = staff(who)
  const router = testRouter([
    { path: '/registrations/:id', name: 'registration', component: RegistrationView },
    { path: '/queue', name: 'queue', component: Stub('queue') },
  ])
  await router.push(`/registrations/${id}`)
  const wrapper = mount({ template: '<router-view />' }, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await settle()
  return { wrapper, router }
}


const key = (k: string, target: EventTarget = window) => {
  target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }))
  return settle()
}

/** Sets an Element Plus select (by its test id) as a user choosing options would. */
async function choose(wrapper: VueWrapper, testId: string, value: string[]): Promise<void> {
  const select = wrapper.findAllComponents({ name: 'ElSelect' }).find((c) => c.attributes('data-testid') === testId)
  if (!select) throw new Error(`no select ${testId}`)
  select.vm.$emit('update:modelValue', value)
  await settle()
}

function selected(wrapper: VueWrapper, testId: string): unknown {
  const select = wrapper.findAllComponents({ name: 'ElSelect' }).find((c) => c.attributes('data-testid') === testId)
  return select?.props('modelValue')
}

beforeEach(() => {
  sessionStorage.clear()
  document.body.innerHTML = ''
  Object.values(review).forEach((f) => f.mockReset())
  Object.values(materials).forEach((f) => f.mockReset())
  review.getRegistration.mockImplementation(async (id: string) => detail(id))
  review.listFindings.mockResolvedValue([])
  review.listReasons.mockResolvedValue(CATALOG)
})

describe('decision bar', () => {
  it('is shown to a reviewer at the level the registration waits at, and only then', async () => {
    const point = await setup(A)
    expect(review.listReasons).toHaveBeenCalledWith(true)
    expect(point.wrapper.find('[data-testid="decision-bar"]').exists()).toBe(true)
    expect(point.wrapper.find('[data-testid="decision-unavailable"]').exists()).toBe(false)
    point.wrapper.unmount()

    const site = await setup(A, { review_level: 'site' })
    expect(site.wrapper.find('[data-testid="decision-bar"]').exists()).toBe(false)
    expect(site.wrapper.get('[data-testid="decision-unavailable"]').attributes('data-reason')).toBe('other_level')
    site.wrapper.unmount()

    const admin = await setup(A, { role: 'region_admin', review_level: null })
    expect(admin.wrapper.find('[data-testid="decision-bar"]').exists()).toBe(false)
    expect(admin.wrapper.find('[data-testid="decision-unavailable"]').exists()).toBe(false)
    admin.wrapper.unmount()

    review.getRegistration.mockImplementation(async (id: string) => detail(id, { status: 'returned' }))
    const returned = await setup(A)
    expect(returned.wrapper.find('[data-testid="decision-bar"]').exists()).toBe(false)
    expect(returned.wrapper.get('[data-testid="decision-unavailable"]').text()).toContain('退回修改')
    returned.wrapper.unmount()
  })

  it('returns with R: catalog reasons grouped, the section and kind pre-selected, a public comment; then the next registration opens', async () => {
    saveQueueContext({ ids: [A, B], query: {} })
    review.decide.mockResolvedValue({ id: A, status: 'returned', current_level: 'point', version: 5 })
    const { wrapper, router } = await setup(A)
    await key('r')
    const form = wrapper.get('[data-testid="decision-form"]')
    expect(form.attributes('data-action')).toBe('return')
    expect(wrapper.get('[data-testid="decision-return"]').attributes('aria-pressed')).toBe('true')

    // the picker: material reasons by kind, field reasons by section, then the general ones; no retired reason
    const groups = wrapper.findAllComponents({ name: 'ElOptionGroup' }).map((g) => g.props('label'))
    expect(groups.slice(0, 4)).toEqual(['表单 · 工作信息', '材料 · 本人证件照', '材料 · 工作年限证明', '通用原因'])
    const offered = wrapper.findAllComponents({ name: 'ElOption' }).map((o) => o.props('value'))
    expect(offered).toContain('work_certificate_missing')
    expect(offered).not.toContain('old_reason')

    await choose(wrapper, 'decision-reasons', ['work_certificate_missing'])
    expect(selected(wrapper, 'decision-materials')).toEqual(['work_years_certificate'])
    await choose(wrapper, 'decision-reasons', ['work_certificate_missing', 'work_unit_mismatch'])
    expect(selected(wrapper, 'decision-fields')).toEqual(['work'])
    // the reviewer narrows the returned part to one field
    await choose(wrapper, 'decision-fields', ['work.unit_name_manual'])

    const comment = wrapper.get('textarea[data-testid="decision-comment"]')
    await comment.setValue('请上传加盖单位公章的工作年限证明')
    // typing an R in the comment does not switch the action
    await key('j', comment.element)
    expect(wrapper.get('[data-testid="decision-form"]').attributes('data-action')).toBe('return')
    await wrapper.get('[data-testid="decision-public"]').trigger('click')
    await wrapper.get('[data-testid="decision-submit"]').trigger('click')
    await settle()

    expect(review.decide).toHaveBeenCalledWith(A, {
      version: 4,
      action: 'return',
      reason_codes: ['work_certificate_missing', 'work_unit_mismatch'],
      comment: '请上传加盖单位公章的工作年限证明',
      comment_public: true,
      returned_fields: ['work.unit_name_manual'],
      returned_materials: ['work_years_certificate'],
    })
    expect(document.body.textContent).toContain('已退回考生修改')
    expect(router.currentRoute.value.params.id).toBe(B)
    wrapper.unmount()
  })

  it('does not send a return without a reason', async () => {
    const { wrapper } = await setup(A)
    await wrapper.get('[data-testid="decision-return"]').trigger('click')
    await wrapper.get('[data-testid="decision-submit"]').trigger('click')
    await settle()
    expect(review.decide).not.toHaveBeenCalled()
    // Element Plus shows a form item's error after a short debounce
    await vi.waitFor(() => expect(wrapper.get('[data-testid="decision-form"]').text()).toContain('请至少选择一个原因'))
    wrapper.unmount()
  })

  it('approves with A (focus on the confirm button), says where it went, and goes back to the queue at the end of the page', async () => {
    saveQueueContext({ ids: [B, A], query: { page: '3' } })
    review.decide.mockResolvedValue({ id: A, status: 'submitted', current_level: 'site', version: 5 })
    const { wrapper, router } = await setup(A)
    await key('A')
    expect(wrapper.get('[data-testid="decision-form"]').attributes('data-action')).toBe('approve')
    expect(wrapper.find('[data-testid="decision-reasons"]').exists()).toBe(false)
    expect(document.activeElement).toBe(wrapper.get('[data-testid="decision-submit"]').element)
    await wrapper.get('[data-testid="decision-submit"]').trigger('click')
    await settle()
    expect(review.decide).toHaveBeenCalledWith(A, expect.objectContaining({ version: 4, action: 'approve', reason_codes: [], comment: null }))
    expect(document.body.textContent).toContain('已审核通过，转交考点审核')
    expect(router.currentRoute.value.fullPath).toBe('/queue?page=3')
    wrapper.unmount()
  })

  it('says “someone else decided” on a version conflict and reloads on Refresh, without an error page', async () => {
    review.decide.mockRejectedValue(problem(409, 'version_conflict'))
    const { wrapper } = await setup(A)
    await key('j')
    await choose(wrapper, 'decision-reasons', ['duplicate_registration'])
    await wrapper.get('[data-testid="decision-submit"]').trigger('click')
    await settle()
    expect(review.decide).toHaveBeenCalledWith(A, expect.objectContaining({ action: 'reject', reason_codes: ['duplicate_registration'] }))
    const conflict = wrapper.get('[data-testid="decision-conflict"]')
    expect(conflict.text()).toContain('其他人已处理此报名')
    expect(wrapper.find('[data-testid="not-found"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="candidate-name"]').text()).toBe('张晓燕')
    // the shortcuts do nothing until the page is refreshed
    await key('a')
    expect(wrapper.find('[data-testid="decision-form"]').exists()).toBe(false)

    review.getRegistration.mockImplementation(async (id: string) => detail(id, { status: 'rejected', current_level: null, version: 5 }))
    await wrapper.get('[data-testid="decision-refresh"]').trigger('click')
    await settle()
    expect(review.getRegistration).toHaveBeenCalledTimes(2)
    expect(wrapper.find('[data-testid="decision-bar"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="decision-unavailable"]').text()).toContain('审核不通过')
    wrapper.unmount()
  })

  it('offers Refresh for the other conflicts and shows field errors from the server next to the field', async () => {
    review.decide.mockRejectedValueOnce(problem(409, 'review_window_closed'))
    const { wrapper } = await setup(A)
    await key('a')
    await wrapper.get('[data-testid="decision-submit"]').trigger('click')
    await settle()
    const stale = wrapper.get('[data-testid="decision-stale"]')
    expect(stale.text()).toContain('审核时间未开始或已结束')
    expect(stale.find('[data-testid="decision-refresh"]').exists()).toBe(true)

    review.decide.mockRejectedValueOnce(problem(422, 'validation_failed', { errors: { reason_codes: ['reason_code_unknown'] } }))
    await key('r')
    await choose(wrapper, 'decision-reasons', ['photo_blurred'])
    await wrapper.get('[data-testid="decision-submit"]').trigger('click')
    await settle()
    await vi.waitFor(() => expect(wrapper.get('[data-testid="decision-form"]').text()).toContain('原因不在原因目录中'))
    expect(wrapper.get('[data-testid="error"]').text()).toContain('输入有误')
    wrapper.unmount()
  })
})

describe('materials viewer', () => {
  it('lists the materials by kind with their status and reject reason', async () => {
    const { wrapper } = await setup(A)
    const items = wrapper.findAll('[data-testid="material"]')
    expect(items.map((i) => i.attributes('data-kind'))).toEqual(['photo', 'diploma', 'work_years_certificate'])
    expect(items[0].text()).toContain('本人证件照')
    expect(items[0].get('[data-testid="material-status"]').text()).toBe('已退回')
    expect(items[0].get('[data-testid="material-reject-reason"]').text()).toBe('退回原因：背景不是白色')
    expect(items[1].get('[data-testid="material-status"]').text()).toBe('已通过')
    expect(items[2].get('[data-testid="material-open"]').attributes('aria-label')).toBe('查看工作年限证明')
    wrapper.unmount()
  })

  it('opens an image with zoom and rotation, steps to the PDF, and revokes the files it fetched', async () => {
    const revoke = vi.fn()
    Object.assign(URL, { revokeObjectURL: revoke })
    materials.createMaterialLink.mockImplementation(async (id: string) => ({ url: `http://127.0.0.1:8080/api/v1/files/tok-${id}`, expires_at: '2026-11-25T09:00:00Z' }))
    materials.openMaterialFile.mockImplementation(async (link: { url: string }) => ({ src: `blob:${link.url.slice(-4)}`, revoke: true }))
    const { wrapper } = await setup(A)
    await wrapper.findAll('[data-testid="material-open"]')[1].trigger('click')
    await settle()
    expect(materials.createMaterialLink).toHaveBeenCalledWith(M3)
    const viewer = () => document.querySelector<HTMLElement>('[data-testid="material-viewer"]')!
    expect(viewer().dataset.kind).toBe('diploma')
    expect(viewer().querySelector('[data-testid="viewer-position"]')!.textContent).toContain('第 2 份，共 3 份')
    const img = viewer().querySelector<HTMLImageElement>('[data-testid="viewer-image"]')!
    expect(img.getAttribute('src')).toBe(`blob:${M3.slice(-4)}`)
    expect(img.getAttribute('alt')).toContain('毕业证书')

    viewer().querySelector<HTMLButtonElement>('[data-testid="viewer-zoom-in"]')!.click()
    viewer().querySelector<HTMLButtonElement>('[data-testid="viewer-rotate-right"]')!.click()
    await settle()
    expect(viewer().querySelector('[data-testid="viewer-zoom"]')!.textContent).toContain('125%')
    expect(viewer().querySelector('[data-testid="viewer-rotation"]')!.textContent).toContain('90°')
    await key('r')
    expect(viewer().querySelector('[data-testid="viewer-image"]')!.getAttribute('data-rotation')).toBe('180')
    // R rotates inside the viewer: it does not choose “return” on the page behind it
    expect(wrapper.find('[data-testid="decision-form"]').exists()).toBe(false)

    await key('ArrowRight')
    expect(materials.createMaterialLink).toHaveBeenLastCalledWith(M2)
    expect(viewer().dataset.kind).toBe('work_years_certificate')
    const pdf = viewer().querySelector('object[data-testid="viewer-pdf"]')!
    expect(pdf.getAttribute('type')).toBe('application/pdf')
    expect(pdf.getAttribute('data')).toBe(`blob:${M2.slice(-4)}`)
    expect(viewer().querySelector<HTMLButtonElement>('[data-testid="viewer-next"]')!.disabled).toBe(true)
    // the photo before it was fetched once; going back uses it again
    await key('ArrowLeft')
    expect(materials.createMaterialLink).toHaveBeenCalledTimes(2)
    expect(viewer().querySelector('[data-testid="viewer-zoom"]')!.textContent).toContain('100%')

    wrapper.unmount()
    expect(revoke).toHaveBeenCalledTimes(2)
  })

  it('says why a file cannot be opened', async () => {
    materials.createMaterialLink.mockRejectedValue(problem(404, 'not_found'))
    const { wrapper } = await setup(A)
    await wrapper.findAll('[data-testid="material-open"]')[0].trigger('click')
    await settle()
    expect(document.querySelector('[data-testid="material-viewer"] [data-testid="error"]')!.textContent).toContain('记录不存在')
    wrapper.unmount()
  })
})

describe('staff timeline', () => {
  it('shows each action newest first with level, actor, catalog labels, returned parts and the comment’s visibility', async () => {
    const { wrapper } = await setup(A)
    const entries = wrapper.findAll('[data-testid="timeline-entry"]')
    expect(entries.map((e) => e.attributes('data-action'))).toEqual(['resubmit', 'return', 'submit'])
    const returned = entries[1]
    expect(returned.get('[data-testid="timeline-action"]').text()).toBe('退回修改')
    expect(returned.get('[data-testid="timeline-level"]').text()).toBe('报名点')
    expect(returned.get('[data-testid="timeline-actor"]').text()).toBe('审核人员')
    // labels from the catalog, also for a retired reason; an unknown code as it is
    expect(returned.findAll('[data-testid="timeline-reason"]').map((r) => r.text())).toEqual(['照片模糊或不符合规格', '已停用的原因', 'gone_code'])
    expect(returned.get('[data-testid="timeline-fields"]').text()).toBe('工作信息（整部分）、身份信息 · 民族')
    expect(returned.get('[data-testid="timeline-materials"]').text()).toBe('本人证件照')
    expect(returned.get('[data-testid="timeline-visibility"]').text()).toBe('考生可见')
    expect(returned.get('[data-testid="timeline-comment"]').text()).toBe('照片请重新拍摄')
    expect(entries[0].get('[data-testid="timeline-visibility"]').text()).toBe('仅内部可见')
    expect(entries[2].find('[data-testid="timeline-comment"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
