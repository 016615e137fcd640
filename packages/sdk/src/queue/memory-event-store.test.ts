import { createMemoryEventStore } from './memory-event-store.js';
import { eventStoreContract } from './event-store.contract.js';

eventStoreContract('memory', async () => createMemoryEventStore());
