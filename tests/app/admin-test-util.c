/* admin-test-util.c — the administrator pages' tests: log in, show a page, find its dialogs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <unistd.h>
#include <glib/gstdio.h>

#include "agent-window.h"
#include "admin-test-util.h"

typedef struct
{
  AdminFixture *f;
  TestAppBody   body;
} RunData;

void
admin_fixture_setup (AdminFixture  *f,
                     gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  /* settings live in memory for the whole program: each test starts from the defaults */
  g_settings_reset (settings, "server");
  g_settings_reset (settings, "account");
  g_settings_reset (settings, "check-in-at-login");
  g_settings_reset (settings, "board-refresh-seconds");

  f->sandbox = test_sandbox_new ();
  f->server = test_sandbox_get_url (f->sandbox);
  f->trace_offset = test_trace_offset ();
  f->data = (gpointer) data;
}

void
admin_fixture_teardown (AdminFixture  *f,
                        gconstpointer  data)
{
  g_clear_pointer (&f->sandbox, test_sandbox_free);
}

static void
run_body_cb (AgentApplication *app,
             gpointer          user_data)
{
  RunData *run = user_data;
  AgentSession *session = agent_application_get_session (app);

  TEST_WAIT_UNTIL (agent_session_get_logged_in (session), ADMIN_WAIT_MS);
  run->body (app, run->f);
}

void
admin_run (AdminFixture *f,
           const char   *account,
           const char   *password,
           TestAppBody   body)
{
  g_autofree char *file = test_write_password_file (password);
  const char *argv[] = { "--server", f->server, "--account", account, "--password-file", file, NULL };
  RunData run = { f, body };

  test_app_run (argv, run_body_cb, &run);
  g_unlink (file);
}

JsonObject *
admin_wait_trace (AdminFixture  *f,
                  GPtrArray    **lines,
                  const char    *event,
                  const char    *field,
                  const char    *value)
{
  gint64 deadline = g_get_monotonic_time () + ADMIN_WAIT_MS * 1000;

  for (;;)
    {
      JsonObject *found;

      g_clear_pointer (lines, g_ptr_array_unref);
      *lines = test_trace_read (f->trace_offset);
      found = test_trace_find (*lines, event, field, value);
      if (found != NULL)
        return found;
      if (g_get_monotonic_time () > deadline)
        g_error ("No trace event %s %s=%s", event, field ? field : "", value ? value : "");
      test_iterate ();
    }
}

GtkWidget *
admin_show_page (AdminFixture     *f,
                 AgentApplication *app,
                 const char       *name,
                 gint64           *out_rows)
{
  g_autoptr(GPtrArray) lines = NULL;
  JsonObject *shown;

  f->trace_offset = test_trace_offset ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-page", g_variant_new_string (name));
  shown = admin_wait_trace (f, &lines, "page-shown", "page", name);
  if (out_rows != NULL)
    *out_rows = json_object_get_int_member (shown, "rows");
  return agent_window_get_page (agent_application_get_window (app), name);
}

AdwMessageDialog *
admin_find_dialog (AgentApplication *app,
                   const char       *css_class)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        gtk_widget_has_css_class (l->data, css_class))
      return l->data;
  return NULL;
}

AdwMessageDialog *
admin_wait_dialog (AgentApplication *app,
                   const char       *css_class)
{
  AdwMessageDialog *dialog = NULL;

  TEST_WAIT_UNTIL ((dialog = admin_find_dialog (app, css_class)) != NULL, ADMIN_WAIT_MS);
  return dialog;
}

static GtkWindow *
find_window (AgentApplication *app,
             GType             type)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

GtkWindow *
admin_wait_window (AgentApplication *app,
                   GType             type)
{
  GtkWindow *window = NULL;

  TEST_WAIT_UNTIL ((window = find_window (app, type)) != NULL, ADMIN_WAIT_MS);
  return window;
}

gpointer
admin_find_descendant (GtkWidget *widget,
                       GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gpointer found = admin_find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

gboolean
admin_has_label (GtkWidget  *widget,
                 const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (admin_has_label (child, text))
      return TRUE;
  return FALSE;
}

BbhClient *
admin_client_new (AdminFixture *f,
                  const char   *account,
                  const char   *password)
{
  g_autofree char *md5 = bbh_password_md5 (password);

  return bbh_client_new (f->server, account, md5);
}

void
admin_store_result_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

GAsyncResult *
admin_wait_result (GAsyncResult **slot)
{
  TEST_WAIT_UNTIL (*slot != NULL, ADMIN_WAIT_MS);
  return *slot;
}

GListModel *
admin_get_blacklists (BbhClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *list;

  bbh_client_get_blacklists_async (client, NULL, admin_store_result_cb, &result);
  list = bbh_client_get_blacklists_finish (client, admin_wait_result (&result), NULL, &error);
  g_assert_no_error (error);
  return list;
}

GListModel *
admin_get_extensions (BbhClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *list;

  bbh_client_get_extensions_async (client, NULL, admin_store_result_cb, &result);
  list = bbh_client_get_extensions_finish (client, admin_wait_result (&result), NULL, &error);
  g_assert_no_error (error);
  return list;
}

GPtrArray *
admin_requests (AdminFixture *f,
                const char   *method)
{
  g_autoptr(JsonNode) node = test_sandbox_dup_requests (f->sandbox);
  JsonArray *requests;
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  /* {"total","requests":[…]} or a bare array */
  if (JSON_NODE_HOLDS_OBJECT (node))
    requests = json_object_get_array_member (json_node_get_object (node), "requests");
  else
    requests = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (request, "method", ""), method) == 0)
        g_ptr_array_add (found, json_object_ref (request));
    }
  return found;
}
