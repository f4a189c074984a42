import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

/** The directory holding initdb and pg_ctl, or null when PostgreSQL is not installed here. */
export function findPostgresBin(): string | null {
  const candidates = ["/usr/local/bin"];
  try {
    for (const v of fs.readdirSync("/usr/lib/postgresql").sort().reverse())
      candidates.push(path.join("/usr/lib/postgresql", v, "bin"));
  } catch {
    // no Debian-style installation
  }
  return candidates.find((d) => fs.existsSync(path.join(d, "initdb")) && fs.existsSync(path.join(d, "pg_ctl"))) ?? null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** initdb refuses to run as root: as root, the cluster belongs to `shiliu-ci` (created if missing, as .ci/run does). */
const RUN_AS = "shiliu-ci";

/**
 * A private, throw-away PostgreSQL cluster on its own port, that a test may stop the hard way and start
 * again (the shared test server must never be stopped).
 */
export async function startCluster(bin: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shiliu-pg-fault-"));
  const data = path.join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    try {
      execFileSync("id", [RUN_AS], { stdio: "ignore" });
    } catch {
      execFileSync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", RUN_AS]);
    }
    const uid = Number(execFileSync("id", ["-u", RUN_AS]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", RUN_AS]).toString().trim());
    fs.chownSync(dir, uid, gid);
  }
  /** Runs a PostgreSQL tool (as RUN_AS when root) without blocking the event loop: the app keeps serving. */
  const run = async (tool: string, args: string[]) => {
    // /usr/local/bin may link initdb and pg_ctl only: the other tools sit beside initdb's real file.
    const own = path.join(bin, tool);
    const exe = fs.existsSync(own) ? own : path.join(path.dirname(fs.realpathSync(path.join(bin, "initdb"))), tool);
    const argv = [exe, ...args];
    const quoted = argv.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
    if (asRoot) await execFileAsync("su", ["-s", "/bin/sh", RUN_AS, "-c", quoted]);
    else await execFileAsync(argv[0], argv.slice(1));
  };
  const port = await freePort();
  await run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=50 -c fsync=off`;
  const start = () => run("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "log"), "-w", "start"]);
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    /**
     * A streaming standby of this cluster (pg_basebackup -R, hot standby) on its own port; a test holds it
     * behind the primary with `select pg_wal_replay_pause()` on it (and `pg_wal_replay_resume()`).
     */
    standby: async () => {
      const sdata = path.join(dir, "standby");
      const sport = await freePort();
      await run("pg_basebackup", [
        "-D",
        sdata,
        "-d",
        `postgres://postgres@127.0.0.1:${port}/postgres`,
        "-R",
        "-X",
        "stream",
      ]);
      const sopts = `-p ${sport} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=50 -c fsync=off -c hot_standby=on`;
      await run("pg_ctl", ["-D", sdata, "-o", sopts, "-l", path.join(dir, "standby.log"), "-w", "start"]);
      const url = `postgres://postgres@127.0.0.1:${sport}/postgres`;
      return {
        url,
        stop: () => run("pg_ctl", ["-D", sdata, "-m", "immediate", "-w", "stop"]),
      };
    },
    /** Stops the server as a crash would: every backend killed at once, no checkpoint, recovery at the next start. */
    crash: () => run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]),
    start,
    log: () => fs.readFileSync(path.join(dir, "log"), "utf8"),
    destroy: async () => {
      if (fs.existsSync(path.join(dir, "standby", "postmaster.pid")))
        await run("pg_ctl", ["-D", path.join(dir, "standby"), "-m", "immediate", "-w", "stop"]).catch(() => undefined);
      await run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it holds (the condition is the assertion; the deadline only turns a hang into a failure). */
export async function until(what: string, check: () => boolean | Promise<boolean>, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`等待超时：${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
