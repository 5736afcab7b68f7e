import { fileURLToPath } from 'node:url'
import { defineConfig, mergeConfig } from 'vitest/config'
import viteConfig from './vite.config.ts'

export default mergeConfig(
  viteConfig,
  defineConfig({
    root: fileURLToPath(new URL('.', import.meta.url)),
    test: {
      environment: 'jsdom',
      include: ['tests/unit/**/*.test.ts'],
      // Vant's style entry points import .css files: let Vite transform them instead of Node.
      server: { deps: { inline: [/vant/] } },
      restoreMocks: true,
    },
  }),
)
