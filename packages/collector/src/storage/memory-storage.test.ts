import { createMemoryStorage } from './memory-storage.js';
import { storageContract } from './storage.contract.js';

storageContract('memory', async () => createMemoryStorage());
