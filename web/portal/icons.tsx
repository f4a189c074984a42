/** Line icons of the portal (inline SVG, no icon library). */
const PATHS = {
  notice: ["M3 10v4a1 1 0 0 0 1 1h2l6 4V5L6 9H4a1 1 0 0 0-1 1z", "M16 9a3.5 3.5 0 0 1 0 6", "M18.5 6.5a7 7 0 0 1 0 11"],
  medal: [
    "M12 3a6 6 0 1 0 0 12a6 6 0 1 0 0-12z",
    "M8.6 13.8 7 21l5-2.6 5 2.6-1.6-7.2",
    "M12 6.5l1 2 2.2.3-1.6 1.5.4 2.2-2-1-2 1 .4-2.2-1.6-1.5 2.2-.3z",
  ],
  landmark: ["M3 21h18", "M5 18V10", "M9.7 18V10", "M14.3 18V10", "M19 18V10", "M2.5 8 12 3l9.5 5z", "M4 18h16"],
  star: ["M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8L12 16.9l-5.2 2.7 1-5.8-4.3-4.1 5.9-.9z"],
  book: ["M6 3h9l4 4v14H6z", "M14.5 3v4.5H19", "M9 12h7", "M9 16h7"],
  clipboard: ["M9 3.5h6v3H9z", "M7.5 5H5v16h14V5h-2.5", "M8.5 13.5l2.5 2.5 4.5-4.5"],
  type: ["M4 7V5h11v2", "M9.5 5v14", "M7.5 19h4", "M14 12v-1.5h7V12", "M17.5 10.5V19", "M16 19h3"],
  arrow: ["M5 12h14", "M13 6l6 6-6 6"],
  user: ["M12 4a4 4 0 1 0 0 8a4 4 0 1 0 0-8z", "M4 21a8 8 0 0 1 16 0"],
  flag: ["M5 21V4", "M5 4h11l-2 4 2 4H5"],
  news: ["M4 5h13v14H6a2 2 0 0 1-2-2z", "M17 9h3v8a2 2 0 0 1-2 2", "M7.5 9h6", "M7.5 12.5h6", "M7.5 16h4"],
  globe: [
    "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z",
    "M3 12h18",
    "M12 3c2.5 2.6 3.6 5.6 3.6 9s-1.1 6.4-3.6 9",
    "M12 3c-2.5 2.6-3.6 5.6-3.6 9s1.1 6.4 3.6 9",
  ],
  search: ["M10.5 4a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13z", "M15.5 15.5 20 20"],
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 24 }: { name: IconName; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}

/** The pomegranate mark: a red fruit with its crown. */
export function Logo({ size = 40 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <path d="M17 5.5l3.2 6.5h7.6L31 5.5l-3.6 2.6L24 3.5l-3.4 4.6z" fill="#8f0b20" />
      <circle cx="24" cy="28" r="17" fill="#c8102e" />
      <path
        d="M14 22a11 11 0 0 1 7-6.5"
        stroke="#fff"
        strokeOpacity=".55"
        strokeWidth="2.4"
        fill="none"
        strokeLinecap="round"
      />
    </svg>
  );
}

/** Seeds of an opened pomegranate, packed in a circle: the platform's image of unity. Decorative. */
const SEEDS: { x: number; y: number }[] = (() => {
  const out: { x: number; y: number }[] = [];
  const r = 7.2;
  for (let row = -9; row <= 9; row++) {
    for (let col = -9; col <= 9; col++) {
      const x = 100 + col * r * 2 + (row % 2 ? r : 0);
      const y = 120 + row * r * 1.74;
      if ((x - 100) ** 2 + (y - 120) ** 2 < 64 ** 2) out.push({ x, y });
    }
  }
  return out;
})();

export function Pomegranate() {
  return (
    <svg viewBox="0 0 200 210" className="hero-art" aria-hidden="true" focusable="false">
      <path d="M68 52 78 6l14 22 8-24 8 24 14-22 10 46z" fill="#5e0815" />
      <circle cx="100" cy="120" r="86" fill="#7a0a1c" />
      <circle cx="100" cy="120" r="76" fill="#fbe3e6" />
      {SEEDS.map((s) => (
        <ellipse
          key={`${s.x}-${s.y}`}
          cx={s.x}
          cy={s.y}
          rx="6.4"
          ry="6.8"
          fill="#c8102e"
          stroke="#a00d25"
          strokeWidth=".8"
        />
      ))}
      {SEEDS.filter((_, i) => i % 3 === 0).map((s) => (
        <circle key={`h${s.x}-${s.y}`} cx={s.x - 2} cy={s.y - 2.4} r="1.5" fill="#fff" fillOpacity=".7" />
      ))}
    </svg>
  );
}
