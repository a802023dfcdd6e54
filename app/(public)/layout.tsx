import Link from "next/link";
import { siteName } from "@/lib/site";

export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="bg-gov-red text-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between px-6 py-4">
          <Link href="/" className="text-xl font-semibold text-white no-underline">
            {siteName()}
          </Link>
          <Link href="/login" className="text-sm text-white underline">
            工作人员登录
          </Link>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-6 py-8">
        {children}
      </main>
      <footer className="border-t border-line bg-white px-6 py-4 text-center text-sm text-muted">{siteName()}</footer>
    </div>
  );
}
