// A failed upload or withdrawal in words, under its material: the file codes of a 422 (`errors.file`, or
// `errors.kind`) each as a sentence from the error-code table, anything else as describeError says it; and
// whether trying the same file again may work (network, server, throttling — not a file the server refused).
import { ApiError } from '@/api/errors'
import { codeMessage, describeError, type Translate } from '@/i18n/describe'

/** The server's codes about the file or the kind (empty when the failure is not about them). */
export function fileErrorCodes(e: unknown): string[] {
  if (!(e instanceof ApiError) || e.code !== 'validation_failed') return []
  const errs = e.fieldErrors
  return [...(errs.file ?? []), ...(errs.kind ?? [])]
}

/** One sentence per problem. */
export function describeUploadError(e: unknown, t: Translate): string[] {
  const codes = fileErrorCodes(e)
  if (codes.length) return codes.map((c) => codeMessage(c, t))
  return [describeError(e, t)]
}

export function canRetry(e: unknown): boolean {
  if (!(e instanceof ApiError)) return false
  return e.retryable || e.status === 408 || e.status === 429 || e.code === 'upload_interrupted'
}
