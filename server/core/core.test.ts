import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { DEFAULT_SECURITY_POLICY } from "../../contracts/identity.js";
import { checkUscc, usccCheckChar } from "../../contracts/uscc.js";
import { passwordProblem } from "../modules/identity/password.js";
import { FieldCipher, maskIdNumber, maskName, maskPhone, sm3 } from "./crypto.js";
import { contentDisposition } from "./http.js";
import { fieldLabel, t } from "./i18n.js";
import { attachment } from "./xlsx.js";

describe("national crypto", () => {
  it("SM3 matches the GB/T 32905 test vector", () => {
    expect(sm3("abc")).toBe("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
  });

  it("SM4 field encryption round-trips, uses a fresh IV, and refuses a tampered value", () => {
    const cipher = new FieldCipher(crypto.randomBytes(32));
    const a = cipher.encrypt("13800001111");
    const b = cipher.encrypt("13800001111");
    expect(a).not.toBe(b);
    expect(cipher.decrypt(a)).toBe("13800001111");
    const raw = Buffer.from(a.slice(3), "base64");
    raw[20] ^= 1;
    expect(() => cipher.decrypt(`v1:${raw.toString("base64")}`)).toThrow("密文校验失败");
    expect(() => new FieldCipher(crypto.randomBytes(32)).decrypt(a)).toThrow();
  });

  it("masks phone numbers", () => {
    expect(maskPhone("13812345678")).toBe("138****5678");
    expect(maskPhone(null)).toBeNull();
  });
});

describe("personal data helpers", () => {
  const key = crypto.randomBytes(32);
  it("blind index: same for the same number however typed, different per key and per number", () => {
    const c = new FieldCipher(key);
    expect(c.blindIndex("138 0000-1234")).toBe(c.blindIndex("13800001234"));
    expect(c.blindIndex("15232619800101123x")).toBe(c.blindIndex("15232619800101123X"));
    expect(c.blindIndex("13800001235")).not.toBe(c.blindIndex("13800001234"));
    expect(new FieldCipher(crypto.randomBytes(32)).blindIndex("13800001234")).not.toBe(c.blindIndex("13800001234"));
    expect(c.blindIndex("13800001234")).not.toContain("13800001234");
  });
  it("masks names and ID numbers", () => {
    expect(maskName("张三丰")).toBe("张**");
    expect(maskName("李")).toBe("*");
    expect(maskIdNumber("152326198001011234")).toBe("152326********1234");
    expect(maskIdNumber("12345")).toBe("*****");
  });
});

describe("统一社会信用代码 (GB 32100)", () => {
  it("accepts a published valid code and rejects a wrong check character", () => {
    expect(checkUscc("91350100M000100Y43")).toBe("ok");
    expect(checkUscc("91350100M000100Y44")).toBe("check_digit");
  });
  it("rejects letters outside the charset and wrong lengths", () => {
    expect(checkUscc("91350100M000100YI3")).toBe("format");
    expect(checkUscc("91350100M000100Y4")).toBe("format");
  });
  it("any one-character change of a valid code is caught", () => {
    const body = "12150522MB0012345";
    const code = body + usccCheckChar(body);
    expect(checkUscc(code)).toBe("ok");
    const charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    for (let i = 8; i < 17; i++) {
      for (const c of charset) {
        if (c === code[i]) continue;
        const changed = code.slice(0, i) + c + code.slice(i + 1);
        expect(checkUscc(changed), changed).not.toBe("ok");
      }
    }
  });
});

describe("password policy", () => {
  it("needs 8 characters of 3 classes and no username", () => {
    expect(passwordProblem("Abcdefg1", DEFAULT_SECURITY_POLICY)).toBeNull();
    expect(passwordProblem("abcdefg1", DEFAULT_SECURITY_POLICY)).toContain("至少 8 位");
    expect(passwordProblem("Ab1!", DEFAULT_SECURITY_POLICY)).toContain("至少 8 位");
    expect(passwordProblem("Zhangsan#1", DEFAULT_SECURITY_POLICY, "zhangsan")).toBe("密码不能包含用户名");
  });
});

describe("i18n", () => {
  it("fills placeholders and names fields in Chinese", () => {
    expect(t("auth.locked", { minutes: 7 })).toBe("账号已被锁定，请 7 分钟后再试，或联系安全管理员解锁");
    expect(fieldLabel(["regionCode"])).toBe("行政区划代码");
    expect(fieldLabel(["roleIds", 1])).toBe("角色（第 2 项）");
  });
});

describe("content-disposition", () => {
  it("gives the real name as RFC 5987 filename* beside an ASCII fallback, attachment or inline", () => {
    expect(contentDisposition("组织机构 (1).xlsx", { fallback: "export.xlsx" })).toBe(
      `attachment; filename="export.xlsx"; filename*=UTF-8''%E7%BB%84%E7%BB%87%E6%9C%BA%E6%9E%84%20(1).xlsx`,
    );
    expect(contentDisposition("照片.png", { fallback: "file", inline: true })).toBe(
      `inline; filename="file"; filename*=UTF-8''${encodeURIComponent("照片.png")}`,
    );
    expect(attachment("审计日志.xlsx")).toBe(contentDisposition("审计日志.xlsx", { fallback: "export.xlsx" }));
  });
});
