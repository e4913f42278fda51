import "server-only";
import sanitizeHtml from "sanitize-html";

/*
 * The one gate between what a browser sends and what the app stores and later renders with
 * dangerouslySetInnerHTML: an allowlist of the tags the comment editor makes, nothing else.
 * Every attribute outside the list goes (on*, style, class, src...), every element outside it is
 * unwrapped to its text, and the contents of script-like elements are dropped whole.
 */

/** Members who may be mentioned: user id -> name. */
export type TMentionable = ReadonlyMap<string, string>;

export type TSanitizedComment = {
  html: string;
  /** The comment as plain text, one line per paragraph or list item. */
  text: string;
  /** Ids of the members mentioned, each once, in order of first mention. */
  mentionIds: string[];
};

const ALLOWED_TAGS = ["p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "span"];
/**
 * Marks an element to unwrap (keep its text, drop the tag). The first pass keeps it as an allowed
 * tag and the second, without transforms, removes it: renaming straight to a disallowed tag makes
 * sanitize-html 2.18 close a later sibling at the same depth with the renamed tag's name (its
 * transformMap entry is not cleared for discarded elements).
 */
const UNWRAP = "x-unwrap";
const LINK = /^(https?:|mailto:)/i;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const LINK_REL = "noopener noreferrer nofollow";

function allowlist(tags: string[]): sanitizeHtml.IOptions {
  return {
    allowedTags: tags,
    allowedAttributes: { a: ["href", "rel", "target"], span: ["data-type", "data-id", "data-label"] },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: {},
    allowedSchemesAppliedToAttributes: ["href"],
    allowProtocolRelative: false,
    allowedStyles: {},
    disallowedTagsMode: "discard",
    // Elements whose content is code or markup, not words: dropped with their content.
    nonTextTags: ["script", "style", "textarea", "option", "noscript", "template", "title", "xmp", "iframe", "object", "embed", "svg", "math"],
    nestingLimit: 30,
  };
}

function transforming(members: TMentionable, mentioned: string[]): sanitizeHtml.IOptions {
  return {
    ...allowlist([...ALLOWED_TAGS, UNWRAP]),
    transformTags: {
      b: "strong",
      i: "em",
      // A link must be absolute http(s) or mailto (sanitize-html checks the scheme again); any
      // other link is unwrapped to its text. Links open in a new tab without the opener.
      a: (_tag, attribs): sanitizeHtml.Tag => {
        const href = (attribs.href ?? "").trim();
        if (!LINK.test(href)) return { tagName: UNWRAP, attribs: {} };
        return { tagName: "a", attribs: { href, rel: LINK_REL, target: "_blank" } };
      },
      // Only a mention of a member survives as a span, its label set from the member's name (so
      // "@Editor" cannot point at someone else); any other span becomes its text.
      span: (_tag, attribs): sanitizeHtml.Tag => {
        const id = attribs["data-id"] ?? "";
        const name = attribs["data-type"] === "mention" && ID.test(id) ? members.get(id) : undefined;
        if (name === undefined) return { tagName: UNWRAP, attribs: {} };
        if (!mentioned.includes(id)) mentioned.push(id);
        return { tagName: "span", attribs: { "data-type": "mention", "data-id": id, "data-label": name }, text: `@${name}` };
      },
    },
  };
}

const ENTITIES: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&quot;": '"', "&amp;": "&" };

/**
 * The plain text of sanitized HTML. Safe to do with patterns only because the input is
 * sanitize-html's own output: well-formed tags, and text in which `<`, `>` and `&` are always
 * escaped as these four entities.
 */
export function htmlToText(sanitized: string): string {
  return sanitized
    .replace(/<br \/>|<\/(p|li|blockquote)>/g, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(lt|gt|quot|amp);/g, (entity) => ENTITIES[entity])
    .split("\n")
    .map((line) => line.replace(/[ \t\u00a0]+$/, ""))
    .join("\n")
    .replace(/\n{2,}/g, "\n")
    .trim();
}

/** Sanitizes a comment's HTML to the allowlist and reads its text and the members it mentions. */
export function sanitizeComment(html: string, members: TMentionable): TSanitizedComment {
  const mentionIds: string[] = [];
  const marked = sanitizeHtml(html, transforming(members, mentionIds));
  const clean = sanitizeHtml(marked, allowlist(ALLOWED_TAGS)).trim();
  return { html: clean, text: htmlToText(clean), mentionIds };
}

