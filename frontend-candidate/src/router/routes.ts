import type { RouteRecordRaw } from 'vue-router'

// meta.auth: 'required' (signed in only) | 'guest' (signed out only) | undefined (anyone).
// meta.title: i18n key of the document title. Every view is its own chunk.
export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    name: 'home',
    component: () => import('@/views/home/HomeView.vue'),
    meta: { auth: 'required', title: 'home.title' },
  },
  {
    path: '/registrations/:id',
    name: 'registration',
    component: () => import('@/views/registration/RegistrationDetailView.vue'),
    meta: { auth: 'required', title: 'reg.detail.title' },
  },
  {
    path: '/registrations/:id/edit',
    name: 'registration-edit',
    component: () => import('@/views/registration/RegistrationWizardView.vue'),
    meta: { auth: 'required', title: 'reg.wizard.title' },
  },
  {
    path: '/registrations/:id/form',
    name: 'registration-form',
    component: () => import('@/views/registration/RegistrationFormView.vue'),
    meta: { auth: 'required', title: 'reg.print.title' },
  },
  {
    path: '/registrations/:id/pay',
    name: 'registration-pay',
    component: () => import('@/views/payments/PayView.vue'),
    meta: { auth: 'required', title: 'pay.title' },
  },
  {
    path: '/registrations/:id/supplement',
    name: 'registration-supplement',
    component: () => import('@/views/supplement/SupplementMaterialsView.vue'),
    meta: { auth: 'required', title: 'sup.title' },
  },
  {
    path: '/registrations/:id/payments/:orderNo/receipt',
    name: 'payment-receipt',
    component: () => import('@/views/payments/ReceiptView.vue'),
    meta: { auth: 'required', title: 'pay.receipt.title' },
  },
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/auth/LoginView.vue'),
    meta: { auth: 'guest', title: 'login.title' },
  },
  {
    path: '/signup',
    name: 'signup',
    component: () => import('@/views/auth/SignupView.vue'),
    meta: { auth: 'guest', title: 'signup.title' },
  },
  {
    path: '/privacy',
    name: 'privacy',
    component: () => import('@/views/auth/PrivacyView.vue'),
    meta: { title: 'privacy.title' },
  },
  {
    path: '/unlock',
    name: 'unlock',
    component: () => import('@/views/auth/UnlockView.vue'),
    meta: { auth: 'guest', title: 'unlock.title' },
  },
  {
    path: '/forgot-password',
    name: 'forgot-password',
    component: () => import('@/views/auth/ForgotPasswordView.vue'),
    meta: { auth: 'guest', title: 'forgot.title' },
  },
  {
    path: '/help',
    name: 'help',
    component: () => import('@/views/help/HelpView.vue'),
    meta: { title: 'help.title' },
  },
  {
    path: '/help/:exam',
    name: 'help-exam',
    component: () => import('@/views/help/HelpExamView.vue'),
    meta: { title: 'help.title' },
  },
  {
    path: '/settings',
    name: 'settings',
    component: () => import('@/views/settings/SettingsView.vue'),
    meta: { title: 'settings.title' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/NotFoundView.vue'),
    meta: { title: 'notFound.title' },
  },
]
