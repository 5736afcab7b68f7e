// Hands a fetched file to the browser as a download (files behind the bearer token cannot be plain links).
import type { Download } from '@/api/download'

export function saveFile({ blob, fileName }: Download): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  // the browser has taken the file once the click is handled
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
