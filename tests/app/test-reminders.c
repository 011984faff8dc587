/* test-reminders.c — follow-up reminders: on time, after a restart, once, and from the server
 *
 * The notifications are watched where they go: the test owns org.gtk.Notifications on the
 * private session bus, so GApplication's send_notification() reaches it like it would reach
 * GNOME Shell, and the test sees what the agent would see (title, body, "Call now").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "agent-phone.h"
#include "agent-reminders.h"
#include "test-app-util.h"
#include "test-sandbox-control.h"

#define SERVER        "http://reminders.test"
#define ACCOUNT       "100008800"
#define DEMO_PASSWORD "02367073578"
#define WAIT_MS       15000

/* ---- a notification server on the test's session bus ---- */

typedef struct
{
  char    *id;
  char    *title;
  char    *body;
  char    *button_label;
  char    *button_action;
  char    *button_target;
  gint64   received_ms;
} Notification;

static GPtrArray *notifications;
static GApplication *application;

static void
notification_free (Notification *n)
{
  g_free (n->id);
  g_free (n->title);
  g_free (n->body);
  g_free (n->button_label);
  g_free (n->button_action);
  g_free (n->button_target);
  g_free (n);
}

static void
on_method_call_cb (GDBusConnection       *connection,
                   const char            *sender,
                   const char            *path,
                   const char            *interface,
                   const char            *method,
                   GVariant              *parameters,
                   GDBusMethodInvocation *invocation,
                   gpointer               user_data)
{
  if (g_str_equal (method, "AddNotification"))
    {
      g_autoptr(GVariant) dict = NULL;
      g_autoptr(GVariant) buttons = NULL;
      Notification *n = g_new0 (Notification, 1);
      const char *app_id = NULL;
      const char *id = NULL;

      g_variant_get (parameters, "(&s&s@a{sv})", &app_id, &id, &dict);
      n->id = g_strdup (id);
      n->received_ms = g_get_real_time () / 1000;
      g_variant_lookup (dict, "title", "s", &n->title);
      g_variant_lookup (dict, "body", "s", &n->body);
      buttons = g_variant_lookup_value (dict, "buttons", G_VARIANT_TYPE ("aa{sv}"));
      if (buttons != NULL && g_variant_n_children (buttons) > 0)
        {
          g_autoptr(GVariant) button = g_variant_get_child_value (buttons, 0);
          g_autoptr(GVariant) target = NULL;

          g_variant_lookup (button, "label", "s", &n->button_label);
          g_variant_lookup (button, "action", "s", &n->button_action);
          target = g_variant_lookup_value (button, "target", NULL);
          if (target != NULL && g_variant_is_of_type (target, G_VARIANT_TYPE_STRING))
            n->button_target = g_variant_dup_string (target, NULL);
        }
      g_ptr_array_add (notifications, n);
    }

  g_dbus_method_invocation_return_value (invocation, NULL);
}

static const char introspection[] =
  "<node>"
  "  <interface name='org.gtk.Notifications'>"
  "    <method name='AddNotification'>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/>"
  "    </method>"
  "    <method name='RemoveNotification'>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static gboolean name_acquired;

static void
on_name_acquired_cb (GDBusConnection *connection,
                     const char      *name,
                     gpointer         user_data)
{
  name_acquired = TRUE;
}

