import { runInDurableObject } from "cloudflare:test";
import { SocketSet, type SocketMeta } from "../../src/objects/sockets";

/**
 * Rewrites the attachment of every socket of an object (those with `tag`, or all) as `change`
 * says, through the object's own socket set (`SocketSet.update`): the object keeps a copy of
 * what it writes, and a frame is admitted by that copy, so a rewrite behind its back would go
 * unseen. For an expired sign-in, a silent socket, or another deployment's attachment.
 */
export async function rewriteAttachments(stub: DurableObjectStub, change: (attachment: SocketMeta) => object, tag?: string): Promise<void> {
  await runInDurableObject(stub, (instance: object, state) => {
    const sockets = Object.values(instance).find((value): value is SocketSet<SocketMeta> => value instanceof SocketSet);
    if (!sockets) throw new Error("the object has no socket set");
    for (const ws of state.getWebSockets(tag)) sockets.update(ws, change(ws.deserializeAttachment() as SocketMeta) as SocketMeta);
  });
}
