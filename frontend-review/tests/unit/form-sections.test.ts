import { describe, expect, it } from 'vitest'
import { formSections, humanize } from '@/utils/form-sections'

describe('generic form renderer', () => {
  it('turns top-level objects into sections and flattens nested values', () => {
    const sections = formSections({
      identity: { name: '张晓燕', sex: 'female', birth_date: '1995-03-12' },
      education: { level: 'bachelor', school: { name: '郑州大学', code: '10459' }, majors: ['护理', '助产'] },
      remarks: 'x',
      agreed: true,
    })
    expect(sections.map((s) => s.key)).toEqual(['general', 'identity', 'education'])
    expect(sections[0].fields).toEqual([
      { path: 'remarks', key: 'remarks', value: 'x' },
      { path: 'agreed', key: 'agreed', value: true },
    ])
    expect(sections[1].fields.map((f) => f.key)).toEqual(['name', 'sex', 'birth_date'])
    expect(sections[2].fields).toEqual([
      { path: 'education.level', key: 'level', value: 'bachelor' },
      { path: 'education.school.name', key: 'name', value: '郑州大学' },
      { path: 'education.school.code', key: 'code', value: '10459' },
      { path: 'education.majors', key: 'majors', value: ['护理', '助产'] },
    ])
  })

  it('puts known fields in reading order, whatever order the keys come in', () => {
    const [identity] = formSections({ identity: { zodiac: 'x', sex: 'male', name: '李明', birth_date: '1990-07-08' } })
    expect(identity.fields.map((f) => f.key)).toEqual(['name', 'sex', 'birth_date', 'zodiac'])
  })

  it('numbers lists of objects and ignores non-objects', () => {
    const [work] = formSections({ work: { jobs: [{ unit: 'A' }, { unit: 'B' }] } })
    expect(work.fields.map((f) => f.path)).toEqual(['work.jobs.1.unit', 'work.jobs.2.unit'])
    expect(formSections(null)).toEqual([])
    expect(formSections(['a'])).toEqual([])
  })

  it('humanizes keys without a translation', () => {
    expect(humanize('graduation_date')).toBe('Graduation date')
  })
})
