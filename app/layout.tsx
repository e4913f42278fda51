import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Provenant", template: "%s · Provenant" },
  description: "Check where the claims in a text come from.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
