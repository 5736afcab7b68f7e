import { createRouter, createWebHistory, type Router } from 'vue-router'
import type { Pinia } from 'pinia'
import { useSessionStore } from '@/stores/session'
import { decide } from './guard'

export function buildRouter(pinia: Pinia): Router {
  const router = createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes: [
      { path: '/login', name: 'login', component: () => import('@/views/LoginView.vue'), meta: { public: true } },
      {
        path: '/',
        component: () => import('@/layouts/ConsoleLayout.vue'),
        children: [
          { path: '', name: 'home', component: () => import('@/views/NotFoundView.vue') },
          { path: 'queue', name: 'queue', component: () => import('@/views/QueueView.vue'), meta: { screen: 'queue' } },
          {
            path: 'supplements',
            name: 'supplements',
            component: () => import('@/views/SupplementsView.vue'),
            meta: { screen: 'supplements' },
          },
          {
            path: 'spot-checks',
            name: 'spotChecks',
            component: () => import('@/views/SpotChecksView.vue'),
            meta: { screen: 'spotChecks' },
          },
          {
            path: 'spot-checks/:id',
            name: 'spot-check',
            component: () => import('@/views/SpotCheckView.vue'),
            meta: { screen: 'spotChecks' },
          },
          {
            path: 'staff',
            name: 'staff',
            component: () => import('@/views/StaffView.vue'),
            meta: { screen: 'staff' },
          },
          {
            path: 'sessions',
            name: 'sessions',
            component: () => import('@/views/SessionsView.vue'),
            meta: { screen: 'sessions' },
          },
          { path: 'fees', name: 'fees', component: () => import('@/views/FeesView.vue'), meta: { screen: 'fees' } },
          {
            path: 'api-clients',
            name: 'apiClients',
            component: () => import('@/views/ApiClientsView.vue'),
            meta: { screen: 'apiClients' },
          },
          {
            path: 'registrations/:id',
            name: 'registration',
            component: () => import('@/views/RegistrationView.vue'),
            meta: { screen: 'registration' },
          },
          {
            path: 'statistics',
            name: 'statistics',
            component: () => import('@/views/StatisticsView.vue'),
            meta: { screen: 'statistics' },
          },
          {
            path: 'libraries',
            name: 'libraries',
            component: () => import('@/views/LibrariesView.vue'),
            meta: { screen: 'libraries' },
          },
          {
            path: 'reasons',
            name: 'reasons',
            component: () => import('@/views/ReasonsView.vue'),
            meta: { screen: 'reasons' },
          },
          {
            path: 'abnormal',
            name: 'abnormal',
            component: () => import('@/views/AbnormalView.vue'),
            meta: { screen: 'abnormal' },
          },
          {
            path: 'comparison',
            name: 'comparison',
            component: () => import('@/views/ComparisonView.vue'),
            meta: { screen: 'comparison' },
          },
          {
            path: 'payments',
            name: 'payments',
            component: () => import('@/views/PaymentsView.vue'),
            meta: { screen: 'payments' },
          },
          { path: 'orgs', name: 'orgs', component: () => import('@/views/OrgsView.vue'), meta: { screen: 'orgs' } },
          { path: 'audit', name: 'audit', component: () => import('@/views/AuditView.vue'), meta: { screen: 'audit' } },
          {
            path: 'reports',
            name: 'reports',
            component: () => import('@/views/ReportsView.vue'),
            meta: { screen: 'reports' },
          },
          {
            path: 'institution',
            name: 'institution',
            component: () => import('@/views/InstitutionView.vue'),
            meta: { screen: 'institution' },
          },
          {
            path: 'class-list',
            name: 'classList',
            component: () => import('@/views/ClassListView.vue'),
            meta: { screen: 'classList' },
          },
          { path: 'help', name: 'help', component: () => import('@/views/HelpView.vue'), meta: { screen: 'help' } },
          { path: 'forbidden', name: 'forbidden', component: () => import('@/views/ForbiddenView.vue') },
          { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('@/views/NotFoundView.vue') },
        ],
      },
    ],
  })

  router.beforeEach(async (to) => {
    const session = useSessionStore(pinia)
    if (session.isAuthenticated && session.staff === null) {
      try {
        await session.loadProfile()
      } catch {
        session.clear()
      }
    }
    const decision = decide(to, {
      isAuthenticated: session.isAuthenticated,
      role: session.role,
      level: session.staff?.review_level ?? null,
    })
    switch (decision.kind) {
      case 'allow':
        return true
      case 'login':
        return decision.redirect ? { name: 'login', query: { redirect: decision.redirect } } : { name: 'login' }
      case 'home':
        return { name: decision.screen }
      case 'forbidden':
        return { name: 'forbidden' }
    }
  })

  return router
}
