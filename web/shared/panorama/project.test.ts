import { describe, expect, it } from "vitest";
import { project } from "./PanoramaViewer";

/** The hotspots' projection matches the shader's view: what is ahead is in the middle, turning moves it across. */
describe("panorama: placing a hotspot on the view", () => {
  const view = { yaw: 90, pitch: 0, fov: 90 };
  it("puts the direction looked at in the middle of the view", () => {
    const at = project(view, 90, 0, 800, 400);
    expect(at?.x).toBeCloseTo(400);
    expect(at?.y).toBeCloseTo(200);
  });
  it("puts what is to the right right, what is above higher, and nothing of what is behind", () => {
    expect(project(view, 110, 0, 800, 400)!.x).toBeGreaterThan(400);
    expect(project(view, 70, 0, 800, 400)!.x).toBeLessThan(400);
    expect(project(view, 90, 20, 800, 400)!.y).toBeLessThan(200);
    expect(project(view, 270, 0, 800, 400)).toBeNull();
    // Yaw wraps: 350° is 20° left of 10°.
    expect(project({ yaw: 10, pitch: 0, fov: 90 }, 350, 0, 800, 400)!.x).toBeLessThan(400);
  });
  it("puts a hotspot at the vertical field's edge on the view's edge (the shader's tangent scale)", () => {
    // 45° up with a 90° vertical field: the top edge.
    expect(project(view, 90, 45, 800, 400)!.y).toBeCloseTo(0);
    // Looking up, a hotspot on the horizon ahead falls below the middle.
    expect(project({ yaw: 90, pitch: 30, fov: 90 }, 90, 0, 800, 400)!.y).toBeGreaterThan(200);
  });
});
