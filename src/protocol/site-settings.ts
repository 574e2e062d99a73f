import { z } from "zod";
import { availabilityFields, BusinessHoursSchema, WhenAwaySchema } from "./availability";
import { requiredTextSchema, textSchema } from "./common";
import { SiteSummarySchema } from "./dashboard-rest";
import { LOCALE_MAX, ORIGIN_MAX, SITE_GREETING_MAX, SITE_NAME_MAX, SITE_ORIGINS_MAX } from "./limits";
import { canonicalOrigin } from "./origin";
import { ThemeSchema } from "./site";

/** Error code of a refused allowed origin; the issue's message quotes the value. */
export const INVALID_ORIGIN = "invalid_origin";

/** How much of a refused value an error message quotes: enough to find it, never a whole flood. */
const QUOTED_MAX = 80;

function quoted(value: string): string {
  return JSON.stringify(value.length > QUOTED_MAX ? `${value.slice(0, QUOTED_MAX)}…` : value);
}

/**
 * One allowed origin (SPEC §5), stored as a browser sends it: `https://Shop.example:443` is kept as
 * `https://shop.example`. Anything else is refused with the value quoted, so the admin sees which.
 */
export const OriginSchema = z.string().transform((value, ctx) => {
  const origin = value.length <= ORIGIN_MAX ? canonicalOrigin(value) : null;
  if (origin === null) {
    ctx.addIssue({
      code: "custom",
      message: `${quoted(value)} is not an origin: write scheme://host[:port] (http or https; no path, query, fragment or trailing slash), or "*"`,
      params: { code: INVALID_ORIGIN, value: value.slice(0, QUOTED_MAX) },
    });
    return z.NEVER;
  }
  return origin;
});

/** The list as stored: each origin once, in the order first given. */
export const AllowedOriginsSchema = z
  .array(OriginSchema)
  .max(SITE_ORIGINS_MAX, `at most ${SITE_ORIGINS_MAX} origins`)
  .transform((origins) => [...new Set(origins)]);

/** A BCP 47 tag such as `en` or `de-AT`, or `auto` for the visitor's browser language. */
export const LocaleSchema = z
  .string()
  .max(LOCALE_MAX)
  .regex(/^(auto|[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*)$/, 'locale must be a language tag such as "en" or "de-AT", or "auto"');

/** Theme fields to set; those left out keep their value (on create, the default theme's). */
export const ThemeChangeSchema = z.strictObject(ThemeSchema.shape).partial();

/**
 * The settings an admin writes (SPEC §5 sites, with the availability of §12). Unknown fields are
 * refused by name, so a typo never passes silently.
 */
const siteFields = {
  name: requiredTextSchema(SITE_NAME_MAX),
  allowed_origins: AllowedOriginsSchema,
  theme: ThemeChangeSchema,
  greeting: textSchema(SITE_GREETING_MAX),
  locale: LocaleSchema,
  bot_enabled: z.boolean(),
  ...availabilityFields,
};

/** `POST /api/sites`: a name is needed; everything else has a default (no origin allowed yet). */
export const CreateSiteBodySchema = z.strictObject({
  ...siteFields,
  allowed_origins: siteFields.allowed_origins.default([]),
  theme: siteFields.theme.default({}),
  greeting: siteFields.greeting.default(""),
  locale: siteFields.locale.default("en"),
  bot_enabled: siteFields.bot_enabled.default(true),
  business_hours: siteFields.business_hours.default(null),
  only_when_agents_online: siteFields.only_when_agents_online.default(false),
  away_message: siteFields.away_message.default(""),
  when_away: siteFields.when_away.default("form"),
});
export type CreateSiteBody = z.infer<typeof CreateSiteBodySchema>;

/** `PATCH /api/sites/:site_id`: any of the fields; `allowed_origins` replaces the whole list. */
export const UpdateSiteBodySchema = z
  .strictObject(siteFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: "nothing to change" });
export type UpdateSiteBody = z.infer<typeof UpdateSiteBodySchema>;

/**
 * A site as its admins see it. `site_key` is public and never changes; the identity secret is
 * never shown again after it is made, only whether there is one.
 */
export const SiteSchema = SiteSummarySchema.extend({
  allowed_origins: z.array(z.string()),
  theme: ThemeSchema,
  greeting: z.string(),
  locale: z.string(),
  bot_enabled: z.boolean(),
  business_hours: BusinessHoursSchema.nullable(),
  only_when_agents_online: z.boolean(),
  away_message: z.string(),
  when_away: WhenAwaySchema,
  identity_enabled: z.boolean(),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
});
export type Site = z.infer<typeof SiteSchema>;

/**
 * `GET /api/sites`: every agent reads it for the inbox's site filter. Admins get each site's
 * settings (`Site`); agents only `SiteSummary`.
 */
export const SiteListResponseSchema = z.object({ sites: z.array(z.union([SiteSchema, SiteSummarySchema])) });
export type SiteListResponse = z.infer<typeof SiteListResponseSchema>;

/**
 * `POST /api/sites/:site_id/identity-secret`: the new key of the `user_hash` HMAC (SPEC §4.9),
 * 64 hex characters, shown this once; the previous secret stops verifying at once.
 */
export const IdentitySecretResponseSchema = z.object({ identity_secret: z.string().regex(/^[0-9a-f]{64}$/) });
export type IdentitySecretResponse = z.infer<typeof IdentitySecretResponseSchema>;
