import { inflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrg, createUser, loginAdmin, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { chineseNumber } from "./captcha-image.js";

const NUMBERS = new Map(Array.from({ length: 100 }, (_, n) => [chineseNumber(n), n]));
/** Answers the text alternative as a screen-reader user would. */
function solve(question: string) {
  const m = question.match(/请计算：(.+?)(加|减)(.+?)等于多少/);
  if (!m) throw new Error(question);
  const [a, b] = [NUMBERS.get(m[1]), NUMBERS.get(m[3])];
  if (a === undefined || b === undefined) throw new Error(question);
  return String(m[2] === "加" ? a + b : a - b);
}

describe("login captcha after repeated failures from one client", () => {
  let h: TestApp;
  const at = (h: TestApp, remoteAddress: string, body: object) =>
    h.app.inject({ method: "POST", url: "/api/auth/login", payload: body, remoteAddress });
  const captcha = async (mode: "image" | "text") =>
    (await h.app.inject({ method: "GET", url: `/api/auth/captcha?mode=${mode}`, remoteAddress: "10.70.0.9" })).json();

  beforeAll(async () => {
    h = await createTestApp();
    const admin = await loginAdmin(h);
    const org = await createOrg(admin, "科尔沁左翼后旗民族事务委员会", "150522");
    await createUser(h, admin, "capuser", org.id, ["unit_user"]);
  });
  afterAll(() => h?.close());

  it("after 3 failures the client must answer a captcha, right password or not; another client is not asked", async () => {
    const addr = "10.70.0.1";
    const codes: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await at(h, addr, { username: "capuser", password: "Wrong#Pass1" });
      codes.push([res.statusCode, res.json().error.code, res.json().error.details?.captchaRequired ?? false]);
    }
    expect(codes).toEqual([
      [401, "BAD_CREDENTIALS", false],
      [401, "BAD_CREDENTIALS", false],
      [401, "BAD_CREDENTIALS", true],
    ]);
    const state = await h.app.inject({ method: "GET", url: "/api/auth/login-state", remoteAddress: addr });
    expect(state.json()).toEqual({ captchaRequired: true });
    const other = await h.app.inject({ method: "GET", url: "/api/auth/login-state", remoteAddress: "10.70.0.2" });
    expect(other.json()).toEqual({ captchaRequired: false });
    // The right password without a captcha gets no verdict.
    const noCaptcha = await at(h, addr, { username: "capuser", password: USER_PASSWORD });
    expect([noCaptcha.statusCode, noCaptcha.json().error.code]).toEqual([401, "CAPTCHA_REQUIRED"]);
    expect(noCaptcha.json().error.message).toBe("登录失败次数较多，请填写验证码后再登录");
    // An unknown name is answered alike.
    const ghost = await at(h, addr, { username: "nobody_here", password: USER_PASSWORD });
    expect(ghost.json().error.code).toBe("CAPTCHA_REQUIRED");
    // A wrong answer is refused and uses the captcha up.
    const c1 = await captcha("text");
    const wrong = await at(h, addr, {
      username: "capuser",
      password: USER_PASSWORD,
      captchaId: c1.id,
      captcha: String(Number(solve(c1.question)) + 1),
    });
    expect(wrong.json().error.code).toBe("CAPTCHA_INVALID");
    const reused = await at(h, addr, {
      username: "capuser",
      password: USER_PASSWORD,
      captchaId: c1.id,
      captcha: solve(c1.question),
    });
    expect(reused.json().error.code).toBe("CAPTCHA_INVALID");
    // Another client signs in without one.
    expect((await at(h, "10.70.0.2", { username: "capuser", password: USER_PASSWORD })).statusCode).toBe(200);
    // The right answer and password sign in, and the client's count is cleared.
    const c2 = await captcha("text");
    const ok = await at(h, addr, {
      username: "capuser",
      password: USER_PASSWORD,
      captchaId: c2.id,
      captcha: solve(c2.question),
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await at(h, addr, { username: "capuser", password: USER_PASSWORD })).statusCode).toBe(200);
  });

  it("a captcha expires after five minutes, and the client's count after the lock period", async () => {
    const addr = "10.70.0.3";
    for (let i = 0; i < 3; i++) await at(h, addr, { username: "nobody2", password: "Wrong#Pass1" });
    const c = await captcha("text");
    h.clock.advanceMinutes(6);
    const late = await at(h, addr, {
      username: "capuser",
      password: USER_PASSWORD,
      captchaId: c.id,
      captcha: solve(c.question),
    });
    expect(late.json().error.code).toBe("CAPTCHA_INVALID");
    h.clock.advanceMinutes(16);
    expect((await at(h, addr, { username: "capuser", password: USER_PASSWORD })).statusCode).toBe(200);
  });

  it("the picture is a 150 × 50 grey-scale PNG, different each time, with no digits in the answer", async () => {
    const [a, b] = [await captcha("image"), await captcha("image")];
    expect(a.question).toBeUndefined();
    expect(a.image).not.toBe(b.image);
    const png = Buffer.from(a.image.replace(/^data:image\/png;base64,/, ""), "base64");
    expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
    expect([png.readUInt32BE(16), png.readUInt32BE(20), png[24], png[25]]).toEqual([150, 50, 8, 0]);
    const idat = png.subarray(41, 41 + png.readUInt32BE(33));
    const pixels = inflateSync(idat);
    expect(pixels.length).toBe(151 * 50);
    // Dark strokes are drawn: some pixels are near black.
    expect([...pixels].filter((p) => p < 100).length).toBeGreaterThan(100);
    expect(JSON.stringify(a)).not.toMatch(/answer/);
  });

  it("the mode is checked", async () => {
    const res = await h.app.inject({ method: "GET", url: "/api/auth/captcha?mode=audio" });
    expect(res.statusCode).toBe(400);
  });
});
