// The session: access and refresh token, persisted to localStorage so a reload keeps the candidate signed in.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { TokenStore } from '@/api/session-middleware'
import type { TokenPair } from '@/api/types'
import { readJson, safeLocalStorage, writeJson } from './storage'

export const SESSION_KEY = 'weikao.candidate.session'

interface StoredSession {
  accessToken: string
  refreshToken: string
}

function isStoredSession(v: unknown): v is StoredSession {
  if (typeof v !== 'object' || v === null) return false
  const s = v as Record<string, unknown>
  return typeof s.accessToken === 'string' && typeof s.refreshToken === 'string'
}

export const useSessionStore = defineStore('session', () => {
  const initial = readJson(safeLocalStorage(), SESSION_KEY, isStoredSession)
  const accessToken = ref<string | null>(initial?.accessToken ?? null)
  const refreshToken = ref<string | null>(initial?.refreshToken ?? null)
  const signedIn = computed(() => refreshToken.value !== null)

  // Another tab that refreshed (rotating the refresh token) or logged out: follow it, or our next refresh
  // would reuse a spent refresh token and the server would revoke the session.
  if (typeof window !== 'undefined') {
    window.addEventListener('storage', (e) => {
      if (e.key !== SESSION_KEY) return
      const next = readJson(safeLocalStorage(), SESSION_KEY, isStoredSession)
      accessToken.value = next?.accessToken ?? null
      refreshToken.value = next?.refreshToken ?? null
    })
  }

  function persist(): void {
    const value: StoredSession | null =
      accessToken.value && refreshToken.value
        ? { accessToken: accessToken.value, refreshToken: refreshToken.value }
        : null
    writeJson(safeLocalStorage(), SESSION_KEY, value)
  }

  function setTokens(pair: TokenPair): void {
    accessToken.value = pair.access_token
    refreshToken.value = pair.refresh_token
    persist()
  }

  function clear(): void {
    accessToken.value = null
    refreshToken.value = null
    persist()
  }

  /** The store seen by the API client's session middleware. */
  function tokenStore(): TokenStore {
    return {
      accessToken: () => accessToken.value,
      refreshToken: () => refreshToken.value,
      save: setTokens,
      clear,
    }
  }

  return { accessToken, refreshToken, signedIn, setTokens, clear, tokenStore }
})
