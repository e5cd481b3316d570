export { EsdbDouble, type EsdbDoubleOptions } from './server.js';
export { EsdbLog, type StoredEvent, isSystemEventType, isSystemStream } from './storage.js';
export type { CallCounts } from './streams-service.js';
export { DOUBLE_SERVER_VERSION } from './features-service.js';