static void
start_notification_server (void)
{
  static const GDBusInterfaceVTable vtable = { on_method_call_cb, NULL, NULL, { 0 } };
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (introspection, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (bus);
  g_dbus_connection_register_object (bus, "/org/gtk/Notifications", info->interfaces[0],
                                     &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  g_bus_own_name_on_connection (bus, "org.gtk.Notifications", G_BUS_NAME_OWNER_FLAGS_NONE,
                                on_name_acquired_cb, NULL, NULL, NULL);
  TEST_WAIT_UNTIL (name_acquired, WAIT_MS);
}

/* ---- fixture ---- */

typedef struct
{
  char           *dir;
  char           *path;
  AgentReminders *reminders;
  GPtrArray      *fired;
} Fixture;

static void
on_fired_cb (AgentReminders *reminders,
             AgentReminder  *reminder,
             Fixture        *f)
{
  g_ptr_array_add (f->fired, g_object_ref (reminder));
}

static AgentReminders *
open_store (Fixture *f)
{
  AgentReminders *reminders = agent_reminders_new (f->path);

  g_signal_connect (reminders, "fired", G_CALLBACK (on_fired_cb), f);
  TEST_WAIT_UNTIL (agent_reminders_get_loaded (reminders), WAIT_MS);
  g_assert_null (agent_reminders_get_error (reminders));
  agent_reminders_set_account (reminders, SERVER, ACCOUNT);
  agent_reminders_set_application (reminders, application);
  return reminders;
}

static void
close_store (Fixture *f)
{
  AgentReminders *reminders = g_steal_pointer (&f->reminders);

  g_signal_handlers_disconnect_by_func (reminders, on_fired_cb, f);
  /* The system bus lookup holds a reference until it answers. */
  TEST_WAIT_UNTIL (G_OBJECT (reminders)->ref_count == 1, WAIT_MS);
  g_assert_finalize_object (reminders);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("reminders-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "state", "reminders.db", NULL);
  f->fired = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_set_size (notifications, 0);
  f->reminders = open_store (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *state = g_path_get_dirname (f->path);
  const char *suffixes[] = { "", "-wal", "-shm" };

  if (f->reminders != NULL)
    close_store (f);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (f->path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (state);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
  g_ptr_array_unref (f->fired);
}

typedef struct
{
  gboolean      done;
  GAsyncResult *result;
} Wait;

static void
on_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static AgentReminder *
add (AgentReminders *reminders,
     const char     *phone,
     const char     *customer_phone,
     const char     *text,
     GDateTime      *due)
{
  g_autoptr(GError) error = NULL;
  AgentReminder *reminder;
  Wait wait = { 0 };

  agent_reminders_add_async (reminders, phone, customer_phone, text, due, NULL, on_done_cb, &wait);
  TEST_WAIT_UNTIL (wait.done, WAIT_MS);
  reminder = agent_reminders_add_finish (reminders, wait.result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reminder);
  g_object_unref (wait.result);
  return reminder;
}

/* Whole seconds from now, as a reminder is kept. */
static GDateTime *
seconds_ahead (int seconds)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, seconds);

  return g_date_time_new_from_unix_local (g_date_time_to_unix (later));
}

static Notification *
wait_notification (guint index)
{
  TEST_WAIT_UNTIL (notifications->len > index, WAIT_MS);
  return g_ptr_array_index (notifications, index);
}

/* ---- cases ---- */

static void
test_fires_on_time (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GDateTime) due = seconds_ahead (2);
  gint64 due_ms = g_date_time_to_unix (due) * 1000;
  g_autoptr(AgentReminder) reminder = NULL;
  g_autofree char *formatted = agent_phone_format ("13911112222");
  Notification *n;

  reminder = add (f->reminders, "13911112222", "13800001111", "回访：确认合同", due);
  g_assert_cmpint (agent_reminder_get_id (reminder), >, 0);
  g_assert_cmpint (agent_reminder_get_due_ms (reminder), ==, due_ms);
  g_assert_cmpuint (agent_reminders_get_n_pending (f->reminders), ==, 1);
  g_assert_cmpint (agent_reminders_get_next_due_ms (f->reminders), ==, due_ms);
  /* Pending and allowed to run in the background: the application stays up for it. */
  g_assert_true (agent_reminders_get_holding (f->reminders));
  g_assert_cmpuint (notifications->len, ==, 0);

  n = wait_notification (0);

  /* At its time: not before it (the timer may wake half a second early), and not late. */
  g_assert_cmpint (n->received_ms, >=, due_ms - 500);
  g_assert_cmpint (n->received_ms, <=, due_ms + 3000);
  g_assert_nonnull (strstr (n->title, formatted));
  g_assert_cmpstr (n->body, ==, "回访：确认合同");
  g_assert_cmpstr (n->button_action, ==, "app.dial");
  g_assert_cmpstr (n->button_target, ==, "13911112222");
  g_assert_nonnull (n->button_label);

  g_assert_cmpuint (f->fired->len, ==, 1);
  g_assert_true (agent_reminder_get_fired (reminder));
  g_assert_cmpuint (agent_reminders_get_n_pending (f->reminders), ==, 0);
  g_assert_false (agent_reminders_get_holding (f->reminders));
}

static void
test_survives_restart (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GDateTime) due = seconds_ahead (2);
  gint64 due_ms = g_date_time_to_unix (due) * 1000;
  g_autoptr(AgentReminder) reminder = NULL;
  g_autoptr(AgentReminder) item = NULL;
  GListModel *model;
  Notification *n;

  reminder = add (f->reminders, "13922223333", NULL, "明天上午回电", due);
  g_clear_object (&reminder);

  /* The store goes away before the time, as when the application is restarted. */
  close_store (f);
  g_assert_cmpuint (notifications->len, ==, 0);

  f->reminders = open_store (f);
  g_assert_cmpuint (agent_reminders_get_n_pending (f->reminders), ==, 1);

  n = wait_notification (0);
  g_assert_cmpint (n->received_ms, >=, due_ms - 500);
  g_assert_cmpint (n->received_ms, <=, due_ms + 3000);
  g_assert_cmpstr (n->button_target, ==, "13922223333");
  g_assert_cmpstr (n->body, ==, "明天上午回电");

  /* Once fired it stays fired across another restart: never announced twice. */
  close_store (f);
  g_ptr_array_set_size (f->fired, 0);
  f->reminders = open_store (f);
  g_assert_cmpuint (agent_reminders_get_n_pending (f->reminders), ==, 0);
  model = agent_reminders_get_model (f->reminders);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  item = g_list_model_get_item (model, 0);
  g_assert_true (agent_reminder_get_fired (item));
  g_assert_cmpuint (f->fired->len, ==, 0);
  g_assert_cmpuint (notifications->len, ==, 1);
}

static void
test_one_timer_in_order (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GDateTime) first = seconds_ahead (1);
  g_autoptr(GDateTime) second = seconds_ahead (2);
  g_autoptr(GDateTime) later = seconds_ahead (3600);
  g_autoptr(AgentReminder) a = NULL;
  g_autoptr(AgentReminder) b = NULL;
  g_autoptr(AgentReminder) c = NULL;
  g_autoptr(AgentReminder) again = NULL;
  g_autoptr(AgentReminder) top = NULL;
  GListModel *model = agent_reminders_get_model (f->reminders);

  /* Added out of order; the same one twice is kept once. */
  c = add (f->reminders, "13933334444", NULL, "later", later);
  b = add (f->reminders, "13955556666", NULL, "second", second);
  a = add (f->reminders, "13944445555", NULL, "first", first);
  again = add (f->reminders, "13955556666", NULL, "second", second);
  g_assert_true (again == b);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);

  /* "My follow-ups": the next one on top. */
  top = g_list_model_get_item (model, 0);
  g_assert_true (top == a);
  g_clear_object (&top);

  wait_notification (1);
  g_assert_cmpstr (((Notification *) g_ptr_array_index (notifications, 0))->button_target, ==,
                   "13944445555");
  g_assert_cmpstr (((Notification *) g_ptr_array_index (notifications, 1))->button_target, ==,
                   "13955556666");
  g_assert_cmpuint (agent_reminders_get_n_pending (f->reminders), ==, 1);
  g_assert_cmpint (agent_reminders_get_next_due_ms (f->reminders), ==,
                   g_date_time_to_unix (later) * 1000);
  g_assert_true (agent_reminders_get_holding (f->reminders));

  /* Upcoming first, then the past, latest first. */
  top = g_list_model_get_item (model, 0);
  g_assert_true (top == c);
  g_clear_object (&top);
  top = g_list_model_get_item (model, 1);
  g_assert_true (top == b);
  g_clear_object (&top);

  /* Not allowed to run in the background: nothing holds the application. */
  agent_reminders_set_run_in_background (f->reminders, FALSE);
  g_assert_false (agent_reminders_get_holding (f->reminders));
}

