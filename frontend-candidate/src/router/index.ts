import { createRouter, createWebHistory, type RouteLocationNormalized, type Router } from 'vue-router'
import { routes } from './routes'

declare module 'vue-router' {
  interface RouteMeta {
    auth?: 'required' | 'guest'
    title?: string
  }
}

export interface GuardDeps {
  signedIn(): boolean
  translate(key: string): string
}

/** Where a navigation must go instead (or undefined to let it through). */
export function guard(to: Pick<RouteLocationNormalized, 'meta' | 'fullPath'>, signedIn: boolean) {
  if (to.meta.auth === 'required' && !signedIn) {
    return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  }
  if (to.meta.auth === 'guest' && signedIn) return { name: 'home' }
  return undefined
}

export function createAppRouter(deps: GuardDeps): Router {
  const router = createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  })
  router.beforeEach((to) => guard(to, deps.signedIn()))
  router.afterEach((to) => {
    const app = deps.translate('app.name')
    document.title = to.meta.title ? `${deps.translate(to.meta.title)} - ${app}` : app
  })
  return router
}
