// Texts the registration screens share: error codes under fields, labels of `section.field` keys, statuses,
// review levels, timeline actions, material kinds and money.
import { useI18n } from 'vue-i18n'
import { codeMessage } from '@/i18n/describe'
import { formatFen } from '@/i18n/money'
import { registrationCode } from '@/registration/errors'

export function useRegText() {
  const { t, te } = useI18n()
  const known = (key: string, fallback: string) => (te(key) ? t(key) : fallback)

  return {
    /** The first error of a field, translated ('' when none). */
    fieldError(codes: readonly string[] | undefined): string {
      const first = codes?.[0]
      return first ? codeMessage(registrationCode(first), t) : ''
    },
    codeText(code: string): string {
      return codeMessage(registrationCode(code), t)
    },
    /**
     * `education.graduated_on` → "学历信息 · 毕业时间"; `physician` → "医师资格考试信息"; a material's key
     * `materials.photo` → "上传材料 · 本人证件照".
     */
    keyLabel(key: string): string {
      const [section = '', field] = key.split('.')
      const sectionText = known(`reg.sections.${section}`, section)
      if (!field) return sectionText
      if (section === 'materials') return `${sectionText} · ${known(`reg.materials.${field}`, field)}`
      return `${sectionText} · ${known(`reg.fields.${section}.${field}`, field)}`
    },
    status: (s: string) => known(`reg.status.${s}`, s),
    level: (l: string | null | undefined) => (l ? known(`reg.levels.${l}`, l) : ''),
    action: (a: string) => known(`reg.actions.${a}`, a),
    material: (m: string) => known(`reg.materials.${m}`, m),
    feeLine: (key: string) => known(`reg.fee.${key.replace('.', '_')}`, key),
    money: (fen: number) => formatFen(fen, t('reg.money.unit')),
  }
}
