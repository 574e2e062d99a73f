import { z } from "zod";
import { WhenAwaySchema } from "./availability";

export const ThemeModeSchema = z.enum(["light", "dark", "auto"]);
export const PositionSchema = z.enum(["left", "right"]);

export const ThemeSchema = z.object({
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, "color must be #rrggbb"),
  mode: ThemeModeSchema,
  position: PositionSchema,
});
export type Theme = z.infer<typeof ThemeSchema>;

export const DEFAULT_THEME: Theme = { color: "#4f46e5", mode: "auto", position: "right" };

export const FaqPublicSchema = z.object({ id: z.string(), question: z.string() });
export type FaqPublic = z.infer<typeof FaqPublicSchema>;

/** What the widget learns about its site at init: everything it needs to draw itself. */
export const SitePublicSchema = z.object({
  id: z.string(),
  name: z.string(),
  theme: ThemeSchema,
  greeting: z.string(),
  locale: z.string(),
  bot_enabled: z.boolean(),
  faqs: z.array(FaqPublicSchema),
  /** Shown while the site is unavailable (SPEC §12), with the email form or instead of the widget. */
  away_message: z.string(),
  when_away: WhenAwaySchema,
});
export type SitePublic = z.infer<typeof SitePublicSchema>;
