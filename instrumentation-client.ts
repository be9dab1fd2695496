import { enableZodJitless } from "@/lib/ui/zod-jitless";

// Runs before any of the app's client code: zod must never probe for eval under the app's CSP.
enableZodJitless();
