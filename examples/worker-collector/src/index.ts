// The collector's Worker entry as published by @waymark/collector: handlers and the Durable Object class only.
export { default, WaymarkCollector } from '@waymark/collector/worker';
