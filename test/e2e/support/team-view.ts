import type { Locator, Page } from "playwright-core";
import { waitUntil } from "./dashboard-app";

/**
 * The team chat of one agent's dashboard, in the Team section or the floating panel (`scope`),
 * read the way a person reads it.
 */
export class TeamView {
  constructor(
    readonly page: Page,
    readonly scope: Locator,
  ) {}

  /** The Team section (`#/team`) of the page. */
  static section(page: Page): TeamView {
    return new TeamView(page, page.locator("main.team-page"));
  }

  /** The floating panel of the page. */
  static panel(page: Page): TeamView {
    return new TeamView(page, page.getByRole("dialog", { name: "Team chat" }));
  }

  get room(): Locator {
    return this.scope.locator(".team-room");
  }

  get roomTitle(): Locator {
    return this.room.locator(".team-room__title");
  }

  get composer(): Locator {
    return this.room.getByRole("textbox", { name: /^Message / });
  }

  /** The row of a chat in the list, by its title. */
  row(title: string): Locator {
    return this.scope.locator(".team-row", { has: this.page.locator(".team-row__name", { hasText: title }) });
  }

  /** A message the server confirmed, in the open chat. */
  message(text: string): Locator {
    return this.room.locator(".message:not(.message--pending) .message__text", { hasText: text });
  }

  systemLine(text: string): Locator {
    return this.room.locator(".message--system", { hasText: text });
  }

  async send(text: string): Promise<void> {
    await this.composer.fill(text);
    await this.composer.press("Enter");
    await this.message(text).waitFor();
  }

  /** The unread badge of a chat's row, 0 when it shows none. */
  async unreadOf(title: string): Promise<number> {
    const badges = await this.row(title).locator(".team-row__unread").allTextContents();
    return badges.length === 0 ? 0 : Number.parseInt(badges[0]!, 10);
  }

  async openDirect(email: string): Promise<void> {
    await this.scope.getByRole("button", { name: "New message" }).click();
    await this.scope.getByLabel("Teammate's email").fill(email);
    await this.scope.getByRole("button", { name: "Open chat" }).click();
  }

  async createGroup(name: string, emails: string[]): Promise<void> {
    await this.scope.getByRole("button", { name: "New group" }).click();
    await this.scope.getByLabel("Group name").fill(name);
    await this.scope.getByLabel("Members' emails").fill(emails.join(", "));
    await this.scope.getByRole("button", { name: "Create group" }).click();
    await this.roomTitle.filter({ hasText: name }).waitFor();
  }

  /** Opens the open chat's details, unless they show already. */
  async openDetails(): Promise<Locator> {
    const toggle = this.room.getByRole("button", { name: "Chat details" });
    if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
    const details = this.scope.locator(".team-info");
    await details.waitFor();
    return details;
  }
}

/** What the floating button and the top bar's Team link say about unread team messages, read at one instant. */
export function unreadBadges(page: Page): Promise<{ button: string | null; link: string }> {
  return page.evaluate(() => ({
    button: document.querySelector("button.team-button")?.getAttribute("aria-label") ?? null,
    link: (document.querySelector(".top-bar__team .top-bar__count")?.textContent ?? "0").replace(/\D+/g, ""),
  }));
}

export async function waitForUnread(page: Page, unread: number, what: string): Promise<void> {
  const expected = { button: unread > 0 ? `Team chat, ${unread} unread` : "Team chat", link: String(unread) };
  await waitUntil(() => unreadBadges(page), (shown) => shown.button === expected.button && shown.link === expected.link, what);
}
