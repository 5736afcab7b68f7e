// The import form's rules: the header mapping checked before anything is uploaded, and the query it becomes.
import type { ImportQuery } from '@/api/libraries'
import type { LibraryColumn } from '@/api/types'

export const MODES = ['replace', 'append'] as const
export const ON_ERROR = ['accept_valid', 'all_or_nothing'] as const
/** The server keeps at most this many characters of the file name. */
export const FILE_NAME_MAX = 200
export const MAPPING_EXAMPLE = '{"人员证件": "id_number"}'

export type MappingError =
  | { code: 'json' | 'object' | 'header' }
  | { code: 'value'; header: string }
  | { code: 'column'; column: string }

/** The mapping as the query sends it (compact JSON, none when empty), or what is wrong with it. */
export type MappingResult = { ok: true; mapping?: string } | { ok: false; error: MappingError }

/** Checks `{"header as written": "column"}` against the library's columns; blank text means no mapping. */
export function parseMapping(text: string, columns: readonly LibraryColumn[]): MappingResult {
  if (!text.trim()) return { ok: true }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { ok: false, error: { code: 'json' } }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, error: { code: 'object' } }
  const known = new Set(columns.map((c) => c.name))
  for (const [header, column] of Object.entries(value)) {
    if (!header.trim()) return { ok: false, error: { code: 'header' } }
    if (typeof column !== 'string') return { ok: false, error: { code: 'value', header } }
    if (!known.has(column)) return { ok: false, error: { code: 'column', column } }
  }
  return Object.keys(value).length > 0 ? { ok: true, mapping: JSON.stringify(value) } : { ok: true }
}

export interface ImportChoice {
  mode: ImportQuery['mode']
  onError: ImportQuery['on_error']
}

/** The query of an import: the choices, the file's name (cut to what the server keeps) and the mapping if any. */
export function importQuery(choice: ImportChoice, fileName: string, mapping?: string): ImportQuery {
  const query: ImportQuery = { mode: choice.mode, on_error: choice.onError }
  const name = [...fileName.trim()].slice(0, FILE_NAME_MAX).join('')
  if (name) query.file_name = name
  if (mapping) query.mapping = mapping
  return query
}
