import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "data/**", ".e2e/**"],
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
