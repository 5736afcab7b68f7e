// Console-wide keyboard shortcuts must not fire while the user types or a dialog is open.
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  const tag = target.tagName
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT'
}

export function dialogOpen(doc: Document = document): boolean {
  return Array.from(doc.querySelectorAll<HTMLElement>('.el-overlay')).some((el) => el.style.display !== 'none')
}

export function shortcutAllowed(event: KeyboardEvent): boolean {
  return !event.altKey && !event.ctrlKey && !event.metaKey && !isTypingTarget(event.target) && !dialogOpen()
}
