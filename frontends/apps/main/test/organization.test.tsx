import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderApp, signedInApi } from "./harness.tsx";

const owner = { id: "o1", role: "organization", first_name: "Zafar" };
const organization = {
  id: "org1",
  name: "Nur oʻquv markazi",
  kind: "learning_centre",
  region: null,
  district: "",
  address: "",
  phone: null,
};
const teacher = {
  id: "m1",
  user_id: "t1",
  first_name: "Jasur",
  last_name: "Aliyev",
  role: "teacher",
  status: "active",
  created_at: "2026-11-01T10:00:00Z",
  decided_at: "2026-11-02T10:00:00Z",
};

describe("an organization's teachers", () => {
  it("removes a teacher after a confirmation", async () => {
    let removed = false;
    const api = signedInApi(owner, { organization })
      .on("GET /api/main/organizations/mine/members", () => Response.json(removed ? [] : [teacher]))
      .on("DELETE /api/main/organizations/mine/members/:id", () => {
        removed = true;
        return new Response(null, { status: 204 });
      })
      .on("GET /api/main/groups", [])
      .on("GET /api/main/subscriptions/me", {
        features: [],
        coverages: [],
        subscription: null,
        trial_available: false,
        trial_days: null,
        children: [],
        seats_left: null,
      });
    await renderApp("/home", api);
    // The centre's office is one press away from its home.
    expect(await screen.findByRole("link", { name: /Markaz ofisi \(CRM\)/ })).toHaveAttribute(
      "href",
      expect.stringMatching(/^http:\/\/crm\.[^/]+\/$/),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Tashkilotdan chiqarish" }));
    const dialog = screen.getByRole("dialog");
    expect(within(dialog).getByText(/sinflar oʻquvchilari bilan/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Tashkilotdan chiqarish" }));
    expect(await screen.findByText("Jasur tashkilotdan chiqarildi.")).toBeInTheDocument();
    expect(api.called("DELETE", "/api/main/organizations/mine/members/m1")).toHaveLength(1);
  });
});
