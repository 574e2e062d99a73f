import { describe, expect, it } from "vitest";
import { AgentRoom, createAgent } from "./agents";
import { createSite, startSession, TestSocket } from "./helpers";

describe("who is in a conversation room", () => {
  it("tells agents which agents have the conversation open, live, each once, and tells the visitor only the count", async () => {
    const site = await createSite({ botEnabled: false });
    const visitor = await startSession(site);
    const sam = await createAgent(site, { name: "Sam" });
    const lee = await createAgent(site, { name: "Lee" });
    const samRef = { id: sam.id, name: "Sam" };
    const leeRef = { id: lee.id, name: "Lee" };

    const visitorRoom = await TestSocket.open(visitor.session_id, visitor.visitor_token);
    expect(visitorRoom.hello).not.toHaveProperty("agents");
    const samRoom = await AgentRoom.open(visitor.session_id, sam);
    expect(samRoom.of("hello")[0]!.agents).toEqual([samRef]);
    expect(await visitorRoom.next("presence", (f) => f.online === 2)).toEqual({ type: "presence", online: 2 });

    const leeRoom = await AgentRoom.open(visitor.session_id, lee);
    expect(leeRoom.of("hello")[0]!.agents).toEqual([samRef, leeRef]);
    expect(await samRoom.next("presence", (f) => f.online === 3)).toEqual({ type: "presence", online: 3, agents: [samRef, leeRef] });
    expect(await visitorRoom.next("presence", (f) => f.online === 3)).toEqual({ type: "presence", online: 3 });

    // A second tab is the same agent: named once.
    const leeSecondTab = await AgentRoom.open(visitor.session_id, lee);
    expect(leeSecondTab.of("hello")[0]!.agents).toEqual([samRef, leeRef]);

    const samSees = samRoom.nextNew("presence", (f) => f.online === 2);
    const visitorSees = visitorRoom.nextNew("presence", (f) => f.online === 2);
    leeRoom.end();
    leeSecondTab.end();
    expect(await samSees).toEqual({ type: "presence", online: 2, agents: [samRef] });
    expect(await visitorSees).toEqual({ type: "presence", online: 2 });
    samRoom.end();
    visitorRoom.end();
  });
});
