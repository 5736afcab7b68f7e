import { ref, watch } from 'vue'
import { loadHelp, type HelpContent } from '@/content/help'
import { usePreferences } from '@/composables/preferences'

/** The help content of the current language, reloaded when the language changes. */
export function useHelpContent() {
  const { locale } = usePreferences()
  const content = ref<HelpContent | null>(null)
  const failed = ref(false)

  async function load(): Promise<void> {
    failed.value = false
    try {
      content.value = await loadHelp(locale.value)
    } catch {
      failed.value = true // the chunk could not be fetched (offline)
    }
  }

  watch(locale, load, { immediate: true })
  return { content, failed, load }
}
