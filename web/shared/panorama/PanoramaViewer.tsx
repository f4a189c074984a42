/**
 * A 360° panorama viewer (issue 11, 数字教育基地): an equirectangular picture drawn on a WebGL canvas by a fragment
 * shader that samples the picture along each pixel's view ray, so the visitor looks around as if standing in the
 * hall. Drag (mouse or one finger), arrow keys to turn; wheel, pinch or +/− to zoom (field of view 30°–100°);
 * Home to face the start again. Hotspots are placed by yaw and pitch (yaw 0° is the picture's left edge, 180° its
 * middle; pitch +90° straight up), projected onto the view each frame, and are buttons or links: Tab reaches them
 * and turns the view to each as it takes focus.
 *
 * No Ant Design and no 3D library: the portal uses it (lazily loaded, outside its first page's budget) and so does
 * the console's page editor preview. Without WebGL (or when the picture cannot be drawn) it shows `fallback`.
 */
import { type CSSProperties, type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from "react";
import "./panorama.css";

export type PanoramaHotspot = { id: string; yaw: number; pitch: number; title: string };

export type PanoramaLabels = {
  /** The viewer's accessible name, e.g. "360° 全景参观". */
  region: string;
  /** How to look around (shown under the view and read by screen readers). */
  hint: string;
  zoomIn: string;
  zoomOut: string;
  reset: string;
};

type Props = {
  src: string;
  hotspots: PanoramaHotspot[];
  labels: PanoramaLabels;
  /** A hotspot's link (a plain <a>), or none: then it is a button calling `onOpen`. */
  hrefOf?: (h: PanoramaHotspot) => string | undefined;
  /** Called when a hotspot is opened (click or Enter); `preventDefault` on the event keeps a link from loading. */
  onOpen?: (h: PanoramaHotspot, e: React.MouseEvent) => void;
  /** Shown instead when WebGL is unavailable or the picture cannot be drawn. */
  fallback: ReactNode;
  height?: number | string;
  /** Where the view starts (degrees); by default the first hotspot, else the picture's middle. */
  startYaw?: number;
  startPitch?: number;
};

const FOV_MIN = 30;
const FOV_MAX = 100;
const FOV_START = 75;
const PITCH_LIMIT = 85;
const RAD = Math.PI / 180;

const VERTEX = `attribute vec2 aPos; void main() { gl_Position = vec4(aPos, 0.0, 1.0); }`;
// The ray through each pixel, turned by pitch (about x) then yaw (about y), gives a longitude and a latitude,
// which are the picture's u and v (v = 0 at the top: the picture is uploaded unflipped).
const FRAGMENT = `precision highp float;
uniform vec2 uRes;
uniform float uYaw;
uniform float uPitch;
uniform float uTanHalf;
uniform sampler2D uTex;
const float PI = 3.141592653589793;
void main() {
  vec2 ndc = (gl_FragCoord.xy / uRes) * 2.0 - 1.0;
  vec3 d = normalize(vec3(ndc.x * uTanHalf * uRes.x / uRes.y, ndc.y * uTanHalf, -1.0));
  float cp = cos(uPitch), sp = sin(uPitch);
  vec3 p = vec3(d.x, d.y * cp - d.z * sp, d.y * sp + d.z * cp);
  float cy = cos(uYaw), sy = sin(uYaw);
  vec3 w = vec3(p.x * cy - p.z * sy, p.y, p.x * sy + p.z * cy);
  float lon = atan(w.x, -w.z);
  float lat = asin(clamp(w.y, -1.0, 1.0));
  gl_FragColor = texture2D(uTex, vec2(fract(lon / (2.0 * PI)), 0.5 - lat / PI));
}`;

type View = { yaw: number; pitch: number; fov: number };

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Where a direction (yaw, pitch) falls on a w×h view, or null when it is behind or well outside it. */
export function project(view: View, yaw: number, pitch: number, w: number, h: number): { x: number; y: number } | null {
  const [y0, p0, yh, ph] = [view.yaw * RAD, view.pitch * RAD, yaw * RAD, pitch * RAD];
  const wx = Math.cos(ph) * Math.sin(yh);
  const wy = Math.sin(ph);
  const wz = -Math.cos(ph) * Math.cos(yh);
  // Undo the yaw, then the pitch (the shader's turns, inverted).
  const x1 = wx * Math.cos(y0) + wz * Math.sin(y0);
  const z1 = -wx * Math.sin(y0) + wz * Math.cos(y0);
  const yc = wy * Math.cos(p0) + z1 * Math.sin(p0);
  const zc = -wy * Math.sin(p0) + z1 * Math.cos(p0);
  if (zc >= -0.05) return null;
  const tanHalf = Math.tan((view.fov * RAD) / 2);
  const nx = x1 / -zc / (tanHalf * (w / h));
  const ny = yc / -zc / tanHalf;
  if (Math.abs(nx) > 1.1 || Math.abs(ny) > 1.1) return null;
  return { x: ((nx + 1) / 2) * w, y: ((1 - ny) / 2) * h };
}

function compile(gl: WebGLRenderingContext, type: number, source: string): WebGLShader | null {
  const s = gl.createShader(type);
  if (!s) return null;
  gl.shaderSource(s, source);
  gl.compileShader(s);
  return gl.getShaderParameter(s, gl.COMPILE_STATUS) ? s : null;
}

type Gl = {
  gl: WebGLRenderingContext;
  uniforms: Record<"uRes" | "uYaw" | "uPitch" | "uTanHalf", WebGLUniformLocation | null>;
  ready: boolean;
};

function setUp(canvas: HTMLCanvasElement): Gl | null {
  let gl: WebGLRenderingContext | null = null;
  try {
    gl = canvas.getContext("webgl", { antialias: false, preserveDrawingBuffer: false });
  } catch {
    return null;
  }
  if (!gl) return null;
  const vs = compile(gl, gl.VERTEX_SHADER, VERTEX);
  const fs = compile(gl, gl.FRAGMENT_SHADER, FRAGMENT);
  const program = gl.createProgram();
  if (!vs || !fs || !program) return null;
  gl.attachShader(program, vs);
  gl.attachShader(program, fs);
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) return null;
  const activate = gl.useProgram.bind(gl); // (a WebGL call, not a React hook)
  activate(program);
  const buf = gl.createBuffer();
  gl.bindBuffer(gl.ARRAY_BUFFER, buf);
  gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 1, -1, -1, 1, 1, 1]), gl.STATIC_DRAW);
  const loc = gl.getAttribLocation(program, "aPos");
  gl.enableVertexAttribArray(loc);
  gl.vertexAttribPointer(loc, 2, gl.FLOAT, false, 0, 0);
  const u = (name: string) => gl.getUniformLocation(program, name);
  return {
    gl,
    uniforms: { uRes: u("uRes"), uYaw: u("uYaw"), uPitch: u("uPitch"), uTanHalf: u("uTanHalf") },
    ready: false,
  };
}

