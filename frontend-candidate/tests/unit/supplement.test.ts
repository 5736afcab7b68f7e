// Supplementary materials of a nurse fresh graduate (材料补充填报): the words for every status and window
// (supplement/state.ts), the deadline with the days left, the submit button's states; GET …/supplement's 404
// `no_supplement` as "nothing owed"; the notice on the home card and the progress page; the supplement page
// inside the real app plumbing (network scripted, uploads on a fake XMLHttpRequest through the materials
// step's own machinery): upload, submit, a version conflict reloaded, every refusal in Chinese, read-only states.
import { flushPromises, type DOMWrapper, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApiClient, installApiClient } from '@/api/client'
import { ApiError } from '@/api/errors'
import { findSupplement, isNoSupplement } from '@/api/supplements'
import type { ServiceStatus, SupplementView, TimelineItem } from '@/api/types'
import { uploadSupplementMaterial } from '@/api/upload'
import { createAppI18n } from '@/i18n'
import type { Message } from '@/payments/next'
import {
  deadline,
  handledAt,
  isOwed,
  missingKinds,
  nextStep,
  reasonMessage,
  returnedKinds,
  submitBlock,
  submitBlockMessage,
  supplementTone,
} from '@/supplement/state'
import HomeView from '@/views/home/HomeView.vue'
import RegistrationDetailView from '@/views/registration/RegistrationDetailView.vue'
import SupplementMaterialsView from '@/views/supplement/SupplementMaterialsView.vue'
import { FakeXhr, installFakeXhr, problemBody } from './fake-xhr'
import { fileOf, KiB, pdfBytes } from './fixtures/files'
import { material, nurseSession } from './fixtures/registration'
import { paidNurse, supplement } from './fixtures/supplement'
import { json, mountView, problem, scriptedFetch, type Call, type Reply } from './helpers'

const i18n = createAppI18n('zh-CN')
const say = (m: Message | null) => (m ? i18n.global.t(m.key, m.named ?? {}) : '')
const kindName = (k: string) => i18n.global.t(`reg.materials.${k}`)
// 2026-12-05 12:00 in Beijing; the window closes 2027-01-19 18:00 (45 days and 6 hours later)
const NOW = Date.parse('2026-12-05T04:00:00Z')
const signedIn = { signedIn: true }
const diplomaPdf = () => fileOf(pdfBytes(), 300 * KiB, 'diploma.pdf', 'application/pdf')
const status: ServiceStatus = { payments: { available: true, code: null }, uploads: { available: true, code: null } }

