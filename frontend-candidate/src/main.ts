import { createPinia } from 'pinia'
import { createApp, watch } from 'vue'
import enUS from 'vant/es/locale/lang/en-US'
import zhCN from 'vant/es/locale/lang/zh-CN'
import App from './App.vue'
import { createApiClient, installApiClient } from './api/client'
import { applyToDocument, usePreferences } from './composables/preferences'
import { createAppI18n } from './i18n'
import { createAppRouter } from './router'
import { useSessionStore } from './stores/session'
import { Locale, showToast } from './ui/vant'
import './styles/base.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)

const { locale } = usePreferences()
const i18n = createAppI18n(locale.value)
app.use(i18n)
watch(
  locale,
  (l) => {
    i18n.global.locale.value = l
    Locale.use(l, l === 'en-US' ? enUS : zhCN)
  },
  { immediate: true },
)
applyToDocument()

const session = useSessionStore()
const router = createAppRouter({
  signedIn: () => session.signedIn,
  translate: (key) => i18n.global.t(key),
})

installApiClient(
  createApiClient({
    tokens: session.tokenStore(),
    onSessionEnded() {
      const here = router.currentRoute.value
      if (here.meta.auth === 'required') {
        void router.replace({ name: 'login', query: { expired: '1', redirect: here.fullPath } })
      }
    },
  }),
)

// A view chunk that cannot be fetched (connection lost between pages) or a bug: say so, never fail silently.
router.onError((e: unknown) => {
  const offline = e instanceof TypeError || (e instanceof Error && /dynamically imported module|Importing a module script/i.test(e.message))
  showToast({ message: i18n.global.t(offline ? 'errors.network' : 'errors.unexpected'), duration: 4000 })
})
app.config.errorHandler = (e) => {
  console.error(e)
  showToast({ message: i18n.global.t('errors.unexpected'), duration: 4000 })
}

app.use(router)
app.mount('#app')
