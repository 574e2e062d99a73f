import { describe, expect, it } from "vitest";
import { app } from "../../src/app";
import { HTTP_API } from "../../src/protocol";

describe("the HTTP contract (src/protocol/http-api.ts)", () => {
  it("lists exactly the routes the app serves, so every answer a test reads can be checked against it", () => {
    const served = new Set(app.routes.filter((route) => route.method !== "ALL").map((route) => `${route.method} ${route.path}`));
    const contract = HTTP_API.map((route) => `${route.method} ${route.path}`);
    expect(new Set(contract).size).toBe(contract.length);
    expect([...served].sort()).toEqual([...contract].sort());
  });
});