describe('supplement words (supplement/state.ts)', () => {
  it('says what to do next for every status and window', () => {
    const next = (over: Partial<SupplementView>) => say(nextStep(supplement(over), kindName))
    expect(next({})).toBe('请上传毕业证书并提交考区审核')
    expect(next({ status: 'returned', reason: '毕业证书照片不清晰' })).toBe('补充材料被考区退回，请按退回原因重新上传毕业证书并提交')
    expect(next({ window: 'not_open', can_submit: false })).toBe('补充材料填报将于 2026-12-03 10:00 开始，届时请上传毕业证书')
    expect(next({ window: 'not_configured', opens_at: null, closes_at: null, can_submit: false })).toBe('补充材料（毕业证书）的填报时间尚未公布，请留意通知')
    expect(next({ window: 'closed', can_submit: false })).toBe('补充材料填报已截止，不能再上传或提交')
    expect(next({ status: 'submitted', can_submit: false })).toBe('已提交，等待考区审核')
    expect(next({ status: 'verified', can_submit: false })).toBe('补充材料已审核通过，无需再操作')
    expect(next({ status: 'rejected', can_submit: false })).toBe('补充材料审核未通过，如有疑问请联系考区')
    expect(next({ status: 'expired', window: 'closed', can_submit: false })).toBe('没有在截止时间前提交补充材料，已逾期')
    expect(next({ status: 'brand_new', can_submit: false })).toBe('查看补充材料的办理情况')
    expect(['pending', 'returned'].map(isOwed)).toEqual([true, true])
    expect(['submitted', 'verified', 'rejected', 'expired'].some(isOwed)).toBe(false)
    expect(['pending', 'submitted', 'verified', 'returned', 'rejected', 'expired'].map(supplementTone)).toEqual([
      'todo', 'waiting', 'done', 'problem', 'problem', 'problem',
    ])
  })

  it('gives the deadline in Beijing time, with the days left while it is owed and open', () => {
    expect(say(deadline(supplement(), NOW))).toBe('截止时间：2027-01-19 18:00（还剩 45 天）')
    expect(say(deadline(supplement(), Date.parse('2027-01-19T02:00:00Z')))).toBe('截止时间：2027-01-19 18:00（不足 1 天，请尽快提交）')
    expect(say(deadline(supplement({ status: 'submitted', can_submit: false }), NOW))).toBe('截止时间：2027-01-19 18:00')
    expect(say(deadline(supplement({ window: 'not_open' }), NOW))).toBe('截止时间：2027-01-19 18:00')
    expect(deadline(supplement({ closes_at: null, window: 'not_configured' }), NOW)).toBeNull()
  })

  it('gives the exam region’s reason and when it decided', () => {
    expect(say(reasonMessage(supplement({ status: 'returned', reason: '照片不清晰' })))).toBe('退回原因：照片不清晰')
    expect(say(reasonMessage(supplement({ status: 'rejected', reason: '非本人证书' })))).toBe('未通过原因：非本人证书')
    expect(reasonMessage(supplement({ status: 'verified', reason: null }))).toBeNull()
    expect(say(handledAt(supplement({ status: 'submitted', submitted_at: '2026-12-05T04:00:00Z' })))).toBe('提交时间：2026-12-05 12:00')
    expect(say(handledAt(supplement({ status: 'verified', decided_at: '2026-12-06T01:30:00Z' })))).toBe('审核时间：2026-12-06 09:30')
    expect(handledAt(supplement())).toBeNull()
  })

  it('knows which kinds are missing and which the region sent back', () => {
    const returned = supplement({ status: 'returned', materials: [material('diploma', { status: 'rejected', reject_reason: '不清晰' })] })
    expect(missingKinds(supplement())).toEqual(['diploma'])
    expect(missingKinds(returned)).toEqual([])
    expect(returnedKinds(returned)).toEqual(['diploma'])
    // once uploaded again, the new file waits for the next review
    expect(returnedKinds(returned, [material('diploma', { id: 'mat-2' })])).toEqual([])
    expect(returnedKinds(supplement({ materials: [material('diploma', { status: 'rejected' })] }))).toEqual([])
  })

  it('disables submit with the reason: not editable, window not open / not set / closed, uploading, missing', () => {
    const withFile = supplement({ materials: [material('diploma')] })
    const block = (over: Partial<SupplementView>, uploading = false) => submitBlock({ ...withFile, ...over }, undefined, uploading)
    expect(block({})).toBeNull()
    expect(block({ status: 'returned' })).toBeNull()
    expect(block({ status: 'submitted', can_submit: false })).toBe('not_editable')
    expect(block({ status: 'verified', can_submit: false })).toBe('not_editable')
    expect(block({ window: 'not_open', can_submit: false })).toBe('not_open')
    expect(block({ window: 'not_configured', can_submit: false })).toBe('not_configured')
    expect(block({ window: 'closed', can_submit: false })).toBe('closed')
    expect(block({}, true)).toBe('uploading')
    expect(submitBlock(supplement())).toBe('missing')
    // the files as the upload list has them count, not the ones read with the page
    expect(submitBlock(supplement(), [material('diploma')])).toBeNull()
    // a returned diploma is uploaded again before it goes back
    const returned = supplement({ status: 'returned', materials: [material('diploma', { status: 'rejected' })] })
    expect(submitBlock(returned)).toBe('returned')
    expect(submitBlock(returned, [material('diploma', { id: 'mat-2' })])).toBeNull()

    const words = (b: Parameters<typeof submitBlockMessage>[0], over: Partial<SupplementView> = {}) =>
      say(submitBlockMessage(b, supplement(over), kindName))
    expect(words('missing')).toBe('请先上传毕业证书，再提交')
    expect(words('returned', { status: 'returned', materials: [material('diploma', { status: 'rejected' })] })).toBe('请先按退回原因重新上传毕业证书，再提交')
    expect(words('not_open')).toBe('补充材料填报尚未开始（2026-12-03 10:00 开始），暂时不能提交')
    expect(words('not_open', { opens_at: null })).toBe('补充材料填报时间尚未公布，暂时不能提交')
    expect(words('not_configured')).toBe('补充材料填报时间尚未公布，暂时不能提交')
    expect(words('closed')).toBe('补充材料填报已于 2027-01-19 18:00 截止，不能再提交')
    expect(words('uploading')).toBe('正在上传，请等上传完成后再提交')
    expect(words('not_editable')).toBe('补充材料已提交或已审核，不能再修改')
  })
})

