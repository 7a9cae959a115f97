/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The app is served by `tcxd serve --web web/dist` under a strict Content-Security-Policy
// (script-src 'self', no eval): everything is bundled, nothing is inlined or loaded from a CDN.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    // A module script in index.html and no inline modulepreload polyfill (CSP forbids inline scripts).
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // Keep the big libraries in their own long-cached chunks.
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/, priority: 20 },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 15 },
          ],
        },
      },
    },
  },
  server: {
    // `npm run dev` talks to a `tcxd serve` on port 8080.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
  },
});
