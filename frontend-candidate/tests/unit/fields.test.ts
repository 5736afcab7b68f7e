// Mirror of backend/core/src/identity/fields.rs tests.
import { describe, expect, it } from 'vitest'
import { validateCode, validateEmail, validateMobile, validatePassword, validatePersonName } from '@/validation/fields'
import { channelOf, validateTarget } from '@/validation/contact'

describe('mobile numbers', () => {
  it('accepts ^1[3-9]\\d{9}$ only', () => {
    expect(validateMobile('13812345678')).toBeNull()
    expect(validateMobile('19912345678')).toBeNull()
    for (const bad of ['12812345678', '1381234567', '138123456789', '23812345678', '1381234567a', ' 13812345678', '１３８１２３４５６７８', '']) {
      expect(validateMobile(bad), bad).toBe('phone_invalid')
    }
  })
})

describe('passwords', () => {
  it('needs 8–20 printable ASCII characters with a letter and a digit', () => {
    expect(validatePassword('abc12345')).toBeNull()
    expect(validatePassword('A1!@#$%^&*()_+-=[]{}')).toBeNull()
    expect(validatePassword('pass word 1')).toBeNull()
    expect(validatePassword('abcdefgh')).toBe('password_needs_letter_and_digit')
    expect(validatePassword('12345678')).toBe('password_needs_letter_and_digit')
    expect(validatePassword('1234567')).toBe('password_length')
    expect(validatePassword('abcdefghij1234567890x')).toBe('password_length')
    expect(validatePassword('')).toBe('password_length')
    expect(validatePassword('密码abc12345')).toBe('password_invalid_characters')
    expect(validatePassword('abc\t12345')).toBe('password_invalid_characters')
  })
})

describe('person names', () => {
  const codeOf = (n: string) => {
    const r = validatePersonName(n)
    return r.ok ? r.value : r.code
  }
  it('accepts Han (rare characters too), Latin and the minority separator', () => {
    expect(codeOf('欧阳娜娜')).toBe('欧阳娜娜')
    expect(codeOf(' 阿依古丽·买买提 ')).toBe('阿依古丽·买买提')
    expect(codeOf('王𪚥')).toBe('王𪚥')
    expect(codeOf('李䶮')).toBe('李䶮')
    expect(codeOf('John Smith')).toBe('John Smith')
    expect(codeOf('José Müller')).toBe('José Müller')
    expect(codeOf('阿'.repeat(28))).toBe('阿'.repeat(28))
  })
  it('normalises look-alike separators', () => {
    for (const sep of ['\u2022', '\u30fb', '\uff0e', '\u00b7']) expect(codeOf(`阿依古丽${sep}买买提`)).toBe('阿依古丽·买买提')
  })
  it('gives the server codes', () => {
    expect(codeOf('张')).toBe('name_length')
    expect(codeOf('')).toBe('name_length')
    expect(codeOf('阿'.repeat(29))).toBe('name_length')
    expect(codeOf('A·')).toBe('name_separator')
    expect(codeOf('阿依··买买提')).toBe('name_separator')
    expect(codeOf('John ·Smith')).toBe('name_separator')
    expect(codeOf('张三1')).toBe('name_invalid_characters')
    expect(codeOf('張三😀')).toBe('name_invalid_characters')
    expect(codeOf('김철수')).toBe('name_invalid_characters')
    expect(codeOf('张 三')).toBe('name_invalid_characters')
    expect(codeOf('John  Smith')).toBe('name_invalid_characters')
  })
})

describe('e-mail, codes and code targets', () => {
  it('validates e-mail pragmatically', () => {
    expect(validateEmail(' Zhang.San@Example.COM ')).toBeNull()
    expect(validateEmail('a+tag@mail.example.cn')).toBeNull()
    for (const bad of ['', 'plain', '@example.com', 'a@', 'a@b@example.com', 'a@localhost', 'a..b@example.com', 'a@-example.com', 'a@1.2.3.4', '张三@example.com']) {
      expect(validateEmail(bad), bad).toBe('email_invalid')
    }
  })
  it('wants six-digit codes', () => {
    expect(validateCode('123456')).toBeNull()
    expect(validateCode(' 123456 ')).toBeNull()
    expect(validateCode('')).toBe('code_required')
    expect(validateCode('12345')).toBe('code_format')
  })
  it('treats a target with "@" as e-mail and anything else as a phone', () => {
    expect(channelOf('a@example.com')).toBe('email')
    expect(channelOf('13812345678')).toBe('sms')
    expect(validateTarget('')).toEqual(['target_required'])
    expect(validateTarget('1381234567')).toEqual(['phone_invalid'])
    expect(validateTarget('a@b')).toEqual(['email_invalid'])
    expect(validateTarget(' 13812345678 ')).toEqual([])
  })
})
