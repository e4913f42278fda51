import { apiRoute, json, readJson } from "@/lib/api/handler";
import { setNotificationSettings } from "@/lib/notifications/mutations";
import { getNotificationSettings } from "@/lib/notifications/queries";
import { ZNotificationSettings } from "@/lib/notifications/schemas";

/** Which kinds of notification reach one's inbox: `{ KIND: true | false, … }`. */
export const GET = apiRoute(async ({ user }) => json(await getNotificationSettings({ userId: user.id })));

/** Turns kinds on (true) or off (false); kinds left out keep their setting. Returns them all. */
export const PUT = apiRoute(async ({ req, user }) => {
  const input = await readJson(req, ZNotificationSettings);
  return json(await setNotificationSettings({ userId: user.id, input }));
});
