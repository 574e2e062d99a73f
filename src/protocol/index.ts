export * from "./limits";
export * from "./common";
export * from "./message";
export * from "./conversation";
export * from "./site";
export * from "./widget-socket";
export * from "./rest";
export * from "./dashboard-socket";
