// Vite's client types for the renderer: import.meta.env, and imports of stylesheets and assets.
/// <reference types="vite/client" />
