/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Minutes without activity before the console logs out (default 15). */
  readonly VITE_IDLE_TIMEOUT_MINUTES?: string
}

interface ImportMeta {
  readonly env: ImportMetaEnv
}
