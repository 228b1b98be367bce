// What a workspace may set its session policy to, and the choices the kit offers first.
export const SESSION_BOUNDS = {
  sessionDurationSeconds: { min: 900, max: 7_776_000 },
  idleTimeoutSeconds: { min: 300, max: 2_592_000 },
};

export const SESSION_PRESETS = {
  sessionDurationSeconds: [3600, 28_800, 43_200, 86_400, 604_800, 2_592_000],
  idleTimeoutSeconds: [900, 1800, 3600, 7200, 28_800],
};
