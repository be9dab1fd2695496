import { unknownApiRoute } from "@/lib/api/route-methods";

// Any address under /api that no other route file serves: a 404 JSON error for every method,
// instead of Next's HTML not-found page.
export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = unknownApiRoute();
