import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import { defineConfig } from 'vite'

// Served by `weikao serve` at /review/ (history fallback to index.html) with the API on the same origin under
// /api/v1. `npm run dev` proxies the API to a local `weikao serve` (WEIKAO_API, default :8080).
const api = process.env.WEIKAO_API ?? 'http://127.0.0.1:8080'

export default defineConfig(({ mode }) => {
  // The generated declaration files are committed; vitest sees only some files, so it must not rewrite them.
  const writeDts = mode !== 'test'
  // Unit tests need the components, not their style sheets (node cannot import .css from node_modules).
  const resolvers = [ElementPlusResolver(mode === 'test' ? { importStyle: false } : {})]
  return {
    base: '/review/',
    plugins: [
      vue(),
      // Element Plus on demand: components used in templates and the ElMessage/ElMessageBox services, with styles.
      AutoImport({ resolvers, dts: writeDts ? 'src/auto-imports.d.ts' : false }),
      Components({ resolvers, dts: writeDts ? 'src/components.d.ts' : false }),
    ],
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
      target: ['chrome100', 'edge100', 'firefox100', 'safari15'],
      chunkSizeWarningLimit: 500,
      rolldownOptions: {
        output: {
          codeSplitting: {
            groups: [
              { name: 'vue', test: /node_modules[\\/](@vue|vue|vue-router|pinia)[\\/]/, priority: 4 },
              { name: 'i18n', test: /node_modules[\\/](vue-i18n|@intlify)[\\/]/, priority: 3 },
              { name: 'element-plus', test: /node_modules[\\/](element-plus|@element-plus|@vueuse|@floating-ui|lodash-unified|lodash-es|dayjs|async-validator|@ctrl|memoize-one|normalize-wheel-es)[\\/]/, priority: 1 },
            ],
          },
        },
      },
    },
  }
})
