// zod schemas for the collector; never imported by the SDK.
export {};
