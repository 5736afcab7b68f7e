import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

// The SPA is served by `weikao serve` at `/` (history fallback to index.html) with the API on the same
// origin under /api/v1. `npm run dev` proxies the API to a local `weikao serve` (WEIKAO_API, default :8080).
const api = process.env.WEIKAO_API ?? 'http://127.0.0.1:8080'

export default defineConfig({
  base: '/',
  plugins: [vue()],
  // vue-i18n build flags: Composition API only, no devtools hooks in production.
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: { '/api': { target: api, changeOrigin: false } },
  },
  build: {
    // Older WeChat in-app browsers (X5/XWeb on Android, WKWebView on iOS 13+): lower syntax that far.
    target: ['chrome87', 'safari13', 'firefox78', 'edge88'],
    // No chunk may grow past this; routes are lazy and Vant is imported per component.
    chunkSizeWarningLimit: 150,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'vue', test: /node_modules[\\/](@vue|vue|vue-router|pinia)[\\/]/, priority: 3 },
            { name: 'i18n', test: /node_modules[\\/](vue-i18n|@intlify)[\\/]/, priority: 2 },
            { name: 'vant', test: /node_modules[\\/](vant|@vant)[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
})
