import { z } from "zod";
import { requiredTextSchema, SeqSchema } from "./common";
import { SenderTypeSchema } from "./message";
import { EMAIL_MAX, GROUP_MEMBERS_MAX, GROUP_NAME_MAX } from "./limits";

/**
 * Team chat between agents (SPEC §4.10, §5 "Team chat"): direct and group chats. Messages,
 * history, read cursors and the room socket are the conversation routes (`/api/chat/:id/…`,
 * `/ws/chat/:id`); these are the list and the membership around them.
 */

const EmailSchema = z.email("must be an email address").max(EMAIL_MAX).transform((email) => email.toLowerCase());

export const TeamKindSchema = z.enum(["direct", "group"]);
export type TeamKind = z.infer<typeof TeamKindSchema>;

/** A group admin renames the group, adds and removes members, and deletes it; direct chats have none. */
export const TeamRoleSchema = z.enum(["admin", "member"]);
export type TeamRole = z.infer<typeof TeamRoleSchema>;

export const TeamMemberSchema = z.object({ id: z.string(), name: z.string(), role: TeamRoleSchema });
export type TeamMember = z.infer<typeof TeamMemberSchema>;

/** The newest message a person wrote (system lines make poor previews); `content` is cut to a preview. */
export const TeamLastMessageSchema = z.object({
  content: z.string(),
  sender_type: SenderTypeSchema,
  timestamp: z.iso.datetime(),
});

/**
 * One chat as its member sees it. `title`: the group's name, or the other agent's name in a direct
 * chat. `unread_count`: messages by others after the member's read cursor (and after their hide).
 */
export const TeamChatSchema = z.object({
  id: z.string(),
  kind: TeamKindSchema,
  title: z.string(),
  members: z.array(TeamMemberSchema),
  last_message: TeamLastMessageSchema.nullable(),
  last_seq: SeqSchema,
  unread_count: z.int().min(0),
  created_at: z.iso.datetime(),
});
export type TeamChat = z.infer<typeof TeamChatSchema>;

/** `GET /api/team/chats`: the caller's chats, hidden ones left out, newest activity first. */
export const TeamChatListResponseSchema = z.object({ chats: z.array(TeamChatSchema), unread_total: z.int().min(0) });
export type TeamChatListResponse = z.infer<typeof TeamChatListResponseSchema>;

/** `POST /api/team/direct`: the teammate, by email; the same pair always gets the same chat. */
export const CreateDirectBodySchema = z.strictObject({ email: EmailSchema });

export const GroupNameSchema = requiredTextSchema(GROUP_NAME_MAX);

/** `POST /api/team/groups`: the creator is its admin and a member whether listed or not. */
export const CreateGroupBodySchema = z.strictObject({
  name: GroupNameSchema,
  member_emails: z.array(EmailSchema).max(GROUP_MEMBERS_MAX - 1),
});

/** `PATCH /api/team/chats/:chat_id` (group admin). */
export const RenameGroupBodySchema = z.strictObject({ name: GroupNameSchema });

/** `POST /api/team/chats/:chat_id/members` (group admin). */
export const AddMemberBodySchema = z.strictObject({ email: EmailSchema });
