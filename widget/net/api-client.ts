import type {
  ConnectionFailedBodySchema,
  EscalateBody,
  Escalation,
  FaqClickBodySchema,
  HistoryResponse,
  IdentifyBody,
  IdentifyResponseSchema,
  LeaveMessageBody,
  Message,
  PostMessageBody,
  RatingBody,
  RatingResponseSchema,
  ReadBodySchema,
  ServerFrameOf,
  SessionInitResponse,
  UserConversationsResponse,
} from "@parley/protocol";
import type { z } from "zod";
import { requestJson, withToken } from "../shared/http";

type FaqClickBody = z.infer<typeof FaqClickBodySchema>;
type ReadBody = z.infer<typeof ReadBodySchema>;
type IdentifyResponse = z.infer<typeof IdentifyResponseSchema>;
type RatingResponse = z.infer<typeof RatingResponseSchema>;
type ConnectionFailedBody = z.infer<typeof ConnectionFailedBodySchema>;

/** The chat REST API (SPEC §5) with the visitor token, renewed once when it has expired. */
export class ApiClient {
  constructor(
    private readonly backendUrl: string,
    private readonly session: () => SessionInitResponse,
    private readonly refresh: () => Promise<SessionInitResponse>,
  ) {}

  /** The polling twin of the socket's `hello`: state plus the messages after `afterSeq`. */
  poll(conversationId: string, afterSeq: number | null): Promise<ServerFrameOf<"hello">> {
    return this.call(`/api/chat/${conversationId}/poll${afterSeq === null ? "" : `?after_seq=${afterSeq}`}`);
  }

  postMessage(conversationId: string, body: PostMessageBody): Promise<Message> {
    return this.call(`/api/chat/${conversationId}/messages`, body);
  }

  /** The away form (SPEC §12): the message and the address to answer, into the team's queue. */
  leaveMessage(conversationId: string, body: LeaveMessageBody): Promise<Message> {
    return this.call(`/api/chat/${conversationId}/leave-message`, body);
  }

  clickFaq(conversationId: string, body: FaqClickBody): Promise<Message> {
    return this.call(`/api/chat/${conversationId}/faq`, body);
  }

  escalate(conversationId: string, body: EscalateBody): Promise<Escalation> {
    return this.call(`/api/chat/${conversationId}/escalate`, body);
  }

  markRead(conversationId: string, body: ReadBody): Promise<void> {
    return this.call(`/api/chat/${conversationId}/read`, body);
  }

  /** The visitor's 1–5 rating of a closed conversation (SPEC §11); 409 while open or once rated. */
  rate(conversationId: string, body: RatingBody): Promise<RatingResponse> {
    return this.call(`/api/chat/${conversationId}/rating`, body);
  }

  /** The socket could not connect and the chat fell back (SPEC §11 counts connection success). */
  connectionFailed(conversationId: string, body: ConnectionFailedBody): Promise<void> {
    return this.call(`/api/chat/${conversationId}/connection-failed`, body);
  }

  history(conversationId: string, query: { before?: number; limit?: number } = {}): Promise<HistoryResponse> {
    const params = new URLSearchParams();
    if (query.before !== undefined) params.set("before", String(query.before));
    if (query.limit !== undefined) params.set("limit", String(query.limit));
    return this.call(`/api/chat/${conversationId}/history?${params}`);
  }

  /** Links the visitor to the site's user; the server refuses a wrong `user_hash` (401). */
  async identify(siteKey: string, body: IdentifyBody): Promise<IdentifyResponse["user"]> {
    return (await this.call<IdentifyResponse>(`/api/widget/${encodeURIComponent(siteKey)}/identify`, body)).user;
  }

  /** The visitor's conversations; for an identified user, those of every browser they used. */
  conversations(userId: string): Promise<UserConversationsResponse> {
    return this.call(`/api/chat/user/${encodeURIComponent(userId)}/conversations`);
  }

  private call<T>(path: string, body?: unknown): Promise<T> {
    return withToken(this.session, this.refresh, (token) => requestJson<T>(`${this.backendUrl}${path}`, { body, token }));
  }
}
