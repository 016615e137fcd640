/** Batching policy: when to send and how many of the oldest events go into one request. */

export interface BatchLimits {
  /** Most events in one request. */
  maxBatchEvents: number;
  /** Most serialised event bytes in one request. */
  maxBatchBytes: number;
}

/**
 * How many of `sizesBytes` (oldest first) go into the next batch: the longest prefix within both
 * limits, and at least one event so an oversized event cannot block the queue.
 */
export function batchLength(sizesBytes: readonly number[], limits: BatchLimits): number {
  let bytes = 0;
  let length = 0;
  for (const size of sizesBytes) {
    if (length >= limits.maxBatchEvents || (length > 0 && bytes + size > limits.maxBatchBytes)) break;
    bytes += size;
    length++;
  }
  return length;
}

/** A queue this full is sent now rather than at the next interval. */
export function isBatchFull(queuedEvents: number, queuedBytes: number, limits: BatchLimits): boolean {
  return queuedEvents >= limits.maxBatchEvents || queuedBytes >= limits.maxBatchBytes;
}

export interface QueueCaps {
  maxQueueEvents: number;
  maxQueueBytes: number;
}

/**
 * How many of the oldest events (sizes oldest first) to drop so the queue fits its caps again.
 * `totalEvents`/`totalBytes` describe the whole queue; `oldestSizesBytes` may cover only its head.
 */
export function overflowCount(
  totalEvents: number,
  totalBytes: number,
  oldestSizesBytes: readonly number[],
  caps: QueueCaps,
): number {
  let events = totalEvents;
  let bytes = totalBytes;
  let drop = 0;
  for (const size of oldestSizesBytes) {
    if (events <= caps.maxQueueEvents && bytes <= caps.maxQueueBytes) break;
    events--;
    bytes -= size;
    drop++;
  }
  return drop;
}
