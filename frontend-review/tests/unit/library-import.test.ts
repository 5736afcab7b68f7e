import { afterEach, describe, expect, it } from 'vitest'
import type { Middleware } from 'openapi-fetch'
import { api } from '@/api/client'
import { fileNameFrom, importFile } from '@/api/libraries'
import { ApiError } from '@/api/problem'
import type { LibraryColumn } from '@/api/types'
import { importQuery, parseMapping } from '@/utils/library-import'

const column = (name: string): LibraryColumn => ({ name, aliases: [], type: 'text', values: [], required: false })
const COLUMNS = ['id_type', 'id_number', 'name', 'exam_type', 'sanction', 'from_year'].map(column)

describe('header mapping', () => {
  it('is optional: blank text means no mapping', () => {
    expect(parseMapping('', COLUMNS)).toEqual({ ok: true })
    expect(parseMapping('  \n ', COLUMNS)).toEqual({ ok: true })
    expect(parseMapping('{}', COLUMNS)).toEqual({ ok: true })
  })

  it('sends a valid mapping as compact JSON', () => {
    expect(parseMapping('{ "人员证件": "id_number",\n  "处罚": "sanction" }', COLUMNS)).toEqual({
      ok: true,
      mapping: '{"人员证件":"id_number","处罚":"sanction"}',
    })
  })

  it('says what is wrong before anything is uploaded', () => {
    expect(parseMapping('{"人员证件": id_number}', COLUMNS)).toEqual({ ok: false, error: { code: 'json' } })
    expect(parseMapping('["id_number"]', COLUMNS)).toEqual({ ok: false, error: { code: 'object' } })
    expect(parseMapping('"id_number"', COLUMNS)).toEqual({ ok: false, error: { code: 'object' } })
    expect(parseMapping('null', COLUMNS)).toEqual({ ok: false, error: { code: 'object' } })
    expect(parseMapping('{" ": "name"}', COLUMNS)).toEqual({ ok: false, error: { code: 'header' } })
    expect(parseMapping('{"年度": 2026}', COLUMNS)).toEqual({ ok: false, error: { code: 'value', header: '年度' } })
    expect(parseMapping('{"证件": "idnumber"}', COLUMNS)).toEqual({ ok: false, error: { code: 'column', column: 'idnumber' } })
  })
})

describe('import query', () => {
  it('carries the choices, the file name and the mapping only when there is one', () => {
    expect(importQuery({ mode: 'replace', onError: 'accept_valid' }, 'violations.csv')).toEqual({
      mode: 'replace',
      on_error: 'accept_valid',
      file_name: 'violations.csv',
    })
    expect(importQuery({ mode: 'append', onError: 'all_or_nothing' }, '违纪.xlsx', '{"证件":"id_number"}')).toEqual({
      mode: 'append',
      on_error: 'all_or_nothing',
      file_name: '违纪.xlsx',
      mapping: '{"证件":"id_number"}',
    })
  })

  it('cuts the file name to the 200 characters the server keeps, counting characters, not UTF-16 units', () => {
    const name = `${'𠀀'.repeat(150)}${'名'.repeat(100)}.csv`
    const sent = importQuery({ mode: 'replace', onError: 'accept_valid' }, name).file_name ?? ''
    expect([...sent]).toHaveLength(200)
    expect(sent.startsWith('𠀀'.repeat(150))).toBe(true)
  })
})

describe('import request', () => {
  let intercept: Middleware | null = null
  afterEach(() => {
    if (intercept) api.eject(intercept)
    intercept = null
  })

  /** Answers every call of the shared client with `response`, keeping the request it was given. */
  function answer(response: () => Response): Request[] {
    const seen: Request[] = []
    intercept = {
      onRequest({ request }) {
        seen.push(request)
        return response()
      },
    }
    api.use(intercept)
    return seen
  }

  it('posts the file itself as application/octet-stream with the query in the URL', async () => {
    const seen = answer(() => new Response(JSON.stringify({ id: 'b1', status: 'active' }), { status: 201, headers: { 'Content-Type': 'application/json' } }))
    const file = new File(['证件号码,姓名\n410105199503120245,张晓燕\n'], 'violations.csv', { type: 'text/csv' })
    const batch = await importFile('violations', file, {
      mode: 'append',
      on_error: 'all_or_nothing',
      file_name: 'violations.csv',
      mapping: '{"证件":"id_number"}',
    })
    expect(batch).toMatchObject({ id: 'b1', status: 'active' })
    const request = seen[0]
    const url = new URL(request.url)
    expect(request.method).toBe('POST')
    expect(url.pathname).toBe('/api/v1/admin/libraries/violations/imports')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      mode: 'append',
      on_error: 'all_or_nothing',
      file_name: 'violations.csv',
      mapping: '{"证件":"id_number"}',
    })
    expect(request.headers.get('Content-Type')).toBe('application/octet-stream')
    expect(await request.text()).toBe('证件号码,姓名\n410105199503120245,张晓燕\n')
  })

  it('turns a refusal into an ApiError with its field codes', async () => {
    answer(
      () =>
        new Response(JSON.stringify({ type: 'x', title: 'x', status: 422, code: 'validation_failed', errors: { file: ['file_empty'] } }), {
          status: 422,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
    )
    const error = await importFile('violations', new File([], 'empty.csv'), { mode: 'replace', on_error: 'accept_valid' }).catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).fieldCodes('file')).toEqual(['file_empty'])
  })
})

describe('download file names', () => {
  it('come from Content-Disposition, or the fallback', () => {
    expect(fileNameFrom('attachment; filename="violations.csv"', 'x.csv')).toBe('violations.csv')
    expect(fileNameFrom('attachment; filename=import-1-errors.xlsx', 'x.xlsx')).toBe('import-1-errors.xlsx')
    expect(fileNameFrom('attachment', 'x.csv')).toBe('x.csv')
    expect(fileNameFrom(null, 'x.csv')).toBe('x.csv')
  })
})