static void
test_other_account (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GDateTime) due = seconds_ahead (1);
  g_autoptr(GDateTime) after = seconds_ahead (2);
  g_autoptr(AgentReminder) mine = NULL;
  g_autoptr(AgentReminder) marker = NULL;

  mine = add (f->reminders, "13966667777", NULL, "mine", due);

  /* Another agent logs in on this desktop: my reminder is neither shown nor announced. */
  agent_reminders_set_account (f->reminders, SERVER, "100008801");
  g_assert_cmpuint (g_list_model_get_n_items (agent_reminders_get_model (f->reminders)), ==, 0);
  marker = add (f->reminders, "13977778888", NULL, "theirs", after);
  wait_notification (0);
  TEST_WAIT_UNTIL (agent_reminder_get_fired (marker), WAIT_MS);
  g_assert_cmpuint (notifications->len, ==, 1);
  g_assert_cmpstr (((Notification *) g_ptr_array_index (notifications, 0))->button_target, ==,
                   "13977778888");
  g_assert_false (agent_reminder_get_fired (mine));

  /* Back to me: it is overdue by a second or two, and still announced. */
  agent_reminders_set_account (f->reminders, SERVER, ACCOUNT);
  wait_notification (1);
  g_assert_cmpstr (((Notification *) g_ptr_array_index (notifications, 1))->button_target, ==,
                   "13966667777");
  g_assert_true (agent_reminder_get_fired (mine));
}

