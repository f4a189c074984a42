import net from "node:net";
import type { FastifyRequest } from "fastify";

/** Named ranges proxy-addr (Fastify's trustProxy) understands besides addresses and CIDRs. */
const NAMED_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);

/** Whether one TRUST_PROXY entry is an address, a CIDR (address/prefix) or a named range. */
export function isProxyEntry(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [addr, prefix, extra] = entry.split("/");
  const kind = net.isIP(addr);
  if (!kind || extra !== undefined) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (kind === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: empty or "off" trusts no proxy (X-Forwarded-For is ignored); otherwise a comma-separated list
 * of the reverse proxies' addresses or CIDRs. Returns the list, false, or the entries that are not valid.
 */
export function parseTrustProxy(value: string | undefined): { trust: string[] | false } | { invalid: string[] } {
  const v = (value ?? "").trim();
  if (v === "" || v === "off" || v === "false") return { trust: false };
  const entries = v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const invalid = entries.filter((e) => !isProxyEntry(e));
  return invalid.length ? { invalid } : { trust: entries };
}

/** An address as stored: IPv4-mapped IPv6 shown as IPv4, anything that is not an IP address refused (null). */
export function normalizeAddress(addr: string | undefined | null): string | null {
  if (!addr) return null;
  const a = addr.trim();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(a);
  if (mapped && net.isIPv4(mapped[1])) return mapped[1];
  return net.isIP(a) ? a.toLowerCase() : null;
}

/**
 * The client's address for rate limits, sessions and the logs: the address Fastify derived (the socket's, or
 * with trusted proxies the nearest untrusted X-Forwarded-For entry), only if it is a well-formed IP address;
 * otherwise the socket's own address, so header text never reaches the database or the rate-limit keys.
 */
export function clientAddress(req: FastifyRequest): string | null {
  return normalizeAddress(req.ip) ?? normalizeAddress(req.socket?.remoteAddress);
}
