/** The one source label lives in lib/sources/label.ts; this path stays for the modules still importing it. */
export { sourceLabel } from "@/lib/sources/label";
