import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Tandem's admin panel. The API serves the built files at `/admin` (hence `base`), so in production
 * every request is same-origin and the session cookie goes along. `npm run dev -w admin` proxies the
 * API, the live socket and Bull Board to a Tandem API on port 3000 for the same reason.
 */
const api = 'http://localhost:3000';

export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1_500,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/socket.io': { target: api, ws: true },
      '/admin/queues': { target: api },
    },
  },
});