describe('the supplement API', () => {
  function install(script: Record<string, Reply | Reply[]>) {
    const { fetch, calls } = scriptedFetch(script)
    const store = { accessToken: () => 'access-1', refreshToken: () => 'refresh-1', save: () => undefined, clear: () => undefined }
    installApiClient(createApiClient({ tokens: store, onSessionEnded: () => undefined, baseUrl: 'http://test', fetch }))
    return calls
  }
  afterEach(() => vi.unstubAllGlobals())

  it('reads 404 no_supplement as nothing owed; any other failure is one', async () => {
    install({
      'GET /api/v1/registrations/reg-1/supplement': problem(404, 'no_supplement'),
      'GET /api/v1/registrations/reg-2/supplement': problem(404, 'not_found'),
      'GET /api/v1/registrations/reg-3/supplement': problem(503, 'database_unavailable'),
      'GET /api/v1/registrations/reg-4/supplement': json(200, supplement({ registration_id: 'reg-4' })),
    })
    await expect(findSupplement('reg-1')).resolves.toBeNull()
    await expect(findSupplement('reg-2')).rejects.toMatchObject({ code: 'not_found' })
    await expect(findSupplement('reg-3')).rejects.toBeInstanceOf(ApiError)
    await expect(findSupplement('reg-4')).resolves.toMatchObject({ registration_id: 'reg-4', status: 'pending' })
    expect(isNoSupplement(new ApiError({ kind: 'problem', status: 404, problem: { type: 'x', title: 'x', status: 404, code: 'no_supplement' } }))).toBe(true)
    expect(isNoSupplement(new ApiError({ kind: 'network' }))).toBe(false)
  })

  it('uploads a supplementary file to …/supplement/materials/{kind} with the same transport as any material', async () => {
    install({})
    installFakeXhr()
    const task = uploadSupplementMaterial('reg-1', 'diploma', diplomaPdf())
    const xhr = FakeXhr.sent[0]!
    expect(xhr.method).toBe('PUT')
    expect(xhr.url).toBe('http://test/api/v1/registrations/reg-1/supplement/materials/diploma')
    expect(xhr.auth).toBe('Bearer access-1')
    expect(xhr.headers['Content-Type']).toBe('application/octet-stream')
    xhr.respond(201, material('diploma'))
    await expect(task.done).resolves.toEqual(material('diploma'))
  })
})

// ---- screens

const item = (w: VueWrapper) => w.find('[data-testid="material-diploma"]')
const text = (w: VueWrapper, testid: string) => w.find(`[data-testid="${testid}"]`).text()

async function pick(input: DOMWrapper<Element>, file: File): Promise<void> {
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
  await input.trigger('change')
}

async function sent(n: number): Promise<FakeXhr> {
  await vi.waitFor(() => expect(FakeXhr.sent.length).toBeGreaterThanOrEqual(n))
  return FakeXhr.sent[n - 1]!
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
  vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined)
  installFakeXhr()
})

