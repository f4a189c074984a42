import fs from "node:fs";
import path from "node:path";
import { sm3 } from "./crypto.js";

/** Content-addressed file storage: files are stored once under their SM3 hash. */
export interface FileStore {
  put(content: Buffer): Promise<{ hash: string; size: number }>;
  get(hash: string): Promise<Buffer | null>;
  exists(hash: string): Promise<boolean>;
}

const HASH = /^[0-9a-f]{64}$/;

/** The default store: a local directory (DATA_DIR/files), fanned out by the hash's first bytes. */
export class LocalFileStore implements FileStore {
  constructor(private readonly root: string) {}

  private pathOf(hash: string) {
    if (!HASH.test(hash)) throw new Error("无效的文件哈希");
    return path.join(this.root, hash.slice(0, 2), hash.slice(2, 4), hash);
  }

  async put(content: Buffer) {
    const hash = sm3(content);
    const file = this.pathOf(hash);
    if (!fs.existsSync(file)) {
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      // Write beside, then rename: a crash never leaves a half-written file under a valid hash.
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.promises.writeFile(tmp, content, { mode: 0o600 });
      await fs.promises.rename(tmp, file);
    }
    return { hash, size: content.length };
  }

  async get(hash: string) {
    try {
      return await fs.promises.readFile(this.pathOf(hash));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw e;
    }
  }

  async exists(hash: string) {
    return fs.existsSync(this.pathOf(hash));
  }
}
