import { app } from "./app";

export { AgentLobby } from "./objects/agent-lobby";
export { ChatSession } from "./objects/chat-session";

export default { fetch: app.fetch } satisfies ExportedHandler<Env>;
