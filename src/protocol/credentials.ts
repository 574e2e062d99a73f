import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./limits";

/** A password an agent chooses: for a new agent, with an invite, or to change their own (SPEC §5). */
export const NewPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `passwords need at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `passwords may have at most ${PASSWORD_MAX_LENGTH} characters`);

/**
 * The secret of a one-time sign-in link: 32 random bytes in base64url (43 characters). A string of
 * any other form cannot be one, so it is refused before any look-up.
 */
export const InviteTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "this is not an invite token; copy the whole link");

/**
 * A one-time sign-in link (SPEC §5 invites): single use, valid until `expires_at` (7 days). The
 * token sits in the URL's fragment (`/dashboard/#/invite/TOKEN`), which browsers send to no server.
 */
export const InviteSchema = z.object({
  invite_url: z.url(),
  expires_at: z.iso.datetime(),
});
export type Invite = z.infer<typeof InviteSchema>;

/** `POST /api/auth/invite/check`: who a link is for, before they choose a password. */
export const InviteCheckBodySchema = z.object({ token: InviteTokenSchema });

export const InviteCheckResponseSchema = z.object({
  agent: z.object({ name: z.string(), email: z.string() }),
  workspace: z.object({ name: z.string() }),
  expires_at: z.iso.datetime(),
});
export type InviteCheckResponse = z.infer<typeof InviteCheckResponseSchema>;

/** `POST /api/auth/invite`: uses the link, sets the password and signs in, like a login. */
export const AcceptInviteBodySchema = z.object({ token: InviteTokenSchema, password: NewPasswordSchema });

/** `POST /api/auth/password`: any agent, proving the current password; ends their other sign-ins. */
export const ChangePasswordBodySchema = z
  .object({
    current_password: z.string().min(1, "enter your current password").max(PASSWORD_MAX_LENGTH),
    new_password: NewPasswordSchema,
  })
  .refine((body) => body.new_password !== body.current_password, {
    path: ["new_password"],
    message: "choose a password other than your current one",
  });
