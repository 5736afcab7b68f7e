// The materials step of the wizard and the upload list on a returned registration's progress page, inside
// the real app plumbing with the network scripted (fetch) and the uploads on a fake XMLHttpRequest: the
// required kinds with their status, the photo spec, camera and album inputs, upload with progress, cancel,
// the server's refusal in words under the photo, retry, replace, withdraw, only the returned kinds editable,
// and every control disabled while uploading is unavailable.
import { flushPromises, type DOMWrapper, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ServiceStatus } from '@/api/types'
import RegistrationDetailView from '@/views/registration/RegistrationDetailView.vue'
import RegistrationWizardView from '@/views/registration/RegistrationWizardView.vue'
import { FakeXhr, installFakeXhr, problemBody } from './fake-xhr'
import { fileOf, jpegBytes, KiB, pdfBytes } from './fixtures/files'
import { healthTechSession, material, registration } from './fixtures/registration'
import { json, mountView, noContent, type Reply } from './helpers'

const status = (uploads: boolean): ServiceStatus => ({
  payments: { available: true, code: null },
  uploads: { available: uploads, code: uploads ? null : 'storage_unavailable' },
})
const atMaterials = { signedIn: true, sessionStorage: { 'weikao.candidate.wizard-step': JSON.stringify({ 'reg-1': 'materials' }) } }

function wizardScript(extra: Record<string, Reply | Reply[]> = {}): Record<string, Reply | Reply[]> {
  return {
    'GET /api/v1/registrations/reg-1': json(200, registration()),
    'GET /api/v1/exam-sessions/session-ht': json(200, healthTechSession),
    'GET /api/v1/registrations/reg-1/quick-fill': json(200, { found: false, year: null, patch: {}, carried_over: [] }),
    'GET /api/v1/service-status': json(200, status(true)),
    'GET /api/v1/registrations/reg-1/materials': json(200, []),
    'POST /api/v1/materials/mat-photo/link': json(200, { url: 'https://files.test/photo.jpg', expires_at: '2026-11-25T04:00:00Z' }),
    ...extra,
  }
}

const goodPhoto = () => fileOf(jpegBytes({ width: 600, height: 840 }), 120 * KiB, 'me.jpg')
const diplomaPdf = () => fileOf(pdfBytes(), 300 * KiB, 'diploma.pdf', 'application/pdf')

const item = (w: VueWrapper, kind: string) => w.find(`[data-testid="material-${kind}"]`)

async function pick(input: DOMWrapper<Element>, file: File): Promise<void> {
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
  await input.trigger('change')
}

/** Waits until the n-th upload request is on the wire. */
async function sent(n: number): Promise<FakeXhr> {
  await vi.waitFor(() => expect(FakeXhr.sent.length).toBeGreaterThanOrEqual(n))
  return FakeXhr.sent[n - 1]!
}

