// What the options page says about where the rule pack comes from. Pure, so it is unit-tested.

/** `loaded` is the "settings/get" answer: {source: "user"|"managed"|"default", locked}. */
export function describeSource({ source, locked }) {
  if (source === "managed" && locked) {
    return {
      readOnly: true,
      message: "Your school manages Staffroom's rules on this browser. You can read them here, and export them, " +
        "but not change them. To suggest a change, ask your school's IT lead.",
    };
  }
  if (source === "managed") {
    return { readOnly: false, message: "Your school suggested these rules. Any change you make here is yours and replaces them on this browser." };
  }
  if (source === "default") {
    return { readOnly: false, message: "These are Staffroom's starting rules. Change anything below; it is saved as you go." };
  }
  return { readOnly: false, message: "" };
}
