import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { installSession, refreshTokens } from './api/client'
import { buildI18n, rememberLocale, savedLocale } from './i18n'
import { buildRouter } from './router'
import { useSessionStore } from './stores/session'
import './styles/main.css'

const pinia = createPinia()
const locale = savedLocale()
const i18n = buildI18n(locale)
const router = buildRouter(pinia)
const session = useSessionStore(pinia)
rememberLocale(locale)

installSession({
  accessToken: () => session.tokens?.access_token ?? null,
  refreshToken: () => session.tokens?.refresh_token ?? null,
  refresh: (token) => refreshTokens(token),
  saveTokens: (tokens) => session.setTokens(tokens),
  sessionLost: () => {
    if (!session.isAuthenticated) return
    session.clear()
    const current = router.currentRoute.value
    if (current.name !== 'login') {
      void router.push({ name: 'login', query: { reason: 'expired', redirect: current.fullPath } })
    }
  },
})

createApp(App).use(pinia).use(i18n).use(router).mount('#app')