beforeEach(() => {
  vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined)
  installFakeXhr()
})

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('the materials step', () => {
  it('lists each required kind with its status, the photo spec and labelled camera and album inputs', async () => {
    const { wrapper } = await mountView(RegistrationWizardView, '/registrations/reg-1/edit', wizardScript(), atMaterials)
    expect(wrapper.find('[data-testid="wizard-step"]').text()).toBe('上传材料')
    expect(wrapper.find('[data-testid="wizard-next"]').text()).toBe('下一步，去确认')
    const photo = item(wrapper, 'photo')
    const diploma = item(wrapper, 'diploma')
    expect(wrapper.findAll('[data-testid^="material-"][data-kind]').map((x) => x.attributes('data-kind'))).toEqual(['photo', 'diploma'])
    expect(photo.find('h3').text()).toBe('本人证件照')
    expect(photo.find('[data-testid="material-status"]').text()).toBe('未上传')
    expect(diploma.find('[data-testid="material-status"]').text()).toBe('未上传')
    // the photo's spec with a drawn sample; the documents' formats
    expect(photo.find('[data-testid="photo-spec"]').text()).toContain('不小于 295×413 像素')
    expect(photo.find('[data-testid="photo-sample"]').attributes('aria-label')).toContain('5:7')
    expect(diploma.text()).toContain('JPG、PNG 图片或 PDF 文件')
    const camera = photo.find('[data-testid="material-camera"]')
    expect(camera.attributes()).toMatchObject({ type: 'file', accept: 'image/*', capture: 'environment', 'aria-label': '拍照上传：本人证件照' })
    expect(camera.element.closest('label')?.textContent).toContain('拍照')
    expect(photo.find('[data-testid="material-choose"]').attributes()).toMatchObject({ accept: 'image/jpeg', 'aria-label': '从相册或文件选择：本人证件照' })
    expect(photo.find('[data-testid="material-choose"]').attributes('capture')).toBeUndefined()
    expect(diploma.find('[data-testid="material-choose"]').attributes('accept')).toBe('image/*,application/pdf')
    expect(wrapper.find('[data-testid="service-notice-uploads"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('uploads with progress; a success shows in the list, and "next" waits while a file is on its way', async () => {
    const { wrapper } = await mountView(RegistrationWizardView, '/registrations/reg-1/edit', wizardScript(), atMaterials)
    await pick(item(wrapper, 'diploma').find('[data-testid="material-choose"]'), diplomaPdf())
    const xhr = await sent(1)
    expect(xhr.url).toBe('http://test/api/v1/registrations/reg-1/materials/diploma')
    expect(xhr.auth).toBe('Bearer access-1')
    xhr.progress(150 * KiB, 300 * KiB)
    await flushPromises()
    const diploma = item(wrapper, 'diploma')
    expect(diploma.attributes('data-phase')).toBe('uploading')
    expect(diploma.find('[data-testid="material-percent"]').text()).toBe('正在上传 50%')
    expect(diploma.find('[role="progressbar"]').attributes('aria-valuenow')).toBe('50')
    expect(wrapper.find('[data-testid="wizard-next"]').attributes('disabled')).toBeDefined()
    expect(wrapper.find('[data-testid="materials-busy"]').exists()).toBe(true)

    xhr.respond(201, material('diploma', { size_bytes: 300 * KiB }))
    await flushPromises()
    expect(diploma.attributes('data-phase')).toBe('idle')
    expect(diploma.find('[data-testid="material-status"]').text()).toBe('已上传')
    expect(diploma.find('[data-testid="material-name"]').text()).toBe('diploma.pdf')
    expect(diploma.find('[data-testid="material-meta"]').text()).toBe('PDF · 300 KB')
    expect(diploma.find('[data-testid="material-note"]').text()).toContain('上传成功')
    expect(wrapper.find('[data-testid="wizard-next"]').attributes('disabled')).toBeUndefined()
    // now a replacement and a withdrawal are offered
    expect(diploma.find('[data-testid="material-choose"]').element.closest('label')?.textContent).toContain('重新选择')
    expect(diploma.find('[data-testid="material-withdraw"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('a 422 photo_wrong_aspect is said under the photo; a network failure offers a retry that sends the same file', async () => {
    const { wrapper } = await mountView(RegistrationWizardView, '/registrations/reg-1/edit', wizardScript(), atMaterials)
    await pick(item(wrapper, 'photo').find('[data-testid="material-camera"]'), goodPhoto())
    ;(await sent(1)).respond(422, problemBody(422, 'validation_failed', { errors: { file: ['photo_wrong_aspect'] } }))
    await flushPromises()
    const photo = item(wrapper, 'photo')
    const error = photo.find('[data-testid="material-error"]')
    expect(error.attributes('role')).toBe('alert')
    expect(error.text()).toBe('照片宽高比例不对，应为 5:7 的竖版照片（如 295×413 像素），请裁剪后重新上传')
    // an icon and words, and the inputs point at it
    expect(error.find('.van-icon').exists()).toBe(true)
    expect(photo.find('[data-testid="material-camera"]').attributes('aria-describedby')).toBe('wk-mat-photo-error')
    // the same file would be refused again: no retry, pick another
    expect(error.find('[data-testid="material-retry"]').exists()).toBe(false)
    expect(item(wrapper, 'diploma').find('[data-testid="material-error"]').exists()).toBe(false)
    expect(photo.find('[data-testid="material-status"]').text()).toBe('未上传')

    await pick(photo.find('[data-testid="material-choose"]'), goodPhoto())
    ;(await sent(2)).fail()
    await flushPromises()
    expect(photo.find('[data-testid="material-error"] p').text()).toBe('网络连接失败，请检查网络后重试')
    await photo.find('[data-testid="material-retry"]').trigger('click')
    const again = await sent(3)
    expect(again.body).toBe(FakeXhr.sent[1]!.body)
    again.respond(201, material('photo'))
    await flushPromises()
    expect(photo.find('[data-testid="material-error"]').exists()).toBe(false)
    expect(photo.find('[data-testid="material-status"]').text()).toBe('已上传')
    wrapper.unmount()
  })

  it('checks the photo before sending: a 358×441 picture gets the hint, and "upload anyway" sends it', async () => {
    const { wrapper } = await mountView(RegistrationWizardView, '/registrations/reg-1/edit', wizardScript(), atMaterials)
    await pick(item(wrapper, 'photo').find('[data-testid="material-choose"]'), fileOf(jpegBytes({ width: 358, height: 441 }), 60 * KiB))
    await vi.waitFor(() => expect(item(wrapper, 'photo').attributes('data-phase')).toBe('hint'))
    const hint = item(wrapper, 'photo').find('[data-testid="material-hint"]')
    expect(hint.text()).toContain('以系统检查结果为准')
    expect(hint.text()).toContain('应为 5:7 的竖版照片')
    expect(FakeXhr.sent).toHaveLength(0)
    await hint.find('[data-testid="material-send-anyway"]').trigger('click')
    ;(await sent(1)).respond(201, material('photo'))
    await flushPromises()
    expect(item(wrapper, 'photo').find('[data-testid="material-status"]').text()).toBe('已上传')
    wrapper.unmount()
  })

  it('cancels an upload on the way: nothing changes', async () => {
    const { wrapper } = await mountView(RegistrationWizardView, '/registrations/reg-1/edit', wizardScript(), atMaterials)
    await pick(item(wrapper, 'diploma').find('[data-testid="material-camera"]'), fileOf(jpegBytes({ width: 1600, height: 1200 }), 500 * KiB, 'd.jpg'))
    const xhr = await sent(1)
    await flushPromises()
    const cancel = item(wrapper, 'diploma').find('[data-testid="material-cancel"]')
    expect(cancel.attributes('aria-label')).toBe('取消上传：毕业证书')
    await cancel.trigger('click')
    await flushPromises()
    expect(xhr.aborted).toBe(true)
    const diploma = item(wrapper, 'diploma')
    expect(diploma.find('[data-testid="material-note"]').attributes('data-note')).toBe('cancelled')
    expect(diploma.find('[data-testid="material-status"]').text()).toBe('未上传')
    expect(wrapper.find('[data-testid="wizard-next"]').attributes('disabled')).toBeUndefined()
    wrapper.unmount()
  })

  it('replaces and withdraws an uploaded photo (thumbnail from a short-lived link)', async () => {
    const { wrapper, calls } = await mountView(
      RegistrationWizardView,
      '/registrations/reg-1/edit',
      wizardScript({
        'GET /api/v1/registrations/reg-1/materials': json(200, [material('photo', { size_bytes: 40 * KiB })]),
        'DELETE /api/v1/registrations/reg-1/materials/mat-photo-2': noContent(),
      }),
      atMaterials,
    )
    await flushPromises()
    const photo = item(wrapper, 'photo')
    expect(photo.find('[data-testid="material-status"]').text()).toBe('已上传')
    expect(photo.find('[data-testid="material-meta"]').text()).toBe('JPG · 40 KB')
    expect(photo.find('[data-testid="material-thumb"]').attributes()).toMatchObject({ src: 'https://files.test/photo.jpg', alt: '已上传的本人证件照' })
    expect(photo.find('[data-testid="material-camera"]').element.closest('label')?.textContent).toContain('重新拍照')

    // replace: a new upload of the kind takes the old one's place
    await pick(photo.find('[data-testid="material-choose"]'), goodPhoto())
    ;(await sent(1)).respond(201, material('photo', { id: 'mat-photo-2', size_bytes: 120 * KiB }))
    await flushPromises()
    expect(photo.find('[data-testid="material-meta"]').text()).toBe('JPG · 120 KB')

    await photo.find('[data-testid="material-withdraw"]').trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('确定撤回已上传的“本人证件照”吗？')
    document.querySelector<HTMLButtonElement>('.van-dialog__confirm')!.click()
    await vi.waitFor(() => expect(calls.map((c) => `${c.method} ${c.path}`)).toContain('DELETE /api/v1/registrations/reg-1/materials/mat-photo-2'))
    await flushPromises()
    expect(photo.find('[data-testid="material-status"]').text()).toBe('未上传')
    expect(photo.find('[data-testid="material-file"]').exists()).toBe(false)
    expect(photo.find('[data-testid="material-note"]').text()).toContain('已撤回')
    wrapper.unmount()
  })

  it('while uploading is unavailable: the notice, and every control disabled with the reason', async () => {
    const { wrapper } = await mountView(
      RegistrationWizardView,
      '/registrations/reg-1/edit',
      wizardScript({
        'GET /api/v1/service-status': json(200, status(false)),
        'GET /api/v1/registrations/reg-1/materials': json(200, [material('photo')]),
      }),
      atMaterials,
    )
    await flushPromises()
    expect(wrapper.find('[data-testid="service-notice-uploads"]').text()).toContain('材料上传服务暂时不可用')
    expect(wrapper.find('[data-testid="uploads-blocked"]').text()).toBe('材料上传服务暂时不可用，暂时不能上传或撤回。')
    const inputs = wrapper.findAll('input[type="file"]')
    expect(inputs).toHaveLength(4)
    for (const input of inputs) {
      expect(input.attributes('disabled')).toBeDefined()
      expect(input.attributes('aria-describedby')).toBe('wk-uploads-blocked')
    }
    expect(item(wrapper, 'photo').find('[data-testid="material-withdraw"]').attributes('disabled')).toBeDefined()
    // the rest of the wizard goes on
    expect(wrapper.find('[data-testid="wizard-next"]').attributes('disabled')).toBeUndefined()
    wrapper.unmount()
  })

  it('storage_unavailable on an upload reads the status again and shows the notice', async () => {
    const { wrapper } = await mountView(
      RegistrationWizardView,
      '/registrations/reg-1/edit',
      wizardScript({ 'GET /api/v1/service-status': [json(200, status(true)), json(200, status(false))] }),
      atMaterials,
    )
    await pick(item(wrapper, 'diploma').find('[data-testid="material-choose"]'), diplomaPdf())
    ;(await sent(1)).respond(503, problemBody(503, 'storage_unavailable'))
    await flushPromises()
    expect(item(wrapper, 'diploma').find('[data-testid="material-error"]').text()).toContain('材料存储服务暂时无法连接')
    expect(wrapper.find('[data-testid="service-notice-uploads"]').exists()).toBe(true)
    expect(item(wrapper, 'diploma').find('[data-testid="material-retry"]').attributes('disabled')).toBeDefined()
    wrapper.unmount()
  })

  it('confirm: "upload documents" goes back to the materials step', async () => {
    const { wrapper } = await mountView(
      RegistrationWizardView,
      '/registrations/reg-1/edit',
      wizardScript({ 'GET /api/v1/registrations/reg-1/materials': json(200, [material('photo')]) }),
      { signedIn: true, sessionStorage: { 'weikao.candidate.wizard-step': JSON.stringify({ 'reg-1': 'confirm' }) } },
    )
    await flushPromises()
    await wrapper.find('[data-testid="materials-go-upload"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="wizard-step"]').attributes('data-step')).toBe('materials')
    wrapper.unmount()
  })
})

describe('a returned registration', () => {
  const returned = registration({
    status: 'returned',
    current_level: 'point',
    submitted_at: '2026-11-25T03:00:00Z',
    timeline: [
      { level: 'point', action: 'submit', actor_kind: 'candidate', comment: null, reason_codes: [], from_status: 'draft', to_status: 'submitted', at: '2026-11-25T03:00:00Z', returned_fields: [], returned_materials: [] },
      { level: 'point', action: 'return', actor_kind: 'staff', comment: '毕业证书不清晰', reason_codes: [], from_status: 'under_review', to_status: 'returned', at: '2026-11-26T03:00:00Z', returned_fields: [], returned_materials: ['diploma'] },
    ],
  })

  it('offers uploads on the progress page for the returned kinds only, without withdrawing', async () => {
    const { wrapper } = await mountView(
      RegistrationDetailView,
      '/registrations/reg-1',
      {
        'GET /api/v1/registrations/reg-1': json(200, returned),
        'GET /api/v1/service-status': json(200, status(true)),
        'GET /api/v1/registrations/reg-1/materials': json(200, [material('photo'), material('diploma', { status: 'rejected', reject_reason: '图片模糊' })]),
        'POST /api/v1/materials/mat-photo/link': json(200, { url: 'https://files.test/photo.jpg', expires_at: '2026-11-26T04:00:00Z' }),
      },
      { signedIn: true },
    )
    await flushPromises()
    expect(wrapper.text()).toContain('需要重新上传的材料')
    // the returned kind first, editable and marked
    expect(wrapper.findAll('[data-kind]').map((x) => x.attributes('data-kind'))).toEqual(['diploma', 'photo'])
    const diploma = item(wrapper, 'diploma')
    expect(diploma.attributes('data-editable')).toBe('true')
    expect(diploma.find('[data-testid="material-returned"]').text()).toBe('需要重新上传')
    expect(diploma.find('[data-testid="material-status"]').text()).toBe('未通过')
    expect(diploma.find('[data-testid="material-reject"]').text()).toBe('未通过原因：图片模糊')
    expect(diploma.find('[data-testid="material-withdraw"]').exists()).toBe(false)
    const photo = item(wrapper, 'photo')
    expect(photo.attributes('data-editable')).toBe('false')
    expect(photo.find('input').exists()).toBe(false)
    expect(photo.find('[data-testid="material-readonly"]').text()).toBe('无需重新上传')
    expect(photo.find('[data-testid="material-status"]').text()).toBe('已上传')

    await pick(diploma.find('[data-testid="material-choose"]'), diplomaPdf())
    ;(await sent(1)).respond(201, material('diploma', { id: 'mat-diploma-2' }))
    await flushPromises()
    expect(diploma.find('[data-testid="material-status"]').text()).toBe('已上传')
    expect(FakeXhr.sent[0]!.url).toBe('http://test/api/v1/registrations/reg-1/materials/diploma')
    wrapper.unmount()
  })

  it('without returned materials the progress page only lists the status', async () => {
    const { wrapper } = await mountView(
      RegistrationDetailView,
      '/registrations/reg-1',
      {
        'GET /api/v1/registrations/reg-1': json(200, registration({ status: 'submitted', current_level: 'point' })),
        'GET /api/v1/registrations/reg-1/materials': json(200, [material('photo')]),
      },
      { signedIn: true },
    )
    await flushPromises()
    expect(wrapper.find('[data-testid="materials-upload"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="material-row-photo"]').text()).toBe('本人证件照已上传')
    expect(wrapper.find('[data-testid="material-row-diploma"]').text()).toBe('毕业证书未上传')
    expect(wrapper.find('[data-testid="materials-go-upload"]').exists()).toBe(false)
    expect(wrapper.find('input[type="file"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
