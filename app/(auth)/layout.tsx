import Link from "next/link";
import { siteName } from "@/lib/site";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="bg-gov-red px-6 py-4 text-white">
        <Link href="/" className="text-lg font-semibold text-white no-underline">
          {siteName()}
        </Link>
      </header>
      <main id="main" className="mx-auto w-full max-w-md flex-1 px-6 py-12">
        {children}
      </main>
    </div>
  );
}
