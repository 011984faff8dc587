/* test-day-util.h — what the tests of the agent's working day (memos, tasks, SMS, home) share:
 * the real application logged in to a real sandbox, the pages, the sandbox's request log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gstdio.h>

#include "agent-application.h"
#include "agent-popup-manager.h"
#include "test-app-util.h"
#include "test-sandbox-control.h"

#define DAY_ACCOUNT   "100008800"
#define DAY_PASSWORD  "02367073578"
#define DAY_WAIT_MS   20000

typedef struct
{
  TestSandbox *sandbox;
  BbhClient   *client;       /* the test's own view of the server */
  char        *password_file;
  goffset      trace_offset;
  gpointer     data;
} DayFixture;

static inline void
day_fixture_setup (DayFixture    *f,
                   gconstpointer  data)
{
  g_autofree char *md5 = bbh_password_md5 (DAY_PASSWORD);

  f->sandbox = test_sandbox_new ();
  f->client = bbh_client_new (test_sandbox_get_url (f->sandbox), DAY_ACCOUNT, md5);
  f->password_file = test_write_password_file (DAY_PASSWORD);
  f->trace_offset = test_trace_offset ();
}

static inline void
day_fixture_teardown (DayFixture    *f,
                      gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_pointer (&f->sandbox, test_sandbox_free);
  g_unlink (f->password_file);
  g_free (f->password_file);
}

static inline void
day_run (DayFixture  *f,
         TestAppBody  body)
{
  const char *argv[] = { "--server", test_sandbox_get_url (f->sandbox),
                         "--account", DAY_ACCOUNT,
                         "--password-file", f->password_file, NULL };

  test_app_run (argv, body, f);
}

/* Logged in, the event stream running and the outbox open: what a page needs to work. */
static inline void
day_wait_logged_in (AgentApplication *app)
{
  AgentSession *session = agent_application_get_session (app);
  AgentPopupManager *manager;

  TEST_WAIT_UNTIL (agent_session_get_logged_in (session), DAY_WAIT_MS);
  TEST_WAIT_UNTIL (agent_session_get_event_stream (session) != NULL &&
                   bbh_event_stream_get_running (agent_session_get_event_stream (session)),
                   DAY_WAIT_MS);
  manager = agent_popup_manager_get_for_application (GTK_APPLICATION (app));
  g_assert_nonnull (manager);
  TEST_WAIT_UNTIL (agent_popup_manager_get_outbox (manager) != NULL, DAY_WAIT_MS);
}

static inline AgentOutbox *
day_outbox (AgentApplication *app)
{
  return agent_popup_manager_get_outbox (agent_popup_manager_get_for_application (GTK_APPLICATION (app)));
}

/* show-page NAME, as `gapplication action` would; returns its page-shown line. */
static inline JsonObject *
day_show_page (DayFixture       *f,
               AgentApplication *app,
               const char       *name,
               GPtrArray       **lines)
{
  gint64 deadline = g_get_monotonic_time () + DAY_WAIT_MS * 1000;

  f->trace_offset = test_trace_offset ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-page", g_variant_new_string (name));
  for (;;)
    {
      JsonObject *found;

      g_clear_pointer (lines, g_ptr_array_unref);
      *lines = test_trace_read (f->trace_offset);
      found = test_trace_find (*lines, "page-shown", "page", name);
      if (found != NULL)
        return found;
      if (g_get_monotonic_time () > deadline)
        g_error ("No page-shown for %s", name);
      test_iterate ();
    }
}

static inline GtkWidget *
day_page (AgentApplication *app,
          const char       *name)
{
  return agent_window_get_page (agent_application_get_window (app), name);
}

/* The requests the sandbox served with @method (and @param = @value, when given). */
static inline guint
day_count_requests (DayFixture *f,
                    const char *method,
                    const char *param,
                    const char *value)
{
  g_autoptr(JsonNode) root = test_sandbox_dup_requests (f->sandbox);
  JsonArray *array = json_object_get_array_member (json_node_get_object (root), "requests");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *req = json_array_get_object_element (array, i);
      JsonObject *params;

      if (g_strcmp0 (json_object_get_string_member_with_default (req, "method", ""), method) != 0)
        continue;
      if (param != NULL)
        {
          params = json_object_get_object_member (req, "params");
          if (params == NULL ||
              g_strcmp0 (json_object_get_string_member_with_default (params, param, ""), value) != 0)
            continue;
        }
      n++;
    }

  return n;
}

typedef struct
{
  gboolean      done;
  GAsyncResult *result;
} DayWait;

static inline void
day_on_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  DayWait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

/* A mobile number no demo customer has: 199, the pid and a counter. */
static inline char *
day_unique_phone (void)
{
  static guint serial;

  return g_strdup_printf ("199%04u%04u", (guint) getpid () % 10000, ++serial % 10000);
}

/* A notification server on the test's session bus (org.gtk.Notifications), so that the
 * application's notifications (missed calls, reminders) go somewhere; counts what it got. */
static guint day_notifications_received;

static inline void
day_on_notification_cb (GDBusConnection       *connection,
                        const char            *sender,
                        const char            *path,
                        const char            *interface,
                        const char            *method,
                        GVariant              *parameters,
                        GDBusMethodInvocation *invocation,
                        gpointer               user_data)
{
  if (g_str_equal (method, "AddNotification"))
    day_notifications_received++;
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static inline void
day_on_name_acquired_cb (GDBusConnection *connection,
                         const char      *name,
                         gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

static inline void
day_start_notification_server (void)
{
  static const GDBusInterfaceVTable vtable = { day_on_notification_cb, NULL, NULL, { 0 } };
  static const char xml[] =
    "<node><interface name='org.gtk.Notifications'>"
    "<method name='AddNotification'><arg type='s'/><arg type='s'/><arg type='a{sv}'/></method>"
    "<method name='RemoveNotification'><arg type='s'/><arg type='s'/></method>"
    "</interface></node>";
  static gboolean acquired;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (xml, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (bus);
  g_dbus_connection_register_object (bus, "/org/gtk/Notifications", info->interfaces[0], &vtable,
                                     NULL, NULL, &error);
  g_assert_no_error (error);
  g_bus_own_name_on_connection (bus, "org.gtk.Notifications", G_BUS_NAME_OWNER_FLAGS_NONE,
                                day_on_name_acquired_cb, NULL, &acquired, NULL);
  TEST_WAIT_UNTIL (acquired, DAY_WAIT_MS);
}

/* Closes the call pop-ups the test's calls opened, and lets the pop-up manager settle, so
 * that nothing of theirs is left to do while the application quits. */
static inline void
day_close_popups (AgentApplication *app)
{
  AgentPopupManager *manager = agent_popup_manager_get_for_application (GTK_APPLICATION (app));
  GListModel *popups = agent_popup_manager_get_popups (manager);

  while (g_list_model_get_n_items (popups) > 0)
    {
      g_autoptr(GtkWindow) popup = g_list_model_get_item (popups, 0);
      guint before = g_list_model_get_n_items (popups);

      gtk_window_close (popup);
      TEST_WAIT_UNTIL (g_list_model_get_n_items (popups) < before, DAY_WAIT_MS);
    }
  for (guint i = 0; i < 1000 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}
