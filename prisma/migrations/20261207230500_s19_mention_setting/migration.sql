-- Issue 19: mentions can be turned off per person too, with the other kinds of notification (User.notificationsOff).
-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'MENTION' BEFORE 'SIGN_OFF_REQUESTED';
