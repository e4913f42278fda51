import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { LoginForm } from "@/components/auth/login-form";
import { getCurrentUser } from "@/lib/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage() {
  if (await getCurrentUser()) redirect("/documents");
  return (
    <main className="page narrow login">
      <h1>Provenant</h1>
      <p className="muted">Check where the claims in a text come from.</p>
      <Suspense>
        <LoginForm />
      </Suspense>
    </main>
  );
}
