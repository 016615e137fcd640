#!/usr/bin/env node
/** `waymark-collector serve --port 8787 --db ./waymark.db`: the collector as one command (also `churn-model` and `import`). */
import { readFileSync } from 'node:fs';
import { parseArgs, USAGE } from '../setup/parse-args.js';
import { runRecomputeCommand } from './recompute-command.js';
import { runChurnModel, runImport } from './run-tools.js';
import { startServer } from './start-server.js';

const SHUTDOWN_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  if (process.argv[2] === 'recompute') {
    process.exitCode = await runRecomputeCommand(process.argv.slice(3), process.env, { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) });
    return;
  }
  const parsed = parseArgs(process.argv.slice(2), process.env, (path) => readFileSync(path, 'utf8'));
  if (parsed.command === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  if (parsed.command === 'error') {
    process.stderr.write(`waymark-collector: ${parsed.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const io = { stdout: (t: string) => void process.stdout.write(t), stderr: (t: string) => void process.stderr.write(t) };
  if (parsed.command === 'churn-model') return void (process.exitCode = runChurnModel(parsed.options, io));
  if (parsed.command === 'import') return void (process.exitCode = await runImport(parsed.options, io));
  const server = await startServer(parsed.options);
  const shutdown = (signal: string) => {
    process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: 'shutting down', signal })}\n`);
    setTimeout(() => process.exit(1), SHUTDOWN_TIMEOUT_MS).unref();
    server.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`waymark-collector: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
