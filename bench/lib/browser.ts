/** Headless Chromium for the browser benches, closed by the launcher's shutdown, and signing in as the demo editor. */
import { chromium, type Browser, type BrowserContext } from "@playwright/test";
import { DEMO_PASSWORD } from "../../prisma/demo";

type TShutdown = { add: (task: () => Promise<void>) => void };

export const SIGN_IN = { email: "editor@example.com", password: DEMO_PASSWORD };

const CHROMIUM_ARGS = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--enable-precise-memory-info"];

/** `CHROMIUM_PATH`, else /usr/bin/chromium. */
export async function launchBrowser(shutdown: TShutdown): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  shutdown.add(() => browser.close());
  return browser;
}

/** Signs the context in as `editor@example.com` through the login page (its cookie then serves every tab). */
export async function signIn(context: BrowserContext, baseUrl: string, timeout: number) {
  const page = await context.newPage();
  try {
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel("Email").fill(SIGN_IN.email);
    await page.getByLabel("Password").fill(SIGN_IN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"), { timeout });
  } finally {
    await page.close();
  }
}
