// The staff session: tokens and the profile from GET /me, kept in sessionStorage (one tab, gone with it).
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { fetchMe, logout as apiLogout } from '@/api/auth'
import { ApiError } from '@/api/problem'
import { isRole, type Role, type StaffProfile, type TokenPair } from '@/api/types'

export const SESSION_KEY = 'weikao.review.session'

interface Persisted {
  tokens: TokenPair | null
  staff: StaffProfile | null
}

function load(): Persisted {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY)
    if (raw) {
      const parsed = JSON.parse(raw) as Partial<Persisted>
      return { tokens: parsed.tokens ?? null, staff: parsed.staff ?? null }
    }
  } catch {
    // a damaged entry is a logged-out session
  }
  return { tokens: null, staff: null }
}

export const useSessionStore = defineStore('session', () => {
  const initial = load()
  const tokens = ref<TokenPair | null>(initial.tokens)
  const staff = ref<StaffProfile | null>(initial.staff)

  function persist(): void {
    if (tokens.value) {
      sessionStorage.setItem(SESSION_KEY, JSON.stringify({ tokens: tokens.value, staff: staff.value }))
    } else {
      sessionStorage.removeItem(SESSION_KEY)
    }
  }

  const isAuthenticated = computed(() => tokens.value !== null)
  const role = computed<Role | null>(() => (staff.value && isRole(staff.value.role) ? staff.value.role : null))

  function setTokens(pair: TokenPair): void {
    tokens.value = pair
    persist()
  }

  function clear(): void {
    tokens.value = null
    staff.value = null
    persist()
  }

  /** Loads the profile; a token that is not a staff member's ends the session. */
  async function loadProfile(): Promise<StaffProfile> {
    const me = await fetchMe()
    if (me.kind !== 'staff' || !me.staff) {
      clear()
      throw new ApiError(403, { type: 'about:blank', title: 'Forbidden', status: 403, code: 'not_staff' })
    }
    staff.value = me.staff
    persist()
    return me.staff
  }

  /** Logs out on the server (best effort) and forgets the session. */
  async function logout(): Promise<void> {
    if (tokens.value) {
      try {
        await apiLogout()
      } catch {
        // the session is forgotten here either way
      }
    }
    clear()
  }

  return { tokens, staff, isAuthenticated, role, setTokens, clear, loadProfile, logout }
})