static void
add_memo_with_hint (BbhClient  *client,
                    const char *phone,
                    const char *text,
                    GDateTime  *hint,
                    const char *hint_phone)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };

  bbh_client_add_memo_async (client, phone, text, hint, hint_phone, NULL, on_done_cb, &wait);
  TEST_WAIT_UNTIL (wait.done, WAIT_MS);
  g_assert_true (bbh_client_add_memo_finish (client, wait.result, &error));
  g_assert_no_error (error);
  g_object_unref (wait.result);
}

static guint
sync_reminders (AgentReminders *reminders,
      BbhClient      *client)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };
  guint n;

  agent_reminders_sync_async (reminders, client, NULL, on_done_cb, &wait);
  TEST_WAIT_UNTIL (wait.done, WAIT_MS);
  n = agent_reminders_sync_finish (reminders, wait.result, &error);
  g_assert_no_error (error);
  g_object_unref (wait.result);
  return n;
}

static void
test_sync_from_server (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(TestSandbox) sandbox = test_sandbox_new ();
  g_autofree char *md5 = bbh_password_md5 (DEMO_PASSWORD);
  g_autoptr(BbhClient) client = bbh_client_new (test_sandbox_get_url (sandbox), ACCOUNT, md5);
  g_autoptr(GDateTime) ahead = seconds_ahead (2 * 3600);
  g_autoptr(GDateTime) past = seconds_ahead (-3600);
  GListModel *model = agent_reminders_get_model (f->reminders);
  g_autoptr(AgentReminder) found = NULL;
  guint before, n;

  agent_reminders_set_account (f->reminders, test_sandbox_get_url (sandbox), ACCOUNT);

  /* Whatever the demo data holds ahead comes in once. */
  sync_reminders (f->reminders, client);
  before = g_list_model_get_n_items (model);

  /* Set on another desktop: one ahead (for another number to call), one already past. */
  add_memo_with_hint (client, "13800002222", "synced ahead", ahead, "13900003333");
  add_memo_with_hint (client, "13800002222", "synced past", past, NULL);

  n = sync_reminders (f->reminders, client);
  TEST_WAIT_UNTIL (g_list_model_get_n_items (model) == before + 1, WAIT_MS);
  g_assert_cmpuint (n, ==, 1);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AgentReminder) r = g_list_model_get_item (model, i);

      g_assert_cmpstr (agent_reminder_get_text (r), !=, "synced past");
      if (g_strcmp0 (agent_reminder_get_text (r), "synced ahead") == 0)
        found = g_steal_pointer (&r);
    }
  g_assert_nonnull (found);
  g_assert_cmpstr (agent_reminder_get_phone (found), ==, "13900003333");
  g_assert_cmpstr (agent_reminder_get_customer_phone (found), ==, "13800002222");
  g_assert_cmpint (agent_reminder_get_due_ms (found), ==, g_date_time_to_unix (ahead) * 1000);
  g_assert_cmpint (agent_reminder_get_memo_id (found), >, 0);
  g_assert_false (agent_reminder_get_fired (found));

  /* Again: nothing new. */
  g_assert_cmpuint (sync_reminders (f->reminders, client), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, before + 1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  gtk_test_init (&argc, &argv, NULL);

  notifications = g_ptr_array_new_with_free_func ((GDestroyNotify) notification_free);
  start_notification_server ();

  application = g_application_new ("org.babaihu.AgentTest.Reminders", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (application, NULL, &error));
  g_assert_no_error (error);

#define ADD(path, fn) g_test_add ("/agent/reminders/" path, Fixture, NULL, fixture_setup, fn, \
                                  fixture_teardown)
  ADD ("fires-on-time", test_fires_on_time);
  ADD ("survives-restart", test_survives_restart);
  ADD ("one-timer-in-order", test_one_timer_in_order);
  ADD ("other-account", test_other_account);
  ADD ("sync-from-server", test_sync_from_server);
#undef ADD

  ret = g_test_run ();
  g_clear_object (&application);
  g_ptr_array_unref (notifications);
  return ret;
}
