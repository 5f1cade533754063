/**
 * What every app's Vite config shares: React, Tailwind, and in development a proxy that sends
 * `/api/<service>/` to the local service (as the gateway does in production), so `npm run dev`
 * works next to `make run`, same-origin, cookies included.
 */
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import type { ProxyOptions, UserConfig } from "vite";
import catalog from "./packages/api/catalog.json" with { type: "json" };

type AppName = keyof typeof catalog;

/** The local ports of the services (their pyproject's [tool.alif] port), from the catalogue. */
export const SERVICE_PORTS: Record<string, number> = Object.fromEntries(
  Object.entries(catalog).map(([service, entry]) => [service, entry.port]),
);

/** An app's dev server listens on 5173 + its service's offset from 8000: main 5173, games 5177. */
export function devPort(app: AppName): number {
  return 5173 + catalog[app].port - 8000;
}

export function apiProxy(
  host = process.env.ALIF_API_HOST ?? "127.0.0.1",
): Record<string, ProxyOptions> {
  return Object.fromEntries(
    Object.entries(SERVICE_PORTS).map(([service, port]) => [
      `/api/${service}/`,
      { target: `http://${host}:${port}`, changeOrigin: false, xfwd: true },
    ]),
  );
}

export function appConfig(options: { app: AppName }): UserConfig {
  const port = devPort(options.app);
  return {
    plugins: [react(), tailwindcss()],
    server: { host: "127.0.0.1", port, strictPort: true, proxy: apiProxy() },
    preview: { host: "127.0.0.1", port: port + 100, strictPort: true, proxy: apiProxy() },
    // No source maps in the built apps: dist/ is what the gateway publishes (it refuses *.map
    // too). For debugging a build locally: `npx vite build --sourcemap` in the app's folder.
    build: { target: "es2022", sourcemap: false, reportCompressedSize: false },
  };
}