// every test unmounts its view; the body is not wiped, so the shared toast can close on its own time
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('the supplement notice on the home card', () => {
  const listItem = (over: Record<string, unknown> = {}) => ({
    id: 'reg-1',
    session_id: nurseSession.id,
    exam_type: 'nurse',
    session_name: nurseSession.name,
    status: 'paid',
    current_level: null,
    version: 7,
    submitted_at: '2026-11-25T03:00:00Z',
    updated_at: '2026-12-04T02:00:00Z',
    ...over,
  })
  const home = (mine: unknown[], extra: Record<string, Reply | Reply[]>) => ({
    'GET /api/v1/me': json(200, { kind: 'candidate', candidate: { id: 'c1', name: '赵雨萱', id_type: 'resident_id', id_number_masked: 'x', phone_masked: 'y' } }),
    'GET /api/v1/exam-sessions': json(200, []),
    'GET /api/v1/registrations': json(200, mine),
    'GET /api/v1/registrations/reg-1/payments/next': json(200, { payable: false, reason: 'already_paid' }),
    'GET /api/v1/registrations/reg-2/payments/next': json(200, { payable: false, reason: 'already_paid' }),
    ...extra,
  })

  it('shows an owed supplement with its deadline and the way to upload; the others show nothing', async () => {
    const { wrapper, router, calls } = await mountView(
      HomeView,
      '/',
      home([listItem(), listItem({ id: 'reg-2', session_name: '2027年度卫生专业技术资格考试（河南考区）' }), listItem({ id: 'reg-3', status: 'submitted' })], {
        'GET /api/v1/registrations/reg-1/supplement': json(200, supplement()),
        'GET /api/v1/registrations/reg-2/supplement': problem(404, 'no_supplement'),
      }),
      signedIn,
    )
    const cards = wrapper.findAll('[data-testid="my-registration"]')
    const notice = cards[0]!.find('[data-testid="supplement-notice"]')
    expect(cards[0]!.find('[data-testid="next-step"]').text()).toBe('已缴费，还须在截止时间前补充材料')
    expect(notice.attributes()).toMatchObject({ 'data-status': 'pending', 'data-window': 'open' })
    expect(notice.find('[data-testid="supplement-status"]').text()).toBe('待补充')
    expect(notice.find('[data-testid="supplement-next"]').text()).toBe('请上传毕业证书并提交考区审核')
    expect(notice.find('[data-testid="supplement-deadline"]').text()).toBe('截止时间：2027-01-19 18:00（还剩 45 天）')
    expect(notice.find('[data-testid="supplement-view"]').exists()).toBe(false)
    // nothing owed: no notice, no error, the paid text as before
    expect(cards[1]!.find('[data-testid="supplement-notice"]').exists()).toBe(false)
    expect(cards[1]!.find('[data-testid="next-step"]').text()).toBe('已缴费，报名完成')
    expect(wrapper.find('[data-testid="error-notice"]').exists()).toBe(false)
    // only paid registrations are asked
    expect(calls.filter((c) => c.path.endsWith('/supplement')).map((c) => c.path.split('/')[4])).toEqual(['reg-1', 'reg-2'])
    await notice.find('[data-testid="supplement-entry"]').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/registrations/reg-1/supplement'), { timeout: 5000 })
    expect(notice.find('[data-testid="supplement-entry"]').text()).toBe('去上传毕业证书')
    wrapper.unmount()
  })

  it('shows the reason of a return; a supplement that cannot be read is left out silently', async () => {
    const { wrapper } = await mountView(
      HomeView,
      '/',
      home([listItem(), listItem({ id: 'reg-2' })], {
        'GET /api/v1/registrations/reg-1/supplement': json(200, supplement({ status: 'returned', version: 3, reason: '毕业证书照片不清晰，请重新拍摄' })),
        'GET /api/v1/registrations/reg-2/supplement': problem(503, 'database_unavailable'),
      }),
      signedIn,
    )
    const cards = wrapper.findAll('[data-testid="my-registration"]')
    const notice = cards[0]!.find('[data-testid="supplement-notice"]')
    expect(notice.find('[data-testid="supplement-status"]').text()).toBe('被退回')
    expect(notice.find('[data-testid="supplement-reason"]').text()).toBe('退回原因：毕业证书照片不清晰，请重新拍摄')
    expect(notice.find('[data-testid="supplement-entry"]').text()).toBe('重新上传并提交')
    expect(cards[1]!.find('[data-testid="supplement-notice"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="error-notice"]').exists()).toBe(false)
    wrapper.unmount()
  })
})

