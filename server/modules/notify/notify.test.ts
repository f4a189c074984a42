import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessageView } from "../../../contracts/notify.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { applyAndSubmit, creationWorld, type World } from "../creation/creation.fixtures.js";
import type { Outgoing, Recipient } from "./channels.js";
import { setNotifyAdapters } from "./channels.js";
import { notifyUsers } from "./index.js";
import { runDigest } from "./notify.service.js";

type Page = { items: MessageView[]; total: number; unread: number };

/**
 * 消息中心: a to-do of a module becomes a message for the user whose to-do it is, once however often it is synced;
 * it is resolved when the module no longer lists it; event messages arrive with the change; a user sees and
 * marks only their own; the daily digest goes through the configured adapter and is logged.
 */
describe("message centre: to-dos as messages, events, read state, digest", () => {
  let h: TestApp;
  let w: World;
  let appId: string;
  const sent: { to: Recipient; m: Outgoing }[] = [];

  beforeAll(async () => {
    h = await createTestApp();
    w = await creationWorld(h);
    appId = (await applyAndSubmit(w, w.c.village)).id;
    const record = { name: "test", send: async (to: Recipient, m: Outgoing) => void sent.push({ to, m }) };
    setNotifyAdapters({ sms: record, email: record });
  });
  afterAll(async () => {
    setNotifyAdapters(null);
    await h?.close();
  });

  const messages = (c: World["c"]["town"], q = "") => c.json<Page>(`/api/messages${q}`);

  it("the town's review to-do is a message with its link, once however often the list is read", async () => {
    const first = await messages(w.c.town);
    const review = first.items.filter((m) => m.link === `/creation/applications/${appId}`);
    expect(review).toHaveLength(1);
    expect(review[0]).toMatchObject({ category: "todo", source: "creation", sourceLabel: "示范创建", read: false });
    expect(review[0]?.title).toContain("哈布哈嘎查村民委员会");
    h.clock.advance(61_000);
    const again = await messages(w.c.town);
    expect(again.items.filter((m) => m.link === `/creation/applications/${appId}`)).toHaveLength(1);
    expect(again.total).toBe(first.total);
    // The applying village has no review to do: the message is the town's only.
    const village = await messages(w.c.village);
    expect(
      village.items.some((m) => m.link === `/creation/applications/${appId}` && m.kindLabel === review[0]?.kindLabel),
    ).toBe(false);
  });

  it("marks read one message, and refuses another user's message as not found", async () => {
    const { items, unread } = await messages(w.c.town);
    const m = items.find((i) => i.link === `/creation/applications/${appId}`)!;
    await w.c.town.json(`/api/messages/${m.id}/read`, { method: "POST" });
    const after = await w.c.town.json<{ unread: number }>("/api/messages/unread");
    expect(after.unread).toBe(unread - 1);
    await w.c.village.json(`/api/messages/${m.id}/read`, { method: "POST", status: 404 });
    const unreadOnly = await messages(w.c.town, "?unread=true");
    expect(unreadOnly.items.some((i) => i.id === m.id)).toBe(false);
  });

  it("resolves the to-do once the town has recommended the application", async () => {
    await w.c.town.json(`/api/creation/applications/${appId}/recommend`, { method: "POST", body: {} });
    h.clock.advance(61_000);
    const { items } = await messages(w.c.town);
    const m = items.find((i) => i.link === `/creation/applications/${appId}`)!;
    expect(m.resolved).toBe(true);
    // And the banner, the next level, now has it.
    const houqi = await messages(w.c.houqi);
    expect(houqi.items.some((i) => i.link === `/creation/applications/${appId}` && !i.resolved)).toBe(true);
  });

  it("an event message sent in a module's transaction arrives once, for its users only", async () => {
    const me = await w.c.village.json<{ user: { id: string } }>("/api/auth/me");
    for (let i = 0; i < 2; i++)
      await h.deps.db.transaction((tx) =>
        notifyUsers(tx, h.clock, [me.user.id], {
          source: "creation",
          key: `answer:${appId}`,
          kindLabel: "申报进展",
          title: "您单位的申报已由镇推荐至旗",
          link: `/creation/applications/${appId}`,
        }),
      );
    const v = await messages(w.c.village, "?category=event");
    expect(v.items.filter((i) => i.title === "您单位的申报已由镇推荐至旗")).toHaveLength(1);
    const t = await messages(w.c.town, "?category=event");
    expect(t.items.some((i) => i.title === "您单位的申报已由镇推荐至旗")).toBe(false);
  });

  it("settings: a digest needs a channel (the error names the field); the digest goes out through the adapter", async () => {
    const bad = await w.c.houqi.req("/api/messages/settings", { method: "PUT", body: { digest: true, channels: [] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0]).toMatchObject({ field: "channels" });
    await w.c.houqi.json("/api/messages/settings", { method: "PUT", body: { digest: true, channels: ["email"] } });
    const result = await runDigest(h.deps);
    expect(result.users).toBe(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.m.subject).toContain("未读");
    expect(sent[0]?.m.lines.some((l) => l.includes("哈布哈嘎查村民委员会"))).toBe(true);
    // Each message goes into one digest only.
    expect((await runDigest(h.deps)).deliveries).toBe(0);
    const s = await w.c.houqi.json<{ deliveries: { status: string; channel: string }[] }>("/api/messages/settings");
    expect(s.deliveries).toEqual([expect.objectContaining({ status: "sent", channel: "email" })]);
  });
});
