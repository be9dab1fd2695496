import { describe, expect, it } from "vitest";
import { attributeText, profileName } from "./profile-name";

describe("profileName", () => {
  it("is the first and last name, else the email, else the phone", () => {
    expect(profileName({ firstName: " Núria ", lastName: "Puig", email: "n@example.com" })).toBe("Núria Puig");
    expect(profileName({ firstName: null, lastName: "Puig" })).toBe("Puig");
    expect(profileName({ firstName: "", email: "n@example.com", phone: "+34600111222" })).toBe("n@example.com");
    expect(profileName({ phone: "+34600111222" })).toBe("+34600111222");
    expect(profileName({ city: "Girona" })).toBeNull();
  });
});

describe("attributeText", () => {
  const format = { number: (n: number) => `#${n}`, yes: "Yes", no: "No" };
  it("shows a dash for no value, and booleans and numbers through the formatters", () => {
    expect(attributeText(null, format)).toBe("—");
    expect(attributeText(undefined, format)).toBe("—");
    expect(attributeText("", format)).toBe("—");
    expect(attributeText(true, format)).toBe("Yes");
    expect(attributeText(false, format)).toBe("No");
    expect(attributeText(1200, format)).toBe("#1200");
    expect(attributeText("1990-02-03", format)).toBe("1990-02-03");
  });
});