describe('the supplement notice on the progress page', () => {
  const detail = (sup: Reply | Reply[], over: Record<string, Reply | Reply[]> = {}) => ({
    'GET /api/v1/registrations/reg-1': json(200, paidNurse()),
    'GET /api/v1/registrations/reg-1/payments/next': json(200, { payable: false, reason: 'already_paid' }),
    'GET /api/v1/registrations/reg-1/payments': json(200, []),
    'GET /api/v1/exam-sessions/session-nu': json(200, nurseSession),
    'GET /api/v1/service-status': json(200, status),
    'GET /api/v1/registrations/reg-1/materials': json(200, [material('photo')]),
    'GET /api/v1/registrations/reg-1/supplement': sup,
    ...over,
  })

  it('a pending supplement: status, deadline and the way to the supplement page', async () => {
    const { wrapper, router } = await mountView(RegistrationDetailView, '/registrations/reg-1', detail(json(200, supplement())), signedIn)
    // paid, but not done yet
    expect(text(wrapper, 'next-payment')).toBe('已缴费，还须在截止时间前补充材料')
    const notice = wrapper.find('[data-testid="supplement-notice"]')
    expect(notice.find('[data-testid="supplement-status"]').text()).toBe('待补充')
    expect(notice.find('[data-testid="supplement-deadline"]').text()).toBe('截止时间：2027-01-19 18:00（还剩 45 天）')
    const entry = notice.find('[data-testid="supplement-entry"]')
    expect(entry.text()).toBe('去上传毕业证书')
    await entry.trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/registrations/reg-1/supplement'), { timeout: 5000 })
    wrapper.unmount()
  })

  it('a rejected supplement: the reason, read-only, with a way to look at it', async () => {
    const rejected = supplement({ status: 'rejected', can_submit: false, reason: '证书信息与报名信息不一致', decided_at: '2026-12-06T01:30:00Z' })
    const { wrapper } = await mountView(RegistrationDetailView, '/registrations/reg-1', detail(json(200, rejected)), signedIn)
    const notice = wrapper.find('[data-testid="supplement-notice"]')
    expect(notice.find('[data-testid="supplement-status"]').text()).toBe('未通过')
    expect(notice.find('[data-testid="supplement-reason"]').text()).toBe('未通过原因：证书信息与报名信息不一致')
    expect(notice.find('[data-testid="supplement-at"]').text()).toBe('审核时间：2026-12-06 09:30')
    expect(notice.find('[data-testid="supplement-entry"]').exists()).toBe(false)
    expect(notice.find('[data-testid="supplement-view"]').text()).toBe('查看补充材料')
    expect(text(wrapper, 'next-payment')).toBe('已缴费，报名完成')
    wrapper.unmount()
  })

  it('nothing owed shows nothing; a failure to read says so with a retry; unpaid registrations are not asked', async () => {
    const none = await mountView(RegistrationDetailView, '/registrations/reg-1', detail(problem(404, 'no_supplement')), signedIn)
    expect(none.wrapper.find('[data-testid="supplement-notice"]').exists()).toBe(false)
    expect(none.wrapper.find('[data-testid="error-notice"]').exists()).toBe(false)
    none.wrapper.unmount()

    const failing = await mountView(
      RegistrationDetailView,
      '/registrations/reg-1',
      detail([problem(503, 'database_unavailable'), json(200, supplement({ status: 'submitted', can_submit: false }))]),
      signedIn,
    )
    const failure = failing.wrapper.find('[data-testid="supplement-failure"]')
    expect(failure.text()).toContain('暂时无法读取补充材料的办理情况。系统繁忙，请稍后重试')
    await failure.find('button').trigger('click')
    await flushPromises()
    expect(failing.wrapper.find('[data-testid="supplement-failure"]').exists()).toBe(false)
    expect(text(failing.wrapper, 'supplement-status')).toBe('待考区审核')
    failing.wrapper.unmount()

    const submitted = await mountView(
      RegistrationDetailView,
      '/registrations/reg-1',
      { 'GET /api/v1/registrations/reg-1': json(200, paidNurse({ status: 'submitted', current_level: 'site' })) },
      signedIn,
    )
    expect(submitted.calls.some((c) => c.path.endsWith('/supplement'))).toBe(false)
    submitted.wrapper.unmount()
  })

  it('names the supplement’s steps in the timeline', async () => {
    const step = (action: string, at: string, over: Partial<TimelineItem> = {}): TimelineItem => ({
      level: null,
      action,
      actor_kind: 'system',
      comment: null,
      reason_codes: [],
      from_status: 'paid',
      to_status: 'paid',
      at,
      returned_fields: [],
      returned_materials: [],
      ...over,
    })
    const timeline = [
      step('supplement_submit', '2026-12-05T01:00:00Z', { actor_kind: 'candidate' }),
      step('supplement_return', '2026-12-05T02:00:00Z', { actor_kind: 'staff', level: 'region', comment: '照片不清晰' }),
      step('supplement_reject', '2026-12-05T03:00:00Z', { actor_kind: 'staff', level: 'region', comment: '非本人证书' }),
      step('supplement_accept', '2026-12-05T04:00:00Z', { actor_kind: 'staff', level: 'region' }),
      step('supplement_expire', '2026-12-05T05:00:00Z'),
    ]
    const { wrapper } = await mountView(
      RegistrationDetailView,
      '/registrations/reg-1',
      detail(json(200, supplement({ status: 'verified', can_submit: false })), { 'GET /api/v1/registrations/reg-1': json(200, paidNurse({ timeline })) }),
      signedIn,
    )
    const items = wrapper.findAll('[data-testid="timeline-item"]').map((i) => i.find('.wk-timeline__what').text())
    expect(items).toEqual(['补充材料已提交 · 本人', '补充材料被退回 · 考区', '补充材料未通过 · 考区', '补充材料审核通过 · 考区', '补充材料已逾期'])
    expect(wrapper.findAll('[data-testid="timeline-item"]')[1]!.text()).toContain('审核意见：照片不清晰')
    wrapper.unmount()
  })
})

