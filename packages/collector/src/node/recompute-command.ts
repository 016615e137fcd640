/** `waymark-collector recompute --db <path> [--project <id>] [--json]`: runs every population model now. */
import { recomputeAll } from './recompute-all.js';

export const RECOMPUTE_USAGE = `Usage: waymark-collector recompute --db <path> [--project <id>] [--json]

Runs every population model (activity histories, today's snapshot, lifecycle, retention, personas, and RFM and
churn risk when installed) for every project of the database, or only --project. Progress goes to stderr; the
summary to stdout (one line per project, or JSON with --json). --db defaults to WAYMARK_DB, then ./waymark.db.
`;

export async function runRecomputeCommand(argv: string[], env: Record<string, string | undefined>, out: { stdout(s: string): void; stderr(s: string): void }): Promise<number> {
  let db = env.WAYMARK_DB || './waymark.db';
  let projectId: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--db') db = value() ?? '';
    else if (flag === '--project') projectId = value();
    else if (flag === '--json') json = true;
    else if (flag === '--help' || flag === '-h') return out.stdout(RECOMPUTE_USAGE), 0;
    else return out.stderr(`waymark-collector: unknown option ${arg}\n\n${RECOMPUTE_USAGE}`), 2;
  }
  if (!db) return out.stderr(`waymark-collector: --db needs a path\n`), 2;
  try {
    const started = Date.now();
    const summaries = await recomputeAll(db, { ...(projectId !== undefined ? { projectId } : {}), onProgress: (m) => out.stderr(`${m}\n`) });
    if (json) out.stdout(`${JSON.stringify({ projects: summaries, durationMs: Date.now() - started })}\n`);
    else for (const s of summaries) out.stdout(`${s.projectId}: ${s.users} users, ${s.eventsScanned} new events, snapshot ${s.snapshotDay}, ${Object.entries(s.models).map(([k, v]) => `${k} ${v}`).join(', ')} (${s.durationMs} ms)\n`);
    return 0;
  } catch (error) {
    out.stderr(`waymark-collector: recompute failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
