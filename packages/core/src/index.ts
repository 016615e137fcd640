export type {
  BatchRequest,
  BatchResponse,
  EventContext,
  EventType,
  JsonObject,
  JsonValue,
  RejectedEvent,
  WireEvent,
} from './wire.js';
export { LIMITS } from './wire.js';
