import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { CreateAgentResponse } from "../../src/protocol";
import { loginCookie } from "./support/agent-client";
import { apiJson, callApi } from "./support/api";
import { serious } from "./support/axe";
import { ADA, DEMO_PASSWORD, waitUntil } from "./support/dashboard-app";
import { useStage } from "./support/stage";

/** From a small phone to a desktop (issue 9's widths). */
const WIDTHS = [360, 768, 1024, 1440];
const CHOSEN_PASSWORD = "my own chosen passphrase";

/** What reaches past the viewport's sides: the document, or anything in `scope` (the page's card, the dialog). */
function overflows(page: Page, scope: string): Promise<string[]> {
  return page.evaluate((scope) => {
    const root = document.documentElement;
    const found = root.scrollWidth > root.clientWidth ? [`document ${root.scrollWidth} > ${root.clientWidth}`] : [];
    for (const element of Array.from(document.querySelectorAll<HTMLElement>(`${scope}, ${scope} *`))) {
      const box = element.getBoundingClientRect();
      const outside = box.left < -0.5 || box.right > window.innerWidth + 0.5;
      if (box.width > 0 && outside) found.push(`${element.tagName.toLowerCase()}.${element.className}`);
    }
    return found;
  }, scope);
}

/** The label of the field that has focus. */
const focusedLabel = (page: Page) => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent?.trim() ?? "");

/**
 * First sign-in with an invite link, and the password change every agent has, in a real Chromium
 * against a real `wrangler dev`.
 */
describe("invites and passwords in the dashboard", () => {
  const stage = useStage();

  it("takes an invited agent from the link to the inbox, signed in with the password they chose", async () => {
    const admin = await loginCookie(stage.server, ADA.email, DEMO_PASSWORD);
    const created = await apiJson<CreateAgentResponse>(stage.server, "/api/agents", {
      cookie: admin,
      body: { email: "ines@example.com", name: "Ines Invited" },
    });
    const link = created.invite!.invite_url;
    expect(link.startsWith(`${stage.server.origin}/dashboard/#/invite/`)).toBe(true);

    const context = await stage.browser.newContext({ viewport: { width: 390, height: 844 }, locale: "en-US" });
    const page = await context.newPage();
    await page.goto(link);
    await page.getByRole("heading", { name: "Join Demo" }).waitFor();
    expect(await page.getByRole("textbox", { name: "Work email" }).inputValue()).toBe("ines@example.com");
    expect(await focusedLabel(page)).toBe("New password");
    // Named by its label alone; the length rule is its description.
    expect(await page.getByLabel("New password", { exact: true }).getAttribute("aria-describedby")).toBe("invite-hint");
    expect(await serious(page)).toEqual([]);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      expect(await overflows(page, ".auth-page"), `${width} px`).toEqual([]);
    }

    // With the keyboard alone: a mismatch is named, then fixed.
    await page.keyboard.type(CHOSEN_PASSWORD);
    await page.keyboard.press("Tab");
    await page.keyboard.type("not the same one");
    await page.keyboard.press("Enter");
    await page.locator(".form-error", { hasText: "don't match" }).waitFor();
    expect(await page.getByLabel("New password, again", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    await page.getByLabel("New password, again", { exact: true }).fill(CHOSEN_PASSWORD);
    await page.keyboard.press("Enter");

    await page.getByRole("tablist", { name: "Inbox views" }).waitFor();
    expect(await page.locator(".top-bar").textContent()).toContain("Ines Invited");
    expect(new URL(page.url()).hash).toBe("");
    const cookie = (await context.cookies(stage.server.origin)).find((entry) => entry.name === "parley_session");
    const me = await callApi(stage.server, "/api/auth/me", { cookie: `parley_session=${cookie!.value}` });
    expect(((await me.json()) as { agent: { email: string } }).agent.email).toBe("ines@example.com");
    expect((await callApi(stage.server, "/api/auth/login", { body: { email: "ines@example.com", password: CHOSEN_PASSWORD } })).status).toBe(200);

    // The link worked once: opened again, it says so and leads to the login page.
    const again = await context.newPage();
    await again.goto(link);
    await again.getByRole("heading", { name: "This link can't be used" }).waitFor();
    expect(await again.getByRole("alert").textContent()).toContain("already been used");
    expect(await serious(again)).toEqual([]);
    await context.close();
  });

  it("lets any agent change their password from their menu, with the keyboard, logging out their other sessions", async () => {
    const elsewhere = await loginCookie(stage.server, "sam@example.com", DEMO_PASSWORD);
    const context = await stage.browser.newContext({ viewport: { width: 1024, height: 768 }, locale: "en-US" });
    const page = await context.newPage();
    await page.goto(`${stage.server.origin}/dashboard/`);
    await page.getByLabel("Work email").fill("sam@example.com");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await page.locator(".team-presence").waitFor();

    const trigger = page.locator(".status-menu__trigger");
    await trigger.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Change password" }).focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Change your password" });
    await dialog.waitFor();
    expect(await focusedLabel(page)).toBe("Current password");
    expect(await serious(page)).toEqual([]);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 760 });
      expect(await overflows(page, "dialog"), `${width} px`).toEqual([]);
    }

    await page.keyboard.type("a wrong guess");
    for (const text of [`${CHOSEN_PASSWORD}!`, `${CHOSEN_PASSWORD}!`]) {
      await page.keyboard.press("Tab");
      await page.keyboard.type(text);
    }
    await page.keyboard.press("Enter");
    await dialog.locator(".form-error", { hasText: "not your current password" }).waitFor();
    expect(await dialog.getByLabel("Current password").getAttribute("aria-invalid")).toBe("true");

    await dialog.getByLabel("Current password").fill(DEMO_PASSWORD);
    await dialog.getByRole("button", { name: "Change password" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByText("Your password was changed.").waitFor();
    expect(await trigger.evaluate((button) => button === document.activeElement)).toBe(true);
    await waitUntil(
      async () => (await callApi(stage.server, "/api/auth/me", { cookie: elsewhere })).status,
      (status) => status === 401,
      "the other session ended",
    );
    // This tab carries on.
    expect(await page.locator(".team-presence").isVisible()).toBe(true);
    expect((await callApi(stage.server, "/api/auth/login", { body: { email: "sam@example.com", password: `${CHOSEN_PASSWORD}!` } })).status).toBe(200);

    // Escape closes the dialog and gives focus back to the menu's button.
    await trigger.click();
    await page.getByRole("button", { name: "Change password" }).click();
    await dialog.waitFor();
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await trigger.evaluate((button) => button === document.activeElement)).toBe(true);
    await context.close();
  });
});