describe('the supplement page', () => {
  const page = (sup: Reply | Reply[], over: Record<string, Reply | Reply[]> = {}) => ({
    'GET /api/v1/registrations/reg-1': json(200, paidNurse()),
    'GET /api/v1/registrations/reg-1/supplement': sup,
    'GET /api/v1/service-status': json(200, status),
    'POST /api/v1/materials/mat-diploma/link': json(200, { url: 'https://files.test/diploma.jpg', expires_at: '2026-12-05T05:00:00Z' }),
    ...over,
  })
  const open = (script: Record<string, Reply | Reply[]>) => mountView(SupplementMaterialsView, '/registrations/reg-1/supplement', script, signedIn)
  const submitButton = (w: VueWrapper) => w.find('[data-testid="supplement-submit"]')
  const submits = (calls: Call[]) => calls.filter((c) => c.method === 'POST' && c.path.endsWith('/supplement/submit')).map((c) => c.body)

  it('uploads the diploma with the materials machinery, then submits it on the version seen', async () => {
    const submitted = supplement({ status: 'submitted', version: 2, can_submit: false, materials: [material('diploma')], submitted_at: '2026-12-05T04:00:00Z' })
    const { wrapper, calls } = await open(page(json(200, supplement()), { 'POST /api/v1/registrations/reg-1/supplement/submit': json(200, submitted) }))
    expect(text(wrapper, 'supplement-session')).toBe(nurseSession.name)
    expect(text(wrapper, 'supplement-status')).toBe('待补充')
    expect(text(wrapper, 'supplement-deadline')).toBe('截止时间：2027-01-19 18:00（还剩 45 天）')
    // the page itself has no way "to the page"
    expect(wrapper.find('[data-testid="supplement-entry"]').exists()).toBe(false)
    const diploma = item(wrapper)
    expect(diploma.find('h3').text()).toBe('毕业证书')
    expect(diploma.find('[data-testid="material-status"]').text()).toBe('未上传')
    expect(diploma.find('[data-testid="material-camera"]').attributes()).toMatchObject({ accept: 'image/*', capture: 'environment' })
    expect(diploma.find('[data-testid="material-choose"]').attributes('accept')).toBe('image/*,application/pdf')
    expect(diploma.find('[data-testid="material-withdraw"]').exists()).toBe(false)
    // nothing to submit yet
    expect(submitButton(wrapper).attributes('disabled')).toBeDefined()
    expect(submitButton(wrapper).attributes('aria-describedby')).toBe('wk-sup-submit-blocked')
    expect(text(wrapper, 'supplement-submit-blocked')).toBe('请先上传毕业证书，再提交')

    await pick(diploma.find('[data-testid="material-choose"]'), diplomaPdf())
    const xhr = await sent(1)
    expect(xhr.url).toBe('http://test/api/v1/registrations/reg-1/supplement/materials/diploma')
    xhr.progress(150 * KiB, 300 * KiB)
    await flushPromises()
    expect(item(wrapper).find('[data-testid="material-percent"]').text()).toBe('正在上传 50%')
    expect(wrapper.find('[data-testid="supplement-submit-blocked"]').attributes('data-reason')).toBe('uploading')
    xhr.respond(201, material('diploma', { size_bytes: 300 * KiB }))
    await flushPromises()
    expect(item(wrapper).find('[data-testid="material-status"]').text()).toBe('已上传')
    expect(item(wrapper).find('[data-testid="material-note"]').text()).toContain('上传成功')
    expect(submitButton(wrapper).attributes('disabled')).toBeUndefined()
    expect(wrapper.find('[data-testid="supplement-submit-blocked"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('提交后由考区审核，审核期间不能修改。')

    await submitButton(wrapper).trigger('click')
    await flushPromises()
    expect(submits(calls)).toEqual([{ version: 1 }])
    // now read-only: waiting for the exam region
    expect(text(wrapper, 'supplement-status')).toBe('待考区审核')
    expect(text(wrapper, 'supplement-next')).toBe('已提交，等待考区审核')
    expect(text(wrapper, 'supplement-at')).toBe('提交时间：2026-12-05 12:00')
    expect(submitButton(wrapper).exists()).toBe(false)
    expect(item(wrapper).attributes('data-editable')).toBe('false')
    expect(item(wrapper).find('input').exists()).toBe(false)
    expect(item(wrapper).find('[data-testid="material-readonly"]').exists()).toBe(false)
    expect(document.body.textContent).toContain('补充材料已提交')
    wrapper.unmount()
  })

  it('a version conflict reloads the supplement and says so', async () => {
    const withFile = supplement({ version: 4, materials: [material('diploma')] })
    const elsewhere = supplement({ status: 'submitted', version: 5, can_submit: false, materials: [material('diploma')], submitted_at: '2026-12-05T03:00:00Z' })
    const { wrapper, calls } = await open(
      page([json(200, withFile), json(200, elsewhere)], {
        'POST /api/v1/registrations/reg-1/supplement/submit': problem(409, 'version_conflict'),
      }),
    )
    await submitButton(wrapper).trigger('click')
    await flushPromises()
    expect(submits(calls)).toEqual([{ version: 4 }])
    const notice = wrapper.find('[data-testid="supplement-page-notice"]')
    expect(notice.attributes('data-kind')).toBe('version_conflict')
    expect(notice.text()).toContain('已为您重新加载')
    expect(calls.filter((c) => c.method === 'GET' && c.path.endsWith('/supplement'))).toHaveLength(2)
    expect(text(wrapper, 'supplement-status')).toBe('待考区审核')
    expect(submitButton(wrapper).exists()).toBe(false)
    wrapper.unmount()
  })

  it('a refusal because the window closed is said in Chinese, and the page shows the closed state', async () => {
    const withFile = supplement({ materials: [material('diploma')] })
    const closed = { ...withFile, window: 'closed', can_submit: false }
    const { wrapper } = await open(
      page([json(200, withFile), json(200, closed)], {
        'POST /api/v1/registrations/reg-1/supplement/submit': problem(409, 'supplement_window_closed'),
      }),
    )
    await submitButton(wrapper).trigger('click')
    await flushPromises()
    expect(text(wrapper, 'supplement-page-notice')).toBe('补充材料填报已截止，不能再上传或提交')
    expect(submitButton(wrapper).attributes('disabled')).toBeDefined()
    expect(text(wrapper, 'supplement-submit-blocked')).toBe('补充材料填报已于 2027-01-19 18:00 截止，不能再提交')
    expect(item(wrapper).find('input').exists()).toBe(false)
    wrapper.unmount()
  })

  it('names the missing file of a 422, and offers a retry for a failure that may pass', async () => {
    const withFile = supplement({ materials: [material('diploma')] })
    const { wrapper, calls } = await open(
      page(json(200, withFile), {
        'POST /api/v1/registrations/reg-1/supplement/submit': [
          problem(422, 'validation_failed', { errors: { 'materials.diploma': ['material_missing'] } }),
          problem(503, 'database_unavailable'),
          json(200, { ...withFile, status: 'submitted', version: 2, can_submit: false }),
        ],
      }),
    )
    await submitButton(wrapper).trigger('click')
    await flushPromises()
    expect(text(wrapper, 'supplement-page-notice')).toBe('毕业证书：还没有上传，请上传后再提交')
    await submitButton(wrapper).trigger('click')
    await flushPromises()
    const notice = wrapper.find('[data-testid="supplement-page-notice"]')
    expect(notice.attributes('data-kind')).toBe('failure')
    expect(notice.text()).toContain('系统繁忙，请稍后重试')
    await notice.find('button').trigger('click')
    await flushPromises()
    expect(submits(calls)).toHaveLength(3)
    expect(wrapper.find('[data-testid="supplement-page-notice"]').exists()).toBe(false)
    expect(text(wrapper, 'supplement-status')).toBe('待考区审核')
    wrapper.unmount()
  })

  it('says the server’s reasons under the diploma; a refused upload because the window closed reloads the page', async () => {
    const closed = supplement({ window: 'closed', can_submit: false })
    const { wrapper, calls } = await open(page([json(200, supplement()), json(200, closed)]))
    await pick(item(wrapper).find('[data-testid="material-choose"]'), diplomaPdf())
    ;(await sent(1)).respond(415, problemBody(415, 'file_active_content'))
    await flushPromises()
    expect(item(wrapper).find('[data-testid="material-error"]').text()).toBe('PDF 文件含有脚本等动态内容，不能上传；请另存为普通 PDF 或拍照上传')
    expect(calls.filter((c) => c.path.endsWith('/supplement'))).toHaveLength(1)

    await pick(item(wrapper).find('[data-testid="material-choose"]'), diplomaPdf())
    ;(await sent(2)).respond(422, problemBody(422, 'validation_failed', { errors: { file: ['file_corrupt'] } }))
    await flushPromises()
    expect(item(wrapper).find('[data-testid="material-error"]').text()).toBe('文件已损坏或无法打开，请重新拍摄或选择其他文件')

    await pick(item(wrapper).find('[data-testid="material-choose"]'), diplomaPdf())
    ;(await sent(3)).respond(409, problemBody(409, 'supplement_window_closed'))
    await flushPromises()
    expect(item(wrapper).find('[data-testid="material-error"]').text()).toBe('补充材料填报已截止，不能再上传或提交')
    expect(calls.filter((c) => c.path.endsWith('/supplement'))).toHaveLength(2)
    expect(text(wrapper, 'supplement-next')).toBe('补充材料填报已截止，不能再上传或提交')
    expect(text(wrapper, 'supplement-submit-blocked')).toBe('补充材料填报已于 2027-01-19 18:00 截止，不能再提交')
    wrapper.unmount()
  })

  it('a returned supplement: the reason, the diploma flagged to upload again, submit once replaced', async () => {
    const returned = supplement({
      status: 'returned',
      version: 3,
      reason: '毕业证书照片不清晰，请重新拍摄',
      decided_at: '2026-12-05T02:00:00Z',
      materials: [material('diploma', { content_type: 'image/jpeg', status: 'rejected', reject_reason: '毕业证书照片不清晰，请重新拍摄' })],
    })
    const { wrapper, calls } = await open(
      page(json(200, returned), { 'POST /api/v1/registrations/reg-1/supplement/submit': json(200, { ...returned, status: 'submitted', version: 4, can_submit: false }) }),
    )
    expect(text(wrapper, 'supplement-reason')).toBe('退回原因：毕业证书照片不清晰，请重新拍摄')
    const diploma = item(wrapper)
    expect(diploma.find('[data-testid="material-returned"]').text()).toBe('需要重新上传')
    expect(diploma.find('[data-testid="material-status"]').text()).toBe('未通过')
    expect(diploma.find('[data-testid="material-reject"]').text()).toBe('未通过原因：毕业证书照片不清晰，请重新拍摄')
    await flushPromises()
    expect(diploma.find('[data-testid="material-thumb"]').attributes('src')).toBe('https://files.test/diploma.jpg')
    // the rejected file does not go back as it is
    expect(submitButton(wrapper).attributes('disabled')).toBeDefined()
    expect(text(wrapper, 'supplement-submit-blocked')).toBe('请先按退回原因重新上传毕业证书，再提交')
    // replaced: the new file waits for the next review
    await pick(diploma.find('[data-testid="material-camera"]'), diplomaPdf())
    ;(await sent(1)).respond(201, material('diploma', { id: 'mat-diploma-2' }))
    await flushPromises()
    expect(item(wrapper).find('[data-testid="material-returned"]').exists()).toBe(false)
    expect(item(wrapper).find('[data-testid="material-status"]').text()).toBe('已上传')
    await submitButton(wrapper).trigger('click')
    await flushPromises()
    expect(submits(calls)).toEqual([{ version: 3 }])
    expect(text(wrapper, 'supplement-status')).toBe('待考区审核')
    wrapper.unmount()
  })

  it('before the window opens: nothing can be uploaded or submitted, and it says when it opens', async () => {
    const { wrapper } = await open(page(json(200, supplement({ window: 'not_open', opens_at: '2026-12-10T01:00:00Z', can_submit: false }))))
    expect(text(wrapper, 'supplement-next')).toBe('补充材料填报将于 2026-12-10 09:00 开始，届时请上传毕业证书')
    expect(item(wrapper).find('input').exists()).toBe(false)
    expect(submitButton(wrapper).attributes('disabled')).toBeDefined()
    expect(text(wrapper, 'supplement-submit-blocked')).toBe('补充材料填报尚未开始（2026-12-10 09:00 开始），暂时不能提交')
    wrapper.unmount()
  })

  it.each([
    ['verified', '审核通过', '补充材料已审核通过，无需再操作', 'accepted'],
    ['rejected', '未通过', '补充材料审核未通过，如有疑问请联系考区', 'rejected'],
    ['expired', '已逾期', '没有在截止时间前提交补充材料，已逾期', null],
  ])('a %s supplement is shown read-only', async (st, word, next, fileStatus) => {
    const view = supplement({
      status: st,
      window: st === 'expired' ? 'closed' : 'open',
      can_submit: false,
      reason: st === 'rejected' ? '非本人证书' : null,
      materials: fileStatus ? [material('diploma', { status: fileStatus })] : [],
    })
    const { wrapper } = await open(page(json(200, view)))
    expect(text(wrapper, 'supplement-status')).toBe(word)
    expect(text(wrapper, 'supplement-next')).toBe(next)
    expect(wrapper.find('[data-testid="supplement-reason"]').exists()).toBe(st === 'rejected')
    expect(submitButton(wrapper).exists()).toBe(false)
    expect(item(wrapper).find('input').exists()).toBe(false)
    expect(wrapper.find('[data-testid="supplement-back"]').text()).toBe('返回报名进度')
    wrapper.unmount()
  })

  it('a registration that owes nothing says so; a failure to read offers a retry', async () => {
    const none = await open(page(problem(404, 'no_supplement')))
    expect(text(none.wrapper, 'supplement-none')).toBe('这份报名无需补充材料。')
    expect(none.wrapper.find('[data-testid="error-notice"]').exists()).toBe(false)
    expect(none.wrapper.find('[data-testid="material-diploma"]').exists()).toBe(false)
    none.wrapper.unmount()

    const failing = await open(page([new TypeError('offline'), json(200, supplement())]))
    const error = failing.wrapper.find('[data-testid="error-notice"]')
    expect(error.text()).toContain('暂时无法读取补充材料的办理情况。网络连接失败，请检查网络后重试')
    await error.find('button').trigger('click')
    await flushPromises()
    expect(text(failing.wrapper, 'supplement-status')).toBe('待补充')
    failing.wrapper.unmount()
  })
})
