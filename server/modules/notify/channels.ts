/**
 * Delivery beyond the console. One interface for every channel; the repository ships only the logging adapter,
 * so nothing is ever sent from its defaults. A deployer plugs in a real SMS or e-mail gateway by pointing
 * `NOTIFY_ADAPTER_MODULE` at a module whose `createNotifyAdapters()` returns `{ sms?, email? }` (docs/operations.md).
 */
import type { NOTIFY_CHANNELS } from "../../../contracts/notify.js";
import { maskPhone } from "../../core/crypto.js";

export type NotifyChannel = (typeof NOTIFY_CHANNELS)[number];

export type Recipient = { userId: string; displayName: string; phone: string | null };
export type Outgoing = { subject: string; lines: string[] };

export interface NotifyAdapter {
  /** Shown in the delivery log, e.g. "log", "aliyun-sms". */
  readonly name: string;
  send(to: Recipient, message: Outgoing): Promise<void>;
}

/** The default: writes one line per delivery to the server log (the phone masked) and sends nothing. */
export class LoggingAdapter implements NotifyAdapter {
  readonly name = "log";
  constructor(
    private readonly channel: NotifyChannel,
    private readonly log: (line: string) => void = (line) => console.info(line),
  ) {}
  async send(to: Recipient, message: Outgoing) {
    this.log(
      `[notify:${this.channel}] → ${to.displayName}（${to.userId}${to.phone ? `，${maskPhone(to.phone)}` : ""}）：${message.subject}（${message.lines.length} 条）`,
    );
  }
}

export type NotifyAdapters = Record<NotifyChannel, NotifyAdapter>;

let configured: Promise<NotifyAdapters> | null = null;

/** The adapters for each channel: the deployer's module where one is configured, the logging adapter otherwise. */
export function notifyAdapters(): Promise<NotifyAdapters> {
  configured ??= (async () => {
    const defaults: NotifyAdapters = { sms: new LoggingAdapter("sms"), email: new LoggingAdapter("email") };
    const modulePath = process.env.NOTIFY_ADAPTER_MODULE;
    if (!modulePath) return defaults;
    const mod = (await import(modulePath)) as { createNotifyAdapters?: () => Partial<NotifyAdapters> };
    if (typeof mod.createNotifyAdapters !== "function")
      throw new Error(`NOTIFY_ADAPTER_MODULE（${modulePath}）须导出 createNotifyAdapters()`);
    return { ...defaults, ...mod.createNotifyAdapters() };
  })();
  return configured;
}

/** Tests swap the adapters for ones that record what they were given. */
export function setNotifyAdapters(adapters: NotifyAdapters | null) {
  configured = adapters ? Promise.resolve(adapters) : null;
}
