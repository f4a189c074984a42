/** A user agent in a few words: "Chrome 126 · Windows 10/11", "微信 · iOS", "curl". */
export function describeUserAgent(
  ua: string | null | undefined,
  labels: { unknown: string; wechat: string; headless: string },
): string {
  if (!ua) return labels.unknown;
  const browsers: [RegExp, string][] = [
    [/MicroMessenger\/([\d.]+)/, labels.wechat],
    [/Edg(?:e|A|iOS)?\/(\d+)/, "Edge"],
    [/OPR\/(\d+)/, "Opera"],
    [/QQBrowser\/(\d+)/, "QQ 浏览器"],
    [/UCBrowser\/(\d+)/, "UC 浏览器"],
    [/360SE|360EE/, "360 浏览器"],
    [/(?:HeadlessChrome|Chrome|CriOS)\/(\d+)/, "Chrome"],
    [/(?:Firefox|FxiOS)\/(\d+)/, "Firefox"],
    [/Version\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari\//, "Safari"],
    [/^curl\/([\d.]+)/, "curl"],
    [/^node|undici/i, "Node.js"],
  ];
  let browser = "";
  for (const [re, name] of browsers) {
    const m = re.exec(ua);
    if (m) {
      const version = m[1] && name !== labels.wechat ? ` ${m[1].split(".")[0]}` : "";
      browser = `${name}${version}`;
      break;
    }
  }
  const systems: [RegExp, string][] = [
    [/Windows NT 10/, "Windows 10/11"],
    [/Windows NT 6\.1/, "Windows 7"],
    [/Windows NT/, "Windows"],
    [/iPhone|iPad|iPod/, "iOS"],
    [/HarmonyOS|OpenHarmony/, "HarmonyOS"],
    [/Android/, "Android"],
    [/Mac OS X|Macintosh/, "macOS"],
    [/UOS|Deepin/i, "统信 UOS"],
    [/Kylin/i, "麒麟"],
    [/Linux/, "Linux"],
  ];
  const os = systems.find(([re]) => re.test(ua))?.[1] ?? "";
  if (/HeadlessChrome\//.test(ua)) browser += `（${labels.headless}）`;
  const text = [browser, os].filter(Boolean).join(" · ");
  return text || (ua.length > 40 ? `${ua.slice(0, 40)}…` : ua);
}