/** Uploads the picture (scaled down to what the GPU takes; no mipmaps, so any size works in WebGL 1). */
function upload(g: Gl, img: HTMLImageElement): boolean {
  const { gl } = g;
  const max = Math.min(gl.getParameter(gl.MAX_TEXTURE_SIZE) as number, 8192);
  let source: TexImageSource = img;
  if (img.naturalWidth > max || img.naturalHeight > max) {
    const scale = max / Math.max(img.naturalWidth, img.naturalHeight);
    const c = document.createElement("canvas");
    c.width = Math.floor(img.naturalWidth * scale);
    c.height = Math.floor(img.naturalHeight * scale);
    c.getContext("2d")?.drawImage(img, 0, 0, c.width, c.height);
    source = c;
  }
  const tex = gl.createTexture();
  gl.bindTexture(gl.TEXTURE_2D, tex);
  gl.pixelStorei(gl.UNPACK_FLIP_Y_WEBGL, false);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
  try {
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, source);
  } catch {
    return false;
  }
  return gl.getError() === gl.NO_ERROR;
}

export default function PanoramaViewer({
  src,
  hotspots,
  labels,
  hrefOf,
  onOpen,
  fallback,
  height = "min(60vh, 420px)",
  startYaw,
  startPitch,
}: Props) {
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const spotRefs = useRef(new Map<string, HTMLElement>());
  const glRef = useRef<Gl | null>(null);
  const frame = useRef(0);
  // The hotspots as of the last render (the listeners set up once read them here).
  const spotsRef = useRef(hotspots);
  spotsRef.current = hotspots;
  const first = hotspots[0];
  const view = useRef<View>({
    yaw: startYaw ?? first?.yaw ?? 180,
    pitch: startPitch ?? first?.pitch ?? 0,
    fov: FOV_START,
  });
  const [failed, setFailed] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const hintId = useRef(`pano-hint-${Math.random().toString(36).slice(2, 8)}`).current;

  /** Draws the view and moves the hotspots (at most once a frame). */
  const draw = () => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const canvas = canvasRef.current;
      const g = glRef.current;
      if (!canvas || !g) return;
      const dpr = Math.min(window.devicePixelRatio || 1, 2);
      const w = canvas.clientWidth;
      const h = canvas.clientHeight;
      if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
        canvas.width = Math.round(w * dpr);
        canvas.height = Math.round(h * dpr);
      }
      const v = view.current;
      if (g.ready) {
        const { gl, uniforms } = g;
        gl.viewport(0, 0, canvas.width, canvas.height);
        gl.uniform2f(uniforms.uRes, canvas.width, canvas.height);
        gl.uniform1f(uniforms.uYaw, v.yaw * RAD);
        gl.uniform1f(uniforms.uPitch, v.pitch * RAD);
        gl.uniform1f(uniforms.uTanHalf, Math.tan((v.fov * RAD) / 2));
        gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
      }
      for (const s of spotsRef.current) {
        const el = spotRefs.current.get(s.id);
        if (!el) continue;
        const at = project(v, s.yaw, s.pitch, w, h);
        el.dataset.visible = at ? "true" : "false";
        if (at) el.style.transform = `translate(${at.x}px, ${at.y}px) translate(-50%, -50%)`;
      }
    });
  };

  const turn = (dYaw: number, dPitch: number) => {
    const v = view.current;
    v.yaw = (((v.yaw + dYaw) % 360) + 360) % 360;
    v.pitch = clamp(v.pitch + dPitch, -PITCH_LIMIT, PITCH_LIMIT);
    draw();
  };
  const zoom = (factor: number) => {
    view.current.fov = clamp(view.current.fov * factor, FOV_MIN, FOV_MAX);
    draw();
  };
  const face = (yaw: number, pitch: number) => {
    view.current.yaw = yaw;
    view.current.pitch = clamp(pitch, -PITCH_LIMIT, PITCH_LIMIT);
    draw();
  };

  // WebGL and the picture.
  // biome-ignore lint/correctness/useExhaustiveDependencies: set up once per picture; draw reads refs
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const g = setUp(canvas);
    if (!g) {
      setFailed(true);
      return;
    }
    glRef.current = g;
    let live = true;
    const img = new Image();
    img.decoding = "async";
    img.onload = () => {
      if (!live) return;
      if (!upload(g, img)) {
        setFailed(true);
        return;
      }
      g.ready = true;
      setLoaded(true);
      draw();
    };
    img.onerror = () => live && setFailed(true);
    img.src = src;
    const lost = (e: Event) => {
      e.preventDefault();
      setFailed(true);
    };
    canvas.addEventListener("webglcontextlost", lost);
    const resize = new ResizeObserver(() => draw());
    resize.observe(canvas);
    return () => {
      live = false;
      resize.disconnect();
      canvas.removeEventListener("webglcontextlost", lost);
      cancelAnimationFrame(frame.current);
      frame.current = 0;
      // (The context is not lost on purpose: React's development double mount sets up the same canvas again.)
      glRef.current = null;
    };
  }, [src]);

  // Hotspots moved or changed (the editor's preview): place them again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: draw reads refs
  useEffect(() => draw(), [hotspots]);

  // Dragging with a mouse or a finger, pinching with two; the wheel zooms (not a passive listener: it must not
  // scroll the page while the pointer is over the view).
  // biome-ignore lint/correctness/useExhaustiveDependencies: turn and zoom read refs
  useEffect(() => {
    const box = boxRef.current;
    if (!box || failed) return;
    const pointers = new Map<number, { x: number; y: number }>();
    let pinch = 0;
    const spread = () => {
      const [a, b] = [...pointers.values()];
      return Math.hypot(a.x - b.x, a.y - b.y);
    };
    const down = (e: PointerEvent) => {
      if ((e.target as HTMLElement).closest(".pano-hotspot, .pano-controls")) return;
      box.setPointerCapture(e.pointerId);
      pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (pointers.size === 2) pinch = spread();
      box.dataset.dragging = "true";
    };
    const move = (e: PointerEvent) => {
      const last = pointers.get(e.pointerId);
      if (!last) return;
      const now = { x: e.clientX, y: e.clientY };
      if (pointers.size === 1) {
        const perPx = view.current.fov / Math.max(1, box.clientHeight);
        turn(-(now.x - last.x) * perPx, (now.y - last.y) * perPx);
      }
      pointers.set(e.pointerId, now);
      if (pointers.size === 2) {
        const d = spread();
        if (pinch > 0 && d > 0) zoom(pinch / d);
        pinch = d;
      }
    };
    const up = (e: PointerEvent) => {
      pointers.delete(e.pointerId);
      pinch = pointers.size === 2 ? spread() : 0;
      if (pointers.size === 0) delete box.dataset.dragging;
    };
    const wheel = (e: WheelEvent) => {
      e.preventDefault();
      zoom(Math.exp(e.deltaY * 0.001));
    };
    box.addEventListener("pointerdown", down);
    box.addEventListener("pointermove", move);
    box.addEventListener("pointerup", up);
    box.addEventListener("pointercancel", up);
    box.addEventListener("wheel", wheel, { passive: false });
    return () => {
      box.removeEventListener("pointerdown", down);
      box.removeEventListener("pointermove", move);
      box.removeEventListener("pointerup", up);
      box.removeEventListener("pointercancel", up);
      box.removeEventListener("wheel", wheel);
    };
  }, [failed]);

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    const step = e.shiftKey ? 15 : 5;
    const to = spotsRef.current[0];
    switch (e.key) {
      case "ArrowLeft":
        turn(-step, 0);
        break;
      case "ArrowRight":
        turn(step, 0);
        break;
      case "ArrowUp":
        turn(0, step);
        break;
      case "ArrowDown":
        turn(0, -step);
        break;
      case "+":
      case "=":
        zoom(0.9);
        break;
      case "-":
        zoom(1 / 0.9);
        break;
      case "Home":
        face(to?.yaw ?? 180, to?.pitch ?? 0);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  if (failed) return <>{fallback}</>;
  const spot = (h: PanoramaHotspot) => {
    const ref = (el: HTMLElement | null) => {
      if (el) spotRefs.current.set(h.id, el);
      else spotRefs.current.delete(h.id);
    };
    const common = {
      className: "pano-hotspot",
      "data-visible": "false",
      "data-testid": "pano-hotspot",
      // Tabbing to a hotspot turns the view to it, so the focused one is always in sight.
      onFocus: () => face(h.yaw, h.pitch),
      onClick: (e: React.MouseEvent) => onOpen?.(h, e),
    };
    const href = hrefOf?.(h);
    return href ? (
      <a key={h.id} ref={ref} href={href} {...common}>
        {h.title}
      </a>
    ) : (
      <button key={h.id} ref={ref} type="button" {...common}>
        {h.title}
      </button>
    );
  };
  return (
    <div
      className="pano-viewer"
      style={{ "--pano-height": typeof height === "number" ? `${height}px` : height } as CSSProperties}
    >
      <div
        ref={boxRef}
        className="pano-stage"
        role="application"
        aria-roledescription="360°"
        aria-label={labels.region}
        aria-describedby={hintId}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the view turns with the arrow keys once focused
        tabIndex={0}
        onKeyDown={onKey}
        data-testid="pano-viewer"
        data-loaded={loaded ? "true" : "false"}
      >
        <canvas ref={canvasRef} className="pano-canvas" />
        {hotspots.map(spot)}
        <div className="pano-controls">
          <button type="button" onClick={() => zoom(0.8)} aria-label={labels.zoomIn} title={labels.zoomIn}>
            +
          </button>
          <button type="button" onClick={() => zoom(1.25)} aria-label={labels.zoomOut} title={labels.zoomOut}>
            −
          </button>
          <button
            type="button"
            onClick={() => face(first?.yaw ?? 180, first?.pitch ?? 0)}
            aria-label={labels.reset}
            title={labels.reset}
          >
            ⟲
          </button>
        </div>
      </div>
      <p id={hintId} className="pano-hint">
        {labels.hint}
      </p>
    </div>
  );
}
