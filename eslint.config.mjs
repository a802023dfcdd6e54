import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "data/**", ".e2e/**", ".e2e-pg/**"],
  },
  {
    // Only the data layer talks to the database (house style): routes and components go through lib/data.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/db", "@/db/*", "**/db/*"], message: "Use lib/data instead of importing the database." },
          ],
        },
      ],
    },
  },
  {
    // Route handlers, their helpers, server actions and metadata routes (the .ts files of app/)
    // answer with data and plain helpers, never with components.
    files: ["app/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/db", "@/db/*", "**/db/*"], message: "Use lib/data instead of importing the database." },
            { group: ["@/components", "@/components/*"], message: "Route handlers and their helpers import lib/data and lib/public, not components." },
          ],
        },
      ],
    },
  },
  {
    // Public pages link with plain <a>: every click is an ordinary page load, as on a static
    // government site — counted as a view by the server, no client router or prefetching.
    files: ["app/(public)/**/*.{ts,tsx}", "app/not-found.tsx", "components/public/**/*.{ts,tsx}"],
    rules: { "@next/next/no-html-link-for-pages": "off" },
  },
  {
    // The public site's pure core: no database, no server, no framework.
    files: ["lib/public/**/*.ts"],
    ignores: ["lib/public/**/__tests__/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "server-only", message: "lib/public is pure; server code belongs in lib/data." }],
          patterns: [
            { group: ["@/db", "@/db/*", "**/db/*", "@/lib/data", "@/lib/data/*"], message: "lib/public is pure; reads belong in lib/data/public." },
            { group: ["next", "next/*"], message: "lib/public is pure; no framework imports." },
          ],
        },
      ],
    },
  },
  {
    // Persistence and commands sit on the pure core only: never on the authorization boundary,
    // the server or the framework (so CLIs, jobs and tests can call them without a request).
    files: ["db/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "server-only", message: "db/ runs outside Next.js (CLIs, jobs); server-only belongs in lib/data." }],
          patterns: [
            { group: ["@/lib/data", "@/lib/data/*", "**/lib/data/*", "@/lib/serving", "@/lib/serving/*", "**/lib/serving/*"], message: "db/ imports only the pure core; lib/data calls db/, not the other way round." },
            { group: ["next", "next/*", "next-auth", "next-auth/*"], message: "db/ imports no framework." },
            { group: ["@/components", "@/components/*", "@/app/*"], message: "db/ imports no UI." },
          ],
        },
      ],
    },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/db", "@/db/*"], message: "Components never touch the database." },
            { group: ["@/lib/data", "@/lib/data/*"], message: "Components receive props; pages call lib/data." },
          ],
        },
      ],
    },
  },
];

export default config;
